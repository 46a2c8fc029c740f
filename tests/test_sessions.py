"""Server-side sessions: the cookie is an opaque id; either store may fail, never both lose it."""

import base64
import binascii
import contextlib
import os
import re
import zlib
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from firststep.sessions import SessionStore
from screening import questionnaire
from screening.questions import STEPS
from tests.screening.journeys import SELF_DAILY_USE, form_data

pytestmark = pytest.mark.django_db

# The step that asks how often: the tests below look for its answers.
USE_STEP = next(s for s in STEPS if "use_days" in [q.id for q in s.questions_for("self")])


def _every_decoding(value: str) -> str:
    """The cookie value and whatever base64 / zlib could make of any part of it."""
    found = [value]
    for part in re.split(r"[:.]", value):
        for candidate in (part, part + "=" * (-len(part) % 4)):
            try:
                raw = base64.urlsafe_b64decode(candidate)
            except (binascii.Error, ValueError):
                continue
            found.append(raw.decode("latin-1"))
            with contextlib.suppress(zlib.error):
                found.append(zlib.decompress(raw).decode("latin-1"))
    return "\n".join(found)


def test_the_cookie_holds_no_answer_no_reference_no_token(client):
    set_cookies = []
    response = client.post(reverse("screening:start"), {"mode": "self"})
    set_cookies.append(response.cookies)
    for step in STEPS:
        response = client.post(
            reverse("screening:step", args=[step.slug]),
            form_data(step.slug, SELF_DAILY_USE, "self"),
        )
        set_cookies.append(response.cookies)
        if step != STEPS[-1]:
            token = questionnaire.load(client.session).token
    reference = response.url.split("/")[3]
    assert len(reference) == 27
    values = [c[settings.SESSION_COOKIE_NAME].value for c in set_cookies if c.get("sessionid")]
    assert values, "the questionnaire sets a session cookie"
    for value in values:
        assert re.fullmatch(r"[a-z0-9]{32}", value), value  # an opaque, random id
        decoded = _every_decoding(value)
        for secret in (reference, token, "heroin", "fentanyl", "use_days", "20-30", "answers"):
            assert secret not in decoded
    # No other cookie carries anything of the person either.
    for cookies in set_cookies:
        assert set(cookies) <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def test_the_session_cookie_ends_with_the_browser_and_the_session_after_two_hours(client):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    response = client.post(reverse("screening:start"), {"mode": "self"})
    morsel = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not morsel["max-age"] and not morsel["expires"]  # gone when the browser closes
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    session = Session.objects.get(session_key=morsel.value)
    from django.utils import timezone

    left = (session.expire_date - timezone.now()).total_seconds()
    assert 2 * 60 * 60 - 60 < left <= 2 * 60 * 60


def test_the_start_page_says_how_long_answers_are_kept(client):
    page = client.get(reverse("screening:start")).content.decode()
    assert "2 hours" in page and "Esc" in page


def _is_checked(page: str, name: str, value: str) -> bool:
    start = page.index(f'name="{name}" value="{value}"')
    return "checked" in page[page.rindex("<", 0, start) : page.index(">", start)]


def _down(*args, **kwargs):
    raise OperationalError("could not connect to server")


