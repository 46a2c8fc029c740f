"""Queries per page, so a page that starts querying in a loop fails here, not in production.

The start page and every questionnaire step read nothing from the database: answers in
progress live in the server-side session, read from the session cache; saving an answer
writes the session row (one UPDATE), and with the database down the cache alone carries
it (tests/test_sessions.py), so people can keep answering (the final submit then gets the
could-not-save page).
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from bench.http import FACILITIES
from screening.questions import STEPS
from tests.screening.journeys import SELF_DAILY_USE, complete_questionnaire, form_data

pytestmark = pytest.mark.django_db


def test_the_start_page_needs_no_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(reverse("screening:start")).status_code == 200
    # A new session: a uniqueness check and the INSERT, in a savepoint.
    with django_assert_max_num_queries(4):
        assert client.post(reverse("screening:start"), {"mode": "self"}).status_code == 302


def test_questionnaire_steps_need_no_query(client, django_assert_max_num_queries):
    client.post(reverse("screening:start"), {"mode": "self"})
    for step in STEPS[:-1]:
        url = reverse("screening:step", args=[step.slug])
        with django_assert_max_num_queries(0):
            assert client.get(url).status_code == 200
        # The session's UPDATE, in a savepoint; nothing is read.
        with django_assert_max_num_queries(3) as context:
            response = client.post(url, form_data(step.slug, SELF_DAILY_USE, "self"))
        assert not [q for q in context.captured_queries if q["sql"].startswith("SELECT")]
        assert response.status_code == 302


def test_the_final_submit_stores_the_screening_in_one_transaction(
    client, django_assert_max_num_queries
):
    client.post(reverse("screening:start"), {"mode": "self"})
    for step in STEPS[:-1]:
        client.post(
            reverse("screening:step", args=[step.slug]),
            form_data(step.slug, SELF_DAILY_USE, "self"),
        )
    last = STEPS[-1].slug
    # Spending the submission id (get_or_create: a SELECT and an INSERT), the screening's
    # INSERT, inside savepoints; then the session's UPDATE in its own.
    with django_assert_max_num_queries(10):
        response = client.post(
            reverse("screening:step", args=[last]), form_data(last, SELF_DAILY_USE, "self")
        )
    assert response.status_code == 302


def test_the_result_page_is_the_screening_and_its_articles(client, django_assert_max_num_queries):
    result_url = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    with django_assert_max_num_queries(3):
        assert client.get(result_url).status_code == 200


@pytest.mark.skipif(not FACILITIES.exists(), reason=f"{FACILITIES} is missing")
def test_a_directory_search_is_three_queries_however_many_it_finds(
    client, django_assert_max_num_queries
):
    call_command("import_facilities", str(FACILITIES), verbosity=0)  # the real directory
    for query in ["near=22902&radius=25", "near=10001&radius=100", "near=10001&radius=100&page=2"]:
        with django_assert_max_num_queries(3):
            page = client.get(f"/treatment/?{query}")
        assert page.status_code == 200
        assert page.content.count(b'href="/treatment/facility/') >= (1 if "22902" in query else 20)
        with django_assert_max_num_queries(3):
            assert client.get(f"/api/facilities?{query}").status_code == 200
