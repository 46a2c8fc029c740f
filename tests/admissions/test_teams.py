"""Teams: the person chooses one, staff see and act on their own teams' referrals only."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from admissions.models import Referral, Team, TeamRole
from tests.personas import make_referral, make_screening, make_team, make_user, sign_in

pytestmark = pytest.mark.django_db

CONSENT = {
    "contact_phone": "(555) 123-4567",
    "ways": ["call"],
    "message_style": "discreet",
    "ok_to_leave_message": "no",
    "consent": "on",
}


@pytest.fixture
def two_teams():
    Team.objects.all().delete()
    # Manhattan and San Francisco: a person in 10001 is nearest the first.
    east = make_team("East Side Intake", areas="10001\nNew York, NY")
    west = make_team("Bay Intake", areas="94103")
    return east, west


def send_url(screening) -> str:
    return reverse("admissions:send", kwargs={"reference": screening.reference})


def test_a_single_team_needs_no_choice(client):
    screening = make_screening()
    page = client.get(send_url(screening)).content.decode()
    assert "Which admissions team" not in page
    assert client.post(send_url(screening), CONSENT).status_code == 302
    assert Referral.objects.get().team.name == "Admissions"


def test_with_two_teams_the_person_must_choose_one(client, two_teams):
    east, west = two_teams
    screening = make_screening()
    page = client.get(send_url(screening)).content.decode()
    assert "Which admissions team should get it?" in page
    response = client.post(send_url(screening), CONSENT)
    assert response.status_code == 200
    assert "Please choose a team." in response.content.decode()
    assert not Referral.objects.exists()
    assert client.post(send_url(screening), {**CONSENT, "team": west.pk}).status_code == 302
    assert Referral.objects.get().team == west


def test_a_zip_code_lists_the_nearest_team_first_without_sending(client, two_teams):
    east, west = two_teams
    screening = make_screening()
    response = client.post(
        send_url(screening), {**CONSENT, "zip_code": "94110", "sort": "1", "contact_name": "Jo"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Referral.objects.exists()
    assert page.index("Bay Intake") < page.index("East Side Intake")
    assert "miles away" in page
    assert 'value="Jo"' in page  # what they typed is kept
    assert "Please choose a team" not in page  # sorting is not sending: no errors yet
    page = client.post(send_url(screening), {**CONSENT, "zip_code": "10002", "sort": "1"})
    page = page.content.decode()
    assert page.index("East Side Intake") < page.index("Bay Intake")


def test_an_inactive_team_is_not_offered(client, two_teams):
    east, west = two_teams
    west.is_active = False
    west.save()
    page = client.get(send_url(make_screening())).content.decode()
    assert "Which admissions team" not in page


@pytest.fixture
def side_by_side(two_teams):
    east, west = two_teams
    east_case, _ = make_referral(team=east)
    west_case, _ = make_referral(team=west)
    east_staff = make_user("east", groups=("admissions",), device=True, teams=(east,))
    west_staff = make_user("west", groups=("admissions",), device=True, teams=(west,))
    return east_case, west_case, sign_in(Client(), east_staff), sign_in(Client(), west_staff)


def test_staff_see_only_their_teams_referrals(side_by_side):
    east_case, west_case, east_client, west_client = side_by_side
    queue = east_client.get(reverse("staff:queue")).content.decode()
    assert east_case.case_label in queue and west_case.case_label not in queue
    assert east_client.get(reverse("staff:detail", args=[west_case.pk])).status_code == 404
    assert west_client.get(reverse("staff:detail", args=[west_case.pk])).status_code == 200
    export = east_client.get(reverse("staff:export"), {"status": "all"}).content.decode()
    assert east_case.case_label in export and west_case.case_label not in export


@pytest.mark.parametrize(
    "name, data",
    [
        ("set_status", {"to_status": "contacted"}),
        ("add_note", {"text": "Hello"}),
        ("assign", {"assignee": ""}),
        (
            "log_attempt",
            {"attempted_at": "2026-12-01T10:00", "method": "call", "outcome": "reached"},
        ),
    ],
)
def test_staff_cannot_act_on_another_teams_referral(side_by_side, name, data):
    east_case, west_case, east_client, _ = side_by_side
    response = east_client.post(reverse(f"staff:{name}", args=[west_case.pk]), data)
    assert response.status_code == 404
    west_case.refresh_from_db()
    assert west_case.status == "new" and not west_case.notes.exists()
    assert not west_case.attempts.exists()


def test_a_case_can_be_assigned_only_within_its_team(side_by_side):
    east_case, west_case, east_client, _ = side_by_side
    west_member = west_case.team.members.get()
    url = reverse("staff:assign", args=[east_case.pk])
    east_client.post(url, {"assignee": west_member.pk})
    east_case.refresh_from_db()
    assert east_case.assignee is None
    page = east_client.get(reverse("staff:detail", args=[east_case.pk])).content.decode()
    assert f'value="{west_member.pk}"' not in page


def test_a_supervisor_of_both_teams_sees_both_with_a_team_filter(side_by_side, two_teams):
    east_case, west_case, *_ = side_by_side
    boss = make_user(
        "boss", groups=("admissions",), device=True, teams=two_teams, role=TeamRole.SUPERVISOR
    )
    client = sign_in(Client(), boss)
    page = client.get(reverse("staff:queue")).content.decode()
    assert east_case.case_label in page and west_case.case_label in page
    east, west = two_teams
    filtered = client.get(reverse("staff:queue"), {"team": west.pk}).content.decode()
    assert west_case.case_label in filtered and east_case.case_label not in filtered


def test_staff_in_no_team_see_an_empty_queue(db):
    loner = make_user("loner", groups=("admissions",), device=True, teams=())
    make_referral()
    response = sign_in(Client(), loner).get(reverse("staff:queue"))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "ask an administrator to add you to a team" in response.content.decode()


def test_the_audit_log_shows_a_supervisor_only_their_teams_cases(side_by_side, two_teams):
    from admissions.models import AuditEvent

    east_case, west_case, east_client, west_client = side_by_side
    east_client.get(reverse("staff:detail", args=[east_case.pk]))
    west_client.get(reverse("staff:detail", args=[west_case.pk]))
    east, _west = two_teams
    supervisor = make_user(
        "audit", groups=("supervisors",), device=True, is_staff=True, teams=(east,)
    )
    client = sign_in(Client(), supervisor)
    response = client.get(reverse("admin:admissions_auditevent_changelist"))
    assert response.status_code == 200
    shown = {event.referral_id for event in response.context["cl"].result_list}
    assert shown == {east_case.pk}
    assert AuditEvent.objects.filter(referral=west_case).exists()


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_moves_existing_referrals_to_a_default_team():
    executor = MigrationExecutor(connection)
    executor.migrate([("admissions", "0002_staff_groups")])
    old = executor.loader.project_state([("admissions", "0002_staff_groups")]).apps
    Screening = old.get_model("screening", "Screening")
    OldReferral = old.get_model("admissions", "Referral")
    User = old.get_model("auth", "User")
    Group = old.get_model("auth", "Group")
    screening = Screening.objects.create(
        reference_digest="d" * 64,
        mode="self",
        answers={},
        assessment={},
        rules_version="x",
        severity="none",
        care_level="none",
    )
    from django.utils import timezone

    OldReferral.objects.create(
        screening=screening, consent_version="1", consented_at=timezone.now(), contact_phone="+1"
    )
    staff = User.objects.create(username="old-staff")
    # get_or_create: an earlier transactional test may have flushed what 0002 made.
    staff.groups.add(Group.objects.get_or_create(name="admissions")[0])

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    referral = Referral.objects.get()
    assert referral.team.name == "Admissions"
    assert referral.may_call and not referral.may_email
    assert referral.message_style == "discreet"
    assert referral.team.members.filter(username="old-staff").exists()
