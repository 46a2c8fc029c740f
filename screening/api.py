"""JSON API for the scoring service. Stateless: nothing is stored, logged or kept in a session."""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from firststep.ratelimit import ratelimit
from screening import reasons, scoring

MAX_BODY_BYTES = 64 * 1024
NOT_JSON = "Send the answers as JSON, with Content-Type: application/json."
NOT_AN_OBJECT = "The body must be a JSON object mapping question ids to answers."


def _errors(errors: dict[str, str], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def _too_big(request: HttpRequest) -> bool:
    # Trust a declared length first, so an oversized body is never read into memory.
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    return declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES


@csrf_exempt  # no cookies, no session, no side effects: nothing for a forged request to abuse
@never_cache  # the answers and result are health information
@require_POST
@ratelimit("api_assess")
def assess(request: HttpRequest) -> JsonResponse:
    """POST a JSON object of answers (clinical spec §1); get the assessment (§2) back.

    Each reason comes with its `text` in the active language, in the voice of the mode.
    """
    if request.content_type != "application/json":
        return _errors({"__all__": NOT_JSON})
    if _too_big(request):
        return _errors({"__all__": f"The body is over {MAX_BODY_BYTES} bytes."}, status=413)
    try:
        answers = json.loads(request.body.decode("utf-8"))
    except UnicodeDecodeError:
        return _errors({"__all__": "The body is not UTF-8 text."})
    except (json.JSONDecodeError, RecursionError) as error:
        detail = f": {error.msg}" if isinstance(error, json.JSONDecodeError) else ""
        return _errors({"__all__": f"The body is not valid JSON{detail}."})
    if not isinstance(answers, dict):
        return _errors({"__all__": NOT_AN_OBJECT})
    try:
        assessment = scoring.assess(answers)
    except scoring.AnswerError as error:
        return _errors(error.errors)
    return JsonResponse(reasons.with_texts(assessment.to_dict()))
