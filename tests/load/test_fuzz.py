"""Fuzz every form and API field with hypothesis, through the Django test client.

Over 10,000 generated inputs: valid answers, random text, huge values, non-UTF-8 bytes,
repeated and unknown fields, malformed JSON and wrong types, and the JSON shapes that
once crashed or slipped through: integers of thousands of digits (int() raises ValueError
over 4,300), NaN and Infinity, floats and numbers where strings go, deep nesting inside
an answer and duplicate keys. Each of those must be a 400 that names the field.
Nothing may answer 5xx, and every rejection (4xx) must carry a message.
"""

import json
from collections import Counter
from urllib.parse import quote_from_bytes

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bench.http import FACILITIES
from firststep.sessions import SessionStore
from screening.questions import OVERDOSE_NOW, STEPS
from screening.references import REFERENCE_LENGTH, new_submission_token
from screening.services import screening_submit
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE
from treatment import vocabulary

pytestmark = pytest.mark.django_db
INPUTS = Counter()
MINIMUM_INPUTS = 10_000
FORM = "application/x-www-form-urlencoded"


def fuzz(examples: int):
    return hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --- what goes in a field ------------------------------------------------------------------

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
huge = st.integers(min_value=1_000, max_value=200_000).map(lambda n: "x" * n)
raw_bytes = st.binary(max_size=60)  # mostly not UTF-8
tricky = st.sampled_from(
    ["", " ", "none", "null", "0", "-1", "1e309", "NaN", "[]", "{}", "\x00", "yes\x00", "é", "🙂"]
)


def value_for(choices: list[str]):
    return st.one_of(st.sampled_from(choices or ["x"]), text, tricky, raw_bytes, huge)


def as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


def form_body(pairs: list[tuple[str | bytes, str | bytes]]) -> bytes:
    return b"&".join(
        quote_from_bytes(as_bytes(name)).encode()
        + b"="
        + quote_from_bytes(as_bytes(value)).encode()
        for name, value in pairs
    )


def fields_for(names_and_choices: dict[str, list[str]]):
    """A form body: each known field absent, once or repeated, plus unknown fields."""
    known = [
        st.lists(st.just(name), max_size=3).flatmap(
            lambda names, choices=choices: st.tuples(
                *[st.tuples(st.just(n), value_for(choices)) for n in names]
            )
        )
        for name, choices in names_and_choices.items()
    ]
    unknown = st.lists(
        st.tuples(st.one_of(text, raw_bytes), st.one_of(text, raw_bytes)), max_size=3
    )
    return st.tuples(*known, unknown).map(
        lambda groups: [pair for group in groups for pair in group]
    )


# --- what comes out ------------------------------------------------------------------------


def check(response, target: str) -> None:
    INPUTS[target] += 1
    status = response.status_code
    assert status < 500, f"{target}: {status}\n{response.content[:2000]!r}"
    if status >= 400:
        body = response.content.strip()
        assert body, f"{target}: {status} without a message"
        if response.get("Content-Type", "").startswith("application/json"):
            data = json.loads(body)
            assert data.get("errors") or data.get("error"), f"{target}: {status} {data}"


def post_form(client: Client, path: str, pairs, target: str) -> None:
    check(client.generic("POST", path, data=form_body(pairs), content_type=FORM), target)


def with_questionnaire(client: Client, mode: str, answers: dict) -> None:
    """Put a questionnaire in progress into a server-side session and give the client its id."""
    session = SessionStore()
    session["questionnaire"] = {"mode": mode, "token": new_submission_token(), "answers": answers}
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


@pytest.fixture(scope="module", autouse=True)
def no_rate_limits():
    # One test client stands for thousands of people here; the limits have their own tests.
    with override_settings(RATE_LIMITS=dict.fromkeys(settings.RATE_LIMITS, 0)):
        yield


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """The real directory, so searches go past the form into the radius search."""
    if FACILITIES.exists():
        with django_db_blocker.unblock():
            call_command("import_facilities", str(FACILITIES), verbosity=0)


# --- the questionnaire ---------------------------------------------------------------------


@fuzz(800)
@given(pairs=fields_for({"mode": ["self", "family"]}))
def test_start(client, pairs):
    post_form(client, "/screening/", pairs, "start")


