"""Staff emails: one per team member for a new referral, a daily digest of overdue ones,
and never a word about the person or their health."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from admissions.models import Referral, Team, TeamRole
from admissions.services import referral_withdraw
from screening.reasons import VOICES, reason_text
from tests.personas import (
    CONTACT,
    EMERGENCY_ANSWERS,
    MILD_ANSWERS,
    SELF_ANSWERS,
    make_referral,
    make_screening,
    make_team,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    Team.objects.all().delete()
    north, south = make_team("North"), make_team("South")
    for name in ("ana", "ben"):
        make_user(name, groups=("admissions",), teams=(north,), email=f"{name}@team.example")
    make_user("cy", groups=("admissions",), teams=(south,), email="cy@team.example")
    make_user("nomail", groups=("admissions",), teams=(north,))
    # In the team but no longer admissions staff: told nothing.
    make_user("left", teams=(north,), email="left@team.example")
    return north, south


def personal_data(referral: Referral) -> list[str]:
    """Everything about the person that must never be in an email."""
    screening = referral.screening
    values = [CONTACT.name, CONTACT.phone, CONTACT.phone[2:], CONTACT.email, CONTACT.best_time]
    values += [CONTACT.preferred_language, screening.severity, screening.care_level]
    values += [getattr(screening, "reference", ""), screening.reference_digest]
    values += [
        reason_text(r, screening.assessment, v)
        for r in screening.assessment["reasons"]
        for v in VOICES
    ]
    values += ["opioid", "Opioid", "severe", "overdose", "suicid", "withdrawal"]
    return [value for value in values if value]


def assert_no_personal_data(message, referral: Referral) -> None:
    text = "\n".join([message.subject, message.body, *message.to])
    for value in personal_data(referral):
        assert value not in text, value
    assert not message.attachments
    assert not getattr(message, "alternatives", [])


def test_a_new_referral_sends_exactly_one_email_per_team_member(
    teams, django_capture_on_commit_callbacks
):
    north, south = teams
    with django_capture_on_commit_callbacks(execute=True):
        referral, _ = make_referral(EMERGENCY_ANSWERS, team=north)
    assert sorted(tuple(m.to) for m in mail.outbox) == [
        ("ana@team.example",),
        ("ben@team.example",),
    ]
    for message in mail.outbox:
        assert message.subject == "FirstStep: a new referral is waiting"
        assert message.body.startswith(
            "A new referral is waiting, urgency: high. Open the queue: http://127.0.0.1:8000/staff/"
        )
        assert_no_personal_data(message, referral)
        assert referral.case_label not in message.body  # not even which case


def test_the_link_comes_from_the_site_url_and_urgency_can_be_normal(
    teams, settings, django_capture_on_commit_callbacks
):
    settings.FIRSTSTEP_SITE_URL = "https://firststep.example.org"
    north, _ = teams
    with django_capture_on_commit_callbacks(execute=True):
        make_referral(MILD_ANSWERS | {"readiness": "not_now"}, team=north)
    assert len(mail.outbox) == 2
    assert "urgency: normal. Open the queue: https://firststep.example.org/staff/" in (
        mail.outbox[0].body
    )


def test_the_consent_page_sends_the_emails_once(client, teams, django_capture_on_commit_callbacks):
    north, south = teams
    screening = make_screening()
    url = reverse("admissions:send", kwargs={"reference": screening.reference})
    data = {"contact_phone": "5551234567", "ok_to_leave_message": "no", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "team": south.pk})
        client.post(url, {**data, "team": south.pk})  # a double submit sends nothing more
    assert [m.to for m in mail.outbox] == [["cy@team.example"]]
    assert_no_personal_data(mail.outbox[0], Referral.objects.get())
    assert screening.reference not in mail.outbox[0].body


def test_a_mail_server_that_is_down_loses_no_referral(
    teams, settings, django_capture_on_commit_callbacks, caplog
):
    settings.MAILERS = {"default": {"BACKEND": "tests.admissions.test_notifications.Broken"}}
    north, _ = teams
    with django_capture_on_commit_callbacks(execute=True):
        referral, _ = make_referral(team=north)
    assert Referral.objects.filter(pk=referral.pk).exists()
    assert "Could not send 2 new referral email(s)" in caplog.text
    for value in personal_data(referral):
        assert value not in caplog.text


class Broken:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def overdue_case(team, answers=SELF_ANSWERS, minutes=120) -> Referral:
    referral, _ = make_referral(answers, team=team)
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=timezone.now() - timedelta(minutes=minutes)
    )
    return referral


def test_the_digest_lists_overdue_case_labels_only(teams):
    north, south = teams
    boss = make_user(
        "boss",
        groups=("admissions",),
        teams=(north,),
        role=TeamRole.SUPERVISOR,
        email="boss@team.example",
    )
    late = overdue_case(north)
    calm = overdue_case(north, MILD_ANSWERS | {"readiness": "not_now"})
    south_late = overdue_case(south)
    out = StringIO()
    call_command("send_overdue_digest", stdout=out)
    assert "Sent 2 digest email(s) for 2 team(s) with 2 overdue referral(s)." in out.getvalue()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    # North has a supervisor: only they get it; South has none: every member does.
    assert set(by_recipient) == {boss.email, "cy@team.example"}
    north_mail = by_recipient[boss.email]
    assert late.case_label in north_mail.body and calm.case_label not in north_mail.body
    assert south_late.case_label not in north_mail.body
    assert f"/staff/cases/{late.pk}/" in north_mail.body
    assert "not attempted within the target" in north_mail.body
    for message in mail.outbox:
        assert_no_personal_data(message, late)


def test_the_digest_never_names_a_withdrawn_referral(teams):
    north, _ = teams
    late = overdue_case(north)
    gone = overdue_case(north)
    referral_withdraw(referral=gone)
    call_command("send_overdue_digest", stdout=StringIO())
    bodies = "\n".join(m.body for m in mail.outbox)
    assert late.case_label in bodies
    assert gone.case_label not in bodies
    assert not re.search(rf"/cases/{gone.pk}/", bodies)


def test_no_overdue_no_digest(teams):
    call_command("send_overdue_digest", stdout=StringIO())
    assert mail.outbox == []
