from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from treatment import vocabulary
from treatment.models import Facility, ImportRun, ServiceCode


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
    list_display = ("name", "city", "state", "zip_code", "active", "verified_at", "source_date")
    list_filter = (
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
    )
    fieldsets = (
        (None, {"fields": ("name", "name2", "active")}),
        (
            _("Address and contact"),
            {
                "fields": (
                    ("street1", "street2"),
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
                    ("verified_at", "verified_by"),
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

    @admin.action(description=_("Mark verified today (by me)"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.update(verified_at=timezone.localdate(), verified_by=request.user)
        self.message_user(
            request,
            ngettext("%d facility marked verified.", "%d facilities marked verified.", count)
            % count,
            messages.SUCCESS,
        )


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