def test_with_the_database_down_answers_are_kept_in_the_cache_and_reach_the_database_after(
    client,
):
    client.post(reverse("screening:start"), {"mode": "self"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    first, second = USE_STEP, STEPS[STEPS.index(USE_STEP) + 1]
    with (
        mock.patch.object(SessionStore, "_save_to_db", side_effect=_down),
        mock.patch.object(SessionStore, "_get_session_from_db", side_effect=_down),
    ):
        response = client.post(
            reverse("screening:step", args=[first.slug]),
            form_data(first.slug, SELF_DAILY_USE, "self"),
        )
        assert response.status_code == 302
        page = client.get(reverse("screening:step", args=[first.slug])).content.decode()
        assert _is_checked(page, "use_days", "20-30")
    # Back up: the next save writes what the cache kept.
    client.post(
        reverse("screening:step", args=[second.slug]),
        form_data(second.slug, SELF_DAILY_USE, "self"),
    )
    stored = SessionStore(key)
    stored._cache.delete(stored.cache_key)  # read from the database alone
    answers = SessionStore(key).load()["questionnaire"]["answers"]
    assert answers["use_days"] == "20-30" and answers["c1"] == "yes"


def test_a_session_made_while_the_database_is_down_is_stored_once_it_is_back(client):
    with mock.patch.object(SessionStore, "_save_to_db", side_effect=_down):
        assert client.post(reverse("screening:start"), {"mode": "self"}).status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert not Session.objects.filter(session_key=key).exists()
    client.post(
        reverse("screening:step", args=[USE_STEP.slug]),
        form_data(USE_STEP.slug, SELF_DAILY_USE, "self"),
    )
    assert Session.objects.filter(session_key=key).exists()


def test_with_the_cache_down_the_database_carries_the_session(client):
    cache = caches[settings.SESSION_CACHE_ALIAS]
    broken = mock.patch.multiple(
        type(cache),
        get=mock.Mock(side_effect=ConnectionError("cache down")),
        set=mock.Mock(side_effect=ConnectionError("cache down")),
        delete=mock.Mock(side_effect=ConnectionError("cache down")),
        has_key=mock.Mock(side_effect=ConnectionError("cache down")),
    )
    with broken:
        client.post(reverse("screening:start"), {"mode": "self"})
        client.post(
            reverse("screening:step", args=[USE_STEP.slug]),
            form_data(USE_STEP.slug, SELF_DAILY_USE, "self"),
        )
        assert questionnaire.load(client.session).answers["use_days"] == "20-30"


def test_an_ended_session_is_not_brought_back_by_a_late_save(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    copy = SessionStore(key)
    assert copy.get("questionnaire")  # a request that read the session before it ended
    SessionStore(key).delete()
    copy["questionnaire"] = {"mode": "self", "token": "x", "answers": {}}
    from django.contrib.sessions.backends.base import UpdateError

    with pytest.raises(UpdateError):
        copy.save()
    assert not Session.objects.filter(session_key=key).exists()


def test_two_workers_see_one_session(client):
    """Every worker reads the same cache and database: no per-process copy goes stale."""
    assert settings.CACHES["sessions"]["BACKEND"] != (
        "django.core.cache.backends.locmem.LocMemCache"
    )
    other_worker = Client()
    client.post(reverse("screening:start"), {"mode": "self"})
    other_worker.cookies = client.cookies
    other_worker.post(
        reverse("screening:step", args=[USE_STEP.slug]),
        form_data(USE_STEP.slug, SELF_DAILY_USE, "self"),
    )
    assert questionnaire.load(client.session).answers["use_days"] == "20-30"


def test_clearsessions_removes_expired_sessions_from_both_stores(client, settings):
    from django.core.management import call_command

    client.post(reverse("screening:start"), {"mode": "self"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = SessionStore(key)
    store.load()
    cache = caches[settings.SESSION_CACHE_ALIAS]
    cache.set(store.cache_key, {"questionnaire": {"answers": {"x": 1}}}, 1)
    Session.objects.filter(session_key=key).update(expire_date="2000-01-01T00:00:00Z")
    import time

    time.sleep(1.1)
    call_command("clearsessions")
    assert not Session.objects.filter(session_key=key).exists()
    if isinstance(cache, FileBasedCache):
        assert not os.path.exists(cache._key_to_file(store.cache_key))


def test_a_finished_session_holds_no_reference_and_no_token(client):
    from tests.screening.journeys import complete_questionnaire

    result = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    reference = result.split("/")[3]
    data = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value).load()
    assert reference not in str(data)
    assert "questionnaire" not in data and "my_screenings" not in data


def test_a_quick_exit_while_the_database_is_down_stays_ended_when_it_is_back(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    copy = Client()
    copy.cookies[settings.SESSION_COOKIE_NAME] = key
    with mock.patch("django.db.models.query.QuerySet.delete", side_effect=_down):
        assert client.get(reverse("quick_exit")).status_code == 302
    assert Session.objects.filter(session_key=key).exists()  # the row outlived the outage
    page = copy.get(reverse("screening:step", args=[USE_STEP.slug]))
    assert page.url == reverse("screening:start")
    assert questionnaire.load(copy.session) is None


def test_a_session_neither_store_can_read_is_not_overwritten(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    client.post(
        reverse("screening:step", args=[USE_STEP.slug]),
        form_data(USE_STEP.slug, SELF_DAILY_USE, "self"),
    )
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    caches[settings.SESSION_CACHE_ALIAS].clear()  # e.g. Redis restarted empty
    with (
        mock.patch.object(SessionStore, "_get_session_from_db", side_effect=_down),
        mock.patch.object(SessionStore, "_save_to_db", side_effect=_down),
    ):
        response = client.post(reverse("screening:start"), {"mode": "family"})
        assert response.status_code == 302
        assert client.cookies[settings.SESSION_COOKIE_NAME].value == key  # cookie kept
    assert questionnaire.load(client.session).answers["use_days"] == "20-30"
