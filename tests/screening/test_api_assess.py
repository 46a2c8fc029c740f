"""POST /api/assess: answers in as JSON, the assessment out, nothing stored."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from screening.api import MAX_BODY_BYTES
from screening.models import Screening
from screening.scoring import RULES_VERSION
from tests.screening.journeys import SELF_DAILY_USE

URL = reverse("api:assess")
ASSESSMENT_FIELDS = {
    "mode",
    "criteria_met",
    "criteria_unknown",
    "severity",
    "emergency",
    "red_flags",
    "care_level",
    "base_care_level",
    "medication",
    "harm_reduction",
    "reasons",
    "directory_filters",
    "directory_groups",
    "withdrawal_stage",
    "deciding_reason",
    "rules_version",
}
MODERATE_DAILY_USE = {
    "mode": "self",
    "opioids": ["fentanyl", "pills"],
    "use_days": "20-30",
    "last_use": "1_3d",
    **{f"c{n}": "yes" if n <= 4 else "no" for n in range(1, 12)},
    "housing": "unstable",
    "home_use": "yes",
}


def post(client, body, content_type="application/json"):
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return client.post(URL, body, content_type=content_type)


def test_success_returns_the_whole_assessment(client):
    response = post(client, MODERATE_DAILY_USE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) >= ASSESSMENT_FIELDS
    assert data["severity"] == "moderate"
    assert data["care_level"] == "php"
    assert data["medication"] is True
    assert data["harm_reduction"] is True
    assert data["directory_filters"] == ["php", "medication"]
    assert data["rules_version"] == RULES_VERSION
    assert data["deciding_reason"] == "escalation"
    escalation = next(r for r in data["reasons"] if r["role"] == "deciding")
    assert escalation["code"] == "escalation"
    assert escalation["params"]["risks"] == ["housing", "home_use"]
    assert escalation["answer_ids"][:2] == ["housing", "home_use"]
    assert "a day program (partial hospitalization) fits best" in escalation["text"]
    for reason in data["reasons"]:
        assert set(reason) == {"code", "role", "params", "answer_ids", "text"}
        assert reason["text"]
        assert isinstance(reason["answer_ids"], list)


def test_reason_texts_speak_to_the_family_in_family_mode(client):
    data = post(client, {**MODERATE_DAILY_USE, "mode": "family"}).json()
    deciding = next(r for r in data["reasons"] if r["role"] == "deciding")
    assert deciding["text"].startswith("Your loved one's signs")


def test_emergency_answers_come_back_as_emergency(client):
    data = post(client, {"mode": "family", "overdose_now": "yes"}).json()
    assert data["care_level"] == "emergency"
    assert data["red_flags"] == ["overdose_now"]
    assert data["reasons"][0]["code"] == "overdose_now"


def test_json_with_a_charset_is_accepted(client):
    response = post(client, MODERATE_DAILY_USE, "application/json; charset=utf-8")
    assert response.status_code == 200


def test_the_response_is_never_cached(client):
    response = post(client, MODERATE_DAILY_USE)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        pytest.param(
            {"mode": "self", "use_days": "31", "opioids": "heroin", "colour": "blue"},
            {"use_days", "opioids", "colour"},
            id="each-bad-field",
        ),
        pytest.param({"use_days": "0"}, {"mode"}, id="mode-missing"),
        pytest.param({"mode": "self", "c1": "unknown"}, {"c1"}, id="unknown-in-self-mode"),
        pytest.param(
            {"mode": "self", "medical_urgent": ["none", "skin"]},
            {"medical_urgent"},
            id="none-combined",
        ),
    ],
)
def test_bad_answers_name_each_field(client, body, errors):
    response = post(client, body)
    assert response.status_code == 400
    data = response.json()
    assert set(data) == {"errors"}
    assert set(data["errors"]) == errors
    assert all(isinstance(message, str) and message for message in data["errors"].values())


@pytest.mark.parametrize(
    ("body", "content_type", "fragment"),
    [
        pytest.param('{"mode": "self",', "application/json", "not valid JSON", id="malformed"),
        pytest.param("  ", "application/json", "not valid JSON", id="blank"),
        pytest.param(b"\xff\xfe", "application/json", "not UTF-8", id="not-utf8"),
        pytest.param('["mode", "self"]', "application/json", "JSON object", id="list"),
        pytest.param('"self"', "application/json", "JSON object", id="string"),
        pytest.param("null", "application/json", "JSON object", id="null"),
        pytest.param("mode=self", "application/x-www-form-urlencoded", "Content-Type", id="form"),
        pytest.param('{"mode": "self"}', "text/plain", "Content-Type", id="text-plain"),
    ],
)
def test_unreadable_bodies_are_rejected(client, body, content_type, fragment):
    response = post(client, body, content_type)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["__all__"]
    assert fragment in errors["__all__"]


def test_deeply_nested_json_is_a_400_not_a_crash(client):
    body = "[" * 30_000 + "]" * 30_000
    assert len(body) <= MAX_BODY_BYTES
    response = post(client, body)
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["errors"]["__all__"]


def test_an_empty_post_is_rejected(client):
    response = client.post(URL)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]


def test_bodies_over_64_kb_are_rejected(client):
    padding = "x" * MAX_BODY_BYTES
    response = post(client, {"mode": "self", "padding": padding})
    assert response.status_code == 413
    assert list(response.json()["errors"]) == ["__all__"]


def test_a_body_just_under_the_limit_is_read(client):
    body = json.dumps({"mode": "self"})
    body = body[:-1] + " " * (MAX_BODY_BYTES - len(body)) + "}"
    assert len(body) == MAX_BODY_BYTES
    assert post(client, body).status_code == 200


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_only_post_is_allowed(client, method):
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_no_csrf_token_is_needed():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, json.dumps(MODERATE_DAILY_USE), content_type="application/json")
    assert response.status_code == 200


@pytest.mark.django_db
def test_nothing_touches_the_database_or_the_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        ok = post(client, MODERATE_DAILY_USE)
        bad = post(client, {"mode": "nobody"})
    assert (ok.status_code, bad.status_code) == (200, 400)
    assert not ok.cookies and not bad.cookies


@pytest.mark.django_db
def test_no_screening_is_stored(client):
    before = Screening.objects.count()
    assert post(client, MODERATE_DAILY_USE).status_code == 200
    assert post(client, {"mode": "family", "overdose_now": "yes"}).status_code == 200
    assert Screening.objects.count() == before


# Odd JSON: each a 400 that names the field, never a 500.
VALID = '"mode": "self", ' + ", ".join(
    f'"{key}": {json.dumps(value)}' for key, value in SELF_DAILY_USE.items() if key != "use_days"
)


@pytest.mark.parametrize(
    ("use_days", "field", "fragment"),
    [
        ("1" + "0" * 5000, "use_days", "too long"),  # int() would raise ValueError over 4,300
        ("9" * 4300, "use_days", "too long"),
        ("-" + "1" * 40, "use_days", "too long"),
        ("1e99999", "use_days", "as text"),
        ("20", "use_days", "as text"),
        ("1.5", "use_days", "as text"),
        ("1e400", "use_days", "as text"),
        ("NaN", "use_days", "as text"),
        ("-Infinity", "use_days", "as text"),
        ('["20-30", 7]', "use_days", "as text"),
        ('[[[["20-30"]]]]', "use_days", "nested too deeply"),
        ('{"a": {"b": "c"}}', "use_days", "nested too deeply"),
        ('"20-30", "use_days": "4-9"', "use_days", "more than once"),
    ],
)
def test_odd_json_is_a_400_naming_the_field(client, use_days, field, fragment):
    body = "{" + VALID + f', "use_days": {use_days}' + "}"
    response = client.generic("POST", URL, data=body.encode(), content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    errors = response.json()["errors"]
    assert fragment in errors[field], errors


def test_a_duplicate_key_in_a_nested_object_names_it(client):
    body = b'{"mode": "self", "extra": {"x": "1", "x": "2"}}'
    response = client.generic("POST", URL, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "more than once" in response.json()["errors"]["x"]
