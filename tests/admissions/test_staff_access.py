"""Staff sign in with a password and a TOTP code; only the admissions group gets in."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from firststep.middleware import LAST_ACTIVITY_KEY
from tests.personas import (
    PASSWORD,
    current_code,
    make_user,
    open_setup_link,
    sign_in,
    totp_device,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("staff:queue")


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('staff:login')}?next={QUEUE}"


def test_a_signed_in_outsider_gets_403(client):
    sign_in(client, make_user("outsider", device=True))
    response = client.get(QUEUE)
    assert response.status_code == 403
    assert "Only members of the admissions team" in response.content.decode()


def test_a_superuser_outside_the_admissions_group_gets_403(client):
    sign_in(client, make_user("root", device=True, is_superuser=True))
    assert client.get(QUEUE).status_code == 403


def test_staff_without_a_device_must_set_one_up(client):
    sign_in(client, make_user("new", groups=("admissions",)))
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:otp_setup"))


def test_staff_with_a_device_must_type_a_code(client):
    sign_in(client, make_user("staff", groups=("admissions",), device=True), verified=False)
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:otp_verify"))


def test_the_whole_sign_in_with_a_code(client):
    user = make_user("staff", groups=("admissions",), device=True)
    response = client.post(reverse("staff:login"), {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(QUEUE)
    assert response["Location"].startswith(reverse("staff:otp_verify"))
    response = client.post(
        reverse("staff:otp_verify") + f"?next={QUEUE}",
        {"token": "000000" if current_code(totp_device(user)) != "000000" else "111111"},
    )
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    totp_device(user).throttle_reset()  # a failed code makes the next try wait a second
    response = client.post(
        reverse("staff:otp_verify"), {"token": current_code(totp_device(user)), "next": QUEUE}
    )
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200


def test_setting_up_shows_a_qr_code_drawn_on_the_server(client):
    user = make_user("new", groups=("admissions",))
    sign_in(client, user)
    open_setup_link(client, user)
    response = client.get(reverse("staff:otp_setup"))
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<svg role="img" aria-label="[^"]+" class="otp-qr"', page)
    assert "<path d=" in page
    # No scripts in the page but the site's own files, nothing from elsewhere.
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page)
    assert not re.search(r"\son[a-z]+=", page)
    assert "https://" not in page.split("<main", 1)[1]
    # The same unconfirmed device on a reload: the QR code doesn't change under the user.
    client.get(reverse("staff:otp_setup"))
    assert TOTPDevice.objects.filter(confirmed=False).count() == 1


def test_a_correct_code_confirms_the_device_and_lets_staff_in(client):
    user = make_user("new", groups=("admissions",))
    sign_in(client, user)
    open_setup_link(client, user)
    client.get(reverse("staff:otp_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("staff:otp_setup"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(QUEUE).status_code == 200


def test_a_wrong_code_does_not_confirm(client):
    user = make_user("new", groups=("admissions",))
    sign_in(client, user)
    open_setup_link(client, user)
    client.get(reverse("staff:otp_setup"))
    device = TOTPDevice.objects.get(user=user)
    wrong = "123456" if current_code(device) != "123456" else "654321"
    response = client.post(reverse("staff:otp_setup"), {"token": wrong})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed


def test_a_second_device_cannot_be_added_with_the_password_alone(client):
    sign_in(client, make_user("staff", groups=("admissions",), device=True), verified=False)
    response = client.get(reverse("staff:otp_setup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:otp_verify")
    assert TOTPDevice.objects.count() == 1


def test_staff_are_signed_out_after_30_minutes_idle(client, settings):
    assert settings.STAFF_IDLE_TIMEOUT == 30 * 60
    sign_in(client, make_user("staff", groups=("admissions",), device=True))
    assert client.get(QUEUE).status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))
    assert "_auth_user_id" not in client.session


def test_activity_within_30_minutes_keeps_staff_signed_in(client, settings):
    sign_in(client, make_user("staff", groups=("admissions",), device=True))
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 29 * 60
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(QUEUE).status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 5


def test_a_session_without_an_activity_stamp_is_not_trusted(client, settings):
    sign_in(client, make_user("staff", groups=("admissions",), device=True))
    session = client.session
    del session[LAST_ACTIVITY_KEY]
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(QUEUE).status_code == 302


def test_sign_out_is_post_only(client):
    sign_in(client, make_user("staff", groups=("admissions",), device=True))
    assert client.get(reverse("staff:logout")).status_code == 405
    response = client.post(reverse("staff:logout"))
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 302


def test_staff_pages_are_never_cached(client):
    sign_in(Client(), make_user("x"))  # another user's session changes nothing here
    sign_in(client, make_user("staff", groups=("admissions",), device=True))
    response = client.get(QUEUE)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
