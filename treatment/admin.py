import datetime

from django import forms
from django.contrib import admin, messages
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from treatment import reports, vocabulary
from treatment.models import Facility, ImportRun, ListingReport, ServiceCode


class CategoryFilter(admin.SimpleListFilter):
    title = _("type of care")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return list(vocabulary.CATEGORY_NAMES.items())

    def queryset(self, request, queryset):
        if self.value() in vocabulary.CATEGORY_CODES:
            return queryset.offering_any(vocabulary.CATEGORY_CODES[self.value()])
        return queryset


class CorrectedFilter(admin.SimpleListFilter):
    title = _("staff corrections")
    parameter_name = "corrected"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Corrected by staff")),
            ("conflict", _("Import changes not applied")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(staff_corrected_fields=[])
        if self.value() == "conflict":
            return queryset.exclude(import_conflicts={})
        return queryset


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Not verified for over a year (or never)")),
            ("reported", _("Reported out of date")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            year_ago = timezone.localdate() - datetime.timedelta(days=365)
            return queryset.filter(Q(verified_at__isnull=True) | Q(verified_at__lt=year_ago))
        if self.value() == "reported":
            return queryset.filter(reported_on__isnull=False)
        return queryset


class ListingReportInline(admin.TabularInline):
    model = ListingReport
    extra = 0
    can_delete = False
    fields = ("created_at", "problem", "note", "resolved_at", "resolved_by")
    readonly_fields = fields
    ordering = ("-created_at",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ServiceCodesField(forms.CharField):
    """Codes typed any way ("bu, op") are stored as the search expects: " BU OP "."""

    def __init__(self, **kwargs):
        kwargs["strip"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        codes = (value or "").replace(",", " ").upper().split()
        return f" {' '.join(dict.fromkeys(codes))} " if codes else ""


class FacilityForm(forms.ModelForm):
    service_codes = ServiceCodesField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("SAMHSA service codes separated by spaces, e.g. SA OP BU MD."),
    )

    class Meta:
        model = Facility
        fields = ("name", "name2", "active", *Facility.IMPORTED_FIELDS)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    form = FacilityForm
    list_display = (
        "name",
        "city",
        "state",
        "zip_code",
        "active",
        "verified_at",
        "reported_on",
        "source_date",
    )
    # Listings nobody has checked for longest come first: never verified, then oldest.
    ordering = (F("verified_at").asc(nulls_first=True), "name")
    inlines = [ListingReportInline]
    list_filter = (
        VerificationFilter,
        "active",
        "state",
        CategoryFilter,
        "location_source",
        CorrectedFilter,
        "source",
    )
    search_fields = ("name", "name2", "street1", "city", "zip_code", "phone", "source_id")
    list_per_page = 50
    actions = ["mark_verified"]
    readonly_fields = (
        "source",
        "source_id",
        "source_date",
        "imported_at",
        "updated_at",
        "verified_at",
        "verified_by",
        "staff_corrected_fields",
        "import_conflicts",
        "reported_on",
        "merged_into",
    )
    fieldsets = (
        (None, {"fields": ("name", "name2", "active")}),
        (
            _("Address and contact"),
            {
                "fields": (
                    ("street1", "street2"),
                    "address_withheld",
                    ("city", "state", "zip_code"),
                    ("phone", "phone_extension"),
                    ("intake_phone", "intake_phone_extension"),
                    "website",
                )
            },
        ),
        (_("Location"), {"fields": (("latitude", "longitude"), "location_source")}),
        (_("Services"), {"fields": ("service_codes",)}),
        (
            _("Source, corrections and verification"),
            {
                "fields": (
                    ("source", "source_id", "source_date"),
                    ("imported_at", "updated_at"),
                    ("verified_at", "verified_by", "reported_on"),
                    "merged_into",
                    "staff_corrected_fields",
                    "import_conflicts",
                )
            },
        ),
    )

    def save_model(self, request: HttpRequest, obj: Facility, form, change: bool) -> None:
        # Every imported field staff change is a correction the next import must not overwrite.
        corrected = [f for f in form.changed_data if f in Facility.IMPORTED_FIELDS]
        if {"latitude", "longitude"} & set(corrected):
            obj.location_source = Facility.LOCATED_BY_STAFF
            corrected.append("location_source")
        if corrected:
            obj.staff_corrected_fields = sorted(
                set(obj.staff_corrected_fields or []) | set(corrected)
            )
            obj.import_conflicts = {
                k: v for k, v in (obj.import_conflicts or {}).items() if k not in corrected
            }
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark verified today (by me), clearing their reports"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = reports.mark_verified(queryset.values_list("pk", flat=True), request.user)
        self.message_user(
            request,
            ngettext("%d facility marked verified.", "%d facilities marked verified.", count)
            % count,
            messages.SUCCESS,
        )


class OpenFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("resolved", _("Resolved"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    """The queue of "something wrong with this listing" reports, oldest open first."""

    list_display = ("created_at", "facility_link", "problem", "note", "resolved_at")
    list_filter = (OpenFilter, "problem")
    list_select_related = ("facility",)
    ordering = (F("resolved_at").asc(nulls_first=True), "created_at")
    actions = ["verify_listing"]
    fields = ("facility", "problem", "note", "created_at", "resolved_at", "resolved_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("facility"), ordering="facility__name")
    def facility_link(self, report: ListingReport) -> str:
        url = reverse("admin:treatment_facility_change", args=[report.facility_id])
        return format_html('<a href="{}">{}</a>', url, report.facility)

    @admin.action(description=_("Listing checked: mark it verified today, clearing its reports"))
    def verify_listing(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = reports.mark_verified(
            set(queryset.values_list("facility_id", flat=True)), request.user
        )
        self.message_user(
            request,
            ngettext("%d facility marked verified.", "%d facilities marked verified.", count)
            % count,
            messages.SUCCESS,
        )

    def delete_model(self, request: HttpRequest, obj: ListingReport) -> None:
        super().delete_model(request, obj)
        reports.refresh_reported_on([obj.facility_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        facility_ids = set(queryset.values_list("facility_id", flat=True))
        super().delete_queryset(request, queryset)
        reports.refresh_reported_on(facility_ids)


@admin.register(ServiceCode)
class ServiceCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "group", "source")
    list_filter = ("source", "group")
    search_fields = ("code", "label")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("path", "format", "data_date", "started_at")
    readonly_fields = ("path", "format", "data_date", "started_at", "report")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
