"""A case: contact, answers in words, assessment, PDF, notes, status workflow, assignment."""

import pytest
from django.urls import reverse

from admissions.models import Note, Referral, Status, StatusChange
from admissions.services import note_add, referral_withdraw
from screening.questions import answers_in_words
from tests.personas import sign_in

pytestmark = pytest.mark.django_db


def detail_url(referral: Referral) -> str:
    return reverse("staff:detail", kwargs={"pk": referral.pk})


def test_it_shows_contact_answers_in_words_and_the_assessment(staff_client, referral):
    response = staff_client.get(detail_url(referral))
    page = response.content.decode()
    assert response.status_code == 200
    for value in ("Sam", "+15551234567", "sam@example.org", "Weekdays after 5 pm", "Spanish"):
        assert value in page
    from django.utils.html import escape

    from screening.templatetags.screening_reasons import staff_reason_text

    for question, answer in answers_in_words(referral.screening.mode, referral.screening.answers):
        assert escape(str(question)) in page
        assert escape(str(answer)) in page
    for reason in referral.screening.assessment["reasons"]:
        assert escape(staff_reason_text(reason, referral.screening.assessment)) in page
    assert "Signs of a severe opioid use disorder" in page
    assert reverse("staff:detail_pdf", kwargs={"pk": referral.pk}) in page


