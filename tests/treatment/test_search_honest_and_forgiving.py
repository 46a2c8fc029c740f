"""Distances told honestly, ties by name, forgiving places, folded form, who programs serve."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from treatment.models import Facility
from treatment.search import facility_search, parse_search

pytestmark = pytest.mark.django_db
URL = reverse("treatment:search")


def _names(text: str) -> list[str]:
    parsed = parse_search(QueryDict(text))
    assert parsed.query is not None, parsed.form.errors
    return [hit.facility.name for hit in facility_search(query=parsed.query).hits]


def test_a_zip_center_distance_is_about_whole_miles_and_file_coordinates_one_decimal(
    client, make_facility
):
    make_facility("Exact Place", miles_north=3.04, location_source=Facility.LOCATED_BY_FILE)
    make_facility("Zip Place", miles_north=7.4, location_source=Facility.LOCATED_BY_ZIP)
    html = client.get(URL, {"near": "22902"}).content.decode()
    assert "3.0 miles away" in html
    assert "About 7 miles away" in html and "7.4" not in html
    assert "“About” distances are to the center of the facility's ZIP code" in html


def test_a_zip_center_under_a_mile_away_is_in_or_near_its_zip(client, make_facility):
    make_facility("Same Zip", miles_north=0, location_source=Facility.LOCATED_BY_ZIP)
    html = client.get(URL, {"near": "22902"}).content.decode()
    assert "In or near ZIP 22902" in html


def test_exact_distances_alone_need_no_explanation(client, make_facility):
    make_facility("Exact Place", miles_north=3)
    html = client.get(URL, {"near": "22902"}).content.decode()
    assert "“About” distances" not in html


def test_facilities_the_same_distance_away_are_sorted_by_name(make_facility):
    for name in ["Charlie", "alpha", "Bravo"]:
        make_facility(name, miles_north=2, location_source=Facility.LOCATED_BY_ZIP)
    make_facility("Zulu", miles_north=1)
    make_facility("Yankee", miles_north=5)
    assert _names("near=22902") == ["Zulu", "alpha", "Bravo", "Charlie", "Yankee"]


def test_a_tie_across_a_page_break_is_still_sorted_by_name(make_facility):
    for n in range(19):
        make_facility(f"Near {n:02}", miles_north=1 + n / 100)
    for name in ["Delta", "Alpha", "Charlie", "Bravo"]:
        make_facility(name, miles_north=3)
    parsed = parse_search(QueryDict("near=22902"))
    first = facility_search(query=parsed.query, page=1).hits
    second = facility_search(query=parsed.query, page=2).hits
    assert first[-1].facility.name == "Alpha"
    assert [h.facility.name for h in second] == ["Bravo", "Charlie", "Delta"]


def test_a_city_in_several_states_gets_did_you_mean_links_keeping_the_filters(client):
    html = client.get(URL, {"near": "Worcester", "category": "detox"}).content.decode()
    assert "More than one place is called “Worcester”. Did you mean:" in html
    for state in ["MA", "NY", "PA", "VT"]:
        assert f">Worcester, {state}</a>" in html
    assert 'href="?near=Worcester%2C+MA&amp;category=detox"' in html
    assert "results-title" not in html


def test_a_place_written_loosely_is_searched(client, make_facility):
    make_facility("Worcester Place", near_zip="01605", miles_north=1, city="Worcester")
    for near in ["worcester ma", "Worcester, Massachusetts", "01605-1234", "1605"]:
        html = client.get(URL, {"near": near}).content.decode()
        assert "Worcester Place" in html, near


def test_after_a_search_the_form_folds_into_a_one_line_summary(client, make_facility):
    make_facility("Detox Place", codes="SA DT MD", miles_north=2)
    html = client.get(URL, {"near": "22902", "category": "detox", "payment": "MD"}).content.decode()
    assert re.search(r'<h1 id="results-title"[^>]*>1 facility within 25 miles of 22902</h1>', html)
    summary = re.search(r'<details class="search-summary mb-3">\s*<summary>(.*?)</summary>', html)
    assert summary, "the form is folded (closed) after a search with results"
    text = re.sub(r"<[^>]+>", "", summary.group(1))
    assert text == "Detox within 25 miles of 22902, 1 more filter — change"
    assert html.index("search-summary") < html.index("Detox Place")
    assert "Find treatment near you" not in html


def test_no_results_leave_the_form_open(client):
    html = client.get(URL, {"near": "22902"}).content.decode()
    assert '<details class="search-summary mb-3" open>' in html


def test_before_a_search_the_form_is_not_folded(client):
    html = client.get(URL).content.decode()
    assert "search-summary" not in html
    assert "<h1>Find treatment near you</h1>" in html


@pytest.mark.parametrize(
    ("param", "matching", "other"),
    [
        ("age=YAD", "SA YAD", "SA ADLT"),
        ("age=CHLD", "SA CHLD", "SA AD"),
        ("age=SNR", "SA SNR", "SA SE"),
        ("age=ADLT", "SA ADLT", "SA YAD"),
        ("gender=FEM", "SA FEM", "SA WN"),
        ("gender=MALE", "SA MALE", "SA MN"),
    ],
)
def test_who_a_program_serves_filters_by_samhsas_codes(make_facility, param, matching, other):
    make_facility("Match", codes=matching)
    make_facility("Other", codes=other, miles_north=2)
    assert _names(f"near=22902&{param}") == ["Match"]


def test_a_screening_link_with_groups_preselects_them(client):
    html = client.get(URL + "?category=detox&group=PW&group=AD").content.decode()
    assert re.search(r'value="PW" id="[^"]+" checked', html)
    assert re.search(r'value="AD" id="[^"]+" checked', html)
    assert '<details class="more-filters mb-3" open>' in html


def test_in_spanish_se_habla_espanol_starts_ticked_before_a_search(client):
    html = client.get("/es" + URL).content.decode()
    assert "se habla español" in html
    assert re.search(r'value="SP" id="[^"]+" checked', html)


def test_in_spanish_an_unticked_spanish_filter_stays_unticked(client, make_facility):
    make_facility("English Only", codes="SA OP")
    html = client.get("/es" + URL, {"near": "22902"}).content.decode()
    assert not re.search(r'value="SP" id="[^"]+" checked', html)
    assert "English Only" in html


def test_in_english_nothing_is_ticked_for_language(client):
    html = client.get(URL).content.decode()
    assert not re.search(r'value="SP" id="[^"]+" checked', html)


def test_use_my_location_is_a_hidden_button_a_local_script_reveals(client):
    html = client.get(URL).content.decode()
    assert '<script src="/static/js/treatment-locate.js" defer></script>' in html
    assert re.search(r'<p class="mt-2 mb-0 locate" hidden>', html)
    assert "<script>" not in html  # the CSP allows only files from this site


def test_a_search_from_coordinates_names_your_location(client, make_facility):
    make_facility("Near Me", miles_north=1)
    html = client.get(URL, {"near": "38.03,-78.49"}).content.decode()
    assert "within 25 miles of your location" in html
    assert "Near Me" in html


def test_a_withheld_address_is_shown_as_given_when_you_call(client, make_facility):
    make_facility("Quiet House", street1="", address_withheld=True, miles_north=0)
    html = client.get(URL, {"near": "22902"}).content.decode()
    assert "Address given when you call" in html
    assert "Get directions" not in html


def test_in_spanish_the_filters_for_samhsa_codes_use_the_spanish_names(client):
    html = client.get("/es" + URL).content.decode()
    for spanish in ["Adultos jóvenes", "Mujeres embarazadas o en posparto", "Medicaid"]:
        assert f">{spanish}</label>" in html
    assert ">Young adults</label>" not in html


def test_a_city_not_in_the_state_given_is_explained_once_with_the_states_that_have_it(client):
    html = client.get(URL, {"near": "Worcester, CO"}).content.decode()
    assert html.count("We could not find “Worcester” in Colorado.") == 2  # alert and field
    assert ">Did you mean:</h2>" in html
    assert ">Worcester, MA</a>" in html
