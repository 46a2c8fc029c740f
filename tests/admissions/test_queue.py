"""The queue: triage order, filters and counts; the CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import AuditAction, AuditEvent, Referral, Status
from admissions.services import Contact, referral_assign, referral_set_status, referral_withdraw
from tests.personas import (
    EMERGENCY_ANSWERS,
    FAMILY_ANSWERS,
    MILD_ANSWERS,
    SELF_ANSWERS,
    make_referral,
    make_team,
)

pytestmark = pytest.mark.django_db


def sent_hours_ago(referral: Referral, hours: int) -> Referral:
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - timedelta(hours=hours))
    referral.refresh_from_db()
    return referral


@pytest.fixture
def cases():
    # Triage order among cases that are not overdue: a target no case has missed yet
    # (test_callbacks.py puts overdue cases first).
    default_team = make_team("Admissions")
    default_team.target_minutes = 7 * 24 * 60
    default_team.save()
    mild_old = sent_hours_ago(make_referral(MILD_ANSWERS)[0], 50)
    severe_new = sent_hours_ago(make_referral(SELF_ANSWERS)[0], 1)
    severe_old = sent_hours_ago(make_referral(FAMILY_ANSWERS)[0], 5)
    emergency_new = sent_hours_ago(make_referral(EMERGENCY_ANSWERS)[0], 0)
    return {
        "mild_old": mild_old,
        "severe_new": severe_new,
        "severe_old": severe_old,
        "emergency_new": emergency_new,
    }


def shown_cases(response) -> list[str]:
    return [row["referral"].case_label for row in response.context["rows"]]


def test_triage_order_emergency_then_care_level_then_oldest(staff_client, cases):
    response = staff_client.get(reverse("staff:queue"))
    assert response.status_code == 200
    expected = Referral.objects.in_triage_order()
    assert shown_cases(response) == [r.case_label for r in expected]
    assert shown_cases(response)[0] == cases["emergency_new"].case_label
    assert shown_cases(response)[-1] == cases["mild_old"].case_label
    levels = [r.screening.care_level for r in expected]
    assert levels[0] == "emergency"


def test_same_care_level_oldest_first(staff_client, cases):
    same = [
        label
        for label in shown_cases(staff_client.get(reverse("staff:queue")))
        if label in {cases["severe_new"].case_label, cases["severe_old"].case_label}
    ]
    if cases["severe_new"].screening.care_level == cases["severe_old"].screening.care_level:
        assert same == [cases["severe_old"].case_label, cases["severe_new"].case_label]


def test_each_row_shows_age_mode_severity_care_flags_status_assignee(staff_client, staff, cases):
    referral_assign(referral=cases["severe_old"], assignee=staff, actor=staff)
    page = staff_client.get(reverse("staff:queue")).content.decode()
    assert "sent 5\xa0hours ago" in page
    assert "About someone I care about" in page and "About myself" in page
    assert "Signs of a severe opioid use disorder" in page
    assert "Thoughts of suicide now" in page
    assert "Emergency" in page
    assert ">New<" in page
    assert ">staff<" in page


def test_filters_by_status_care_level_red_flag_and_mine(staff_client, staff, cases):
    referral_set_status(referral=cases["mild_old"], to_status=Status.CONTACTED, actor=staff)
    referral_assign(referral=cases["severe_new"], assignee=staff, actor=staff)
    url = reverse("staff:queue")
    assert shown_cases(staff_client.get(url, {"status": "contacted"})) == [
        cases["mild_old"].case_label
    ]
    care = cases["mild_old"].screening.care_level
    assert cases["mild_old"].case_label in shown_cases(staff_client.get(url, {"care_level": care}))
    assert shown_cases(staff_client.get(url, {"red_flag": "on"})) == [
        cases["emergency_new"].case_label
    ]
    assert shown_cases(staff_client.get(url, {"mine": "on"})) == [cases["severe_new"].case_label]


def test_counts_by_status(staff_client, staff, cases):
    referral_set_status(referral=cases["mild_old"], to_status=Status.CLOSED, actor=staff)
    response = staff_client.get(reverse("staff:queue"))
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts["new"] == 3 and counts["closed"] == 1
    assert response.context["open_count"] == 3
    assert len(response.context["rows"]) == 3  # closed ones only with a filter
    assert "3 open cases." in response.content.decode()


def test_withdrawn_cases_leave_the_open_queue(staff_client, cases):
    referral_withdraw(referral=cases["severe_new"])
    url = reverse("staff:queue")
    assert cases["severe_new"].case_label not in shown_cases(staff_client.get(url))
    assert shown_cases(staff_client.get(url, {"status": "withdrawn"})) == [
        cases["severe_new"].case_label
    ]


def test_a_bad_filter_value_falls_back_to_open_cases(staff_client, cases):
    response = staff_client.get(reverse("staff:queue"), {"status": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 4


def test_the_queue_is_read_only(staff_client):
    assert staff_client.post(reverse("staff:queue")).status_code == 405


def test_export_has_the_queue_columns_only_and_is_audited(staff_client, staff, cases):
    response = staff_client.get(reverse("staff:export"), {"red_flag": "on"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Case",
        "Team",
        "Overdue",
        "Sent",
        "Mode",
        "Severity",
        "Care level",
        "Emergency",
        "Red flags",
        "Status",
        "Assigned to",
    ]
    assert [r[0] for r in rows[1:]] == [cases["emergency_new"].case_label]
    text = response.content.decode()
    assert "sam@example.org" not in text and "555" not in text and "Sam" not in text
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == staff
    assert event.detail["rows"] == 1
    assert event.detail["case_ids"] == [cases["emergency_new"].pk]


def test_export_defuses_spreadsheet_formulas(staff_client, db):
    from django.contrib.auth.models import Group

    from tests.personas import make_user

    sneaky = make_user("=HYPERLINK(evil)")
    sneaky.groups.add(Group.objects.get(name="admissions"))
    referral, _ = make_referral(contact=Contact(phone="+15551234567"))
    referral_assign(referral=referral, assignee=sneaky, actor=sneaky)
    rows = list(csv.reader(io.StringIO(staff_client.get(reverse("staff:export")).content.decode())))
    assert rows[1][-1] == "'=HYPERLINK(evil)"
