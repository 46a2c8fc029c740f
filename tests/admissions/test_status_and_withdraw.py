"""With the reference, the person sees the status and can withdraw for good."""

import re

import pytest
from django.urls import reverse

from admissions.models import AuditAction, AuditEvent, Note, Referral, Status, StatusChange
from admissions.services import note_add, referral_set_status, referral_withdraw
from screening.models import Screening
from tests.personas import hold_reference, make_referral, make_screening, make_user

pytestmark = pytest.mark.django_db

WRONG = "x" * 27


@pytest.fixture
def sent():
    return make_referral()


def page_without_secrets(response, reference: str) -> str:
    page = response.content.decode().replace(reference, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def status_url(reference: str) -> str:
    return reverse("admissions:status", kwargs={"reference": reference})


def test_it_shows_received_for_a_new_referral(client, sent):
    referral, reference = sent
    response = client.get(status_url(reference))
    assert response.status_code == 200
    assert "Received" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path, shown",
    [
        ([Status.CONTACTED], "We tried to reach you"),
        ([Status.CONTACTED, Status.SCHEDULED], "We tried to reach you"),
        ([Status.CLOSED], "Closed"),
        ([Status.CONTACTED, Status.SCHEDULED, Status.ADMITTED], "Closed"),
    ],
)
def test_the_person_sees_a_plain_status(client, sent, path, shown):
    referral, reference = sent
    staff = make_user("staff", groups=("admissions",), device=True)
    for status in path:
        referral_set_status(referral=referral, to_status=status, actor=staff)
    page = client.get(status_url(reference)).content.decode()
    assert f"<strong>{shown}</strong>" in page


def test_the_status_page_shows_nothing_staff_wrote(client, sent):
    referral, reference = sent
    staff = make_user("staff", groups=("admissions",), device=True)
    note_add(referral=referral, author=staff, text="Left a voicemail")
    referral_set_status(referral=referral, to_status=Status.CONTACTED, actor=staff, reason="busy")
    page = client.get(status_url(reference)).content.decode()
    assert "voicemail" not in page
    assert "busy" not in page
    assert "staff" not in page.lower().split("<main", 1)[1].split("</main>")[0]


def test_the_lookup_form_leads_to_the_status(client, sent):
    _, reference = sent
    response = client.post(reverse("admissions:lookup"), {"reference": f"  {reference} "})
    assert response.status_code == 302
    assert response["Location"] == status_url(reference)


def test_an_unsent_screening_is_not_found_by_the_lookup(client):
    screening = make_screening()
    assert client.get(status_url(screening.reference)).status_code == 404
    response = client.post(reverse("admissions:lookup"), {"reference": screening.reference})
    assert response.status_code == 404


