"""The screening journeys in real Chromium: a person answering about themselves, a family member."""

import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from screening.models import Screening
from screening.questions import STEPS
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_step(page: Page, answers: dict, mode: str) -> None:
    step_slug = re.search(r"/step/([a-z]+)/", page.url).group(1)
    step = next(s for s in STEPS if s.slug == step_slug)
    for question in step.questions_for(mode):
        value = answers[question.id]
        for one in value if isinstance(value, list) else [value]:
            page.check(f'input[name="{question.id}"][value="{one}"]')


def start(page: Page, live_server, mode_label: str) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Start the screening").click()
    page.get_by_label(mode_label).check()
    page.get_by_role("button", name="Start").click()


def test_self_screening_from_the_start_page_to_the_pdf(
    page: Page, live_server, assert_accessible, block_external_requests, artifacts_dir
):
    start(page, live_server, "About myself")
    for number in range(1, len(STEPS) + 1):
        expect(page.get_by_text(f"Step {number} of {len(STEPS)}")).to_be_visible()
        assert_accessible(page)
        answer_step(page, SELF_DAILY_USE, "self")
        page.get_by_role("button", name="See my results" if number == 5 else "Next").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What your answers suggest")
    expect(page.get_by_text("This is a screening, not a diagnosis.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Find .+ near you$"))).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts_dir / "result-phone.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    pdf_path = artifacts_dir / "summary.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "FirstStep screening summary" in text
    assert "Signs of a severe opioid use disorder" in text
    assert Screening.objects.count() == 1


def test_family_member_reporting_an_overdose_reaches_the_emergency_page(
    page: Page, live_server, assert_accessible, block_external_requests
):
    start(page, live_server, "About someone I care about")
    assert_accessible(page)
    page.get_by_label("Yes, right now").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 911 now")
    expect(page.get_by_role("link", name="Call 911").first).to_have_attribute("href", "tel:911")
    expect(page.get_by_text("Give naloxone (Narcan) if you have it.")).to_be_visible()
    assert_accessible(page)


def test_family_screening_result_speaks_to_the_family(page: Page, live_server, assert_accessible):
    start(page, live_server, "About someone I care about")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Next").click()
    for number in range(1, len(STEPS) + 1):
        answer_step(page, FAMILY_OBSERVER, "family")
        page.get_by_role("button", name="See my results" if number == 5 else "Next").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("your loved one")
    expect(page.get_by_text("You have seen at least 7 of the 11 signs.")).to_be_visible()
    assert_accessible(page)


def test_back_keeps_answers(page: Page, live_server):
    start(page, live_server, "About myself")
    for _step in range(2):  # safety now, then use
        answer_step(page, SELF_DAILY_USE, "self")
        page.get_by_role("button", name="Next").click()
    page.check('input[name="c1"][value="yes"]')
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Step 2 of 5")).to_be_visible()
    expect(page.locator('input[name="use_days"][value="20-30"]')).to_be_checked()
    expect(page.locator('input[name="opioids"][value="fentanyl"]')).to_be_checked()
    page.get_by_role("button", name="Next").click()
    expect(page.locator('input[name="c1"][value="yes"]')).to_be_checked()


def test_a_missing_answer_shows_its_message_and_keeps_the_rest(
    page: Page, live_server, assert_accessible
):
    start(page, live_server, "About myself")
    answer_step(page, SELF_DAILY_USE, "self")  # safety now
    page.get_by_role("button", name="Next").click()
    answers = {k: v for k, v in SELF_DAILY_USE.items() if k != "last_use"}
    answers["last_use"] = None
    for question in STEPS[1].questions_for("self"):
        value = answers[question.id]
        for one in value if isinstance(value, list) else ([value] if value else []):
            page.check(f'input[name="{question.id}"][value="{one}"]')
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("1 answer needs your attention.")).to_be_visible()
    expect(page.get_by_text("Please choose an answer.")).to_be_visible()
    expect(page.locator('input[name="use_days"][value="20-30"]')).to_be_checked()
    expect(page.locator('input[name="opioids"][value="heroin"]')).to_be_checked()
    assert_accessible(page)


def test_the_first_screen_asks_about_safety_and_chest_pain_leads_to_911(
    page: Page, live_server, assert_accessible
):
    start(page, live_server, "About myself")
    expect(page.get_by_role("heading", level=1)).to_have_text("First, are you safe right now?")
    assert_accessible(page)
    page.check('input[name="suicidal"][value="no"]')
    page.get_by_label("Chest pain or trouble breathing right now").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 911 now")
    expect(page.get_by_role("link", name="Call 911").first).to_have_attribute("href", "tel:911")
    assert_accessible(page)


def test_suicidal_thoughts_now_show_crisis_help_at_once(page: Page, live_server):
    start(page, live_server, "About myself")
    page.goto(live_server.url + "/screening/step/safety/")
    crisis = page.locator("#crisis")
    expect(crisis).to_be_hidden()
    page.check('input[name="suicidal"][value="now"]')
    expect(crisis).to_be_visible()
    expect(crisis.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")


def test_the_questionnaire_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    start(page, live_server, "About myself")
    for number in range(1, len(STEPS) + 1):
        answer_step(page, SELF_DAILY_USE, "self")
        page.get_by_role("button", name="See my results" if number == 5 else "Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What your answers suggest")
    context.close()
