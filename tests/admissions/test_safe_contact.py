"""Safe contact: the person's choices reach the case page, ahead of the phone number,
and change what the call and text buttons say."""

import pytest
from django.urls import reverse

from admissions.models import Referral
from tests.personas import FAMILY_ANSWERS, make_screening

pytestmark = pytest.mark.django_db

CHOICES = {
    "contact_name": "Sam",
    "contact_phone": "(555) 123-4567",
    "contact_email": "sam@example.org",
    "ways": ["call", "text"],
    "message_style": "discreet",
    "ok_to_leave_message": "no",
    "best_time": "Weekdays after 5 pm",
    "preferred_language": "Spanish",
    "consent": "on",
}


def send(client, screening, **changes) -> Referral:
    url = reverse("admissions:send", kwargs={"reference": screening.reference})
    response = client.post(url, {**CHOICES, **changes})
    assert response.status_code == 302, response.content.decode()
    return Referral.objects.get(screening=screening)


def case_page(staff_client, referral) -> str:
    return staff_client.get(reverse("staff:detail", kwargs={"pk": referral.pk})).content.decode()


def test_the_consent_form_asks_in_plain_words(client):
    screening = make_screening()
    page = client.get(reverse("admissions:send", args=[screening.reference])).content.decode()
    for words in (
        "How may the team reach you? Tick all that are OK.",
        "A phone call",
        "A text message",
        "An email",
        "If the team leaves a voicemail or sends a text, what may it say?",
        "Only the caller&#x27;s first name: nothing about where it is from",
        "Is it OK to leave a voicemail?",
        "Best times to call",
        "Language to speak with you",
    ):
        assert words in page, words
    assert "Does your loved one know" not in page


def test_the_choices_are_stored(client):
    referral = send(client, make_screening())
    assert (referral.may_call, referral.may_text, referral.may_email) == (True, True, False)
    assert referral.message_style == "discreet" and not referral.ok_to_leave_message
    assert referral.preferred_language == "Spanish"
    assert referral.language == "en"  # the site's language, for the FHIR export


def test_texts_need_a_phone_number_and_email_an_address(client):
    screening = make_screening()
    url = reverse("admissions:send", kwargs={"reference": screening.reference})
    page = client.post(url, {**CHOICES, "contact_phone": "", "ways": ["text"]}).content.decode()
    assert "Please give a phone number for calls or texts" in page
    page = client.post(url, {**CHOICES, "contact_email": "", "ways": ["email"]}).content.decode()
    assert "Please give an email address, or untick email." in page
    assert not Referral.objects.exists()


def test_discreet_choices_come_before_the_phone_number_and_shape_the_buttons(client, staff_client):
    referral = send(client, make_screening())
    page = case_page(staff_client, referral)
    guidance = page.index("Before you call: how they asked to be contacted")
    assert guidance < page.index("+15551234567")
    assert "Discreet: say only your first name, no voicemail naming the center." in page
    assert "Call (first name only; do not leave a voicemail)" in page
    assert "Text (Discreet: first name only, nothing about where it is from)" in page
    assert "Best time: Weekdays after 5 pm." in page and "Speak: Spanish." in page
    assert 'href="sms:+15551234567"' in page and 'href="tel:+15551234567"' in page
    assert "mailto:" not in page  # email was not ticked


def test_named_messages_and_no_texts_change_the_buttons(client, staff_client):
    referral = send(
        client, make_screening(), ways=["call"], message_style="named", ok_to_leave_message="yes"
    )
    page = case_page(staff_client, referral)
    assert "You may say you are calling from the admissions team." in page
    assert "Call (may name the team; a voicemail is OK)" in page
    assert "Do not text" in page and 'href="sms:' not in page


def test_family_mode_says_the_team_contacts_the_family_member(client, staff_client):
    screening = make_screening(FAMILY_ANSWERS)
    url = reverse("admissions:send", kwargs={"reference": screening.reference})
    page = client.get(url).content.decode()
    assert "The team will contact you, the family member, not your loved one." in page
    assert "Does your loved one know you are doing this?" in page
    response = client.post(url, CHOICES)
    assert "Please say whether they know" in response.content.decode()
    referral = send(client, screening, loved_one_knows="no")
    assert referral.loved_one_knows == "no"
    page = case_page(staff_client, referral)
    assert "A family member sent this: contact them, not their loved one." in page
    assert "The loved one does NOT know about this screening." in page
    assert page.index("does NOT know") < page.index("+15551234567")


def test_a_phone_alone_without_ticks_means_calls(client):
    referral = send(
        client, make_screening(), ways=[], contact_email="", message_style="", best_time=""
    )
    assert (referral.may_call, referral.may_text, referral.may_email) == (True, False, False)
    assert referral.message_style == "discreet"


def test_the_printed_case_carries_the_same_guidance(client, staff_client):
    from io import BytesIO

    from pypdf import PdfReader

    referral = send(client, make_screening())
    response = staff_client.get(reverse("staff:detail_pdf", kwargs={"pk": referral.pk}))
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split()
    )
    assert "Discreet: say only your first name, no voicemail naming the center." in text
    assert text.index("Discreet") < text.index("+15551234567")
