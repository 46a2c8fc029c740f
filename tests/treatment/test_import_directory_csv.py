"""Importing SAMHSA's national directory CSV: what is kept, cleaned, skipped and counted."""

import gzip
import shutil

import pytest

from treatment.importers import facility_import
from treatment.models import Facility, ImportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(fixture_file):
    return facility_import(path=fixture_file("directory-small.csv"))


def test_it_creates_one_facility_per_kept_row(report):
    assert report.format == "directory CSV"
    assert report.read == 9
    assert report.created == 7
    assert Facility.objects.count() == 7
    assert (report.updated, report.unchanged, report.deactivated) == (0, 0, 0)


def test_it_skips_rows_without_a_name_and_repeated_rows_with_their_line_numbers(report):
    assert report.skipped == {"no_name": [6], "duplicate": [9]}
    assert any("lines 6" in line for line in report.lines())


def test_a_row_without_a_street_but_with_a_zip_is_listed_by_city_and_zip(report):
    no_street = Facility.objects.get(name="No Street Center")
    assert (no_street.street1, no_street.address_withheld) == ("", False)
    assert no_street.location_source == "zip"
    assert report.cleaned["street_missing"] == 1


def test_it_counts_each_cleaning_rule(report):
    assert report.cleaned["zip_padded"] == 2
    assert report.cleaned["zip_plus4_trimmed"] == 1
    assert report.cleaned["phone_extension_split"] == 1
    assert report.cleaned["phone_letters_to_digits"] == 1
    assert report.cleaned["phone_unusable"] == 1
    assert report.cleaned["phone_normalised"] == 7
    assert report.cleaned["whitespace_trimmed"] == 2
    assert report.cleaned["state_invalid"] == 1


def test_it_stores_clean_values(report):
    harbor = Facility.objects.get(name="Harbor House")
    assert harbor.zip_code == "06103"
    assert harbor.street1 == "5 Elm Road"
    blue = Facility.objects.get(name="Blue Ridge Recovery")
    assert (blue.phone, blue.phone_extension, blue.intake_phone) == (
        "+14345550100",
        "12",
        "+14345550101",
    )
    assert Facility.objects.get(name="Hogar Esperanza").zip_code == "00961"
    assert Facility.objects.get(name="Zip Plus Four Clinic").phone == "+13035554673"


def test_unknown_service_codes_are_kept_and_reported(report):
    assert report.unknown_codes == {"ZZQ": 1}
    blue = Facility.objects.get(name="Blue Ridge Recovery")
    assert "ZZQ" in blue.codes
    assert "*" not in blue.codes
    assert blue.service_codes.startswith(" SA DT ")
    assert any("ZZQ (1)" in line for line in report.lines())


def test_facilities_are_located_by_zip_center_or_counted_as_not_located(report):
    assert (report.located_by_file, report.located_by_zip, report.not_located) == (0, 6, 1)
    nowhere = Facility.objects.get(name="Nowhere Clinic")
    assert nowhere.latitude is None and nowhere.location_source == ""
    assert Facility.objects.get(name="Hogar Esperanza").location_source == "zip"


def test_the_run_and_its_report_are_recorded(report):
    run = ImportRun.objects.get()
    assert run.format == "directory CSV"
    assert run.report["created"] == 7
    assert run.report["addresses_withheld"] == 1


def test_a_gzipped_copy_imports_the_same(fixture_file, tmp_path):
    packed = tmp_path / "directory.data"  # no telling extension: the content decides
    with fixture_file("directory-small.csv").open("rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    report = facility_import(path=packed)
    assert report.format == "directory CSV"
    assert report.created == 7
