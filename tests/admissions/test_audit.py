"""Every staff action on a screening is recorded; supervisors read the log; nobody edits it."""

import pytest
from django.test import Client
from django.urls import reverse

from admissions.models import AuditAction, AuditEvent
from tests.personas import make_user, sign_in

pytestmark = pytest.mark.django_db


def only_event(action: str) -> AuditEvent:
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, f"{action}: {events}"
    return events[0]


def test_viewing_a_case_is_recorded(staff_client, staff, referral):
    staff_client.get(reverse("staff:detail", kwargs={"pk": referral.pk}))
    event = only_event(AuditAction.VIEW_DETAIL)
    assert (event.actor, event.actor_username, event.referral) == (staff, "staff", referral)
    assert event.screening_id_copy == referral.screening_id
    assert event.created_at is not None


def test_downloading_the_pdf_is_recorded(staff_client, staff, referral):
    staff_client.get(reverse("staff:detail_pdf", kwargs={"pk": referral.pk}))
    assert only_event(AuditAction.VIEW_PDF).referral == referral


def test_a_status_change_is_recorded_without_the_reason(staff_client, referral):
    staff_client.post(
        reverse("staff:set_status", kwargs={"pk": referral.pk}),
        {"to_status": "contacted", "reason": "Spoke with Sam"},
    )
    event = only_event(AuditAction.STATUS_CHANGE)
    assert event.detail == {"from": "new", "to": "contacted"}
    assert "Sam" not in str(event.detail)


def test_a_note_is_recorded_without_its_text(staff_client, referral):
    staff_client.post(
        reverse("staff:add_note", kwargs={"pk": referral.pk}), {"text": "Sam prefers texts"}
    )
    event = only_event(AuditAction.NOTE_ADD)
    assert "Sam" not in str(event.detail) and "note_id" in event.detail


def test_an_assignment_is_recorded(staff_client, other_staff, referral):
    staff_client.post(
        reverse("staff:assign", kwargs={"pk": referral.pk}), {"assignee": other_staff.pk}
    )
    assert only_event(AuditAction.ASSIGN).detail == {
        "from_user_id": None,
        "to_user_id": other_staff.pk,
    }


def test_an_export_is_recorded(staff_client, referral):
    staff_client.get(reverse("staff:export"))
    assert only_event(AuditAction.EXPORT).detail["rows"] == 1


def test_refused_requests_leave_no_trace_as_views(client, referral):
    sign_in(client, make_user("outsider", device=True))
    client.get(reverse("staff:detail", kwargs={"pk": referral.pk}))
    assert not AuditEvent.objects.exists()


def test_audit_events_cannot_be_changed_or_deleted(staff_client, referral):
    staff_client.get(reverse("staff:detail", kwargs={"pk": referral.pk}))
    event = AuditEvent.objects.get()
    event.action = AuditAction.EXPORT
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.fixture
def logged(staff_client, referral) -> AuditEvent:
    staff_client.get(reverse("staff:detail", kwargs={"pk": referral.pk}))
    return AuditEvent.objects.get()


@pytest.fixture
def supervisor_client() -> Client:
    supervisor = make_user("supervisor", groups=("supervisors",), device=True, is_staff=True)
    return sign_in(Client(), supervisor)


def test_supervisors_read_the_log_in_the_admin(supervisor_client, logged):
    changelist = supervisor_client.get(reverse("admin:admissions_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "staff" in changelist.content.decode()
    change = supervisor_client.get(reverse("admin:admissions_auditevent_change", args=[logged.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()


@pytest.mark.parametrize("persona", ["supervisor", "superuser"])
def test_nobody_adds_changes_or_deletes_through_the_admin(persona, logged):
    user = (
        make_user("supervisor", groups=("supervisors",), device=True, is_staff=True)
        if persona == "supervisor"
        else make_user("root", device=True, is_superuser=True)
    )
    client = sign_in(Client(), user)
    assert client.get(reverse("admin:admissions_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:admissions_auditevent_add"), {}).status_code == 403
    delete = reverse("admin:admissions_auditevent_delete", args=[logged.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:admissions_auditevent_change", args=[logged.pk])
    assert client.post(change, {"action": "export"}).status_code == 403
    changelist = reverse("admin:admissions_auditevent_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [logged.pk]})
    logged.refresh_from_db()
    assert logged.action == AuditAction.VIEW_DETAIL
    assert AuditEvent.objects.count() == 1


def test_admissions_staff_do_not_see_the_log(staff_client, logged):
    response = staff_client.get(reverse("admin:admissions_auditevent_changelist"))
    assert response.status_code == 302  # not admin users: to the admin sign-in


def test_staff_without_the_second_factor_cannot_use_the_admin(logged):
    supervisor = make_user("supervisor", groups=("supervisors",), device=True, is_staff=True)
    client = sign_in(Client(), supervisor, verified=False)
    response = client.get(reverse("admin:admissions_auditevent_changelist"))
    assert response.status_code == 302
