"""Re-imports: idempotent, newer files update and deactivate, staff corrections survive."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from treatment.importers import facility_import
from treatment.models import Facility

pytestmark = pytest.mark.django_db


def _rows():
    return sorted(
        Facility.objects.values_list(
            "source_id", "name", "zip_code", "phone", "service_codes", "active", "latitude"
        )
    )


def test_the_same_file_twice_gives_the_same_rows(fixture_file):
    facility_import(path=fixture_file("directory-small.csv"))
    before = _rows()
    again = facility_import(path=fixture_file("directory-small.csv"))
    assert _rows() == before
    assert (again.created, again.updated, again.unchanged, again.deactivated) == (0, 0, 7, 0)


def test_a_newer_file_updates_creates_and_deactivates(fixture_file):
    facility_import(path=fixture_file("directory-small.csv"), data_date=datetime.date(2025, 1, 1))
    report = facility_import(
        path=fixture_file("directory-newer.csv"), data_date=datetime.date(2025, 6, 1)
    )
    assert (report.created, report.updated, report.unchanged, report.deactivated) == (1, 1, 2, 4)
    blue = Facility.objects.get(name="Blue Ridge Recovery")
    assert (blue.phone, blue.phone_extension) == ("+14345550199", "")
    assert not Facility.objects.get(name="Hogar Esperanza").active
    assert not Facility.objects.get(name="Nowhere Clinic").active
    assert Facility.objects.get(name="New Hope Center").active
    assert Facility.objects.count() == 8  # vanished facilities are kept, inactive
    assert blue.source_date == datetime.date(2025, 6, 1)
    assert Facility.objects.get(name="Hogar Esperanza").source_date == datetime.date(2025, 1, 1)


def test_a_facility_that_comes_back_is_active_again(fixture_file):
    facility_import(path=fixture_file("directory-small.csv"))
    facility_import(path=fixture_file("directory-newer.csv"))
    report = facility_import(path=fixture_file("directory-small.csv"))
    assert Facility.objects.get(name="Hogar Esperanza").active
    assert Facility.objects.get(name="New Hope Center").active is False
    assert report.updated == 5  # four reactivated, Blue Ridge's phone back


def test_a_staff_correction_survives_a_reimport_and_is_reported(fixture_file):
    facility_import(path=fixture_file("directory-small.csv"))
    blue = Facility.objects.get(name="Blue Ridge Recovery")
    blue.phone = "+14345550999"
    blue.staff_corrected_fields = ["phone"]
    blue.save()

    out = StringIO()
    call_command("import_facilities", str(fixture_file("directory-newer.csv")), stdout=out)

    blue.refresh_from_db()
    assert blue.phone == "+14345550999"
    assert blue.phone_extension == ""  # not corrected by staff, so the file's change applies
    assert blue.import_conflicts == {"phone": "+14345550199"}
    text = out.getvalue()
    assert "staff corrections kept, SAMHSA's change NOT applied: 1" in text
    assert "Blue Ridge Recovery" in text and "+14345550199" in text


def test_the_command_shows_progress_and_the_full_report(fixture_file):
    out = StringIO()
    call_command("import_facilities", str(fixture_file("directory-small.csv")), stdout=out)
    text = out.getvalue()
    assert "… read 9 rows; saving" in text
    for label in ("read:", "created:", "updated:", "unchanged:", "deactivated:", "skipped:"):
        assert label in text
    assert "by ZIP code center:         6" in text
    assert "not located:                1" in text
    assert "listed by city, state and ZIP: 1" in text
