"""A copied staff cookie stops working after sign-out, a password change and "sign out
everywhere"; a staff member enrols an authenticator only with a one-time, expiring link."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from admissions.models import AuditAction, AuditEvent
from staffauth.models import Invitation, StaffSession
from tests.personas import PASSWORD, current_code, make_user, sign_in, totp_device

pytestmark = pytest.mark.django_db

QUEUE = reverse("staff:queue")


def sign_in_for_real(client: Client, user) -> Client:
    """Password, then the code from the authenticator, as at the sign-in page."""
    response = client.post(
        reverse("staff:login"), {"username": user.get_username(), "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("staff:otp_verify"), {"token": current_code(totp_device(user)), "next": QUEUE}
    )
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200
    return client


def copied(client: Client) -> Client:
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert thief.get(QUEUE).status_code == 200  # the copy works, until...
    return thief


def locked_out(thief: Client) -> bool:
    response = thief.get(QUEUE)
    return response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


@pytest.fixture
def supervisor(db):
    return make_user("boss", groups=("supervisors",), device=True)


def test_a_copied_cookie_stops_working_after_sign_out(client, staff):
    sign_in_for_real(client, staff)
    thief = copied(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(reverse("staff:logout")).status_code == 302
    assert locked_out(thief)
    assert not Session.objects.filter(session_key=key).exists()


def test_sign_out_ends_the_other_sessions_of_that_user_too(staff):
    here = sign_in_for_real(Client(), staff)
    elsewhere = sign_in(Client(), staff)  # a code is good once: the other desk signed in earlier
    assert elsewhere.get(QUEUE).status_code == 200
    here.post(reverse("staff:logout"))
    assert locked_out(elsewhere)
    assert not StaffSession.objects.filter(user=staff).exists()


def test_a_copied_cookie_stops_working_after_a_password_change(client, staff):
    sign_in_for_real(client, staff)
    thief = copied(client)
    staff.set_password("a brand new passphrase 77")
    staff.save()
    assert locked_out(thief)
    assert locked_out(client)
    # The new password signs in afresh.
    fresh = Client()
    response = fresh.post(
        reverse("staff:login"),
        {"username": staff.get_username(), "password": "a brand new passphrase 77"},
    )
    assert response.status_code == 302 and "_auth_user_id" in fresh.session


def test_a_copied_cookie_stops_working_after_sign_out_everywhere(client, staff, supervisor):
    sign_in_for_real(client, staff)
    thief = copied(client)
    boss = sign_in(Client(), supervisor)
    assert staff.get_username() in boss.get(reverse("staff:team")).content.decode()
    response = boss.post(reverse("staff:sign_out_everywhere", args=[staff.pk]))
    assert response.status_code == 302
    assert locked_out(thief) and locked_out(client)
    event = AuditEvent.objects.get(action=AuditAction.SIGN_OUT_EVERYWHERE)
    assert event.actor == supervisor and event.detail["user"] == staff.pk


def test_a_copy_that_outlived_the_deletion_is_refused_by_the_stamp(client, staff, supervisor):
    """A session copy the deletion missed (a cache that was down) is still refused."""
    sign_in_for_real(client, staff)
    thief = copied(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    StaffSession.objects.filter(session_key=key).delete()  # the index missed this one
    sign_in(Client(), supervisor).post(reverse("staff:sign_out_everywhere", args=[staff.pk]))
    assert Session.objects.filter(session_key=key).exists()
    assert locked_out(thief)


def test_only_supervisors_and_admins_sign_others_out(client, staff, other_staff):
    sign_in(client, staff)
    response = client.post(reverse("staff:sign_out_everywhere", args=[other_staff.pk]))
    assert response.status_code == 403
    assert client.post(reverse("staff:create_link", args=[other_staff.pk])).status_code == 403


# Enrolment by invitation only.


def newcomer_signed_in(client: Client):
    user = make_user("newcomer", groups=("admissions",))
    response = client.post(reverse("staff:login"), {"username": "newcomer", "password": PASSWORD})
    assert response.status_code == 302
    return user


def test_a_password_alone_reaches_only_ask_your_supervisor(client):
    newcomer_signed_in(client)
    response = client.get(QUEUE, follow=True)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Ask your supervisor for a setup link" in page
    assert "otp-qr" not in page
    assert client.post(reverse("staff:otp_setup"), {"token": "123456"}).status_code == 403
    assert not TOTPDevice.objects.exists()


def make_link(supervisor, user) -> str:
    boss = sign_in(Client(), supervisor)
    page = boss.post(reverse("staff:create_link", args=[user.pk])).content.decode()
    start = page.index("http://testserver/staff/two-step/invitation/")
    return page[start : page.index("<", start)][len("http://testserver") :]


def enrol(client: Client, user) -> None:
    client.get(reverse("staff:otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("staff:otp_setup"), {"token": current_code(device)})
    assert response.status_code == 302


def test_a_setup_link_enrols_once_and_is_audited(client, supervisor):
    user = newcomer_signed_in(client)
    link = make_link(supervisor, user)
    assert Invitation.objects.get().token_digest not in link  # only the digest is kept
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("staff:otp_setup")
    page = client.get(reverse("staff:otp_setup")).content.decode()
    assert "otp-qr" in page
    enrol(client, user)
    assert client.get(QUEUE).status_code == 200
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.INVITATION_CREATE, AuditAction.INVITATION_USE]

    # Reused: by the same person (after losing the device) or anyone else, it is dead.
    TOTPDevice.objects.filter(user=user).delete()
    assert client.get(link).status_code == 404
    other = Client()
    newcomer_again = other.post(
        reverse("staff:login"), {"username": "newcomer", "password": PASSWORD}
    )
    assert newcomer_again.status_code == 302
    assert other.get(link).status_code == 404
    assert other.get(reverse("staff:otp_setup")).status_code == 403


def test_an_expired_link_enrols_nobody(client, supervisor):
    user = newcomer_signed_in(client)
    link = make_link(supervisor, user)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(link)
    assert response.status_code == 404
    assert "Ask your supervisor for a new setup link" in response.content.decode()
    assert client.get(reverse("staff:otp_setup")).status_code == 403


def test_a_link_opened_then_expired_before_the_code_enrols_nobody(client, supervisor):
    user = newcomer_signed_in(client)
    client.get(make_link(supervisor, user))
    client.get(reverse("staff:otp_setup"))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("staff:otp_setup"), {"token": current_code(device)})
    assert response.status_code == 403
    device.refresh_from_db()
    assert not device.confirmed


def test_a_link_works_for_its_own_account_only(supervisor):
    user = make_user("newcomer", groups=("admissions",))
    make_user("intruder", groups=("admissions",))
    link = make_link(supervisor, user)
    intruder = Client()
    intruder.post(reverse("staff:login"), {"username": "intruder", "password": PASSWORD})
    intruder.get(link)  # signs the intruder out: the link is not theirs
    assert intruder.get(reverse("staff:otp_setup")).status_code == 302  # to sign in
    intruder.post(reverse("staff:login"), {"username": "intruder", "password": PASSWORD})
    assert intruder.get(reverse("staff:otp_setup")).status_code == 403


def test_a_newer_link_ends_the_older_one(client, supervisor):
    user = newcomer_signed_in(client)
    old = make_link(supervisor, user)
    make_link(supervisor, user)
    assert client.get(old).status_code == 404


def test_the_link_is_opened_before_signing_in(client, supervisor):
    user = make_user("newcomer", groups=("admissions",))
    link = make_link(supervisor, user)
    response = client.get(link)
    assert response["Location"].startswith(reverse("staff:login"))
    client.post(reverse("staff:login"), {"username": "newcomer", "password": PASSWORD})
    enrol(client, user)
    assert client.get(QUEUE).status_code == 200


# Lockout: the pair username + address, never an account or an address alone.


def test_a_locked_account_does_not_lock_a_colleague_at_the_same_address(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    make_user("victim", groups=("admissions",), device=True)
    make_user("colleague", groups=("admissions",), device=True)
    attacker = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("staff:login"), {"username": "victim", "password": "wrong"})
    locked = attacker.post(reverse("staff:login"), {"username": "victim", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    # The colleague at the same address signs in.
    colleague = Client(REMOTE_ADDR="10.0.0.7")
    response = colleague.post(
        reverse("staff:login"), {"username": "colleague", "password": PASSWORD}
    )
    assert response.status_code == 302
    # And the victim, from their own desk, is not locked out by the attacker either.
    desk = Client(REMOTE_ADDR="10.0.0.99")
    response = desk.post(reverse("staff:login"), {"username": "victim", "password": PASSWORD})
    assert response.status_code == 302


def test_the_first_admin_gets_a_setup_link_from_the_command_line(client):
    import io

    from django.core.management import call_command

    admin = make_user("root", is_superuser=True)
    out = io.StringIO()
    call_command("staff_setup_link", "root", stdout=out)
    link = out.getvalue().strip()
    assert link.startswith("/staff/two-step/invitation/")
    client.post(reverse("staff:login"), {"username": "root", "password": PASSWORD})
    client.get(link)
    enrol(client, admin)
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_CREATE, actor=None).exists()


def test_a_supervisor_can_make_a_link_for_another_supervisor(supervisor):
    newcomer = make_user("new-boss", groups=("supervisors",))
    boss = sign_in(Client(), supervisor)
    assert "new-boss" in boss.get(reverse("staff:team")).content.decode()
    response = boss.post(reverse("staff:create_link", args=[newcomer.pk]))
    assert response.status_code == 200 and b"/staff/two-step/invitation/" in response.content
    assert response["Cache-Control"].startswith("no-store")


def test_clearsessions_drops_the_index_of_expired_staff_sessions(staff):
    from django.core.management import call_command

    sign_in(Client(), staff)
    assert StaffSession.objects.filter(user=staff).count() == 1
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    call_command("clearsessions")
    assert not StaffSession.objects.exists()


def test_a_supervisor_cannot_sign_out_or_make_a_setup_link_for_an_admin(supervisor):
    admin = make_user("root2", device=False, is_superuser=True)
    boss = sign_in(Client(), supervisor)
    assert boss.post(reverse("staff:sign_out_everywhere", args=[admin.pk])).status_code == 404
    assert boss.post(reverse("staff:create_link", args=[admin.pk])).status_code == 404
