"""JSON API for the scoring service. Stateless: nothing is stored, logged or kept in a session."""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from firststep.ratelimit import ratelimit
from screening import reasons, scoring

MAX_BODY_BYTES = 64 * 1024
# An answer is a string or a list of strings: nothing nests deeper than [ {answers} [list] ].
MAX_DEPTH = 3
MAX_NUMBER_CHARACTERS = 20
NOT_JSON = "Send the answers as JSON, with Content-Type: application/json."
NOT_AN_OBJECT = "The body must be a JSON object mapping question ids to answers."


def _errors(errors: dict[str, str], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


class BadJSON(ValueError):
    """JSON that parses, or would, but that no answer can be: with the field it is in."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class _Number:
    """A JSON number kept as its text until we know which field it is in."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _object(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise BadJSON(key, f"“{key}” is given more than once.")
        seen[key] = value
    return seen


def _check(value, field: str, depth: int) -> None:
    """Refuse numbers, over-deep nesting and non-string list items, naming the field."""
    if depth > MAX_DEPTH:
        raise BadJSON(field, "This answer is nested too deeply.")
    if isinstance(value, _Number):
        if len(value.text) > MAX_NUMBER_CHARACTERS:
            raise BadJSON(field, "This number is far too long to be an answer.")
        raise BadJSON(field, "Give this answer as text (a string), not a number.")
    if isinstance(value, dict):
        for key, inner in value.items():
            _check(inner, key if depth == 1 else field, depth + 1)
    elif isinstance(value, list):
        for inner in value:
            _check(inner, field, depth + 1)


def parse_answers(text: str) -> dict:
    """json.loads for answers: no duplicate keys, no numbers, no NaN, at most MAX_DEPTH deep.

    Numbers are never converted (a 5,000-digit integer would raise ValueError in int()):
    they are refused as answers, which are strings or lists of strings. Raises BadJSON
    naming the field, json.JSONDecodeError or RecursionError.
    """
    answers = json.loads(
        text,
        object_pairs_hook=_object,
        parse_int=_Number,
        parse_float=_Number,
        parse_constant=_Number,
    )
    if isinstance(answers, dict):
        _check(answers, "__all__", 1)
    return answers


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
        answers = parse_answers(request.body.decode("utf-8"))
    except UnicodeDecodeError:
        return _errors({"__all__": "The body is not UTF-8 text."})
    except BadJSON as error:
        return _errors({error.field: error.message})
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
