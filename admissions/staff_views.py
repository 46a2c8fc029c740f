"""The admissions team's side: queue, case detail, actions, export, and the second factor."""

import base64
import csv
import functools
import json
from collections.abc import Callable

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from admissions.access import login_required_staff, redirect_next, staff_required
from admissions.fhir import screening_bundle
from admissions.forms import (
    AssignForm,
    ContactAttemptForm,
    NoteForm,
    QueueFilterForm,
    StatusForm,
    TokenForm,
)
from admissions.models import (
    OPEN_STATUSES,
    AuditAction,
    ContactAttempt,
    Note,
    Referral,
    Status,
    StatusChange,
)
from admissions.pdf import render_referral_pdf
from admissions.selectors import (
    contact_guidance,
    overdue,
    overdue_first,
    referrals_for,
    team_members,
    teams_for,
    with_attempts,
)
from admissions.services import (
    TransitionNotAllowed,
    audit_record,
    contact_attempt_log,
    note_add,
    referral_assign,
    referral_set_status,
)
from screening.safety import overdose_risks
from screening.views import result_context
from screening.wording import (
    MODE_NAMES,
    RED_FLAG_NAMES,
    RISK_NAMES,
    SEVERITY_NAMES,
    care_level_name,
)


def _filtered_queue(request: HttpRequest) -> tuple[QueueFilterForm, list]:
    """The user's teams' cases as filtered: overdue first, then in triage order."""
    form = QueueFilterForm(request.GET or None, teams=teams_for(request.user))
    referrals = with_attempts(
        referrals_for(request.user).select_related("screening", "assignee", "team")
    )
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("team"):
        referrals = referrals.filter(team=data["team"])
    status = data.get("status") or QueueFilterForm.STATUS_OPEN
    if status == QueueFilterForm.STATUS_OPEN:
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    elif status != QueueFilterForm.STATUS_ALL:
        referrals = referrals.filter(status=status)
    if data.get("care_level"):
        referrals = referrals.filter(screening__care_level=data["care_level"])
    if data.get("red_flag"):
        referrals = referrals.filter(screening__has_red_flags=True)
    if data.get("mine"):
        referrals = referrals.filter(assignee=request.user)
    return form, overdue_first(referrals.in_triage_order())


def _row(referral: Referral, is_overdue=None) -> dict:
    screening = referral.screening
    return {
        "referral": referral,
        "overdue": is_overdue if is_overdue is not None else overdue(referral),
        "mode": MODE_NAMES.get(screening.mode, ""),
        "severity": SEVERITY_NAMES.get(screening.severity, ""),
        "care_level": care_level_name(screening.care_level) if screening.care_level else "",
        "red_flags": [
            RED_FLAG_NAMES.get(code, code) for code in screening.assessment.get("red_flags", [])
        ],
        "overdose_risks": [RISK_NAMES[code] for code in overdose_risks(screening.answers)],
    }