def test_withdrawing_deletes_contact_answers_and_notes_for_good(client, sent):
    referral, reference = sent
    staff = make_user("staff", groups=("admissions",), device=True)
    note_add(referral=referral, author=staff, text="Sam prefers mornings")
    referral_set_status(
        referral=referral, to_status=Status.CONTACTED, actor=staff, reason="Called Sam"
    )
    hold_reference(client, reference)

    response = client.post(reverse("admissions:withdraw", args=[reference]), {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admissions:withdrawn")
    referral.refresh_from_db()
    assert referral.status == Status.WITHDRAWN
    assert referral.withdrawn_at is not None
    for field in ("contact_name", "contact_phone", "contact_email", "best_time"):
        assert getattr(referral, field) == ""
    assert referral.preferred_language == ""
    assert referral.assignee is None
    screening = Screening.objects.get(pk=referral.screening_id)
    assert screening.answers == {}
    assert screening.assessment == {}
    assert screening.severity == "" and screening.care_level == ""
    assert not Screening.objects.by_reference(reference).exists()
    assert list(Note.objects.values_list("text", "erased")) == [("", True)]
    assert set(StatusChange.objects.values_list("reason", flat=True)) == {""}
    assert StatusChange.objects.filter(to_status=Status.WITHDRAWN, changed_by=None).exists()
    event = AuditEvent.objects.get(action=AuditAction.WITHDRAW)
    assert event.actor is None and event.referral == referral
    assert reference not in client.session.get("my_screenings", [])


def test_withdrawing_needs_the_confirmation(client, sent):
    referral, reference = sent
    response = client.post(reverse("admissions:withdraw", args=[reference]), {})
    assert response.status_code == 200
    assert "Please tick the box to confirm" in response.content.decode()
    assert Referral.objects.get().status == Status.NEW


def test_withdraw_asks_before_it_deletes(client, sent):
    _, reference = sent
    response = client.get(reverse("admissions:withdraw", args=[reference]))
    assert response.status_code == 200
    assert Referral.objects.get().status == Status.NEW


@pytest.mark.parametrize(
    "name", ["admissions:status", "admissions:send", "admissions:sent", "admissions:withdraw"]
)
def test_withdrawn_and_wrong_references_get_the_same_404(client, sent, name):
    referral, reference = sent
    referral_withdraw(referral=referral)
    withdrawn = client.get(reverse(name, args=[reference]))
    wrong = client.get(reverse(name, args=[WRONG]))
    assert withdrawn.status_code == wrong.status_code == 404
    assert withdrawn.content == wrong.content


def test_the_result_page_of_a_withdrawn_screening_is_gone(client, sent):
    referral, reference = sent
    referral_withdraw(referral=referral)
    assert client.get(reverse("screening:result", args=[reference])).status_code == 404
    assert client.get(reverse("screening:result_pdf", args=[reference])).status_code == 404


def test_the_lookup_answers_withdrawn_and_wrong_alike(client, sent):
    referral, reference = sent
    referral_withdraw(referral=referral)
    withdrawn = client.post(reverse("admissions:lookup"), {"reference": reference})
    wrong = client.post(reverse("admissions:lookup"), {"reference": WRONG})
    assert withdrawn.status_code == wrong.status_code == 404
    assert page_without_secrets(withdrawn, reference) == page_without_secrets(wrong, WRONG)


def test_staff_can_no_longer_act_on_a_withdrawn_case(sent):
    referral, _ = sent
    referral_withdraw(referral=referral)
    referral.refresh_from_db()
    assert referral.allowed_statuses() == ()


def test_withdrawing_twice_is_harmless(sent):
    referral, _ = sent
    referral_withdraw(referral=referral)
    referral_withdraw(referral=referral)
    assert AuditEvent.objects.filter(action=AuditAction.WITHDRAW).count() == 1


def test_person_pages_take_only_get_and_post(client, sent):
    _, reference = sent
    assert client.delete(reverse("admissions:withdraw", args=[reference])).status_code == 405
    assert client.post(status_url(reference)).status_code == 405


def test_withdrawing_deletes_contact_attempts_and_preferences_too(client, sent):
    from admissions.models import ContactAttempt
    from admissions.services import contact_attempt_log

    referral, reference = sent
    staff = make_user("staff", groups=("admissions",), device=True)
    contact_attempt_log(
        referral=referral,
        actor=staff,
        method="call",
        outcome="no_answer",
        next_attempt_at=referral.sent_at,
    )
    Referral.objects.filter(pk=referral.pk).update(loved_one_knows="no", language="es")
    hold_reference(client, reference)
    client.post(reverse("admissions:withdraw", args=[reference]), {"confirm": "on"})
    referral.refresh_from_db()
    assert not ContactAttempt.objects.exists()
    assert (referral.may_call, referral.may_text, referral.may_email) == (False, False, False)
    assert referral.message_style == "discreet" and not referral.ok_to_leave_message
    assert referral.loved_one_knows == "" and referral.language == ""
    assert referral.next_attempt_at is None
    # The audit trail keeps that an attempt was logged, not how or with what outcome.
    event = AuditEvent.objects.get(action=AuditAction.CONTACT_ATTEMPT)
    assert set(event.detail) == {"attempt_id"}


def test_a_withdrawn_case_takes_no_contact_attempts(sent):
    from admissions.services import TransitionNotAllowed, contact_attempt_log

    referral, _ = sent
    referral_withdraw(referral=referral)
    staff = make_user("staff", groups=("admissions",), device=True)
    with pytest.raises(TransitionNotAllowed):
        contact_attempt_log(referral=referral, actor=staff, method="call", outcome="reached")
