"""Two admissions teams work side by side in real Chromium without seeing each other's
referrals; the person's contact choices reach the case page and its buttons."""

import pytest
from playwright.sync_api import Browser, Page, expect

from admissions.models import ContactAttempt, Referral
from tests.personas import (
    PASSWORD,
    current_code,
    make_referral,
    make_screening,
    make_team,
    make_user,
    totp_device,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_staff(page: Page, base: str, user) -> None:
    page.goto(f"{base}/staff/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(current_code(totp_device(user)))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Admissions queue")


def test_two_teams_side_by_side(
    page: Page,
    browser: Browser,
    live_server,
    assert_accessible,
    block_external_requests,
    artifacts_dir,
):
    north = make_team("North Intake", areas="10001")
    south = make_team("South Intake", areas="94103")
    north_case, _ = make_referral(team=north)
    north_staff = make_user("nora", groups=("admissions",), device=True, teams=(north,))
    south_staff = make_user("sol", groups=("admissions",), device=True, teams=(south,))

    # The person chooses the team nearest their ZIP and says how to reach them safely.
    screening = make_screening()
    page.goto(f"{live_server.url}/my-screening/{screening.reference}/send/")
    page.get_by_label("Your ZIP code").fill("94110")
    page.get_by_role("button", name="List the nearest first").click()
    # South (San Francisco) is listed before North (Manhattan) for a ZIP in San Francisco.
    expect(page.locator("input[name=team]").first).to_have_value(str(south.pk))
    page.get_by_label("South Intake").check()
    page.get_by_label("Phone", exact=True).fill("555 123 4567")
    page.get_by_label("A phone call").check()
    page.get_by_label("A text message").check()
    page.get_by_label("Only the caller's first name").check()
    page.get_by_label("Best times to call").fill("After 6 pm")
    page.get_by_label("Language to speak with you").fill("Spanish")
    assert_accessible(page)
    page.get_by_label("I agree to send my screening").check()
    page.get_by_role("button", name="Send to the admissions team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sent to the admissions team")
    south_case = Referral.objects.get(screening=screening)
    assert south_case.team == south

    # South's staff see their case only, with the person's choices before the number.
    sign_in_staff(page, live_server.url, south_staff)
    expect(page.get_by_role("link", name=south_case.case_label)).to_be_visible()
    expect(page.get_by_role("link", name=north_case.case_label)).to_have_count(0)
    page.get_by_role("link", name=south_case.case_label).click()
    guidance = page.locator("#safe-contact")
    expect(guidance).to_contain_text(
        "Discreet: say only your first name, no voicemail naming the center."
    )
    expect(guidance).to_contain_text("Speak: Spanish.")
    expect(
        page.get_by_role("link", name="Call (first name only; do not leave a voicemail)")
    ).to_have_attribute("href", "tel:+15551234567")
    expect(
        page.get_by_role("link", name="Text (Discreet: first name only, nothing about where")
    ).to_have_attribute("href", "sms:+15551234567")
    assert_accessible(page)
    page.screenshot(path=str(artifacts_dir / "admissions-case-safe-contact.png"), full_page=True)
    attempt = page.get_by_role("form", name="Log a contact attempt")
    attempt.locator("select[name=method]").select_option("text")
    attempt.locator("select[name=outcome]").select_option("no_answer")
    page.get_by_role("button", name="Log attempt").click()
    expect(page.get_by_text("Contact attempt logged.")).to_be_visible()
    assert ContactAttempt.objects.get().referral == south_case

    # At the same time, North's staff in their own browser see only North's case.
    context = browser.new_context()
    north_page = context.new_page()
    sign_in_staff(north_page, live_server.url, north_staff)
    expect(north_page.get_by_role("link", name=north_case.case_label)).to_be_visible()
    expect(north_page.get_by_role("link", name=south_case.case_label)).to_have_count(0)
    response = north_page.goto(f"{live_server.url}/staff/cases/{south_case.pk}/")
    assert response.status == 404
    response = north_page.goto(f"{live_server.url}/staff/cases/{south_case.pk}/fhir.json")
    assert response.status == 404
    context.close()

    # The person sees that the team tried, not who.
    page.goto(f"{live_server.url}/my-screening/{screening.reference}/")
    expect(page.get_by_text("We tried to reach you on")).to_be_visible()
    expect(page.get_by_text("sol")).to_have_count(0)
