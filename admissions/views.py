"""The person's side: send a screening with consent, see its status, withdraw it.

The reference is the only key, so every page answers a wrong, withdrawn or
unsent reference with the same 404, every lookup is rate limited, and
nothing here logs a reference.
"""

import contextlib

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from admissions.forms import ConsentForm, LookupForm, WithdrawForm
from admissions.models import CONSENT_VERSION
from admissions.selectors import (
    last_attempt_date,
    referral_by_reference,
    screening_by_reference,
    teams_to_choose,
)
from admissions.services import AlreadySent, referral_send, referral_withdraw
from firststep.ratelimit import ratelimit
from screening.wording import care_level_name

PRIVATE_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response: HttpResponse) -> HttpResponse:
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def _referral_or_404(reference: str):
    referral = referral_by_reference(reference)
    if referral is None:
        raise Http404
    return referral


@never_cache
@ratelimit("reference_lookup", methods=["POST"])
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Type a reference to see what happened to a screening sent to admissions."""
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            reference = form.cleaned_data["reference"]
            if referral_by_reference(reference) is not None:
                return redirect("admissions:status", reference=reference)
            form.add_error("reference", LookupForm.not_found_message)
            status = 404
    else:
        form = LookupForm()
    return _private(render(request, "admissions/lookup.html", {"form": form}, status=status))


@never_cache
@ratelimit("admissions_send", methods=["POST"])
@ratelimit("reference_lookup", methods=["GET"])
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, reference: str) -> HttpResponse:
    screening = screening_by_reference(reference)
    if screening is None:
        raise Http404
    if hasattr(screening, "referral"):
        return redirect("admissions:status", reference=reference)
    family = screening.mode == "family"
    if request.method == "POST" and "sort" in request.POST:
        # "List the nearest first": the same answers again, the teams in a new order.
        teams = teams_to_choose(request.POST.get("zip_code", "").strip())
        initial = {key: request.POST.get(key) for key in request.POST if key != "ways"}
        initial["ways"] = request.POST.getlist("ways")
        form = ConsentForm(teams=teams, family=family, initial=initial)
    elif request.method == "POST":
        teams = teams_to_choose(request.POST.get("zip_code", "").strip())
        form = ConsentForm(request.POST, teams=teams, family=family)
        if form.is_valid():
            # A double submit finds the first one sent: both go to the confirmation.
            with contextlib.suppress(AlreadySent):
                referral_send(
                    screening=screening,
                    contact=form.contact(),
                    team=form.chosen_team(),
                    language=get_language() or "",
                )
            return redirect("admissions:sent", reference=reference)
    else:
        form = ConsentForm(teams=teams_to_choose(), family=family)
    context = {
        "family": family,
        "choose_team": "team" in form.fields,
        "form": form,
        "reference": reference,
        "screening": screening,
        "care_level_name": care_level_name(screening.assessment.get("base_care_level", "")),
        "consent_version": CONSENT_VERSION,
    }
    return _private(render(request, "admissions/consent.html", context))


@never_cache
@ratelimit("reference_lookup")
@require_safe
def sent(request: HttpRequest, reference: str) -> HttpResponse:
    return _referral_page(request, reference, "admissions/sent.html")


@never_cache
@ratelimit("reference_lookup")
@require_safe
def status(request: HttpRequest, reference: str) -> HttpResponse:
    return _referral_page(request, reference, "admissions/status.html")


def _referral_page(request: HttpRequest, reference: str, template_name: str) -> HttpResponse:
    referral = _referral_or_404(reference)
    # When, never who: the person sees no staff names.
    context = {
        "referral": referral,
        "reference": reference,
        "last_attempt": last_attempt_date(referral),
    }
    return _private(render(request, template_name, context))


@never_cache
@ratelimit("reference_lookup")
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _referral_or_404(reference)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        referral_withdraw(referral=referral)
        return redirect("admissions:withdrawn")
    context = {"referral": referral, "reference": reference, "form": form}
    return _private(render(request, "admissions/withdraw.html", context))


@require_safe
def withdrawn(request: HttpRequest) -> HttpResponse:
    return render(request, "admissions/withdrawn.html")
