"""Writes for the admissions side: each one atomic, each staff action audited."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from admissions.models import (
    CONSENT_VERSION,
    AuditAction,
    AuditEvent,
    Note,
    Referral,
    Status,
    StatusChange,
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


@transaction.atomic
def referral_send(*, screening: Screening, contact: Contact) -> Referral:
    """Send a screening to the admissions team with the person's consent and contact details."""
    existing = Referral.objects.select_for_update().filter(screening=screening).first()
    if existing is not None:
        raise AlreadySent(existing)
    now = timezone.now()
    referral = Referral(
        screening=screening,
        consent_version=CONSENT_VERSION,
        consented_at=now,
        contact_name=contact.name,
        contact_phone=contact.phone,
        contact_email=contact.email,
        best_time=contact.best_time,
        preferred_language=contact.preferred_language,
        ok_to_leave_message=contact.ok_to_leave_message,
        sent_at=now,
    )
    referral.full_clean()
    referral.save()
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
        assignee=None,
        status=Status.WITHDRAWN,
        withdrawn_at=now,
    )
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
