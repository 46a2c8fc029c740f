"""GET /api/facilities: the same search as JSON."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("api:facilities")


def test_it_returns_count_results_and_next(client, make_facility):
    for n in range(21):
        make_facility(f"F{n:02}", codes="SA OP BU MD", miles_north=1 + n / 10)
    body = client.get(URL, {"near": "22902", "category": "outpatient"}).json()
    assert body["count"] == 21
    assert len(body["results"]) == 20
    first = body["results"][0]
    assert first["name"] == "F00"
    assert first["distance_miles"] == 1.0
    assert first["phone"] == "+14345550100"
    assert first["address"]["zip"] == "22902"
    assert first["categories"] == ["outpatient", "medication"]
    assert first["medications"] == ["buprenorphine"]
    assert first["payment"] == ["MD"]
    assert first["url"] == f"http://testserver/treatment/facility/{first['id']}/"
    assert "page=2" in body["next"] and "category=outpatient" in body["next"]
    last = client.get(body["next"]).json()
    assert [r["name"] for r in last["results"]] == ["F20"]
    assert last["next"] is None


def test_a_page_past_the_end_is_empty(client, make_facility):
    make_facility()
    body = client.get(URL, {"near": "22902", "page": "5"}).json()
    assert body["count"] == 1 and body["results"] == [] and body["next"] is None


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({}, "near"),
        ({"near": "Xanadu"}, "near"),
        ({"near": "22902", "radius": "30"}, "radius"),
        ({"near": "22902", "category": "spa"}, "category"),
        ({"near": "22902", "medication": "aspirin"}, "medication"),
        ({"near": "22902", "payment": "XX"}, "payment"),
        ({"near": "22902", "page": "0"}, "page"),
        ({"near": "22902", "page": "two"}, "page"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, params, bad):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [bad]
    assert bad in body["error"]


def test_it_answers_only_get_and_head(client):
    assert client.post(URL, {"near": "22902"}).status_code == 405


def test_distances_from_a_zip_center_are_whole_miles_and_say_so(client, make_facility):
    make_facility("Zipped", miles_north=4.4, location_source="zip")
    make_facility("Exact", miles_north=2.04, location_source="file")
    data = client.get("/api/facilities", {"near": "22902"}).json()
    found = {r["name"]: r for r in data["results"]}
    assert (found["Exact"]["distance_miles"], found["Exact"]["distance_approximate"]) == (
        2.0,
        False,
    )
    assert (found["Zipped"]["distance_miles"], found["Zipped"]["distance_approximate"]) == (
        4.0,
        True,
    )
    assert found["Zipped"]["located_by"] == "zip"


def test_a_place_with_several_matches_is_a_400_listing_them(client):
    response = client.get("/api/facilities", {"near": "Worcester"})
    assert response.status_code == 400
    assert response.json()["choices"] == [
        "Worcester, MA",
        "Worcester, NY",
        "Worcester, PA",
        "Worcester, VT",
    ]


def test_a_withheld_address_gets_no_coordinates_in_the_api(client, make_facility):
    make_facility("Quiet House", street1="", address_withheld=True)
    listed = client.get("/api/facilities?near=22902").json()["results"]
    quiet = next(item for item in listed if item["name"] == "Quiet House")
    assert quiet["latitude"] is None and quiet["longitude"] is None
