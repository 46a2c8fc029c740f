"""Importing the locator API's JSON: labels mapped to codes, coordinates from the file."""

import pytest

from treatment.importers import facility_import
from treatment.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(fixture_file):
    return facility_import(path=fixture_file("locator-small.json"))


def test_it_imports_substance_use_rows_and_skips_the_others(report):
    assert report.format == "locator JSON"
    assert report.read == 4
    assert report.created == 2
    assert report.skipped == {"not_substance_use": [2], "no_name": [4]}


def test_services_labels_are_mapped_to_codes_and_unmapped_labels_counted(report):
    region = Facility.objects.get(source_id="frid:f-one")
    assert region.codes == ["SA", "DT", "OP", "OIT", "BU", "MD", "SF", "SP"]
    assert report.unmapped_labels == {"Barter in chickens": 1}
    assert region.categories() == ["detox", "iop", "outpatient", "medication"]


def test_coordinates_come_from_the_file_or_the_zip_center(report):
    region = Facility.objects.get(source_id="frid:f-one")
    assert (region.latitude, region.longitude) == (38.0282239, -78.4725231)
    assert region.location_source == "file"
    valley = Facility.objects.get(source_id="frid:f-three")
    assert valley.location_source == "zip"
    assert report.cleaned["coordinates_invalid"] == 1
    assert (report.located_by_file, report.located_by_zip) == (1, 1)


def test_json_rows_are_cleaned_too(report):
    region = Facility.objects.get(source_id="frid:f-one")
    assert region.website == "http://www.example.org"
    assert (region.intake_phone, region.intake_phone_extension) == ("+14345550202", "3")
    assert report.cleaned["codes_repeated"] == 1


def test_a_partial_locator_page_deactivates_nothing(fixture_file, tmp_path, report):
    text = (
        fixture_file("locator-small.json").read_text().replace('"totalPages": 1', '"totalPages": 9')
    )
    partial = tmp_path / "page.json"
    partial.write_text(text.replace('"f-three"', '"f-other"'))
    second = facility_import(path=partial)
    assert second.deactivated == 0
    assert Facility.objects.get(source_id="frid:f-three").active
    assert any("not deactivated" in note for note in second.notes)


def test_the_real_locator_sample_imports(report):
    from django.conf import settings

    sample = settings.SHARED_DIR / "data" / "findtreatment-locator-sample.json"
    if not sample.exists():
        pytest.skip("../shared is not beside the checkout")
    real = facility_import(path=sample)
    assert real.read == 30
    assert real.created == 14
    assert real.skipped_total == 16
    assert sum(real.unmapped_labels.values()) > 0
