"""The language switch in real Chromium: same step, same answers, Spanish and accessible."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_to_spanish_mid_questionnaire_keeps_step_and_answers(
    page: Page, live_server, assert_accessible, block_external_requests
):
    page.goto(live_server.url + "/screening/")
    page.get_by_label("About myself").check()
    page.get_by_role("button", name="Start").click()
    page.check('input[name="suicidal"][value="no"]')
    page.check('input[name="medical_urgent"][value="none"]')
    page.get_by_role("button", name="Next").click()  # the safety screen comes first
    page.check('input[name="opioids"][value="heroin"]')
    page.check('input[name="use_days"][value="20-30"]')
    page.get_by_role("button", name="Next").click()  # the step's other answers are missing
    expect(page.get_by_role("alert")).to_be_visible()

    page.get_by_role("button", name="Español").click()
    page.wait_for_url("**/es/screening/step/use/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_text("Paso 2 de 5")).to_be_visible()
    expect(page.locator('input[name="opioids"][value="heroin"]')).to_be_checked()
    expect(page.locator('input[name="use_days"][value="20-30"]')).to_be_checked()
    assert_accessible(page)

    # The choice is kept: an English address now opens in Spanish, until English is chosen.
    page.goto(live_server.url + "/learn/")
    expect(page).to_have_url(live_server.url + "/es/learn/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(live_server.url + "/learn/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize("path", ["/es/", "/es/treatment/"])
def test_spanish_pages_pass_axe(page: Page, live_server, assert_accessible, path):
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)


def test_spanish_phone_layout_has_no_sideways_scrolling(page: Page, live_server, artifacts_dir):
    """Spanish words run longer: the header with the switch still fits a small phone."""
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ["/es/", "/es/screening/", "/es/treatment/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.goto(live_server.url + "/es/")
    page.screenshot(path=str(artifacts_dir / "home-es-phone.png"))
    page.goto(live_server.url + "/")
    page.screenshot(path=str(artifacts_dir / "home-en-phone.png"))