@never_cache
@staff_required
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    form, referrals = _filtered_queue(request)
    mine = referrals_for(request.user)
    counts = dict(
        mine.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = [_row(r, why) for r, why in referrals]
    teams = list(teams_for(request.user))
    context = {
        "form": form,
        "rows": rows,
        "overdue_count": sum(1 for row in rows if row["overdue"]),
        "teams": teams,
        "show_team": len(teams) > 1,
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "open_count": sum(counts.get(s, 0) for s in OPEN_STATUSES),
        "mine_count": mine.open().filter(assignee=request.user).count(),
        "query": request.GET.urlencode(),
    }
    return render(request, "staff/queue.html", context)


def team_case(view: Callable) -> Callable:
    """The case with this pk, if it belongs to one of the user's teams; 404 otherwise, the
    same as a case that does not exist. Before the method check: an outsider learns nothing."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        referral = get_object_or_404(
            referrals_for(request.user)
            .select_related("screening", "assignee", "team")
            .prefetch_related(
                Prefetch("notes", queryset=Note.objects.select_related("author")),
                Prefetch(
                    "status_changes", queryset=StatusChange.objects.select_related("changed_by")
                ),
                Prefetch("attempts", queryset=ContactAttempt.objects.select_related("by")),
            ),
            pk=pk,
        )
        return view(request, referral, *args, **kwargs)

    return wrapped


def _summary_context(referral: Referral) -> dict | None:
    if referral.is_withdrawn:
        return None
    return result_context(referral.screening, referral.case_label)


@never_cache
@staff_required
@team_case
@require_safe
def detail(request: HttpRequest, referral: Referral) -> HttpResponse:
    audit_record(actor=request.user, action=AuditAction.VIEW_DETAIL, referral=referral)
    now = timezone.localtime()
    context = {
        "referral": referral,
        "summary": _summary_context(referral),
        "row": _row(referral),
        "guidance": None if referral.is_withdrawn else contact_guidance(referral),
        "status_form": StatusForm(allowed=referral.allowed_statuses()),
        "note_form": NoteForm(),
        "assign_form": AssignForm(
            initial={"assignee": referral.assignee_id}, members=team_members(referral.team)
        ),
        "attempt_form": ContactAttemptForm(
            initial={
                "attempted_at": now.replace(second=0, microsecond=0),
                "method": "call" if referral.may_call else "text" if referral.may_text else "email",
            }
        ),
    }
    return render(request, "staff/detail.html", context)


@never_cache
@staff_required
@team_case
@require_safe
def detail_pdf(request: HttpRequest, referral: Referral) -> HttpResponse:
    summary = _summary_context(referral)
    if summary is None:
        messages.info(request, _("This screening was withdrawn: there is nothing to print."))
        return redirect("staff:detail", pk=referral.pk)
    audit_record(actor=request.user, action=AuditAction.VIEW_PDF, referral=referral)
    pdf = render_referral_pdf(referral=referral, summary_context=summary)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{referral.case_label}.pdf"'
    return response


@never_cache
@staff_required
@team_case
@require_safe
def detail_fhir(request: HttpRequest, referral: Referral) -> HttpResponse:
    """The screening as a FHIR R4 Bundle (docs/fhir.md): audited like every staff view."""
    if referral.is_withdrawn:
        messages.info(request, _("This screening was withdrawn: there is nothing to export."))
        return redirect("staff:detail", pk=referral.pk)
    audit_record(actor=request.user, action=AuditAction.EXPORT_FHIR, referral=referral)
    body = json.dumps(screening_bundle(referral), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/fhir+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{referral.case_label}-fhir-r4.json"'
    return response


@staff_required
@team_case
@require_POST
def log_attempt(request: HttpRequest, referral: Referral) -> HttpResponse:
    form = ContactAttemptForm(request.POST)
    if form.is_valid():
        try:
            contact_attempt_log(
                referral=referral,
                actor=request.user,
                method=form.cleaned_data["method"],
                outcome=form.cleaned_data["outcome"],
                attempted_at=form.cleaned_data["attempted_at"],
                next_attempt_at=form.cleaned_data["next_attempt_at"],
            )
        except TransitionNotAllowed:
            messages.error(request, _("A withdrawn case takes no contact attempts."))
        else:
            messages.success(request, _("Contact attempt logged."))
    else:
        messages.error(request, _("Give when, how and the outcome of the attempt."))
    return redirect("staff:detail", pk=referral.pk)


@staff_required
@team_case
@require_POST
def set_status(request: HttpRequest, referral: Referral) -> HttpResponse:
    form = StatusForm(request.POST, allowed=referral.allowed_statuses())
    if form.is_valid():
        try:
            referral_set_status(
                referral=referral,
                to_status=form.cleaned_data["to_status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except TransitionNotAllowed:
            messages.error(request, _("That status change is not possible now."))
        else:
            messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("That status change is not possible now."))
    return redirect("staff:detail", pk=referral.pk)


@staff_required
@team_case
@require_POST
def add_note(request: HttpRequest, referral: Referral) -> HttpResponse:
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            note_add(referral=referral, author=request.user, text=form.cleaned_data["text"])
        except TransitionNotAllowed:
            messages.error(request, _("A withdrawn case takes no notes."))
        else:
            messages.success(request, _("Note added."))
    else:
        messages.error(request, _("A note needs some text (up to 4000 characters)."))
    return redirect("staff:detail", pk=referral.pk)


@staff_required
@team_case
@require_POST
def assign(request: HttpRequest, referral: Referral) -> HttpResponse:
    form = AssignForm(request.POST, members=team_members(referral.team))
    if form.is_valid():
        try:
            referral_assign(
                referral=referral, assignee=form.cleaned_data["assignee"], actor=request.user
            )
        except TransitionNotAllowed:
            messages.error(request, _("A withdrawn case cannot be assigned."))
        else:
            messages.success(request, _("Assignment saved."))
    else:
        messages.error(request, _("Choose a member of this case's team."))
    return redirect("staff:detail", pk=referral.pk)


# Spreadsheets run cells that start with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


@never_cache
@staff_required
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    """The queue as filtered, with the columns the queue shows: no contact details, no answers."""
    form, referrals = _filtered_queue(request)
    rows = [_row(r, why) for r, why in referrals]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="admissions-queue-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Case"),
            _("Team"),
            _("Overdue"),
            _("Sent"),
            _("Mode"),
            _("Severity"),
            _("Care level"),
            _("Emergency"),
            _("Red flags"),
            _("Status"),
            _("Assigned to"),
        ]
    )
    for row in rows:
        referral = row["referral"]
        writer.writerow(
            [
                _cell(value)
                for value in (
                    referral.case_label,
                    referral.team.name,
                    _("Yes") if row["overdue"] else _("No"),
                    timezone.localtime(referral.sent_at).isoformat(timespec="minutes"),
                    row["mode"],
                    row["severity"],
                    row["care_level"],
                    _("Yes") if referral.screening.emergency else _("No"),
                    "; ".join(str(flag) for flag in row["red_flags"]),
                    referral.get_status_display(),
                    referral.assignee.get_username() if referral.assignee else "",
                )
            ]
        )
    filters = {
        k: (v.pk if hasattr(v, "pk") else v)
        for k, v in (form.cleaned_data if form.is_valid() else {}).items()
        if v
    }
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        detail={
            "rows": len(rows),
            "filters": filters,
            "case_ids": [r["referral"].pk for r in rows],
        },
    )
    return response


# The second factor.


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    svg = image.to_string(encoding="unicode")
    label = _("QR code to add FirstStep to your authenticator app")
    # Built here from our own otpauth URL; the label is ours too, escaped for an attribute.
    from django.utils.html import escape

    return mark_safe(  # noqa: S308
        svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="otp-qr" ', 1)
    )


@never_cache
@login_required_staff
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: only while the account has no confirmed device, and only
    with a supervisor's one-time setup link opened in this browser (staffauth.invitations).
    """
    from staffauth.invitations import invitation_in_session, invitation_use

    user = request.user
    if user_has_device(user):
        return redirect("staff:otp_verify")
    invitation = invitation_in_session(request)
    if invitation is None:
        return render(request, "staff/setup_link_needed.html", status=403)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if not invitation_use(request, invitation):
                return render(request, "staff/setup_link_needed.html", status=403)
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is set up."))
            return redirect_next(request)
        form.add_error("token", _("That code did not match. Check the time on your phone."))
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": request.GET.get("next", ""),
    }
    return render(request, "staff/otp_setup.html", context)


@never_cache
@login_required_staff
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return redirect_next(request)
    if not user_has_device(user):
        return redirect("staff:otp_setup")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect_next(request)
        form.add_error("token", _("That code did not match. Check the time on your phone."))
    return render(
        request, "staff/otp_verify.html", {"form": form, "next": request.GET.get("next", "")}
    )
