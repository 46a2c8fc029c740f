"""Consent, sending, status and withdrawal, and the staff side, in real Chromium."""

import pytest
from playwright.sync_api import Page, expect

from admissions.models import AuditAction, AuditEvent, Referral, Status
from screening.models import Screening
from tests.personas import (
    FAMILY_ANSWERS,
    PASSWORD,
    current_code,
    make_referral,
    make_screening,
    make_user,
    totp_device,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_csp(page: Page) -> list[str]:
    """Collect Content-Security-Policy violations the browser reports."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_a_family_member_sends_then_withdraws(
    page: Page, live_server, assert_accessible, block_external_requests, artifacts_dir
):
    csp = watch_csp(page)
    screening = make_screening(FAMILY_ANSWERS)
    reference = screening.reference
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/screening/result/{reference}/")
    # A family member asks to be called (the result page's next step, worded for them).
    page.get_by_role("link", name="Ask an admissions team to call you").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Send your screening to an admissions team"
    )
    expect(page.get_by_role("heading", name="What will be shared")).to_be_visible()
    expect(page.get_by_role("heading", name="How long we keep it")).to_be_visible()
    assert_accessible(page)

    # No way to reach them and no consent: both explained, nothing sent.
    page.get_by_role("button", name="Send to the admissions team").click()
    expect(page.get_by_text("Please give a phone number or an email address")).to_be_visible()
    expect(page.get_by_text("Please tick the box to agree")).to_be_visible()
    assert_accessible(page)
    assert not Referral.objects.exists()

    page.get_by_label("First name or initials (optional)").fill("Jo")
    page.get_by_label("Phone", exact=True).fill("555 12")
    page.get_by_label("I agree to send my screening").check()
    page.get_by_role("button", name="Send to the admissions team").click()
    expect(page.get_by_text("Please give a 10-digit US phone number")).to_be_visible()

    page.get_by_label("Phone", exact=True).fill("(555) 123-4567")
    page.locator("input[name=ok_to_leave_message][value=yes]").check()
    # A family member: the team calls them, and asks whether the loved one knows.
    expect(page.get_by_text("The team will contact you, the family member")).to_be_visible()
    page.locator("input[name=loved_one_knows][value=no]").check()
    page.get_by_label("I agree to send my screening").check()
    page.get_by_role("button", name="Send to the admissions team").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sent to the admissions team")
    expect(page.get_by_text(reference)).to_be_visible()
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(artifacts_dir / "admissions-sent-phone.png"), full_page=True)
    referral = Referral.objects.get()
    assert (referral.contact_name, referral.contact_phone) == ("Jo", "+15551234567")
    assert referral.ok_to_leave_message
    assert referral.loved_one_knows == "no" and referral.may_call

    page.get_by_role("link", name="Check the status").click()
    expect(page.get_by_text("Received", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Withdraw and delete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your screening")
    assert_accessible(page)
    page.get_by_label("I understand this deletes").check()
    page.get_by_role("button", name="Withdraw and delete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdrawn and deleted")
    assert_accessible(page)

    referral.refresh_from_db()
    assert referral.status == Status.WITHDRAWN and referral.contact_phone == ""
    assert Screening.objects.get().answers == {}
    response = page.goto(f"{live_server.url}/my-screening/{reference}/")
    assert response.status == 404
    assert not csp, csp


def test_staff_sign_in_with_a_code_triage_and_note(
    page: Page, live_server, assert_accessible, block_external_requests
):
    csp = watch_csp(page)
    referral, _ = make_referral()
    staff = make_user("staff", groups=("admissions",), device=True)

    page.goto(f"{live_server.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff sign-in")
    assert_accessible(page)
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    page.get_by_label("6-digit code").fill(current_code(totp_device(staff)))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Admissions queue")
    assert_accessible(page)
    page.get_by_role("link", name=referral.case_label).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {referral.case_label}")
    assert_accessible(page)

    page.get_by_label("Add a note").fill("<b>Called</b>, no answer")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("<b>Called</b>, no answer")).to_be_visible()
    page.get_by_label("New status").select_option("contacted")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Status changed.")).to_be_visible()

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.VIEW_DETAIL, AuditAction.NOTE_ADD, AuditAction.STATUS_CHANGE} <= actions
    assert not csp, csp


def test_setting_up_the_second_factor_shows_the_qr_code(
    page: Page, live_server, assert_accessible, block_external_requests
):
    csp = watch_csp(page)
    from staffauth.invitations import invitation_create

    user = make_user("newstaff", groups=("admissions",))
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Username").fill("newstaff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # A password alone: nothing but a request to ask for a setup link.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ask your supervisor for a setup link"
    )
    token = invitation_create(user=user, created_by=None)
    page.goto(f"{live_server.url}/staff/two-step/invitation/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    assert token not in page.url
    qr = page.get_by_role("img", name="QR code to add FirstStep to your authenticator app")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] > 100
    assert_accessible(page)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get()
    page.get_by_label("6-digit code").fill(current_code(device))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Admissions queue")
    assert not csp, csp
