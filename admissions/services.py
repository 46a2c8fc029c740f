"""Writes for the admissions side: each one atomic, each staff action audited."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from admissions.models import (
    CONSENT_VERSION,
    DEFAULT_TEAM_NAME,
    AuditAction,
    AuditEvent,
    ContactAttempt,
    MessageStyle,
    Note,
    Referral,
    Status,
    StatusChange,
    Team,
    TeamMembership,
    TeamRole,
)
from screening.models import Screening
from screening.references import reference_digest


class AlreadySent(Exception):
    """The screening was sent before; the existing referral is in `referral`."""

    def __init__(self, referral: Referral) -> None:
        self.referral = referral
        super().__init__("screening already sent to admissions")


class TransitionNotAllowed(ValueError):
    pass


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""
    best_time: str = ""
    preferred_language: str = ""
    ok_to_leave_message: bool = False
    may_call: bool = False
    may_text: bool = False
    may_email: bool = False
    message_style: str = MessageStyle.DISCREET
    loved_one_knows: str = ""


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    referral: Referral | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one audit event. `detail` holds ids, codes and counts only, never personal text."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        action=action,
        referral=referral,
        screening_id_copy=referral.screening_id if referral is not None else None,
        detail=detail or {},
    )


def default_team() -> Team:
    """The team a referral goes to when there is no choice: the only active one, or the
    default team the data migration made (made again if an empty database lacks it)."""
    active = list(Team.objects.filter(is_active=True)[:2])
    if len(active) == 1:
        return active[0]
    return Team.objects.get_or_create(name=DEFAULT_TEAM_NAME)[0]


def team_member_add(*, team: Team, user, role: str = TeamRole.MEMBER) -> TeamMembership:
    membership, _ = TeamMembership.objects.update_or_create(
        team=team, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def referral_send(
    *, screening: Screening, contact: Contact, team: Team | None = None, language: str = ""
) -> Referral:
    """Send a screening to an admissions team with the person's consent and contact details.

    Each member of the team is told by email once the referral is saved (no health data).
    """
    existing = Referral.objects.select_for_update().filter(screening=screening).first()
    if existing is not None:
        raise AlreadySent(existing)
    now = timezone.now()
    # Without a way ticked, a phone number means "call me" and an email address "email me".
    ways = (contact.may_call, contact.may_text, contact.may_email)
    if not any(ways):
        ways = (bool(contact.phone), False, bool(contact.email))
    referral = Referral(
        screening=screening,
        team=team or default_team(),
        language=language[:10],
        consent_version=CONSENT_VERSION,
        consented_at=now,
        contact_name=contact.name,
        contact_phone=contact.phone,
        contact_email=contact.email,
        best_time=contact.best_time,
        preferred_language=contact.preferred_language,
        ok_to_leave_message=contact.ok_to_leave_message,
        may_call=ways[0],
        may_text=ways[1],
        may_email=ways[2],
        message_style=contact.message_style or MessageStyle.DISCREET,
        loved_one_knows=contact.loved_one_knows if screening.mode == "family" else "",
        sent_at=now,
    )
    referral.full_clean()
    referral.save()
    from admissions.notifications import notify_new_referral

    transaction.on_commit(lambda: notify_new_referral(referral.pk))
    return referral


@transaction.atomic
def referral_withdraw(*, referral: Referral) -> None:
    """Erase the contact details, the notes' text and the answers for good.

    What is left is anonymous: a referral marked withdrawn, its dates and the
    audit trail. The screening's reference digest is replaced by a random one,
    so the person's old link and reference lead nowhere (the same 404 as a
    wrong reference) and the record cannot be tied back to them.
    """
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.is_withdrawn:
        return
    previous = referral.status
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(
        contact_name="",
        contact_phone="",
        contact_email="",
        best_time="",
        preferred_language="",
        ok_to_leave_message=False,
        may_call=False,
        may_text=False,
        may_email=False,
        message_style=MessageStyle.DISCREET,
        loved_one_knows="",
        next_attempt_at=None,
        language="",
        assignee=None,
        status=Status.WITHDRAWN,
        withdrawn_at=now,
    )
    # When and how the team tried to reach them is about them too.
    ContactAttempt.objects.filter(referral=referral).delete()
    Note.objects.filter(referral=referral).update(text="", erased=True)
    StatusChange.objects.filter(referral=referral).update(reason="")
    Screening.objects.filter(pk=referral.screening_id).update(
        reference_digest=reference_digest(secrets.token_urlsafe(32)),
        answers={},
        assessment={},
        severity="",
        care_level="",
        emergency=False,
        has_red_flags=False,
    )
    StatusChange.objects.create(
        referral=referral, from_status=previous, to_status=Status.WITHDRAWN, changed_at=now
    )
    audit_record(actor=None, action=AuditAction.WITHDRAW, referral=referral)


@transaction.atomic
def referral_set_status(
    *, referral: Referral, to_status: str, actor: AbstractBaseUser, reason: str = ""
) -> StatusChange:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_status not in referral.allowed_statuses():
        raise TransitionNotAllowed(f"{referral.status} → {to_status} is not allowed")
    change = StatusChange(
        referral=referral,
        from_status=referral.status,
        to_status=to_status,
        reason=reason.strip(),
        changed_by=actor,
    )
    change.full_clean()
    change.save()
    referral.status = to_status
    referral.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.STATUS_CHANGE,
        referral=referral,
        detail={"from": change.from_status, "to": to_status},
    )
    return change


@transaction.atomic
def referral_assign(
    *, referral: Referral, assignee: AbstractBaseUser | None, actor: AbstractBaseUser
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.is_withdrawn:
        raise TransitionNotAllowed("a withdrawn case cannot be assigned")
    previous = referral.assignee_id
    referral.assignee = assignee
    referral.save(update_fields=["assignee"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSIGN,
        referral=referral,
        detail={"from_user_id": previous, "to_user_id": assignee.pk if assignee else None},
    )
    return referral


@transaction.atomic
def contact_attempt_log(
    *,
    referral: Referral,
    actor: AbstractBaseUser,
    method: str,
    outcome: str,
    attempted_at: datetime | None = None,
    next_attempt_at: datetime | None = None,
) -> ContactAttempt:
    """Log one try to reach the person and when to try next; a new case becomes "contacted"."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.is_withdrawn:
        raise TransitionNotAllowed("a withdrawn case takes no contact attempts")
    attempt = ContactAttempt(
        referral=referral,
        attempted_at=attempted_at or timezone.now(),
        method=method,
        outcome=outcome,
        by=actor,
    )
    attempt.full_clean()
    attempt.save()
    referral.next_attempt_at = next_attempt_at
    referral.save(update_fields=["next_attempt_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CONTACT_ATTEMPT,
        referral=referral,
        # The attempt itself holds how and with what outcome, and goes when the person withdraws.
        detail={"attempt_id": attempt.pk},
    )
    if referral.status == Status.NEW:
        referral_set_status(referral=referral, to_status=Status.CONTACTED, actor=actor)
    return attempt


@transaction.atomic
def note_add(*, referral: Referral, author: AbstractBaseUser, text: str) -> Note:
    if referral.is_withdrawn:
        raise TransitionNotAllowed("a withdrawn case takes no notes")
    note = Note(referral=referral, author=author, text=text.strip())
    note.full_clean()
    note.save()
    audit_record(
        actor=author, action=AuditAction.NOTE_ADD, referral=referral, detail={"note_id": note.pk}
    )
    return note


@transaction.atomic
def screenings_purge(*, retention_days: int | None = None, dry_run: bool = False) -> dict:
    """Delete screenings never sent to admissions once they are older than the retention period."""
    days = settings.SCREENING_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = timezone.now() - timedelta(days=days)
    unsent = Screening.objects.filter(referral__isnull=True)
    expired = unsent.filter(created_at__lt=cutoff)
    counts = {
        "expired": expired.count(),
        "kept_unsent": unsent.filter(created_at__gte=cutoff).count(),
        "kept_sent": Screening.objects.filter(referral__isnull=False).count(),
    }
    if not dry_run:
        expired.delete()
    return counts
