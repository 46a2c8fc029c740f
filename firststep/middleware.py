"""Sign out signed-in users (staff) after settings.STAFF_IDLE_TIMEOUT seconds without a request,
and at once when all their sessions were ended (staffauth.sessions).

Sessions are server-side (firststep.sessions): the last-activity time and the sign-in
time live in the session on the server. A copied cookie stops working once it has been
idle too long, or once the user signed out, changed password or was signed out
everywhere by a supervisor (the server deletes the sessions, and a per-user "not
before" stamp refuses any copy that outlived the deletion).
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from staffauth.sessions import session_still_valid

LAST_ACTIVITY_KEY = "last_activity"
# Write the time back at most once a minute, not on every request.
RESOLUTION_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            # Every login stamps the time (mark_login_time); no stamp means a
            # session from before this rule, which is not trusted either.
            if not session_still_valid(request.user, request.session):
                logout(request)
            elif not isinstance(last, int) or now - last > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                minutes = settings.STAFF_IDLE_TIMEOUT // 60
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": minutes},
                )
            elif now - last >= RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="firststep.mark_login_time")
def mark_login_time(sender, request: HttpRequest | None, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())
