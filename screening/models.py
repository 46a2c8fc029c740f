from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.references import reference_digest
from screening.scoring import CARE_LEVELS, SEVERITIES

MODE_CHOICES = [("self", _("About myself")), ("family", _("About someone I care about"))]


class ScreeningQuerySet(models.QuerySet):
    def by_reference(self, reference: str) -> "ScreeningQuerySet":
        return self.filter(reference_digest=reference_digest(reference))

    def for_result(self, reference: str) -> "Screening | None":
        """The screening with this reference, with only what its result page shows, or None."""
        fields = ("id", "mode", "answers", "assessment", "rules_version", "referral__status")
        return self.by_reference(reference).select_related("referral").only(*fields).first()


class Screening(models.Model):
    """A finished questionnaire and its assessment as scored. No name, no IP address."""

    reference_digest = models.CharField(max_length=64, unique=True, editable=False)
    mode = models.CharField(max_length=10, choices=MODE_CHOICES)
    answers = models.JSONField()
    assessment = models.JSONField()
    rules_version = models.CharField(max_length=20)
    # Copied out of the assessment so staff can sort and filter in SQL.
    severity = models.CharField(max_length=10, choices=[(s, s) for s in SEVERITIES])
    care_level = models.CharField(max_length=20, choices=[(c, c) for c in CARE_LEVELS])
    emergency = models.BooleanField(default=False)
    has_red_flags = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The language the person answered in; staff read the answers in their own.
    language = models.CharField(max_length=10, default="en", db_default="en")

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Screening {self.pk} ({self.mode}, {self.care_level})"

    @property
    def is_sent(self) -> bool:
        """Sent to an admissions team and not withdrawn."""
        referral = getattr(self, "referral", None)  # None when there is no referral row
        return referral is not None and not referral.is_withdrawn


class RetiredReference(models.Model):
    """A reference that was handed out once: the digest of every reference ever derived.

    Written in the same transaction as its screening, and never deleted: withdrawing,
    deleting or purging a screening removes the screening, but its one-time submission
    id stays spent, so no replayed session can make that reference exist again.
    """

    reference_digest = models.CharField(max_length=64, unique=True, editable=False)
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Retired reference {self.pk}"
