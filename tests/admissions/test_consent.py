"""The person sends their screening to the admissions team, with consent."""

import pytest
from django.urls import reverse

from admissions.models import CONSENT_VERSION, Referral, Status
from tests.personas import make_screening

pytestmark = pytest.mark.django_db

VALID = {
    "contact_name": "Sam",
    "contact_phone": "(555) 123-4567",
    "contact_email": "",
    "best_time": "Evenings",
    "preferred_language": "Spanish",
    "ok_to_leave_message": "yes",
    "consent": "on",
}


@pytest.fixture
def screening():
    return make_screening()


def send_url(screening) -> str:
    return reverse("admissions:send", kwargs={"reference": screening.reference})


def test_it_says_what_is_shared_with_whom_for_how_long(client, screening):
    response = client.get(send_url(screening))
    page = response.content.decode()
    assert response.status_code == 200
    for words in ("What will be shared", "Who will see it", "How long we keep it", "withdraw"):
        assert words in page
    assert "no-store" in response["Cache-Control"]


def test_the_result_page_links_to_the_consent_page(client, screening):
    page = client.get(reverse("screening:result", args=[screening.reference])).content.decode()
    assert f'href="{send_url(screening)}"' in page
    assert "Send this to an admissions team" in page


def test_it_sends_with_consent_and_contact_details(client, screening):
    response = client.post(send_url(screening), VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("admissions:sent", args=[screening.reference])
    referral = Referral.objects.get(screening=screening)
    assert referral.status == Status.NEW
    assert referral.consent_version == CONSENT_VERSION
    assert referral.consented_at is not None
    assert referral.contact_phone == "+15551234567"
    assert referral.ok_to_leave_message is True
    confirmation = client.get(response["Location"]).content.decode()
    assert screening.reference in confirmation
    assert "What happens next" in confirmation


def test_it_needs_a_phone_or_an_email(client, screening):
    data = {**VALID, "contact_phone": "", "contact_email": ""}
    response = client.post(send_url(screening), data)
    assert response.status_code == 200
    assert "Please give a phone number or an email address" in response.content.decode()
    assert not Referral.objects.exists()


def test_an_email_alone_is_enough(client, screening):
    data = {**VALID, "contact_phone": "", "contact_email": "sam@example.org"}
    assert client.post(send_url(screening), data).status_code == 302
    assert Referral.objects.get().contact_email == "sam@example.org"


@pytest.mark.parametrize(
    "phone, message",
    [
        ("12345", "10-digit US phone number"),
        ("555-CALL-NOW", "only have digits"),
        ("(055) 123-4567", "area codes"),
    ],
)
def test_phone_numbers_are_checked_with_clear_messages(client, screening, phone, message):
    response = client.post(send_url(screening), {**VALID, "contact_phone": phone})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize("phone", ["+1 555 123 4567", "555.123.4567", "15551234567"])
def test_common_phone_formats_are_accepted(client, screening, phone):
    assert client.post(send_url(screening), {**VALID, "contact_phone": phone}).status_code == 302
    assert Referral.objects.get().contact_phone == "+15551234567"


def test_a_bad_email_is_explained(client, screening):
    response = client.post(send_url(screening), {**VALID, "contact_email": "sam@"})
    assert "Please check the email address" in response.content.decode()
    assert not Referral.objects.exists()


def test_nothing_is_sent_without_consent(client, screening):
    data = {k: v for k, v in VALID.items() if k != "consent"}
    response = client.post(send_url(screening), data)
    assert response.status_code == 200
    assert "Please tick the box to agree" in response.content.decode()
    assert not Referral.objects.exists()


def test_sending_twice_keeps_one_referral(client, screening):
    client.post(send_url(screening), VALID)
    response = client.post(send_url(screening), {**VALID, "contact_name": "Other"})
    assert response.status_code == 302
    assert Referral.objects.get().contact_name == "Sam"


def test_an_already_sent_screening_goes_to_its_status(client, screening):
    client.post(send_url(screening), VALID)
    response = client.get(send_url(screening))
    assert response.status_code == 302
    assert response["Location"] == reverse("admissions:status", args=[screening.reference])


def test_a_wrong_reference_is_a_404(client):
    response = client.get(reverse("admissions:send", args=["A" * 27]))
    assert response.status_code == 404


def test_only_get_and_post(client, screening):
    assert client.put(send_url(screening)).status_code == 405