@fuzz(500)
@given(pairs=fields_for({"overdose_now": ["yes", "no"]}))
def test_safety_check(client, pairs):
    with_questionnaire(client, "family", {})
    post_form(client, "/screening/safety-check/", pairs, "safety check")


@pytest.mark.parametrize("step", STEPS, ids=[s.slug for s in STEPS])
@fuzz(500)
@given(
    mode=st.sampled_from(["self", "family"]),
    data=st.data(),
    action=st.one_of(st.sampled_from(["next", "back"]), text),
    crisis_seen=st.sampled_from([None, "1", "x"]),
)
def test_questionnaire_step(client, step, mode, data, action, crisis_seen):
    answers = SELF_DAILY_USE if mode == "self" else FAMILY_OBSERVER
    questions = step.questions_for(mode)
    # Every other step answered, so valid answers here go on to the final submit.
    before = {k: v for k, v in answers.items() if k not in {q.id for q in questions}}
    if mode == "family":
        before[OVERDOSE_NOW.id] = "no"
    with_questionnaire(client, mode, before)
    pairs = data.draw(fields_for({q.id: [v for v, _ in q.choices_for(mode)] for q in questions}))
    pairs += [("action", action)] + ([("crisis_seen", crisis_seen)] if crisis_seen else [])
    post_form(client, f"/screening/step/{step.slug}/", pairs, f"step {step.slug}")


@fuzz(300)
@given(slug=text)
def test_unknown_step(client, slug):
    with_questionnaire(client, "self", {})
    check(client.get(f"/screening/step/{quote_from_bytes(slug.encode())}/"), "step address")


@fuzz(300)
@given(
    reference=st.one_of(
        text, st.text("abcXYZ019_-", min_size=REFERENCE_LENGTH, max_size=REFERENCE_LENGTH)
    )
)
def test_result_reference(client, reference):
    path = quote_from_bytes(reference.encode(), safe="")
    check(client.get(f"/screening/result/{path}/"), "result reference")
    check(client.get(f"/screening/result/{path}/summary.pdf"), "result reference")


# --- POST /api/assess ----------------------------------------------------------------------

ANSWER_IDS = sorted({*SELF_DAILY_USE, *FAMILY_OBSERVER, "mode", "overdose_now"})
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=10,
)
valid_values = st.sampled_from(sorted({json.dumps(v) for v in SELF_DAILY_USE.values()}))


@fuzz(2000)
@given(
    answers=st.dictionaries(
        st.one_of(st.sampled_from(ANSWER_IDS), text),
        st.one_of(valid_values.map(json.loads), json_values),
        max_size=30,
    ),
    start_valid=st.booleans(),
)
def test_api_assess_json(client, answers, start_valid):
    body = {"mode": "self", **SELF_DAILY_USE, **answers} if start_valid else answers
    response = client.post("/api/assess", data=json.dumps(body), content_type="application/json")
    check(response, "api assess")


@fuzz(2500)
@given(
    body=st.one_of(
        raw_bytes,
        st.binary(min_size=1, max_size=500),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.integers(1, 200).map(lambda depth: b"[" * depth * 10 + b"]" * depth * 10),
        st.integers(60_000, 300_000).map(lambda n: b'{"mode": "' + b"x" * n + b'"}'),
        st.just(b'{"mode": "self"'),
    ),
    content_type=st.sampled_from(
        ["application/json", "application/json; charset=latin-1", "text/plain", FORM, ""]
    ),
)
def test_api_assess_raw(client, body, content_type):
    # generic(): post() would re-encode the bytes for a declared charset.
    response = client.generic("POST", "/api/assess", data=body, content_type=content_type)
    check(response, "api assess")


