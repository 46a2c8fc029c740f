"""Withheld addresses are listed, nothing invented; one facility in both files is one listing."""

import pytest

from treatment.importers import facility_import
from treatment.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(fixture_file):
    return facility_import(path=fixture_file("directory-listings.csv"))


def test_a_withheld_street_is_listed_by_city_state_and_zip_at_the_zip_center(report):
    houses = Facility.objects.filter(name="Quiet House").order_by("phone")
    assert [(h.street1, h.address_withheld, h.city, h.state, h.zip_code) for h in houses] == [
        ("", True, "Worcester", "MA", "01605"),
        ("", True, "Worcester", "MA", "01605"),
    ]
    assert {h.location_source for h in houses} == {"zip"}
    assert report.addresses_withheld == 3


def test_withheld_rows_sharing_a_name_and_zip_are_each_listed(report):
    assert Facility.objects.filter(name="Quiet House").count() == 2
    assert report.withheld_sharing_a_name == 1
    ids = set(Facility.objects.filter(name="Quiet House").values_list("source_id", flat=True))
    assert len(ids) == 2 and any(i.endswith("#2") for i in ids)


def test_a_withheld_row_with_an_unknown_zip_is_listed_but_not_located(report):
    shelter = Facility.objects.get(name="Far North Shelter")
    assert shelter.latitude is None and shelter.location_source == ""
    assert shelter.address_withheld


def test_rows_with_no_name_or_neither_street_nor_zip_are_skipped_with_their_lines(report):
    assert report.skipped == {"no_address": [5], "no_name": [10]}
    text = "\n".join(report.lines())
    assert "neither a street address nor a ZIP code: lines 5" in text
    assert "listed by city, state and ZIP: 3" in text


def test_importing_the_same_file_again_changes_nothing(report, fixture_file):
    again = facility_import(path=fixture_file("directory-listings.csv"))
    assert (again.created, again.updated, again.deactivated) == (0, 0, 0)
    assert again.unchanged == report.created


@pytest.mark.parametrize("order", [("json", "csv"), ("csv", "json")])
def test_the_same_facility_in_both_files_is_one_listing_with_the_json_coordinates(
    fixture_file, order
):
    files = {"json": "locator-small.json", "csv": "directory-listings.csv"}
    reports = [facility_import(path=fixture_file(files[kind])) for kind in order]
    assert reports[-1].merged == 2  # Region Recovery by street, Valley Services by street
    listed = Facility.objects.active()
    region = listed.get(name="Region Recovery")
    assert region.source == Facility.SOURCE_DIRECTORY
    assert (region.latitude, region.longitude) == (38.0282239, -78.4725231)
    assert region.location_source == "file"
    assert region.website == "http://www.example.org"  # the CSV has no website column
    assert listed.filter(name="Valley Services").count() == 1
    locator = Facility.objects.get(source_id="frid:f-one")
    assert locator.merged_into == region
    assert "merged (the same facility in the locator JSON and the directory CSV): 2" in "\n".join(
        reports[-1].lines()
    )


def test_merged_listings_stay_merged_and_unchanged_on_reimport(fixture_file):
    facility_import(path=fixture_file("locator-small.json"))
    facility_import(path=fixture_file("directory-listings.csv"))
    again = facility_import(path=fixture_file("directory-listings.csv"))
    assert again.updated == 0 and again.merged == 2
    assert again.located_by_file == 1
    json_again = facility_import(path=fixture_file("locator-small.json"))
    assert json_again.updated == 0 and json_again.merged == 2


def test_a_merged_listing_goes_back_to_its_zip_center_when_the_locator_row_goes(
    fixture_file, tmp_path
):
    facility_import(path=fixture_file("locator-small.json"))
    facility_import(path=fixture_file("directory-listings.csv"))
    empty = tmp_path / "empty.json"
    empty.write_text('{"page": 1, "totalPages": 1, "recordCount": 0, "rows": []}')
    report = facility_import(path=empty)
    assert report.merged == 0
    region = Facility.objects.active().get(name="Region Recovery")
    assert region.location_source == "zip"
    assert Facility.objects.get(source_id="frid:f-one").merged_into is None


def test_a_merged_locator_page_redirects_to_the_listing(client, fixture_file):
    facility_import(path=fixture_file("locator-small.json"))
    facility_import(path=fixture_file("directory-listings.csv"))
    locator = Facility.objects.get(source_id="frid:f-one")
    response = client.get(f"/treatment/facility/{locator.pk}/?near=22902")
    assert response.status_code == 302
    assert response["Location"] == f"/treatment/facility/{locator.merged_into_id}/?near=22902"
