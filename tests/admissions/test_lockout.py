"""Repeated failed sign-ins lock the account out (django-axes)."""

import pytest
from django.urls import reverse

from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_five_failed_sign_ins_lock_out_even_the_right_password(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    make_user("staff", groups=("admissions",), device=True)
    url = reverse("staff:login")
    for _ in range(4):
        response = client.post(url, {"username": "staff", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    response = client.post(url, {"username": "staff", "password": "wrong"})
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    response = client.post(url, {"username": "staff", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_resets_the_count(client):
    make_user("staff", groups=("admissions",), device=True)
    url = reverse("staff:login")
    for _ in range(4):
        client.post(url, {"username": "staff", "password": "wrong"})
    assert client.post(url, {"username": "staff", "password": PASSWORD}).status_code == 302
    client.post(reverse("staff:logout"))
    for _ in range(4):
        assert client.post(url, {"username": "staff", "password": "wrong"}).status_code == 200


def test_the_admin_sign_in_is_locked_out_too(client):
    make_user("supervisor", groups=("supervisors",), device=True, is_staff=True)
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "supervisor", "password": "wrong", "otp_token": "1"})
    response = client.post(url, {"username": "supervisor", "password": PASSWORD})
    assert response.status_code == 429
