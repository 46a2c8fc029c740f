"""Parts of pages rendered once and shared between visitors (settings.CACHES["fragments"]).

Sharing must never show one person what belongs to another: their CSRF token, their
messages, their answers, their reference.
"""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from screening.models import Screening
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE, complete_questionnaire

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_two_visitors_of_the_start_page_each_get_a_token_that_works_for_them():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = TOKEN.search(first.get("/screening/").content.decode())[1]
    second_token = TOKEN.search(second.get("/screening/").content.decode())[1]
    assert "ForSharedPages" not in first_token + second_token
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value

    started = first.post("/screening/", {"mode": "self", "csrfmiddlewaretoken": first_token})
    assert started.status_code == 302
    # A token copied from someone else's page is refused, cache or no cache.
    crossed = second.post("/screening/", {"mode": "self", "csrfmiddlewaretoken": first_token})
    assert crossed.status_code == 403


def test_the_start_page_still_shows_a_message_meant_for_this_visitor():
    Client().get("/screening/")  # the shared page is now cached
    visitor = Client()
    response = visitor.get("/screening/step/use/", follow=True)
    assert "Please start by telling us who you are answering about." in response.content.decode()


def test_the_start_page_shows_the_mode_this_visitor_already_chose():
    Client().get("/screening/")
    visitor = Client()
    visitor.post("/screening/", {"mode": "family"})
    page = visitor.get("/screening/").content.decode()
    assert re.search(r'value="family"[^>]*checked', page)
    assert not re.search(r'value="self"[^>]*checked', page)
    assert not re.search(r"checked", Client().get("/screening/").content.decode())


def test_a_step_shows_this_persons_answers_after_someone_saw_it_blank():
    first = Client()
    first.post("/screening/", {"mode": "self"})
    assert "checked" not in first.get("/screening/step/use/").content.decode()

    second = Client()
    second.post("/screening/", {"mode": "self"})
    second.post("/screening/step/use/", {"use_days": "20-30", "action": "back"})
    page = second.get("/screening/step/use/").content.decode()
    assert re.search(r'value="20-30"[^>]*checked', page)
    # ...and the next person still gets a blank step.
    third = Client()
    third.post("/screening/", {"mode": "self"})
    assert "checked" not in third.get("/screening/step/use/").content.decode()


def test_two_people_with_the_same_result_each_see_only_their_own_reference_and_answers():
    alice, bob = Client(), Client()
    alice_url = complete_questionnaire(alice, mode="self", answers=SELF_DAILY_USE).url
    alice_page = alice.get(alice_url).content.decode()
    bob_answers = SELF_DAILY_USE | {"opioids": ["pills"]}  # which opioid is not scored
    bob_url = complete_questionnaire(bob, mode="self", answers=bob_answers).url
    bob_page = bob.get(bob_url).content.decode()

    alice_row, bob_row = Screening.objects.order_by("created_at")
    assert alice_row.assessment == bob_row.assessment
    alice_ref, bob_ref = (
        alice_url.rstrip("/").rsplit("/", 1)[1],
        bob_url.rstrip("/").rsplit("/", 1)[1],
    )
    assert bob_ref in bob_page and alice_ref not in bob_page
    assert alice_ref in alice_page and bob_ref not in alice_page
    answers = re.compile(r'<dl class="answer-list.*?</dl>', re.S)
    assert answers.search(alice_page)[0] != answers.search(bob_page)[0]
    assert "Prescription opioid pills" in answers.search(bob_page)[0]
    assert "Prescription opioid pills" not in answers.search(alice_page)[0]
    # Bob's own links: his PDF and his sending page, which open for him.
    pdf = f'href="/screening/result/{bob_ref}/summary.pdf"'
    send = f'href="/my-screening/{bob_ref}/send/"'
    assert pdf in bob_page and send in bob_page
    assert bob.get(f"/screening/result/{bob_ref}/summary.pdf").status_code == 200
    assert bob.get(f"/my-screening/{bob_ref}/send/").status_code == 200
    for page in (alice_page, bob_page):
        assert "ForSharedPagesEnd" not in page


def test_the_result_page_is_rendered_once_for_everyone_with_the_same_result(
    django_assert_num_queries,
):
    alice, bob = Client(), Client()
    alice.get(complete_questionnaire(alice, mode="self", answers=SELF_DAILY_USE).url)
    bob_url = complete_questionnaire(bob, mode="self", answers=SELF_DAILY_USE).url
    # Bob's page is Alice's rendered page with his values: no article query, no rendering.
    # His screening only: the content version was read a moment ago (firststep.versions).
    with django_assert_num_queries(1):
        page = bob.get(bob_url)
    assert page.status_code == 200 and "Read next" in page.content.decode()


def test_a_different_assessment_never_gets_anothers_shared_part():
    calm = Client()
    calm_page = calm.get(
        complete_questionnaire(calm, mode="self", answers=SELF_DAILY_USE).url
    ).content.decode()
    assert "Overdose: call 911 now" not in calm_page

    family = Client()
    emergency = FAMILY_OBSERVER | {"overdose_now": "yes"}
    url = complete_questionnaire(family, mode="family", answers=emergency).url
    page = family.get(url).content.decode()
    assert "Overdose: call 911 now" in page
    assert "What your answers suggest about your loved one" in page


def test_shared_parts_live_only_in_this_processs_memory():
    from django.core.cache.backends.locmem import LocMemCache

    # A shared cache server would serve fragments of older code after a deploy, and another
    # process's placeholders, which this one would not fill in.
    for alias in ("fragments", "facility_cards"):
        assert isinstance(caches[alias], LocMemCache)


def test_a_step_shown_with_errors_leaves_the_next_persons_step_clean():
    first = Client()
    first.post("/screening/", {"mode": "self"})
    shown = first.post("/screening/step/use/", {"use_days": "20-30", "action": "next"})
    assert shown.status_code == 200 and "is-invalid" in shown.content.decode()

    second = Client()
    second.post("/screening/", {"mode": "self"})
    page = second.get("/screening/step/use/").content.decode()
    assert "is-invalid" not in page and "answers need your attention" not in page
    assert second.post("/screening/step/use/", {"use_days": "20-30"}).status_code == 200
