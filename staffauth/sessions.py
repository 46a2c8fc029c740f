"""End every session of a staff member on the server.

Sessions are server-side (firststep.sessions), so ending them is deleting them: each
sign-in is indexed (StaffSession) and all of a user's sessions are deleted from the
database and the session cache at once. Behind that, a per-user "not before" stamp
(SignInState) makes any session signed in earlier worthless even if a copy survives
somewhere (a cache that was down during the deletion): firststep.middleware checks it
on every signed-in request.

Three things end them all: signing out (staffauth.views.logout), a password change
(a pre_save/post_save pair on the user model, whoever changes it: admin, shell,
a password-change view) and a supervisor's "sign out everywhere".
"""

import time

from django.db import transaction

from firststep.sessions import end_sessions
from staffauth.models import SignInState, StaffSession

SIGNED_IN_AT_KEY = "staff_signed_in_at"


def remember_session(user, session) -> None:
    session[SIGNED_IN_AT_KEY] = time.time()
    if session.session_key is None:
        session.save()
    StaffSession.objects.update_or_create(session_key=session.session_key, defaults={"user": user})


def end_all_sessions(user) -> int:
    """Refuse and delete every session of this user; returns how many were indexed."""
    with transaction.atomic():
        SignInState.objects.update_or_create(user=user, defaults={"not_before": time.time()})
        keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
        StaffSession.objects.filter(user=user).delete()
    end_sessions(keys)
    return len(keys)


def session_still_valid(user, session) -> bool:
    signed_in_at = session.get(SIGNED_IN_AT_KEY)
    if not isinstance(signed_in_at, (int, float)):
        return False
    not_before = (
        SignInState.objects.filter(user=user).values_list("not_before", flat=True).first() or 0
    )
    return signed_in_at > not_before
