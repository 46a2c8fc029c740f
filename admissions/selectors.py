"""Reads for the admissions side."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from admissions.access import ADMISSIONS_GROUP
from admissions.models import OPEN_STATUSES, Referral, Team, TeamMembership
from screening.models import Screening
from screening.references import REFERENCE_LENGTH
from treatment.search import find_place, miles_between


def looks_like_reference(reference: str) -> bool:
    return len(reference) == REFERENCE_LENGTH and all(
        c.isascii() and (c.isalnum() or c in "-_") for c in reference
    )


def screening_by_reference(reference: str) -> Screening | None:
    """The screening a reference opens, or None: the same for wrong and withdrawn references.

    The lookup compares SHA-256 digests in the database, so its timing says
    nothing about how close a guess was; a withdrawn screening's digest was
    replaced, so its old reference is simply wrong.
    """
    if not looks_like_reference(reference):
        return None
    return (
        Screening.objects.by_reference(reference)
        .exclude(referral__status="withdrawn")
        .select_related("referral")
        .first()
    )


def referral_by_reference(reference: str) -> Referral | None:
    screening = screening_by_reference(reference)
    if screening is None:
        return None
    return getattr(screening, "referral", None)


# Teams: staff see and act on their own teams' referrals only.


def team_ids_for(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(TeamMembership.objects.filter(user=user).values_list("team_id", flat=True))


def teams_for(user) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=team_ids_for(user))


def referrals_for(user) -> QuerySet[Referral]:
    """The referrals of the user's teams: every staff list, page and action starts here."""
    return Referral.objects.filter(team_id__in=team_ids_for(user))


def team_members(team: Team):
    """Who may be assigned a team's case: its active admissions staff."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=ADMISSIONS_GROUP, team_memberships__team=team)
        .order_by("username")
        .distinct()
    )


def _team_distance(team: Team, origin) -> float | None:
    distances = []
    for area in team.area_list():
        place = find_place(area)
        if place is not None:
            distances.append(
                miles_between(origin.latitude, origin.longitude, place.latitude, place.longitude)
            )
    return min(distances) if distances else None


def teams_to_choose(zip_code: str = "") -> list[tuple[Team, float | None]]:
    """Active teams with their distance in miles, nearest first when a known ZIP is given."""
    teams = list(Team.objects.filter(is_active=True))
    origin = find_place(zip_code) if zip_code else None
    if origin is None:
        return [(team, None) for team in teams]
    with_distance = [(team, _team_distance(team, origin)) for team in teams]
    # Teams whose areas have no known place go last, by name.
    return sorted(with_distance, key=lambda pair: (pair[1] is None, pair[1] or 0.0, pair[0].name))


# Call-backs.


def needs_fast_callback(referral: Referral) -> bool:
    """An emergency, or a person who said they are ready: the team's target applies."""
    screening = referral.screening
    return bool(screening.emergency) or screening.answers.get("readiness") == "ready"


def urgency(referral: Referral) -> str:
    """ "high" or "normal": the only thing a notification says about a referral."""
    screening = referral.screening
    high = screening.emergency or screening.has_red_flags or needs_fast_callback(referral)
    return "high" if high else "normal"


@dataclass(frozen=True)
class Overdue:
    missed_target: bool  # emergency or ready, not attempted within the team's target
    attempt_due: bool  # the next attempt staff set has come

    def __bool__(self) -> bool:
        return self.missed_target or self.attempt_due


def overdue(referral: Referral, now: datetime | None = None, attempts: int | None = None):
    now = now or timezone.now()
    if referral.status not in OPEN_STATUSES:
        return Overdue(False, False)
    if attempts is None:
        attempts = getattr(referral, "attempt_count", None)
    if attempts is None:
        attempts = referral.attempts.count()
    target = referral.sent_at + timedelta(minutes=referral.team.target_minutes)
    missed = attempts == 0 and needs_fast_callback(referral) and target <= now
    due = referral.next_attempt_at is not None and referral.next_attempt_at <= now
    return Overdue(missed, due)


def with_attempts(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.annotate(
        attempt_count=Count("attempts", distinct=True),
        last_attempt_at=Max("attempts__attempted_at"),
    )


def overdue_first(referrals, now: datetime | None = None) -> list[tuple[Referral, Overdue]]:
    """Missed targets first, then attempts that are due, then the rest; each group keeps
    the order it came in (triage order). In Python: the target is per team and an open
    queue is a few hundred rows at most."""
    now = now or timezone.now()
    marked = [(referral, overdue(referral, now)) for referral in referrals]
    return sorted(marked, key=lambda pair: (not pair[1].missed_target, not pair[1].attempt_due))


def overdue_referrals(team: Team, now: datetime | None = None) -> list[tuple[Referral, Overdue]]:
    """A team's open, overdue referrals (never a withdrawn one), for the daily digest."""
    referrals = with_attempts(
        Referral.objects.open().filter(team=team).select_related("screening", "team")
    ).in_triage_order()
    return [(r, o) for r, o in overdue_first(referrals, now) if o]


def last_attempt_date(referral: Referral) -> datetime | None:
    """When the team last tried to reach the person: what their status page may say."""
    return referral.attempts.values_list("attempted_at", flat=True).first()


# What the call and text buttons say: the person's own choices, in staff's words.


@dataclass(frozen=True)
class ContactGuidance:
    summary: list[str]
    call_label: str
    text_label: str
    can_call: bool
    can_text: bool
    can_email: bool


def contact_guidance(referral: Referral) -> ContactGuidance:
    if referral.is_discreet:
        style = _("Discreet: say only your first name, no voicemail naming the center.")
        text_style = _("Discreet: first name only, nothing about where it is from")
    else:
        style = _("You may say you are calling from the admissions team.")
        text_style = _("May say it is from the admissions team")
    voicemail = (
        _("a voicemail is OK") if referral.ok_to_leave_message else _("do not leave a voicemail")
    )
    ways = [
        str(label)
        for allowed, label in (
            (referral.may_call, _("phone call")),
            (referral.may_text, _("text message")),
            (referral.may_email, _("email")),
        )
        if allowed
    ]
    summary = [
        str(style),
        str(_("Ways they agreed to: %(ways)s.") % {"ways": ", ".join(ways) or _("none given")}),
    ]
    if referral.best_time:
        summary.append(str(_("Best time: %(time)s.") % {"time": referral.best_time}))
    if referral.preferred_language:
        summary.append(str(_("Speak: %(language)s.") % {"language": referral.preferred_language}))
    if referral.screening.mode == "family":
        summary.append(str(_("A family member sent this: contact them, not their loved one.")))
        knows = {
            "yes": _("The loved one knows about this screening."),
            "no": _("The loved one does NOT know about this screening."),
            "unsure": _("The family member is not sure whether the loved one knows."),
        }.get(referral.loved_one_knows)
        if knows:
            summary.append(str(knows))
    has_phone = bool(referral.contact_phone)
    call_label = _("Call (%(style)s; %(voicemail)s)") % {
        "style": _("first name only") if referral.is_discreet else _("may name the team"),
        "voicemail": voicemail,
    }
    text_label = _("Text (%(style)s)") % {"style": text_style}
    return ContactGuidance(
        summary=summary,
        call_label=str(call_label),
        text_label=str(text_label),
        can_call=has_phone and referral.may_call,
        can_text=has_phone and referral.may_text,
        can_email=bool(referral.contact_email) and referral.may_email,
    )
