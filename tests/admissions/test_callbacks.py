"""Call-backs: staff log each attempt and the next one; overdue cases come first; the
person sees when the team tried, never who."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import AuditAction, AuditEvent, ContactAttempt, Referral, Status
from admissions.selectors import overdue
from admissions.services import contact_attempt_log
from tests.personas import MILD_ANSWERS, SELF_ANSWERS, make_referral, make_team

pytestmark = pytest.mark.django_db

NOT_READY = {**SELF_ANSWERS, "readiness": "thinking"}


def sent_minutes_ago(referral: Referral, minutes: int) -> Referral:
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=timezone.now() - timedelta(minutes=minutes)
    )
    referral.refresh_from_db()
    return referral


def shown(response) -> list[str]:
    return [row["referral"].case_label for row in response.context["rows"]]


def test_staff_log_an_attempt_and_the_next_one(staff_client, staff, referral):
    url = reverse("staff:log_attempt", kwargs={"pk": referral.pk})
    response = staff_client.post(
        url,
        {
            "attempted_at": "2026-12-01T09:30",
            "method": "call",
            "outcome": "discreet_message",
            "next_attempt_at": "2026-12-01T17:00",
        },
    )
    assert response.status_code == 302
    attempt = ContactAttempt.objects.get()
    assert (attempt.method, attempt.outcome, attempt.by) == ("call", "discreet_message", staff)
    referral.refresh_from_db()
    assert timezone.localtime(referral.next_attempt_at).hour == 17
    assert referral.status == Status.CONTACTED  # a first attempt moves a new case on
    event = AuditEvent.objects.get(action=AuditAction.CONTACT_ATTEMPT)
    # How and with what outcome live on the attempt, which goes if the person withdraws.
    assert event.detail == {"attempt_id": attempt.pk}
    page = staff_client.get(reverse("staff:detail", kwargs={"pk": referral.pk})).content.decode()
    assert "Left a discreet message" in page and "Next attempt:" in page


@pytest.mark.parametrize("outcome", ["reached", "no_answer", "discreet_message", "wrong_number"])
def test_every_outcome_can_be_logged(staff, referral, outcome):
    contact_attempt_log(referral=referral, actor=staff, method="text", outcome=outcome)
    assert ContactAttempt.objects.get().outcome == outcome


def test_a_bad_attempt_is_refused_with_a_message(staff_client, referral):
    url = reverse("staff:log_attempt", kwargs={"pk": referral.pk})
    response = staff_client.post(url, {"method": "pigeon", "outcome": "reached"}, follow=True)
    assert "Give when, how and the outcome" in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_a_ready_referral_past_the_target_is_first_and_highlighted(staff_client, staff):
    team = make_team("Admissions")
    assert team.target_minutes == 60
    calm, _ = make_referral(NOT_READY)
    sent_minutes_ago(calm, 600)
    fresh_ready, _ = make_referral(SELF_ANSWERS)
    sent_minutes_ago(fresh_ready, 30)
    late_ready, _ = make_referral(SELF_ANSWERS)
    sent_minutes_ago(late_ready, 61)
    response = staff_client.get(reverse("staff:queue"))
    assert shown(response)[0] == late_ready.case_label
    assert response.context["overdue_count"] == 1
    page = response.content.decode()
    assert 'class="table-danger overdue"' in page
    assert "Overdue: not attempted within target" in page
    # An attempt, even unanswered, meets the target.
    contact_attempt_log(referral=late_ready, actor=staff, method="call", outcome="no_answer")
    assert staff_client.get(reverse("staff:queue")).context["overdue_count"] == 0


def test_the_target_is_the_teams(staff_client):
    team = make_team("Admissions")
    team.target_minutes = 15
    team.save()
    ready, _ = make_referral(SELF_ANSWERS)
    sent_minutes_ago(ready, 20)
    assert overdue(ready).missed_target
    team.target_minutes = 30
    team.save()
    ready.refresh_from_db()
    assert not overdue(ready)


def test_a_calm_referral_is_never_overdue_by_target_but_a_due_attempt_is(staff, staff_client):
    calm, _ = make_referral(MILD_ANSWERS | {"readiness": "not_now"})
    sent_minutes_ago(calm, 60 * 24 * 3)
    assert not overdue(calm)
    contact_attempt_log(
        referral=calm,
        actor=staff,
        method="call",
        outcome="no_answer",
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )
    calm.refresh_from_db()
    assert overdue(calm).attempt_due and not overdue(calm).missed_target
    other, _ = make_referral(MILD_ANSWERS | {"readiness": "not_now"})
    response = staff_client.get(reverse("staff:queue"))
    assert shown(response) == [calm.case_label, other.case_label]
    assert "Overdue: next attempt due" in response.content.decode()


def test_closed_cases_are_not_overdue(staff):
    ready, _ = make_referral(SELF_ANSWERS)
    sent_minutes_ago(ready, 600)
    from admissions.services import referral_set_status

    referral_set_status(referral=ready, to_status=Status.CLOSED, actor=staff)
    ready.refresh_from_db()
    assert not overdue(ready)


def test_the_person_sees_when_the_team_tried_but_not_who(client, staff):
    referral, reference = make_referral()
    contact_attempt_log(
        referral=referral,
        actor=staff,
        method="call",
        outcome="no_answer",
        attempted_at=timezone.make_aware(timezone.datetime(2026, 11, 30, 10, 0)),
    )
    page = client.get(reverse("admissions:status", args=[reference])).content.decode()
    assert "We tried to reach you on Nov. 30, 2026." in page
    assert staff.username not in page
    assert "No answer" not in page and "Phone call" not in page


def test_the_queue_costs_the_same_queries_for_more_cases(staff_client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(reverse("staff:queue")).status_code == 200
        return len(captured)

    for _ in range(2):
        referral, _ = make_referral()
        contact_attempt_log(referral=referral, actor=staff, method="call", outcome="no_answer")
    few = queries()
    for _ in range(6):
        make_referral()
    assert queries() == few
