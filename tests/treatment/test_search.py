"""The radius search: distance, radius edge, sort, every filter, combinations, bad input."""

import pytest
from django.http import QueryDict

from treatment.search import (
    SearchQuery,
    facility_search,
    find_place,
    miles_between,
    parse_search,
)

pytestmark = pytest.mark.django_db


def _query(text: str) -> SearchQuery:
    parsed = parse_search(QueryDict(text))
    assert parsed.query is not None, parsed.form.errors
    return parsed.query


def _names(text: str) -> list[str]:
    return [hit.facility.name for hit in facility_search(query=_query(text)).hits]


def test_great_circle_miles_match_a_known_distance():
    # New York City Hall to Los Angeles City Hall: about 2,445 miles.
    assert miles_between(40.7128, -74.0060, 34.0537, -118.2428) == pytest.approx(2445, abs=5)


def test_places_are_found_by_zip_or_city_and_state():
    assert find_place("22902").zip_code == "22902"
    denver = find_place("denver,  co")
    assert denver.name == "Denver, CO"
    assert 39.5 < denver.latitude < 40
    assert find_place("Nowhere, ZZ") is None
    assert find_place("00000") is None
    assert find_place("Denver") is None


def test_results_are_sorted_by_distance_with_the_distance(make_facility):
    make_facility("Far", miles_north=20)
    make_facility("Near", miles_north=2)
    make_facility("Middle", miles_north=10)
    page = facility_search(query=_query("near=22902"))
    assert [hit.facility.name for hit in page.hits] == ["Near", "Middle", "Far"]
    assert [hit.distance_miles for hit in page.hits] == [2.0, 10.0, 20.0]


def test_the_radius_edge_is_inclusive_and_exact(make_facility):
    make_facility("Inside", miles_north=24.95)
    make_facility("Outside", miles_north=25.05)
    assert _names("near=22902") == ["Inside"]
    assert _names("near=22902&radius=50") == ["Inside", "Outside"]


def test_the_radius_defaults_to_25_miles(make_facility):
    make_facility("At 30 miles", miles_north=30)
    assert _query("near=22902").radius == 25
    assert _names("near=22902") == []


def test_inactive_facilities_are_not_found(make_facility):
    make_facility("Closed", active=False)
    make_facility("Open")
    assert _names("near=22902") == ["Open"]


@pytest.mark.parametrize(
    ("param", "matching_codes", "other_codes"),
    [
        ("category=detox", "SA HID", "SA OP"),
        ("category=residential", "SA RL", "SA OP"),
        ("category=php", "SA ODT", "SA OIT"),
        ("category=iop", "SA OIT", "SA ODT"),
        ("category=outpatient", "SA ORT", "SA RES"),
        ("category=medication", "SA VTRL", "SA OP"),
        ("category=aftercare", "SA PEER", "SA OP"),
        ("medication=methadone", "SA OTP", "SA BU"),
        ("medication=buprenorphine", "SA BUM", "SA MM"),
        ("medication=naltrexone", "SA NXN", "SA BU"),
        ("payment=MD", "SA MD", "SA MC"),
        ("payment=NP", "SA NP", "SA SF"),
        ("language=SP", "SA SP", "SA F28"),
        ("language=AH", "SA AH", "SA SP"),
        ("group=PW", "SA PW", "SA WN"),
        ("group=AD", "SA AD", "SA ADLT"),
        ("group=VET", "SA VET", "SA MF"),
        ("group=CO", "SA CO", "SA COPSU"),
        ("telehealth=1", "SA TELE", "SA OP"),
    ],
)
def test_each_filter_keeps_only_facilities_with_its_codes(
    make_facility, param, matching_codes, other_codes
):
    make_facility("Match", codes=matching_codes)
    make_facility("Other", codes=other_codes, miles_north=2)
    assert _names(f"near=22902&{param}") == ["Match"]


def test_codes_match_whole_codes_only(make_facility):
    make_facility("Has BUM only", codes="SA BUM")
    make_facility("Has BWN only", codes="SA BWN", miles_north=2)
    assert _names("near=22902&medication=buprenorphine") == ["Has BUM only"]


def test_combined_filters_all_apply_and_payments_accept_any(make_facility):
    make_facility("Detox with medication, Medicaid", codes="SA DT BU MD")
    make_facility("Detox only, Medicaid", codes="SA DT MD", miles_north=2)
    make_facility("Detox with medication, Medicare", codes="SA DT MU MC", miles_north=3)
    make_facility("Detox with medication, cash", codes="SA DT MU SF", miles_north=4)
    assert _names("near=22902&category=detox&category=medication&payment=MD&payment=MC") == [
        "Detox with medication, Medicaid",
        "Detox with medication, Medicare",
    ]


def test_results_are_paginated_with_the_total_count(make_facility):
    for n in range(25):
        make_facility(f"F{n:02}", miles_north=1 + n / 10)
    first = facility_search(query=_query("near=22902"), page=1)
    second = facility_search(query=_query("near=22902"), page=2)
    assert (first.count, first.pages, len(first.hits), first.has_next) == (25, 2, 20, True)
    assert [h.facility.name for h in second.hits] == [f"F{n:02}" for n in range(20, 25)]
    assert not second.has_next and second.has_previous


def test_a_facility_without_coordinates_is_listed_by_its_city_last(make_facility):
    make_facility("Located")
    make_facility("Unlocated", latitude=None, longitude=None, city="Charlottesville")
    page = facility_search(query=_query("near=Charlottesville, VA"))
    assert [(h.facility.name, h.distance_miles is None) for h in page.hits] == [
        ("Located", False),
        ("Unlocated", True),
    ]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("near=", "near"),
        ("near=123", "near"),
        ("near=Xanadu", "near"),
        ("near=22902&radius=30", "radius"),
        ("near=22902&radius=far", "radius"),
        ("near=22902&category=spa", "category"),
        ("near=22902&medication=aspirin", "medication"),
        ("near=22902&payment=XX", "payment"),
        ("near=22902&language=FR", "language"),
        ("near=22902&group=ZZ", "group"),
        ("near=22902&care_level=emergency", "care_level"),
    ],
)
def test_bad_input_names_the_field_and_keeps_the_rest(text, field):
    parsed = parse_search(QueryDict(f"{text}&category=detox"))
    assert parsed.query is None
    assert list(parsed.form.errors) == [field]
    if field != "category":
        assert parsed.form["category"].value() == ["detox"]


def test_no_place_yet_is_not_an_error():
    parsed = parse_search(QueryDict("category=detox&care_level=inpatient_detox"))
    assert parsed.query is None
    assert not parsed.submitted
    assert not parsed.form.errors
    assert parsed.care_level == "inpatient_detox"
