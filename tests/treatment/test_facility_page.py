"""A facility's page: what a person needs to act, where the data comes from, and print."""

import datetime
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(make_facility):
    return make_facility(
        "Blue Ridge Recovery",
        name2="Outpatient Program",
        codes="SA DT OP ORT BU MM MD SF SP TELE PW ACMA",
        phone="+14345550100",
        phone_extension="12",
        intake_phone="+14345550101",
        website="http://www.example.org",
        source_date=datetime.date(2025, 3, 1),
    )


def test_it_shows_what_a_person_needs_to_act(client, facility):
    html = client.get(reverse("treatment:facility", args=[facility.pk])).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "Blue Ridge Recovery" in html and "Outpatient Program" in html
    assert 'href="tel:+14345550100;ext=12"' in html
    assert 'href="tel:+14345550101"' in html
    assert "(434) 555-0100" in html
    assert "http://www.example.org" in html
    assert "Detox (withdrawal management), Outpatient, Medication for opioid use disorder" in html
    assert "Methadone, Buprenorphine" in html
    assert "Medicaid, Cash or self-pay" in html
    assert "Spanish" in html
    assert "Pregnant or postpartum women" in html
    assert "Listed by SAMHSA, data of March 1, 2025." in html
    assert "Last verified" not in html


def test_services_are_grouped_as_samhsa_groups_them(client, facility):
    html = client.get(reverse("treatment:facility", args=[facility.pk])).content.decode()
    assert "Type of care" in html
    assert "Payment and funding accepted" in html
    assert "Buprenorphine used in treatment" in html  # from FirstStep's supplement to the key
    assert html.index("Type of care") < html.index("Payment and funding accepted")
    assert "ACMA" not in html  # a code nobody can label is not shown to the public


def test_get_directions_is_the_one_link_off_the_site(client, facility):
    html = client.get(reverse("treatment:facility", args=[facility.pk])).content.decode()
    off_site = [
        url
        for url in re.findall(r'(?:href|src|action)="([^"]+)"', html)
        # the site-wide quick exit is the other deliberate one
        if not url.startswith(
            ("/", "#", "?", "tel:", "https://www.weather.gov/", "http://testserver/")
        )
    ]
    assert len(off_site) == 1 and off_site[0].startswith("https://www.google.com/maps/dir/")
    assert re.search(
        r'href="https://www.google.com/maps/dir/[^"]+" rel="noreferrer noopener"', html
    )


def test_it_says_when_staff_last_verified_it(client, facility, admin_user):
    facility.verified_at = datetime.date(2025, 4, 2)
    facility.verified_by = admin_user
    facility.save()
    html = client.get(reverse("treatment:facility", args=[facility.pk])).content.decode()
    assert "Last verified by FirstStep staff on April 2, 2025." in html


def test_it_shows_the_distance_and_a_way_back_when_it_came_from_a_search(client, facility):
    html = client.get(
        reverse("treatment:facility", args=[facility.pk]), {"near": "22902", "radius": "10"}
    ).content.decode()
    assert "1.0 miles away" in html
    assert "Back to the results" in html
    assert 'href="/treatment/?near=22902&amp;radius=10"' in html


def test_a_facility_samhsa_no_longer_lists_says_so(client, make_facility):
    gone = make_facility("Gone", active=False)
    html = client.get(reverse("treatment:facility", args=[gone.pk])).content.decode()
    assert "SAMHSA no longer lists this facility" in html


def test_an_unknown_facility_is_a_404(client):
    assert client.get(reverse("treatment:facility", args=[999999])).status_code == 404


def test_it_answers_get_and_head_and_a_post_only_as_its_report_form(client, facility):
    url = reverse("treatment:facility", args=[facility.pk])
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405
    assert client.post(url).status_code == 400  # a report that says nothing is wrong
    assert client.head(url).status_code == 200
