"""Who may see the staff side: admissions group members, verified by a second factor."""

import functools
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_otp import user_has_device

ADMISSIONS_GROUP = "admissions"
SUPERVISORS_GROUP = "supervisors"


def is_admissions_staff(user) -> bool:
    # Superusers too must be in the group: seeing screenings is a role, not a privilege level.
    return (
        user.is_authenticated
        and user.is_active
        and user.groups.filter(name=ADMISSIONS_GROUP).exists()
    )


def staff_required(view: Callable) -> Callable:
    """Anonymous → log in; signed in but not admissions → 403; no second factor yet → set it up."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_admissions_staff(user):
            return render(request, "staff/forbidden.html", status=403)
        if not user.is_verified():
            if user_has_device(user):
                return redirect_to_login(request.get_full_path(), "staff:otp_verify")
            return redirect_to_login(request.get_full_path(), "staff:otp_setup")
        response = view(request, *args, **kwargs)
        response.setdefault("Cache-Control", "no-store, private")
        return response

    return wrapped


def login_required_staff(view: Callable) -> Callable:
    """Signed in (any account): for setting up and using one's own second factor."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def redirect_next(request: HttpRequest, default: str = "staff:queue") -> HttpResponse:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)
