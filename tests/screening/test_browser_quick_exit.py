"""Quick exit in real Chromium, with and without JavaScript: afterwards a new load of any
step shows nothing ticked, and Back does not bring the answers back."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from screening.questions import STEPS
from tests.screening.journeys import SELF_DAILY_USE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "<!doctype html><title>Weather</title><h1>Today's forecast</h1>"


def neutral_site(context) -> None:
    """The neutral site, served here: the tests never leave this machine."""
    pattern = re.compile(re.escape(settings.QUICK_EXIT_URL.rstrip("/")) + ".*")
    context.route(
        pattern, lambda route: route.fulfill(status=200, body=NEUTRAL, content_type="text/html")
    )


def _first_answer(step) -> tuple[str, str]:
    """A question of the step and the answer SELF_DAILY_USE gives it (its first, if several)."""
    question = step.questions_for("self")[0]
    value = SELF_DAILY_USE[question.id]
    return question.id, value[0] if isinstance(value, list) else value


FIRST_ANSWER, SECOND_ANSWER = _first_answer(STEPS[0]), _first_answer(STEPS[1])


def answer_two_steps(page: Page, live_server) -> None:
    page.goto(live_server.url + "/screening/")
    page.get_by_label("About myself").check()
    page.get_by_role("button", name="Start").click()
    for question in STEPS[0].questions_for("self"):
        value = SELF_DAILY_USE[question.id]
        for one in value if isinstance(value, list) else [value]:
            page.check(f'input[name="{question.id}"][value="{one}"]')
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 2 of")).to_be_visible()
    page.check(f'input[name="{SECOND_ANSWER[0]}"][value="{SECOND_ANSWER[1]}"]')
    page.get_by_role("button", name="Back").click()  # saves step 2's answer too
    expect(
        page.locator(f'input[name="{FIRST_ANSWER[0]}"][value="{FIRST_ANSWER[1]}"]')
    ).to_be_checked()


def session_ids(context) -> set[str]:
    return {c["value"] for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME}


def assert_nothing_kept(page: Page, live_server, context, before: set[str]) -> None:
    from django.contrib.sessions.models import Session

    assert before and not Session.objects.filter(session_key__in=before).exists()
    assert not session_ids(context) & before  # the browser dropped the old id
    # Back: whatever the browser shows, no answer is ticked.
    page.go_back()
    page.wait_for_load_state()
    assert page.locator("input:checked").count() == 0, page.url
    assert f'value="{SECOND_ANSWER[1]}" checked' not in page.content()
    assert not session_ids(context) & before
    # A new load of every step: sent back to the start, nothing ticked.
    for step in STEPS:
        page.goto(f"{live_server.url}/screening/step/{step.slug}/")
        assert page.url == live_server.url + "/screening/", page.url
        assert page.locator("input:checked").count() == 0


def test_quick_exit_with_javascript_clears_and_replaces_the_history_entry(browser, live_server):
    context = browser.new_context()
    neutral_site(context)
    page = context.new_page()
    answer_two_steps(page, live_server)
    history_before = page.evaluate("history.length")
    before = session_ids(context)
    quick_exit = page.get_by_role("link", name=re.compile("Quick exit"))
    expect(quick_exit).to_contain_text("Esc")
    quick_exit.click()
    page.wait_for_url(settings.QUICK_EXIT_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today's forecast")
    # location.replace: the step page's entry became the neutral site, none was added.
    assert page.evaluate("history.length") == history_before
    assert_nothing_kept(page, live_server, context, before)
    context.close()


def test_escape_leaves_too(browser, live_server):
    context = browser.new_context()
    neutral_site(context)
    page = context.new_page()
    answer_two_steps(page, live_server)
    before = session_ids(context)
    page.locator("h1").click()
    page.keyboard.press("Escape")
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert_nothing_kept(page, live_server, context, before)
    context.close()


def test_quick_exit_without_javascript_clears_too(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    neutral_site(context)
    page = context.new_page()
    answer_two_steps(page, live_server)
    before = session_ids(context)
    page.get_by_role("link", name=re.compile("Quick exit")).click()
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert_nothing_kept(page, live_server, context, before)
    context.close()


def test_the_quick_exit_stays_on_screen_at_the_bottom_of_a_long_page(page: Page, live_server):
    page.set_viewport_size({"width": 390, "height": 600})
    page.goto(live_server.url + "/about/")
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") > 0
    expect(page.get_by_role("link", name=re.compile("Quick exit"))).to_be_in_viewport()
