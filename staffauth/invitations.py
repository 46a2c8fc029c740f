"""One-time, expiring links to enrol an authenticator, made by a supervisor or an admin.

A password alone never enrols a second factor: whoever learns a staff member's
password before they set up their authenticator would otherwise enrol their own. The
link is shown once to its maker; only its digest is stored; it works for one account,
once, for settings.STAFF_INVITATION_HOURS; making a new one ends the earlier ones.
Each link made and used is in the audit log.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from admissions.access import SUPERVISORS_GROUP
from admissions.models import AuditAction
from admissions.services import audit_record
from staffauth.models import Invitation

SESSION_KEY = "staff_invitation"


def can_manage_staff(user) -> bool:
    """Supervisors and admins (superusers), signed in with their second factor."""
    if not (user.is_authenticated and user.is_active and user.is_verified()):
        return False
    return user.is_superuser or user.groups.filter(name=SUPERVISORS_GROUP).exists()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(*, user, created_by) -> str:
    """Make a link for `user`; returns its token, which is never stored nor shown again."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.usable().filter(user=user).update(expires_at=now)
        invitation = Invitation.objects.create(
            token_digest=token_digest(token),
            user=user,
            created_by=created_by,
            expires_at=now + timedelta(hours=settings.STAFF_INVITATION_HOURS),
        )
        audit_record(
            actor=created_by,
            action=AuditAction.INVITATION_CREATE,
            detail={"invitation": invitation.pk, "user": user.pk},
        )
    return token


def invitation_for_token(token: str) -> Invitation | None:
    return Invitation.objects.usable().filter(token_digest=token_digest(token)).first()


def invitation_in_session(request) -> Invitation | None:
    """The usable link this browser opened, for the signed-in user, or None."""
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int) or not request.user.is_authenticated:
        return None
    return Invitation.objects.usable().filter(pk=pk, user=request.user).first()


def invitation_use(request, invitation: Invitation) -> bool:
    """Spend the link (once, even under a double submit); False when it was spent already."""
    with transaction.atomic():
        spent = Invitation.objects.usable().filter(pk=invitation.pk).update(used_at=timezone.now())
        if not spent:
            return False
        audit_record(
            actor=request.user,
            action=AuditAction.INVITATION_USE,
            detail={"invitation": invitation.pk, "user": request.user.pk},
        )
    request.session.pop(SESSION_KEY, None)
    return True
