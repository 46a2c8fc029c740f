"""Staff sign-out that ends every session, supervisors' team page, and setup links."""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from admissions.access import ADMISSIONS_GROUP, SUPERVISORS_GROUP
from admissions.models import AuditAction
from admissions.services import audit_record
from firststep.ratelimit import ratelimit
from staffauth import invitations
from staffauth.sessions import end_all_sessions


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out here and everywhere else: every session of this user ends on the server."""
    if request.user.is_authenticated:
        end_all_sessions(request.user)
    logout(request)
    return redirect("staff:login")


def _manager_required(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('staff:login')}?next={request.path}")
    if not invitations.can_manage_staff(request.user):
        return render(request, "staff/forbidden.html", status=403)
    return None


def _team(request: HttpRequest, *, new_link: str = "", for_user=None, status: int = 200):
    members = _staff_accounts().order_by("username")
    context = {"members": members, "new_link": new_link, "link_user": for_user}
    response = render(request, "staff/team.html", context, status=status)
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@require_safe
def team(request: HttpRequest) -> HttpResponse:
    return _manager_required(request) or _team(request)


def _staff_accounts():
    """The admissions team, supervisors and admin users: whoever signs in on the staff side."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__name__in=[ADMISSIONS_GROUP, SUPERVISORS_GROUP])
            | Q(is_staff=True)
            | Q(is_superuser=True)
        )
        .distinct()
    )


def _member(request: HttpRequest, pk: int):
    """A staff account this manager may act on: a supervisor never acts on a superuser."""
    accounts = _staff_accounts()
    if not request.user.is_superuser:
        accounts = accounts.exclude(is_superuser=True)
    return get_object_or_404(accounts, pk=pk)


@never_cache
@require_POST
def create_link(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _manager_required(request)
    if refused:
        return refused
    member = _member(request, pk)
    token = invitations.invitation_create(user=member, created_by=request.user)
    link = request.build_absolute_uri(reverse("staff:invitation", args=[token]))
    # Shown once, in this response only (no-store): it is never stored nor shown again.
    return _team(request, new_link=link, for_user=member)


@never_cache
@require_POST
def sign_out_everywhere(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _manager_required(request)
    if refused:
        return refused
    member = _member(request, pk)
    ended = end_all_sessions(member)
    audit_record(
        actor=request.user,
        action=AuditAction.SIGN_OUT_EVERYWHERE,
        detail={"user": member.pk, "sessions": ended},
    )
    if member == request.user:
        logout(request)
        return redirect("staff:login")
    messages.success(
        request,
        _("%(name)s is signed out everywhere.") % {"name": member.get_username()},
    )
    return redirect("staff:team")


@never_cache
@ratelimit("reference_lookup")
@require_safe
def open_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A setup link: remembered in this browser's session, then sign in and set up."""
    invitation = invitations.invitation_for_token(token)
    if invitation is None:
        return render(request, "staff/invitation_invalid.html", status=404)
    request.session[invitations.SESSION_KEY] = invitation.pk
    # Redirect at once: the token leaves the address bar and never reaches a Referer.
    setup = reverse("staff:otp_setup")
    if request.user.is_authenticated and request.user.pk == invitation.user_id:
        return redirect(setup)
    if request.user.is_authenticated:
        logout(request)  # someone else's session in this browser: never theirs to enrol
        request.session[invitations.SESSION_KEY] = invitation.pk
    return redirect(f"{reverse('staff:login')}?next={setup}")
