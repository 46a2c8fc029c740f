"""What a person sends to the admissions team, what staff do with it, and the audit trail.

Nothing here exists until the person sends their screening with consent.
Withdrawal erases the personal content for good and keeps an anonymous
"withdrawn" record; audit events are append-only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from screening.models import Screening
from screening.scoring import CARE_LEVELS

# The consent text shown on the consent page; bump it whenever that text changes.
CONSENT_VERSION = "2026-12-1"

DEFAULT_TEAM_NAME = "Admissions"
DEFAULT_TARGET_MINUTES = 60


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    SCHEDULED = "scheduled", _("Scheduled")
    ADMITTED = "admitted", _("Admitted")
    REFERRED = "referred", _("Referred elsewhere")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the person")


OPEN_STATUSES = (Status.NEW, Status.CONTACTED, Status.SCHEDULED)

# new → contacted → scheduled → admitted | referred | closed. Closing is possible
# at any open step; a closed case can be picked up again if the person calls back.
# Only the person can withdraw (admissions.services.referral_withdraw).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Status.CONTACTED, Status.REFERRED, Status.CLOSED),
    Status.CONTACTED: (Status.SCHEDULED, Status.REFERRED, Status.CLOSED),
    Status.SCHEDULED: (Status.ADMITTED, Status.REFERRED, Status.CLOSED, Status.CONTACTED),
    Status.ADMITTED: (),
    Status.REFERRED: (),
    Status.CLOSED: (Status.CONTACTED,),
    Status.WITHDRAWN: (),
}

# What the person sees of their case: no more than they need.
PERSON_STATUS = {
    Status.NEW: _("Received"),
    Status.CONTACTED: _("We tried to reach you"),
    Status.SCHEDULED: _("We tried to reach you"),
    Status.ADMITTED: _("Closed"),
    Status.REFERRED: _("Closed"),
    Status.CLOSED: _("Closed"),
}


class Team(models.Model):
    """An admissions team: the places it serves, its members and how fast it calls back."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    areas = models.TextField(
        _("towns or ZIP codes served"),
        blank=True,
        help_text=_('One per line: a 5-digit ZIP code or "Town, ST".'),
    )
    target_minutes = models.PositiveIntegerField(
        _("call-back target (minutes)"),
        default=DEFAULT_TARGET_MINUTES,
        help_text=_("An emergency or ready referral not attempted within this is overdue."),
    )
    is_active = models.BooleanField(_("takes new referrals"), default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TeamMembership", related_name="admissions_teams"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def area_list(self) -> list[str]:
        return [line.strip() for line in self.areas.splitlines() if line.strip()]


class TeamRole(models.TextChoices):
    MEMBER = "member", _("Member")
    # Gets the daily digest of the team's overdue referrals.
    SUPERVISOR = "supervisor", _("Supervisor")


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(max_length=20, choices=TeamRole.choices, default=TeamRole.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"


class MessageStyle(models.TextChoices):
    NAMED = "named", _("May say it is from the admissions team")
    DISCREET = "discreet", _("Only a first name, nothing about where it is from")


class LovedOneKnows(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class ReferralQuerySet(models.QuerySet):
    def open(self) -> "ReferralQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def active(self) -> "ReferralQuerySet":
        return self.exclude(status=Status.WITHDRAWN)

    def in_triage_order(self) -> "ReferralQuerySet":
        """Emergency and red flags first, then the most intensive care level, then oldest."""
        care_rank = Case(
            *[
                When(screening__care_level=level, then=Value(i))
                for i, level in enumerate(CARE_LEVELS)
            ],
            default=Value(len(CARE_LEVELS)),
            output_field=IntegerField(),
        )
        return self.annotate(care_rank=care_rank).order_by(
            "-screening__emergency", "-screening__has_red_flags", "care_rank", "sent_at", "pk"
        )


class Referral(models.Model):
    """A screening the person chose to send, with the ways to reach them they gave."""

    screening = models.OneToOneField(Screening, on_delete=models.PROTECT, related_name="referral")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="referrals")
    # The language the person used the site in, for the FHIR export's texts.
    language = models.CharField(max_length=10, blank=True)
    consent_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField()
    contact_name = models.CharField(_("first name or initials"), max_length=60, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("email"), max_length=254, blank=True)
    best_time = models.CharField(_("best time to reach"), max_length=100, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=40, blank=True)
    ok_to_leave_message = models.BooleanField(_("OK to leave a voicemail"), default=False)
    # How the person agreed to be reached, and what a voicemail or text may say.
    may_call = models.BooleanField(_("may call"), default=False)
    may_text = models.BooleanField(_("may text"), default=False)
    may_email = models.BooleanField(_("may email"), default=False)
    message_style = models.CharField(
        max_length=10, choices=MessageStyle.choices, default=MessageStyle.DISCREET
    )
    # Family mode only: whether the loved one knows about the screening.
    loved_one_knows = models.CharField(max_length=10, choices=LovedOneKnows.choices, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_referrals",
    )
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return self.case_label

    @property
    def case_label(self) -> str:
        """How staff name a case: never the person's reference."""
        return f"FS-{self.pk:06d}"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def person_status(self) -> str:
        return str(PERSON_STATUS.get(self.status, ""))

    def allowed_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())

    @property
    def is_discreet(self) -> bool:
        return self.message_style == MessageStyle.DISCREET


class ContactMethod(models.TextChoices):
    CALL = "call", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class ContactOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no_answer", _("No answer")
    DISCREET_MESSAGE = "discreet_message", _("Left a discreet message")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


class ContactAttempt(models.Model):
    """One try to reach the person. Deleted when the person withdraws."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attempts")
    attempted_at = models.DateTimeField(_("when"), default=timezone.now)
    method = models.CharField(_("how"), max_length=10, choices=ContactMethod.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ContactOutcome.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-attempted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.method} {self.outcome}"


class StatusChange(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.CharField(max_length=500, blank=True)
    # Empty when the person made the change (a withdrawal).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("append-only records cannot be deleted")


class AppendOnlyModel(models.Model):
    """Rows written once: an instance is never saved again nor deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError(f"{self._meta.verbose_name_plural} are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.verbose_name_plural} are append-only")


class Note(AppendOnlyModel):
    """A staff note: append-only. Withdrawal blanks the text, nothing else changes it."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    erased = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note {self.pk}"


class AuditAction(models.TextChoices):
    VIEW_DETAIL = "view_detail", _("Viewed a screening")
    VIEW_PDF = "view_pdf", _("Downloaded a screening PDF")
    STATUS_CHANGE = "status_change", _("Changed a status")
    NOTE_ADD = "note_add", _("Added a note")
    ASSIGN = "assign", _("Assigned a case")
    EXPORT = "export", _("Exported the queue")
    EXPORT_FHIR = "export_fhir", _("Downloaded a screening as FHIR")
    CONTACT_ATTEMPT = "contact_attempt", _("Logged a contact attempt")
    WITHDRAW = "withdraw", _("The person withdrew")
    INVITATION_CREATE = "invitation_create", _("Created an authenticator setup link")
    INVITATION_USE = "invitation_use", _("Enrolled an authenticator with a setup link")
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere", _("Signed a user out everywhere")


class AuditEvent(AppendOnlyModel):
    """Who did what, when, to which screening. Never edited, never deleted.

    Holds no personal content (no note text, no contact details): only ids,
    status codes and counts, so a withdrawal does not have to touch it.
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    # Empty for the person's own actions (withdrawal).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Kept as text too, so the record outlives a deleted account.
    actor_username = models.CharField(max_length=150, blank=True, editable=False)
    action = models.CharField(max_length=20, choices=AuditAction.choices, editable=False)
    referral = models.ForeignKey(
        Referral,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
        editable=False,
    )
    screening_id_copy = models.BigIntegerField(
        _("screening id"), null=True, blank=True, editable=False
    )
    detail = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_username or '-'} {self.action}"
