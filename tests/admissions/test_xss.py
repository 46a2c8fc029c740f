"""Every free-text field is escaped in the staff pages and in the PDF."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from admissions.models import Referral, Status
from admissions.services import (
    Contact,
    note_add,
    referral_assign,
    referral_send,
    referral_set_status,
)
from tests.personas import make_referral, make_screening, make_user, sign_in

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
BOLD = "<b>bold</b>"


@pytest.fixture
def hostile_case(staff):
    referral = referral_send(
        screening=make_screening(),
        contact=Contact(
            name=SCRIPT[:60],
            phone="+15551234567",
            email="x@example.org",
            best_time=IMG,
            preferred_language=BOLD,
        ),
    )
    note_add(referral=referral, author=staff, text=f"note {SCRIPT} {IMG}")
    referral_set_status(
        referral=referral, to_status=Status.CONTACTED, actor=staff, reason=f"why {IMG}"
    )
    return referral


def test_the_consent_form_stores_markup_as_plain_text(client):
    screening = make_screening()
    client.post(
        reverse("admissions:send", args=[screening.reference]),
        {
            "contact_name": BOLD,
            "contact_phone": "5551234567",
            "best_time": IMG,
            "preferred_language": SCRIPT[:40],
            "ok_to_leave_message": "no",
            "consent": "on",
        },
    )
    # Stored as typed; escaped wherever it is shown.
    assert Referral.objects.get().best_time == IMG


def test_the_staff_detail_escapes_every_free_text_field(staff_client, hostile_case):
    page = staff_client.get(reverse("staff:detail", kwargs={"pk": hostile_case.pk})).content
    page = page.decode()
    for raw in (SCRIPT, IMG, BOLD):
        assert raw not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_the_queue_escapes_usernames(client, referral):
    evil = make_user("<b>x</b>", groups=("admissions",), device=True)
    referral_assign(referral=referral, assignee=evil, actor=evil)
    sign_in(client, evil)
    page = client.get(reverse("staff:queue")).content.decode()
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_the_pdf_prints_markup_as_text(staff_client, hostile_case):
    response = staff_client.get(reverse("staff:detail_pdf", kwargs={"pk": hostile_case.pk}))
    assert response.status_code == 200
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    # Shown literally: had it been read as HTML, the tags would be gone.
    assert "<script>alert('x')</script>" in flat
    assert '<img src=x onerror="alert(1)">' in flat
    assert "<b>bold</b>" in flat
    assert f"note {SCRIPT}" in flat
    assert "why <img" in flat
    # And nothing active made it into the file.
    assert b"/JavaScript" not in response.content and b"/JS " not in response.content


def test_the_person_pages_escape_too(client):
    _, reference = make_referral(
        contact=Contact(name=SCRIPT[:60], phone="+15551234567", best_time=IMG)
    )
    page = client.get(reverse("admissions:status", args=[reference])).content.decode()
    assert SCRIPT not in page and IMG not in page
