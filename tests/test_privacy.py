"""Two people who see the same page each see only what is theirs.

Pages are rendered afresh for every request; these guard against any cache or shared
rendering coming back: the same result, the same blank step and the same search, asked for
by two people, never show one of them the other's reference, answers, CSRF token or messages.
"""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.session import SessionStorage
from django.http import HttpRequest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from screening.models import Screening
from screening.questions import STEPS
from tests.screening.journeys import SELF_DAILY_USE, complete_questionnaire
from treatment.importers.cleaning import zip_centroids
from treatment.models import Facility

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def give_message(client: Client, text: str) -> None:
    """A message waiting for this visitor, as a redirect after a form would leave it (in
    their session, where settings.MESSAGE_STORAGE keeps messages)."""
    request = HttpRequest()
    request.session = client.session
    SessionStorage(request)._store([Message(constants.INFO, text)], None)
    request.session.save()


def csrf_secrets(page: str) -> set[str]:
    return {_unmask_cipher_token(token) for token in CSRF_INPUT.findall(page)}


def test_two_people_with_the_same_result_each_see_only_their_own_reference_and_answers():
    # Ada and Ben get the same assessment; one answer that does not change it tells them apart.
    ada, ben = Client(), Client()
    ada_url = complete_questionnaire(ada, mode="self", answers=SELF_DAILY_USE).url
    ben_answers = SELF_DAILY_USE | {"wd_symptoms": ["sleep", "mood"]}
    ben_url = complete_questionnaire(ben, mode="self", answers=ben_answers).url
    first, second = Screening.objects.order_by("pk")
    assert first.assessment == second.assessment
    ada_reference = ada_url.rstrip("/").rsplit("/", 1)[-1]
    ben_reference = ben_url.rstrip("/").rsplit("/", 1)[-1]

    # Ada's page first, so anything kept from it would show on Ben's.
    ada_page = ada.get(ada_url).content.decode()
    ben_page = ben.get(ben_url).content.decode()

    assert ada_reference in ada_page and ben_reference not in ada_page
    assert ben_reference in ben_page and ada_reference not in ben_page
    ada_answers, ben_answers = _answers_of(ada_page), _answers_of(ben_page)
    assert "Strong craving" in ada_answers and "Strong craving" not in ben_answers
    assert "Can&#x27;t sleep" in ben_answers and "Can&#x27;t sleep" not in ada_answers


def _answers_of(page: str) -> str:
    match = re.search(r'<dl class="answer-list[^"]*">(.*?)</dl>', page, re.S)
    assert match, "the page lists the answers"
    return match[1]


def test_two_people_on_the_same_result_and_step_get_their_own_token_and_messages():
    ada, ben = Client(), Client()
    ada_url = complete_questionnaire(ada, mode="self", answers=SELF_DAILY_USE).url
    ben_url = complete_questionnaire(ben, mode="self", answers=SELF_DAILY_USE).url
    give_message(ada, "A note meant for Ada alone")

    ada_page = ada.get(ada_url).content.decode()
    ben_page = ben.get(ben_url).content.decode()
    assert "A note meant for Ada alone" in ada_page
    assert "A note meant for Ada alone" not in ben_page

    # A blank first step, the same for both in words, carries each one's own CSRF token.
    for person in (ada, ben):
        person.post(reverse("screening:start"), {"mode": "self"})
    first_step = reverse("screening:step", args=[STEPS[0].slug])
    ada_step = ada.get(first_step).content.decode()
    ben_step = ben.get(first_step).content.decode()
    ada_secret = ada.cookies["csrftoken"].value
    ben_secret = ben.cookies["csrftoken"].value
    assert ada_secret != ben_secret
    assert csrf_secrets(ada_step) == {ada_secret}
    assert csrf_secrets(ben_step) == {ben_secret}


def test_two_people_making_the_same_search_each_see_only_their_own_messages():
    latitude, longitude = zip_centroids()["22902"]
    Facility.objects.create(
        name="Blue Ridge Recovery",
        street1="1 Test Street",
        city="Charlottesville",
        state="VA",
        zip_code="22902",
        latitude=latitude,
        longitude=longitude,
        location_source=Facility.LOCATED_BY_ZIP,
        service_codes=" SA OP ",
        source=Facility.SOURCE_DIRECTORY,
        source_id="privacy-test-1",
    )
    ada, ben = Client(), Client()
    give_message(ada, "A note meant for Ada alone")
    search = reverse("treatment:search") + "?near=22902&radius=25"

    ada_page = ada.get(search).content.decode()
    ben_page = ben.get(search).content.decode()

    assert "Blue Ridge Recovery" in ada_page and "Blue Ridge Recovery" in ben_page
    assert "A note meant for Ada alone" in ada_page
    assert "A note meant for Ada alone" not in ben_page
    ben_secret = ben.cookies["csrftoken"].value if "csrftoken" in ben.cookies else None
    assert csrf_secrets(ben_page) <= {ben_secret}
    assert not csrf_secrets(ben_page) & csrf_secrets(ada_page)
