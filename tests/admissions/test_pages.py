"""Guards for every admissions and staff page: one <h1>, nothing inline for the CSP to block."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import make_referral, make_screening, make_user, sign_in

pytestmark = pytest.mark.django_db


def pages() -> list[tuple[Client, str]]:
    referral, reference = make_referral()
    unsent = make_screening()
    person = Client()
    staff = sign_in(Client(), make_user("staff", groups=("admissions",), device=True))
    newcomer = sign_in(Client(), make_user("new", groups=("admissions",)))
    outsider = sign_in(Client(), make_user("outsider"))
    return [
        (person, reverse("admissions:lookup")),
        (person, reverse("admissions:withdrawn")),
        (person, reverse("admissions:send", args=[unsent.reference])),
        (person, reverse("admissions:sent", args=[reference])),
        (person, reverse("admissions:status", args=[reference])),
        (person, reverse("admissions:withdraw", args=[reference])),
        (person, reverse("staff:login")),
        (newcomer, reverse("staff:otp_setup")),
        (
            sign_in(Client(), make_user("back", device=True), verified=False),
            reverse("staff:otp_verify"),
        ),
        (outsider, reverse("staff:queue")),
        (staff, reverse("staff:queue")),
        (staff, reverse("staff:detail", args=[referral.pk])),
    ]


def test_each_page_has_one_h1_and_no_inline_script_or_style():
    for client, url in pages():
        response = client.get(url)
        assert response.status_code in (200, 403), url
        page = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", page)) == 1, url
        assert not re.findall(r"<script(?![^>]*\ssrc=)", page), url
        assert not re.findall(r"\son[a-z]+\s*=", page), url
        assert not re.findall(r"\sstyle\s*=", page), url
        assert "<style" not in page, url


def test_the_429_page_has_one_h1(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reference_lookup": 1}
    client.post(reverse("admissions:lookup"), {"reference": "a" * 27})
    response = client.post(reverse("admissions:lookup"), {"reference": "a" * 27})
    assert response.status_code == 429
    assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1


def test_the_lockout_page_has_one_h1(client):
    make_user("staff", groups=("admissions",))
    for _ in range(5):
        response = client.post(reverse("staff:login"), {"username": "staff", "password": "x"})
    assert response.status_code == 429
    assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1
