"""The search page: one GET form, all state in the URL, results, messages, no-results help."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
URL = reverse("treatment:search")


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_it_shows_the_form_before_any_search(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert _h1_count(html) == 1
    assert 'method="get"' in html
    assert 'name="near"' in html
    assert "results-title" not in html


def test_it_lists_results_with_count_distance_and_phone(client, make_facility):
    make_facility("Blue Ridge Recovery", miles_north=3, phone="+14345550100")
    html = client.get(URL, {"near": "22902"}).content.decode()
    assert "1 facility within 25 miles of 22902" in html
    assert "Blue Ridge Recovery" in html
    assert "3.0 miles away" in html
    assert 'href="tel:+14345550100"' in html
    assert "Get directions" in html


def test_the_form_keeps_the_filters_from_the_url(client):
    html = client.get(
        URL, {"near": "22902", "radius": "50", "category": ["detox", "medication"], "payment": "MD"}
    ).content.decode()
    assert 'value="22902"' in html
    assert re.search(r'<option value="50"\s+selected>', html)
    assert re.search(r'value="detox" id="[^"]+" checked', html)
    assert re.search(r'value="medication" id="[^"]+" checked', html)
    assert re.search(r'value="MD" id="[^"]+" checked', html)
    assert '<details class="more-filters mb-3" open>' in html


def test_an_unknown_place_gets_a_message_and_keeps_the_form(client):
    html = client.get(URL, {"near": "Xanadu", "category": "detox"}).content.decode()
    assert "We could not find a place called “Xanadu”" in html
    assert 'value="Xanadu"' in html
    assert re.search(r'value="detox" id="[^"]+" checked', html)
    assert "results-title" not in html


def test_a_bad_radius_gets_a_message(client):
    html = client.get(URL, {"near": "22902", "radius": "7"}).content.decode()
    assert "Choose 5, 10, 25, 50 or 100 miles." in html


def test_an_empty_place_gets_a_message(client):
    html = client.get(URL, {"near": ""}).content.decode()
    assert "Enter a 5-digit ZIP code" in html


def test_no_results_suggest_a_wider_radius_and_the_helpline(client, make_facility):
    make_facility("Far away", miles_north=40)
    html = client.get(URL, {"near": "22902", "category": "detox"}).content.decode()
    assert "No facility matches" in html
    assert "radius=50" in html and "category=detox" in html
    assert 'href="tel:+18006624357"' in html


def test_pagination_links_keep_the_filters(client, make_facility):
    for n in range(21):
        make_facility(f"F{n:02}", codes="SA OP MD", miles_north=1 + n / 10)
    html = client.get(URL, {"near": "22902", "payment": "MD"}).content.decode()
    link = re.search(r'href="([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert "near=22902" in link and "payment=MD" in link and "page=2" in link
    second = client.get(URL + link).content.decode()
    assert "F20" in second and "Page 2 of 2" in second


def test_a_screening_link_applies_its_filters_and_names_the_suggested_level(client):
    html = client.get(
        URL + "?category=detox&category=medication&care_level=inpatient_detox"
    ).content.decode()
    assert "Your screening suggested:" in html
    assert "Medically supervised withdrawal (detox)" in html
    assert re.search(r'value="detox" id="[^"]+" checked', html)
    assert re.search(r'value="medication" id="[^"]+" checked', html)
    assert 'name="care_level" value="inpatient_detox"' in html
    assert "is-invalid" not in html


def test_result_links_carry_the_search_to_the_facility_page(client, make_facility):
    facility = make_facility("Blue Ridge Recovery")
    html = client.get(URL, {"near": "22902", "category": "outpatient"}).content.decode()
    expected = (
        reverse("treatment:facility", args=[facility.pk]) + "?near=22902&amp;category=outpatient"
    )
    assert expected in html


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_answers_only_get_and_head(client, method):
    assert getattr(client, method)(URL).status_code == 405


def test_a_card_kept_for_speed_still_shows_each_searchs_distance_and_every_change(
    client, make_facility
):
    """The public part of a card is kept (treatment/_facility_card.html); what differs per
    search stays outside it, and a change to the facility shows at once."""
    facility = make_facility("Kept Card House", miles_north=3.0)
    near = client.get("/treatment/?near=22902&radius=25").content.decode()
    farther = client.get("/treatment/?near=22903&radius=25").content.decode()
    assert "Kept Card House" in near and "Kept Card House" in farther
    distances = [
        re.search(r'class="facility-distance">([^<]+)<', page)[1] for page in (near, farther)
    ]
    assert distances[0] != distances[1]
    assert "near=22903" in farther.split("Kept Card House")[0].rsplit("<a ", 1)[1]

    facility.phone = "+14345559999"
    facility.updated_at = timezone.now()
    facility.save()
    assert "(434) 555-9999" in client.get("/treatment/?near=22902&radius=25").content.decode()
