from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from admissions.access import SUPERVISORS_GROUP
from admissions.models import AuditEvent, Team, TeamMembership
from admissions.selectors import team_ids_for

# The admin shows the audit log and accounts: it asks for the second factor too.
admin.site.__class__ = OTPAdminSite


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Supervisors read the audit log here; nobody adds, changes or deletes it."""

    list_display = ("created_at", "actor_username", "action", "referral", "screening_id_copy")
    list_filter = ("action", "created_at")
    search_fields = ("actor_username",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "created_at",
        "actor",
        "actor_username",
        "action",
        "referral",
        "screening_id_copy",
        "detail",
    )
    actions = None

    def get_queryset(self, request: HttpRequest):
        # A supervisor reads the trail of their own teams' cases and their members' actions.
        events = super().get_queryset(request)
        if request.user.is_superuser:
            return events
        teams = team_ids_for(request.user)
        return events.filter(
            Q(referral__team_id__in=teams)
            | Q(referral__isnull=True, actor__team_memberships__team_id__in=teams)
        ).distinct()

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        user = request.user
        return user.is_active and (
            user.is_superuser or user.groups.filter(name=SUPERVISORS_GROUP).exists()
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 1
    raw_id_fields = ("user",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Teams are managed here: the places they serve, their call-back target, their members."""

    list_display = ("name", "target_minutes", "is_active", "member_count")
    list_filter = ("is_active",)
    search_fields = ("name", "areas")
    inlines = [TeamMembershipInline]

    @admin.display(description=_("members"))
    def member_count(self, team: Team) -> int:
        return team.memberships.count()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Referrals protect their team; a team that took none may go.
        if obj is not None and obj.referrals.exists():
            return False
        return super().has_delete_permission(request, obj)
