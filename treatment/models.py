from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from treatment import vocabulary


class ServiceCode(models.Model):
    """SAMHSA's key to the service codes, loaded as data (migration 0002)."""

    SAMHSA_KEY = "samhsa"
    SUPPLEMENT = "supplement"

    code = models.CharField(max_length=12, primary_key=True)
    label = models.CharField(max_length=255)
    group = models.CharField(max_length=100, blank=True)
    group_order = models.PositiveSmallIntegerField(default=999)
    source = models.CharField(
        max_length=12,
        choices=[
            (SAMHSA_KEY, _("SAMHSA's code key")),
            (SUPPLEMENT, _("FirstStep supplement: codes SAMHSA's key file leaves out")),
        ],
        default=SAMHSA_KEY,
    )

    class Meta:
        ordering = ["group_order", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class FacilityQuerySet(models.QuerySet):
    def active(self) -> "FacilityQuerySet":
        """Listed to the public: active, and not a duplicate merged into another listing."""
        return self.filter(active=True, merged_into__isnull=True)

    def located(self) -> "FacilityQuerySet":
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def offering_any(self, codes) -> "FacilityQuerySet":
        """Facilities listing at least one of the codes (codes are stored space-delimited)."""
        query = models.Q()
        for code in codes:
            query |= models.Q(service_codes__contains=f" {code} ")
        return self.filter(query)


class Facility(models.Model):
    SOURCE_DIRECTORY = "samhsa_directory"
    SOURCE_LOCATOR = "samhsa_locator"
    SOURCES = [
        (SOURCE_DIRECTORY, _("SAMHSA national directory (CSV)")),
        (SOURCE_LOCATOR, _("SAMHSA treatment locator (JSON)")),
    ]
    LOCATED_BY_FILE = "file"
    LOCATED_BY_ZIP = "zip"
    LOCATED_BY_STAFF = "staff"
    NOT_LOCATED = ""
    LOCATION_SOURCES = [
        (LOCATED_BY_FILE, _("Coordinates in SAMHSA's file")),
        (LOCATED_BY_ZIP, _("Center of the ZIP code (GeoNames)")),
        (LOCATED_BY_STAFF, _("Set by staff")),
        (NOT_LOCATED, _("Not located")),
    ]
    # The fields an import writes; staff corrections to any of them are kept.
    IMPORTED_FIELDS = (
        "name",
        "name2",
        "street1",
        "street2",
        "address_withheld",
        "city",
        "state",
        "zip_code",
        "phone",
        "phone_extension",
        "intake_phone",
        "intake_phone_extension",
        "website",
        "latitude",
        "longitude",
        "location_source",
        "service_codes",
    )

    name = models.CharField(_("name"), max_length=255)
    name2 = models.CharField(_("second name"), max_length=255, blank=True)
    street1 = models.CharField(_("street"), max_length=255, blank=True)
    street2 = models.CharField(_("street, second line"), max_length=255, blank=True)
    # SAMHSA publishes "- - -" for a street the facility asked to withhold: no street is stored.
    address_withheld = models.BooleanField(_("street address withheld"), default=False)
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True, db_index=True)
    zip_code = models.CharField(_("ZIP code"), max_length=5, blank=True)
    # Phones are stored as +1 and ten digits, ready for tel: links.
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    phone_extension = models.CharField(_("phone extension"), max_length=10, blank=True)
    intake_phone = models.CharField(_("intake phone"), max_length=16, blank=True)
    intake_phone_extension = models.CharField(
        _("intake phone extension"), max_length=10, blank=True
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    location_source = models.CharField(
        _("location from"), max_length=5, choices=LOCATION_SOURCES, blank=True
    )
    # " SA DT OP BU " — delimited by spaces at both ends so a LIKE '% BU %' finds a whole code.
    service_codes = models.TextField(_("SAMHSA service codes"), blank=True, default="")
    # The filterable facts in service_codes as bits (vocabulary.FEATURE_BITS); kept in step
    # by save() and the importer.
    features = models.BigIntegerField(default=0, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=SOURCES)
    source_id = models.CharField(_("source identity"), max_length=80, unique=True)
    source_date = models.DateField(_("SAMHSA data of"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now_add=True)
    verified_at = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_corrected_fields = models.JSONField(
        _("fields corrected by staff"), default=list, blank=True
    )
    # What an import wanted to write into a staff-corrected field: {field: value}.
    import_conflicts = models.JSONField(_("import changes not applied"), default=dict, blank=True)
    # A locator listing of the same facility as a directory row is merged into that row: one
    # listing, with the locator's coordinates (importers/merging.py).
    # No index of its own: SQLite would pick it for the search's "merged_into IS NULL" over
    # the covering facility_search index, and read every row.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        db_index=False,
    )
    # The date of the oldest open "something wrong" report, kept here so a results page
    # needs no extra query (treatment/reports.py keeps it in step).
    reported_on = models.DateField(_("reported out of date on"), null=True, blank=True)

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "facilities"
        ordering = ["name"]
        indexes = [
            # Covers the radius search's bounding box and filters: no table row is read until
            # the page of results is fetched.
            models.Index(
                fields=["latitude", "longitude", "active", "merged_into", "features"],
                name="facility_search",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city}, {self.state})" if self.city else self.name

    def save(self, *args, **kwargs) -> None:
        self.features = vocabulary.features_for(self.codes)
        if kwargs.get("update_fields") is not None and "service_codes" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "features"}
        super().save(*args, **kwargs)

    @property
    def located_by_zip(self) -> bool:
        return self.location_source == self.LOCATED_BY_ZIP

    @property
    def street_known(self) -> bool:
        return bool(self.street1) and not self.address_withheld

    @property
    def address_line(self) -> str:
        street = ", ".join(part for part in (self.street1, self.street2) if part)
        place = " ".join(part for part in (self.state, self.zip_code) if part)
        return ", ".join(part for part in (street, self.city, place) if part)

    @property
    def directions_url(self) -> str:
        # The one deliberate link off the site: the person's own maps app takes over.
        query = urlencode({"api": "1", "destination": f"{self.name}, {self.address_line}"})
        return f"https://www.google.com/maps/dir/?{query}"

    @property
    def codes(self) -> list[str]:
        return self.service_codes.split()

    def categories(self) -> list[str]:
        return vocabulary.categories_for(self.codes)

    def medications(self) -> list[str]:
        return vocabulary.medications_for(self.codes)

    def _listed_in(self, names: dict[str, str]) -> list[str]:
        """This facility's codes among `names`, in the vocabulary's order."""
        codes = set(self.codes)
        return [code for code in names if code in codes]

    def payments(self) -> list[str]:
        return self._listed_in(vocabulary.PAYMENT)

    def languages(self) -> list[str]:
        return self._listed_in(vocabulary.LANGUAGE)

    @property
    def spanish(self) -> bool:
        return vocabulary.SPANISH_CODE in self.codes

    def ages(self) -> list[str]:
        return self._listed_in(vocabulary.AGE)

    def genders(self) -> list[str]:
        return self._listed_in(vocabulary.GENDER)

    def groups(self) -> list[str]:
        return self._listed_in(vocabulary.GROUP)

    @property
    def telehealth(self) -> bool:
        return vocabulary.TELEHEALTH_CODE in self.codes

    # The same, in plain words for the pages, translated here: a template joining lazy
    # translations costs several times more (a search page joins some 200 of them).
    def category_names(self) -> list[str]:
        return [str(vocabulary.CATEGORY_NAMES[c]) for c in self.categories()]

    def medication_names(self) -> list[str]:
        return [str(vocabulary.MEDICATION_NAMES[c]) for c in self.medications()]

    def payment_names(self) -> list[str]:
        return [str(vocabulary.PAYMENT[c]) for c in self.payments()]

    def language_names(self) -> list[str]:
        return [str(vocabulary.LANGUAGE[c]) for c in self.languages()]

    def group_names(self) -> list[str]:
        return [str(vocabulary.GROUP[c]) for c in self.groups()]

    def age_names(self) -> list[str]:
        return [str(vocabulary.AGE[c]) for c in self.ages()]

    def gender_names(self) -> list[str]:
        return [str(vocabulary.GENDER[c]) for c in self.genders()]


class ImportRun(models.Model):
    """One run of import_facilities, with its report, for staff to look back on."""

    path = models.CharField(max_length=500)
    format = models.CharField(max_length=20)
    data_date = models.DateField()
    started_at = models.DateTimeField(auto_now_add=True)
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.path} ({self.started_at:%Y-%m-%d %H:%M})"


class ListingReport(models.Model):
    """Someone's note that a listing is out of date. Nothing about the person is kept."""

    WRONG_PHONE = "wrong_phone"
    CLOSED = "closed"
    WRONG_SERVICES = "wrong_services"
    OTHER = "other"
    PROBLEMS = [
        (WRONG_PHONE, _("The phone number is wrong")),
        (CLOSED, _("It has closed or moved")),
        (WRONG_SERVICES, _("The services listed are wrong")),
        (OTHER, _("Something else")),
    ]

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="reports"
    )
    problem = models.CharField(_("problem"), max_length=20, choices=PROBLEMS)
    note = models.TextField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("listing report")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="listing_report_queue")]

    def __str__(self) -> str:
        return f"{self.facility.name}: {self.get_problem_display()}"