ODD_NUMBERS = st.one_of(
    st.integers(4_000, 6_000).map(lambda n: "1" * n),  # int() refuses over 4,300 digits
    st.integers(21, 3_000).map(lambda n: "-" + "9" * n),
    st.integers(1, 20).map(lambda n: "1" * n),
    st.sampled_from(["1.5", "-0.0", "1e400", "1E-400", "NaN", "Infinity", "-Infinity", "0"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


def _nest(value: str, depth: int, kind: str) -> str:
    for _ in range(depth):
        value = f"[{value}]" if kind == "list" else f'{{"k": {value}}}'
    return value


@fuzz(1500)
@given(
    field=st.sampled_from(sorted(SELF_DAILY_USE)),
    shape=st.sampled_from(["number", "number in list", "nested", "duplicate", "dup nested"]),
    number=ODD_NUMBERS,
    depth=st.integers(2, 60),
    kind=st.sampled_from(["list", "object"]),
)
def test_api_assess_odd_json_names_the_field(client, field, shape, number, depth, kind):
    rest = ", ".join(
        f'"{key}": {json.dumps(value)}' for key, value in SELF_DAILY_USE.items() if key != field
    )
    value = {
        "number": number,
        "number in list": f'["x", {number}]',
        "nested": _nest('"x"', depth, kind),
        "duplicate": f'{json.dumps(SELF_DAILY_USE[field])}, "{field}": "again"',
        "dup nested": f'{{"{field}": "a", "{field}": "b"}}',
    }[shape]
    body = f'{{"mode": "self", {rest}, "{field}": {value}}}'.encode()
    response = client.generic("POST", "/api/assess", data=body, content_type="application/json")
    check(response, "api assess odd json")
    assert response.status_code in (400, 413), (shape, response.status_code)
    if response.status_code == 400:
        errors = response.json()["errors"]
        assert field in errors, (shape, errors)


# --- the treatment directory ---------------------------------------------------------------

SEARCH_FIELDS = {
    "near": ["22902", "10001", "Denver, CO", "Charlottesville, VA", "99999", "00000", "ZZ"],
    "radius": [str(r) for r in vocabulary.RADII] + ["0", "-5", "1000000", "25.5"],
    "category": sorted(vocabulary.CATEGORY_NAMES),
    "medication": sorted(vocabulary.MEDICATION_NAMES),
    "payment": sorted(vocabulary.PAYMENT),
    "language": sorted(vocabulary.LANGUAGE),
    "group": sorted(vocabulary.GROUP),
    "telehealth": ["on", "1", "true", "no"],
    "care_level": [str(c[0]) if isinstance(c, tuple) else str(c) for c in vocabulary.CARE_LEVELS],
    "page": ["1", "2", "0", "-1", "999999", "x", "1e9"],
}


@fuzz(500)
@given(pairs=fields_for(SEARCH_FIELDS))
def test_directory_search_page(client, directory, pairs):
    check(client.get("/treatment/?" + form_body(pairs).decode()), "directory search")


@fuzz(600)
@given(pairs=fields_for(SEARCH_FIELDS))
def test_api_facilities(client, directory, pairs):
    check(client.get("/api/facilities?" + form_body(pairs).decode()), "api facilities")


# --- sending a screening to admissions -----------------------------------------------------


@fuzz(300)
@given(pairs=fields_for({"reference": ["x" * REFERENCE_LENGTH, ""]}))
def test_reference_lookup(client, pairs):
    post_form(client, "/my-screening/", pairs, "reference lookup")


CONSENT_FIELDS = {
    "contact_name": ["Sam", ""],
    "contact_phone": ["434-555-0100", "+1 (434) 555-0100", "12", ""],
    "contact_email": ["sam@example.org", "not-an-email", ""],
    "best_time": ["evenings", ""],
    "preferred_language": ["English", ""],
    "ok_to_leave_message": ["yes", "no"],
    "consent": ["on", ""],
}


@fuzz(400)
@given(pairs=fields_for(CONSENT_FIELDS))
def test_consent_form(client, pairs):
    # A screening of its own each time: a valid consent sends it, and it can be sent once.
    answers = {"mode": "self", **SELF_DAILY_USE}
    reference = screening_submit(answers=answers, client_token=new_submission_token()).reference
    post_form(client, f"/my-screening/{reference}/send/", pairs, "consent")


def test_the_fuzz_covered_ten_thousand_inputs():
    total = sum(INPUTS.values())
    print(
        f"\nfuzz: {total} inputs, 0 server errors: "
        + ", ".join(f"{k} {v}" for k, v in sorted(INPUTS.items()))
    )
    assert total >= MINIMUM_INPUTS, f"only {total} inputs: run the whole module"
