import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from firststep.ratelimit import ratelimit
from screening import questionnaire
from screening.forms import (
    ModeForm,
    answers_check,
    form_for_step,
    initial_from_answers,
    overdose_form,
)
from screening.models import Screening
from screening.pdf import render_summary_pdf
from screening.questions import OVERDOSE_NOW, STEPS, answers_html, step_by_slug
from screening.safety import overdose_risks
from screening.scoring import AnswerError
from screening.services import (
    SubmissionUsed,
    screening_delete,
    screening_retry,
    screening_submit,
)
from screening.wording import (
    MODE_NAMES,
    RED_FLAG_NAMES,
    RISK_NAMES,
    SEVERITY_NAMES,
    care_level_description,
    care_level_name,
)

logger = logging.getLogger(__name__)


@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    state = questionnaire.load(request.session)
    if request.method == "POST":
        form = ModeForm(request.POST)
        if form.is_valid():
            state = questionnaire.begin(request.session, mode=form.cleaned_data["mode"])
            return HttpResponseRedirect(questionnaire.first_url(state))
        return render(request, "screening/start.html", {"form": form})
    form = ModeForm(initial={"mode": state.mode} if state else None)
    return render(request, "screening/start.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def safety_check(request: HttpRequest) -> HttpResponse:
    state = questionnaire.load(request.session)
    if state is None or state.mode != "family":
        return redirect("screening:start")
    form = overdose_form(state.mode, initial=initial_from_answers([OVERDOSE_NOW], state.answers))
    if request.method == "POST":
        form = overdose_form(state.mode, data=request.POST)
        if form.is_valid():
            questionnaire.save_answers(request.session, form.cleaned_data)
            if form.cleaned_data["overdose_now"] == "yes":
                return redirect("screening:emergency")
            return redirect("screening:step", step=STEPS[0].slug)
    return render(request, "screening/safety_check.html", {"form": form, "state": state})


@never_cache  # what it says follows the person's answers
@require_safe
def emergency(request: HttpRequest) -> HttpResponse:
    state = questionnaire.load(request.session)
    return render(request, "screening/emergency.html", {"state": state})


@never_cache  # its pages, its 503 page and its session cookie carry the person's answers
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    current = step_by_slug(step)
    if current is None:
        raise Http404
    state = questionnaire.load(request.session)
    if state is None:
        retried = _retry_of_finished(request, current)
        if retried is not None:
            return retried
        messages.info(request, _("Please start by telling us who you are answering about."))
        return redirect("screening:start")
    if state.mode in OVERDOSE_NOW.modes and OVERDOSE_NOW.id not in state.answers:
        return redirect("screening:safety_check")

    questions = current.questions_for(state.mode)
    if request.method == "GET":
        form = form_for_step(
            current, state.mode, initial=initial_from_answers(questions, state.answers)
        )
        return _render_step(request, state, current, form)

    checked = answers_check(current, state.mode, request.POST)
    action = request.POST.get("action", "next")
    state = questionnaire.save_answers(request.session, checked.valid_answers)
    if action == "back":
        return HttpResponseRedirect(questionnaire.previous_url(state, current))
    if not checked.is_valid():
        form = form_for_step(current, state.mode, data=request.POST)
        return _render_step(request, state, current, form)
    if (
        state.answers.get("suicidal") == "now"
        and current.slug == "safety"
        and not request.POST.get("crisis_seen")
    ):
        # Show the crisis guidance on this step before anything else.
        return HttpResponseRedirect(questionnaire.step_url(current) + "#crisis")
    next_url = questionnaire.next_url(state, current)
    if next_url:
        return HttpResponseRedirect(next_url)
    return _submit(request, state)


def _retry_of_finished(request: HttpRequest, current) -> HttpResponse | None:
    """A second post of the last step after the first one finished: the same result.

    Only from this session, with the one-time submission id the step's page carried,
    with the answers that were stored, within settings.SUBMISSION_RETRY_SECONDS.
    """
    token = request.POST.get("submission", "") if request.method == "POST" else ""
    if current != STEPS[-1] or not questionnaire.finished_with(request.session, token):
        return None
    screening = screening_retry(
        client_token=token,
        answers_for=lambda mode: answers_check(current, mode, request.POST).valid_answers,
    )
    if screening is None:
        return None
    return redirect("screening:result", reference=screening.reference)


def _render_step(request, state, current, form, status=200) -> HttpResponse:
    number = questionnaire.step_number(current)
    context = {
        "state": state,
        "step": current,
        "form": form,
        "step_number": number,
        "step_count": len(STEPS),
        "is_last": number == len(STEPS),
        "title": current.family_title if state.mode == "family" else current.title,
        "intro": current.family_intro if state.mode == "family" else current.intro,
        "crisis_now": state.answers.get("suicidal") == "now",
    }
    return render(request, "screening/step.html", context, status=status)


@ratelimit("screening_submit")
def _submit(request: HttpRequest, state: questionnaire.State) -> HttpResponse:
    missing = questionnaire.first_incomplete_step(state)
    if missing is not None:
        messages.warning(request, _("A few questions still need an answer."))
        return redirect("screening:step", step=missing.slug)
    try:
        screening = screening_submit(
            answers=state.scoring_answers(),
            client_token=state.token,
            language=get_language() or "en",
        )
    except SubmissionUsed:
        logger.warning("a spent submission id was submitted again; starting over")
        questionnaire.clear(request.session)
        messages.error(
            request, _("These answers were already sent once. Please start a new screening.")
        )
        return redirect("screening:start")
    except AnswerError:
        logger.warning("questionnaire answers outside the vocabulary; starting over")
        questionnaire.clear(request.session)
        messages.error(request, _("Something went wrong with your answers. Please start again."))
        return redirect("screening:start")
    except DatabaseError:
        logger.exception("could not store a screening")
        # Django does not save the session with a 5xx response, so this step's
        # answers travel in the page and the retry posts them again.
        resubmit = [
            (name, value)
            for name in request.POST
            if name not in {"csrfmiddlewaretoken", "submission"}
            for value in request.POST.getlist(name)
        ]
        # The one-time submission id: "Try again" pressed twice (or in a second tab, after
        # the first one finished the session) finds the same result.
        resubmit.append(("submission", state.token))
        context = {"state": state, "resubmit": resubmit, "action": request.path}
        return render(request, "screening/could_not_save.html", context, status=503)
    questionnaire.finish(request.session, state)
    return redirect("screening:result", reference=screening.reference)


def assessment_context(screening: Screening) -> dict:
    """What a result shows that follows from the screening alone, for the page and the PDF."""
    assessment = screening.assessment
    risks = overdose_risks(screening.answers)
    filters = assessment["directory_filters"]
    find_care_url = None
    if filters:
        query = urlencode(
            [("category", c) for c in filters]
            + [("group", g) for g in assessment.get("directory_groups", [])]
            + [("care_level", assessment["base_care_level"])]
        )
        find_care_url = f"{reverse('treatment:search')}?{query}"
    reasons = reasons_by_role(assessment)
    return {
        "assessment": assessment,
        "reasons": reasons,
        "advice": {reason["code"]: reason for reason in reasons["advice"]},
        "overdose_risks": risks,
        "overdose_risk_names": [RISK_NAMES[code] for code in risks],
        "readiness": screening.answers.get("readiness"),
        "mode_name": MODE_NAMES.get(screening.mode),
        "severity_name": SEVERITY_NAMES.get(assessment["severity"]),
        "care_level_name": care_level_name(assessment["base_care_level"]),
        "care_level_description": care_level_description(assessment["base_care_level"]),
        "red_flag_names": [RED_FLAG_NAMES.get(code, code) for code in assessment["red_flags"]],
        "find_care_url": find_care_url,
        "is_family": screening.mode == "family",
        "rules_version": screening.rules_version or assessment.get("rules_version"),
    }


def reasons_by_role(assessment: dict) -> dict[str, list]:
    """The stored reasons by role: safety, the one deciding reason, the others considered,
    advice. A result scored before reasons had roles lists them all under `considered`."""
    by_role: dict[str, list] = {"safety": [], "deciding": [], "considered": [], "advice": []}
    for reason in assessment.get("reasons", []):
        by_role.get(reason.get("role"), by_role["considered"]).append(reason)
    return by_role


def result_context(screening: Screening, reference: str) -> dict:
    """Everything a printed summary shows: the assessment, the reference and the answers."""
    return {
        **assessment_context(screening),
        "screening": screening,
        "reference": reference,
        "answers_html": answers_html(screening.mode, screening.answers),
    }


@never_cache  # it holds the person's answers: no copy in a browser's or a proxy's cache
@ratelimit("result_page")
@require_safe
def result(request: HttpRequest, reference: str) -> HttpResponse:
    screening = Screening.objects.for_result(reference)
    if screening is None:
        raise Http404
    context = result_context(screening, reference)
    context |= {
        "related_articles": _related_articles(screening, context["overdose_risks"]),
        "pdf_url": reverse("screening:result_pdf", args=[reference]),
        "send_url": reverse("admissions:send", args=[reference]),
        "status_url": reverse("admissions:status", args=[reference]),
        "is_sent": screening.is_sent,
        "delete_url": reverse("screening:result_delete", args=[reference]),
    }
    return render(request, "screening/result.html", context)


def _related_articles(screening: Screening, risks: tuple[str, ...]) -> list:
    from content.selectors import articles_for_result

    return articles_for_result(
        care_level=screening.assessment["care_level"],
        red_flags=screening.assessment["red_flags"],
        mode=screening.mode,
        injects="injecting" in risks,
        overdose_risk=bool(risks),
    )


@ratelimit("result_pdf")
@require_safe
def result_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    screening = get_object_or_404(Screening.objects.by_reference(reference))
    pdf = render_summary_pdf(result_context(screening, reference))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="firststep-summary.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# Leaving without a trace.


def _leave(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    # The browser drops this site's cookies, storage and cached pages where it can.
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


def _same_origin(request: HttpRequest) -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


@csrf_exempt  # checked by origin below: the page that posts it carries no CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Quick exit: end the session on the server, then go to a neutral site.

    JavaScript posts here (static/js/quick-exit.js) and replaces the history entry;
    without JavaScript the button is a plain link here (GET), which clears the same way.
    A cross-site POST is refused; a cross-site GET can at worst end the person's session,
    which is what this is for (and SameSite=Lax keeps the cookie off cross-site posts).
    """
    if request.method == "POST" and not _same_origin(request):
        return HttpResponseForbidden()
    return _leave(request)


@never_cache
@require_http_methods(["GET", "POST"])
def forget(request: HttpRequest) -> HttpResponse:
    """Delete my answers now, from a step page: confirm, then end the session."""
    if request.method == "POST":
        request.session.flush()
        return redirect("screening:deleted")
    return render(request, "screening/delete_confirm.html", {"reference": None})


@never_cache
@ratelimit("result_page")
@require_http_methods(["GET", "POST"])
def result_delete(request: HttpRequest, reference: str) -> HttpResponse:
    """Delete my answers now, from the result: the unsent screening and the session."""
    screening = Screening.objects.by_reference(reference).select_related("referral").first()
    if screening is None:
        raise Http404
    sent = hasattr(screening, "referral")
    if request.method == "POST" and not sent:
        screening_delete(reference=reference)
        request.session.flush()
        return redirect("screening:deleted")
    context = {
        "reference": reference,
        "sent": sent,
        "withdraw_url": reverse("admissions:withdraw", args=[reference]) if sent else None,
        "result_url": reverse("screening:result", args=[reference]),
    }
    return render(request, "screening/delete_confirm.html", context)


@never_cache
@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/deleted.html")
