"""The format comes from the content; a file that cannot be read changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from treatment.importers import ImportFileError, facility_import
from treatment.models import Facility, ImportRun

pytestmark = pytest.mark.django_db


def test_csv_content_is_read_as_csv_whatever_the_name(fixture_file, tmp_path):
    misnamed = tmp_path / "facilities.json"
    misnamed.write_bytes(fixture_file("directory-small.csv").read_bytes())
    assert facility_import(path=misnamed).format == "directory CSV"


def test_json_content_is_read_as_json_whatever_the_name(fixture_file, tmp_path):
    misnamed = tmp_path / "facilities.csv"
    misnamed.write_bytes(fixture_file("locator-small.json").read_bytes())
    assert facility_import(path=misnamed).format == "locator JSON"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing-columns.csv", "lacks column(s) name1"),
        ("not-a-directory.png", "not a text file"),
        ("truncated.json", "not valid JSON"),
        ("locator-not-rows.json", "rows[]"),
    ],
)
def test_a_broken_file_stops_with_a_clear_message_and_changes_nothing(
    fixture_file, make_facility, name, message
):
    kept = make_facility("Already Here")
    with pytest.raises(CommandError) as error:
        call_command("import_facilities", str(fixture_file(name)), verbosity=0)
    assert message in str(error.value)
    assert "Nothing was imported or changed" in str(error.value)
    assert list(Facility.objects.all()) == [kept]
    assert Facility.objects.get().active
    assert not ImportRun.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ImportFileError, match="cannot read"):
        facility_import(path=tmp_path / "nope.csv")


def test_a_damaged_gzip_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(ImportFileError, match="damaged"):
        facility_import(path=broken)


def test_a_failure_while_saving_rolls_everything_back(fixture_file, monkeypatch):
    from treatment.importers import service

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service.ImportRun.objects, "create", explode)
    with pytest.raises(RuntimeError):
        facility_import(path=fixture_file("directory-small.csv"))
    assert not Facility.objects.exists()
