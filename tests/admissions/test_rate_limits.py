"""Over the per-client limit: 429 with a friendly page, or JSON under /api/."""

import json

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from firststep.ratelimit import client_ip
from screening.questions import STEPS
from tests.personas import SELF_ANSWERS, make_referral, make_screening
from tests.screening.journeys import SELF_DAILY_USE, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    # Overrides the suite's "limits off" with small limits for these tests.
    settings.RATE_LIMITS = {
        "screening_submit": 2,
        "admissions_send": 2,
        "reference_lookup": 3,
        "api_assess": 2,
        "result_page": 3,
        "result_pdf": 2,
    }


def test_status_lookups_over_the_limit_get_a_friendly_429(client):
    _, reference = make_referral()
    url = reverse("admissions:status", args=[reference])
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 60


def test_wrong_references_count_too(client):
    for _ in range(3):
        assert client.get(reverse("admissions:status", args=["y" * 27])).status_code == 404
    assert client.get(reverse("admissions:status", args=["z" * 27])).status_code == 429


def test_the_lookup_form_is_limited(client):
    for _ in range(3):
        client.post(reverse("admissions:lookup"), {"reference": "q" * 27})
    assert client.post(reverse("admissions:lookup"), {"reference": "q" * 27}).status_code == 429


def test_sending_to_admissions_is_limited(client):
    screenings = [make_screening() for _ in range(3)]
    data = {"contact_phone": "5551234567", "ok_to_leave_message": "no", "consent": "on"}
    for screening in screenings[:2]:
        response = client.post(reverse("admissions:send", args=[screening.reference]), data)
        assert response.status_code == 302
    response = client.post(reverse("admissions:send", args=[screenings[2].reference]), data)
    assert response.status_code == 429


def answer_all_but_the_last_step(client) -> str:
    client.post(reverse("screening:start"), {"mode": "self"})
    for step in STEPS[:-1]:
        data = form_data(step.slug, SELF_DAILY_USE, "self")
        assert client.post(reverse("screening:step", args=[step.slug]), data).status_code == 302
    return reverse("screening:step", args=[STEPS[-1].slug])


def test_screening_submission_is_limited(client):
    for _ in range(2):
        last = answer_all_but_the_last_step(client)
        response = client.post(last, form_data(STEPS[-1].slug, SELF_DAILY_USE, "self"))
        assert response["Location"].startswith("/screening/result/")
    last = answer_all_but_the_last_step(client)
    response = client.post(last, form_data(STEPS[-1].slug, SELF_DAILY_USE, "self"))
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    # The answers are still in the session: the next try, a minute later, goes through.
    assert client.session["questionnaire"]["answers"]


def test_the_api_answers_json(client):
    url = reverse("api:assess")
    body = json.dumps(SELF_ANSWERS)
    for _ in range(2):
        assert client.post(url, body, content_type="application/json").status_code == 200
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "rate_limited"
    assert "Retry-After" in response


def test_limits_are_per_client(client):
    _, reference = make_referral()
    url = reverse("admissions:status", args=[reference])
    for _ in range(4):
        client.get(url, REMOTE_ADDR="10.0.0.1")
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_zero_limit_is_off(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reference_lookup": 0}
    _, reference = make_referral()
    for _ in range(10):
        assert client.get(reverse("admissions:status", args=[reference])).status_code == 200


def test_forwarded_for_is_ignored_unless_behind_a_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.9"


def test_behind_a_proxy_the_last_hop_counts_not_what_the_client_wrote(settings):
    settings.BEHIND_PROXY = True
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"


def test_the_result_page_is_limited_per_client_wrong_references_included(client):
    reference = make_screening().reference
    url = reverse("screening:result", args=[reference])
    assert client.get(url).status_code == 200
    assert client.get(reverse("screening:result", args=["n" * 27])).status_code == 404
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    # Another client is counted on its own.
    other = Client(REMOTE_ADDR="10.1.1.1")
    assert other.get(url).status_code == 200


def test_the_result_pdf_is_limited_per_client(client):
    reference = make_screening().reference
    url = reverse("screening:result_pdf", args=[reference])
    for _ in range(2):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429 and response["Retry-After"]


def test_the_new_scopes_are_settings_and_in_the_example_environment():
    from django.conf import settings

    from firststep.settings import BASE_DIR

    example = (BASE_DIR / ".env.example").read_text()
    for scope in ("result_page", "result_pdf"):
        assert scope in settings.RATE_LIMITS
        assert f"RATE_LIMIT_{scope.upper()}=" in example
