from django.contrib import admin
from django.http import HttpRequest
from django_otp.admin import OTPAdminSite

from admissions.access import SUPERVISORS_GROUP
from admissions.models import AuditEvent

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
