"""A replayed or old session never reaches an earlier person's screening; a withdrawn or
deleted reference never comes back."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from admissions.models import Referral
from screening import questionnaire
from screening.models import RetiredReference, Screening
from screening.questions import STEPS
from screening.services import SubmissionUsed, screening_submit
from tests.personas import CONTACT, MILD_ANSWERS, SELF_ANSWERS
from tests.screening.journeys import SELF_DAILY_USE, complete_questionnaire, form_data

pytestmark = pytest.mark.django_db

LAST = STEPS[-1]
OTHER = {k: v for k, v in MILD_ANSWERS.items() if k != "mode"} | {
    "housing": "unstable",
    "support": "no",
    "readiness": "thinking",
    "prior_treatment": "program",
    "wd_symptoms": ["none"],
}


def step_url(step) -> str:
    return reverse("screening:step", args=[step.slug])


def answer_all_but_the_last(client: Client, answers: dict = SELF_DAILY_USE) -> str:
    client.post(reverse("screening:start"), {"mode": "self"})
    for step in STEPS[:-1]:
        client.post(step_url(step), form_data(step.slug, answers, "self"))
    return questionnaire.load(client.session).token


def finish(client: Client, answers: dict, submission: str | None = None):
    data = form_data(LAST.slug, answers, "self")
    if submission:
        data["submission"] = submission
    return client.post(step_url(LAST), data)


def copy_of(client: Client) -> Client:
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return thief


def test_a_replayed_cookie_finished_with_other_answers_never_gets_the_earlier_result(client):
    submission = answer_all_but_the_last(client)
    thief = copy_of(client)  # copied on the shared computer before the person finished
    first = finish(client, SELF_DAILY_USE, submission)
    assert first.status_code == 302 and first.url.startswith("/screening/result/")

    # Replaying the cookie, with the last step's other answers, even with the page's id.
    for attempt in (finish(thief, OTHER), finish(thief, OTHER, submission)):
        assert attempt.status_code == 302
        assert attempt.url != first.url
        assert attempt.url == reverse("screening:start")
    # Going through the whole questionnaire again with the copied cookie: a new screening.
    again = complete_questionnaire(thief, mode="self", answers=OTHER)
    assert again.url.startswith("/screening/result/") and again.url != first.url
    assert Screening.objects.count() == 2
    assert thief.get(again.url).status_code == 200


def test_a_stale_copy_of_the_session_with_the_spent_id_is_refused(client):
    submission = answer_all_but_the_last(client)
    stale = dict(client.session.items())  # e.g. a cache that missed the finishing save
    first = finish(client, SELF_DAILY_USE, submission)
    session = client.session
    session.update(stale)
    session.save()
    # Finishing with other answers: refused, never the earlier screening.
    replay = finish(client, OTHER)
    assert replay.url == reverse("screening:start")
    assert Screening.objects.count() == 1
    assert questionnaire.load(client.session) is None
    # The same answers again after the retry window: refused too.
    session = client.session
    session.update(stale)
    session.save()
    RetiredReference.objects.update(
        retired_at=RetiredReference.objects.get().retired_at
        - timedelta(seconds=settings.SUBMISSION_RETRY_SECONDS + 1)
    )
    late = finish(client, SELF_DAILY_USE)
    assert late.url == reverse("screening:start") and late.url != first.url


def test_an_identical_retry_from_the_same_page_finds_the_same_result(client):
    submission = answer_all_but_the_last(client)
    first = finish(client, SELF_DAILY_USE, submission)
    second = finish(client, SELF_DAILY_USE, submission)
    assert second.url == first.url
    # Without the page's one-time id, or with other answers: no result at all.
    assert finish(client, SELF_DAILY_USE).url == reverse("screening:start")
    assert finish(client, OTHER, submission).url == reverse("screening:start")
    assert Screening.objects.count() == 1


def test_the_service_spends_a_submission_id_once():
    token = "a-one-time-submission-id-of-the-test"
    first = screening_submit(answers=dict(SELF_ANSWERS), client_token=token)
    assert screening_submit(answers=dict(SELF_ANSWERS), client_token=token).pk == first.pk
    with pytest.raises(SubmissionUsed):
        screening_submit(answers={**MILD_ANSWERS}, client_token=token)


def _withdraw(client: Client, reference: str) -> None:
    send = client.post(
        reverse("admissions:send", args=[reference]),
        {
            "contact_name": CONTACT.name,
            "contact_phone": CONTACT.phone,
            "ok_to_leave_message": "no",
            "consent": "on",
        },
    )
    assert send.status_code == 302, send.content.decode()[:1000]
    assert Referral.objects.count() == 1
    withdrawn = client.post(reverse("admissions:withdraw", args=[reference]), {"confirm": "on"})
    assert withdrawn.status_code == 302, withdrawn.content.decode()[:1000]
    assert Referral.objects.get().is_withdrawn


def test_a_withdrawn_reference_stays_404_forever(client, no_rate_limits):
    submission = answer_all_but_the_last(client)
    stale = dict(client.session.items())
    result = finish(client, SELF_DAILY_USE, submission).url
    reference = result.split("/")[3]
    _withdraw(client, reference)
    pages = [
        result,
        reverse("screening:result_pdf", args=[reference]),
        reverse("admissions:send", args=[reference]),
        reverse("admissions:status", args=[reference]),
        reverse("admissions:withdraw", args=[reference]),
    ]
    assert [client.get(page).status_code for page in pages] == [404] * len(pages)
    # Every way back: the page's retry, a stale session with the token, the service itself.
    assert finish(client, SELF_DAILY_USE, submission).url == reverse("screening:start")
    session = client.session
    session.update(stale)
    session.save()
    assert finish(client, SELF_DAILY_USE).url == reverse("screening:start")
    with pytest.raises(SubmissionUsed):
        screening_submit(answers={"mode": "self", **SELF_DAILY_USE}, client_token=submission)
    assert [client.get(page).status_code for page in pages] == [404] * len(pages)


def test_try_again_pressed_twice_after_an_outage_finds_the_same_result(client):
    """As tests/load/test_database_outage.py does against a real PostgreSQL, in-process."""
    import re
    from unittest import mock

    from django.db import OperationalError

    answer_all_but_the_last(client)
    second_tab = copy_of(client)
    with mock.patch.object(
        Screening.objects, "create", side_effect=OperationalError("server closed")
    ):
        failed = finish(client, SELF_DAILY_USE)
    assert failed.status_code == 503
    page = failed.content.decode()
    resubmit = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    resubmit.pop("csrfmiddlewaretoken", None)
    assert "submission" in resubmit
    stored = client.post(step_url(LAST), resubmit)
    again = second_tab.post(step_url(LAST), resubmit)
    assert stored.status_code == again.status_code == 302
    assert again.url == stored.url and stored.url.startswith("/screening/result/")
    assert Screening.objects.count() == 1
