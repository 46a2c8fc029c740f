"""Site-wide guards: pages load, have one <h1>, stay on this site, send security headers."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "home",
    "about",
    "screening:start",
    "screening:emergency",
    "content:index",
    "treatment:search",
]
# Links that leave the site on purpose: phone calls, texts and the quick exit.
DELIBERATE_OFF_SITE = ("tel:", "sms:", "https://www.weather.gov/")
# This site's own absolute addresses (canonical and hreflang links must be absolute).
THIS_SITE = "http://testserver/"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_loads_with_one_h1(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(re.findall(rb"<h1[\s>]", response.content)) == 1


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_pages_link_off_site_only_on_purpose(client, name):
    page = client.get(reverse(name)).content.decode()
    for url in re.findall(r'(?:href|src|action)="([^"]+)"', page):
        if url.startswith(("/", "#", "?", THIS_SITE)):
            continue
        assert url.startswith(DELIBERATE_OFF_SITE), f"{name} links to {url}"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_shows_the_help_lines_and_quick_exit(client, name):
    page = client.get(reverse(name)).content.decode()
    assert 'href="tel:911"' in page
    assert 'href="tel:988"' in page
    assert 'href="tel:+18006624357"' in page
    assert "Quick exit" in page
    assert "does not diagnose" in page


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


def test_unknown_page_gets_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