def test_the_pdf_is_the_summary_with_a_case_label_not_the_reference(staff_client, referral):
    from io import BytesIO

    from pypdf import PdfReader

    response = staff_client.get(reverse("staff:detail_pdf", kwargs={"pk": referral.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert referral.case_label in text
    assert "FirstStep screening summary" in text
    assert "Sam" in text
    assert "Call the SAMHSA National Helpline, 1-800-662-4357" in " ".join(text.split())
    digest = referral.screening.reference_digest
    assert digest not in text


def test_notes_are_append_only_and_show_author_and_time(staff_client, staff, referral):
    response = staff_client.post(
        reverse("staff:add_note", kwargs={"pk": referral.pk}), {"text": "Left a voicemail"}
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.author == staff and note.text == "Left a voicemail"
    page = staff_client.get(detail_url(referral)).content.decode()
    assert "Left a voicemail" in page and "staff" in page
    note.text = "changed"
    with pytest.raises(PermissionError):
        note.save()
    with pytest.raises(PermissionError):
        note.delete()
    with pytest.raises(PermissionError):
        Note.objects.all().delete()


def test_an_empty_note_is_refused(staff_client, referral):
    staff_client.post(reverse("staff:add_note", kwargs={"pk": referral.pk}), {"text": "  "})
    assert not Note.objects.exists()


def test_the_status_workflow_records_who_when_and_why(staff_client, staff, referral):
    url = reverse("staff:set_status", kwargs={"pk": referral.pk})
    for status, reason in [("contacted", "Reached by phone"), ("scheduled", ""), ("admitted", "")]:
        assert staff_client.post(url, {"to_status": status, "reason": reason}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.ADMITTED
    changes = list(StatusChange.objects.values_list("from_status", "to_status", "changed_by"))
    assert changes == [
        ("new", "contacted", staff.pk),
        ("contacted", "scheduled", staff.pk),
        ("scheduled", "admitted", staff.pk),
    ]
    assert StatusChange.objects.first().reason == "Reached by phone"
    page = staff_client.get(detail_url(referral)).content.decode()
    assert "Reached by phone" in page
    assert "New → Contacted" in page


@pytest.mark.parametrize("jump", ["scheduled", "admitted", "withdrawn", "new", "bogus"])
def test_steps_outside_the_workflow_are_refused(staff_client, referral, jump):
    url = reverse("staff:set_status", kwargs={"pk": referral.pk})
    response = staff_client.post(url, {"to_status": jump})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.NEW
    assert not StatusChange.objects.exists()


def test_assignment_to_a_team_member_or_nobody(staff_client, staff, other_staff, referral):
    url = reverse("staff:assign", kwargs={"pk": referral.pk})
    staff_client.post(url, {"assignee": other_staff.pk})
    referral.refresh_from_db()
    assert referral.assignee == other_staff
    staff_client.post(url, {"assignee": ""})
    referral.refresh_from_db()
    assert referral.assignee is None


def test_only_admissions_staff_can_be_assigned(staff_client, referral):
    from tests.personas import make_user

    outsider = make_user("outsider")
    staff_client.post(
        reverse("staff:assign", kwargs={"pk": referral.pk}), {"assignee": outsider.pk}
    )
    referral.refresh_from_db()
    assert referral.assignee is None


def test_a_withdrawn_case_shows_nothing_personal(staff_client, staff, referral):
    note_add(referral=referral, author=staff, text="Sam said call back")
    referral_withdraw(referral=referral)
    response = staff_client.get(detail_url(referral))
    page = response.content.decode()
    assert response.status_code == 200
    assert "withdrew" in page
    assert "Sam" not in page and "sam@example.org" not in page
    assert "Deleted when the person withdrew" in page
    pdf = staff_client.get(reverse("staff:detail_pdf", kwargs={"pk": referral.pk}))
    assert pdf.status_code == 302
    staff_client.post(reverse("staff:add_note", kwargs={"pk": referral.pk}), {"text": "x"})
    assert Note.objects.count() == 1


def test_a_missing_case_is_a_404(staff_client):
    assert staff_client.get(reverse("staff:detail", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("name", ["set_status", "add_note", "assign"])
def test_actions_are_post_only(staff_client, referral, name):
    assert staff_client.get(reverse(f"staff:{name}", kwargs={"pk": referral.pk})).status_code == 405


@pytest.mark.parametrize("name", ["set_status", "add_note", "assign"])
def test_outsiders_cannot_act(client, referral, name):
    from tests.personas import make_user

    url = reverse(f"staff:{name}", kwargs={"pk": referral.pk})
    data = {"to_status": "contacted", "text": "x", "assignee": ""}
    assert client.post(url, data).status_code == 302  # to sign-in
    sign_in(client, make_user("outsider", device=True))
    assert client.post(url, data).status_code == 403
    referral.refresh_from_db()
    assert referral.status == Status.NEW and not Note.objects.exists()


def test_the_case_pdf_puts_what_needs_attention_on_page_one_and_numbers_every_page(
    staff_client,
):
    from io import BytesIO

    from pypdf import PdfReader

    from tests.personas import make_referral
    from tests.screening.journeys import SELF_HIGH_RISK

    referral, _reference = make_referral({**SELF_HIGH_RISK, "mode": "self"})
    response = staff_client.get(reverse("staff:detail_pdf", kwargs={"pk": referral.pk}))
    pages = [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]
    first = " ".join(pages[0].split())
    assert "Needs attention first" in first
    assert "overdose risk: fentanyl, injects, overdose in the past year" in first
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text, f"page {number}"


def test_staff_pages_end_a_sentence_with_one_period_and_have_their_icon(staff_client, referral):
    page = staff_client.get(detail_url(referral)).content.decode()
    import re

    assert "m.." not in page
    assert re.search(r"\d:\d\d [AP]M", page)
    assert 'rel="icon"' in page


def test_the_case_shows_status_notes_and_assignment_before_the_answers(staff_client, referral):
    page = staff_client.get(detail_url(referral)).content.decode()
    answers = page.index('id="answers-title"')
    for section in ("status-title", "assign-title", "notes-title"):
        assert page.index(f'id="{section}"') < answers, section


def test_a_screening_answered_in_spanish_shows_in_english_and_says_so(client, staff_client):
    from django.urls import reverse as url_for
    from django.utils.translation import override as translation_override

    from admissions.services import referral_send
    from screening.models import Screening
    from tests.personas import CONTACT
    from tests.screening.journeys import SELF_DAILY_USE, complete_questionnaire

    with translation_override("es"):
        url = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    assert url.startswith("/es/")
    screening = Screening.objects.get()
    assert screening.language == "es"
    referral = referral_send(screening=screening, contact=CONTACT)
    page = staff_client.get(url_for("staff:detail", kwargs={"pk": referral.pk})).content.decode()
    assert "Answered in Spanish: shown here in English." in page
    assert "How do you feel about getting help?" in page  # the question in English
