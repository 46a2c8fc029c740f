"""The real SAMHSA file: all 12,205 rows read, withheld addresses listed, in well under 30 s."""

import time

import pytest

from tests.treatment.conftest import REAL_FILE
from treatment.importers import facility_import
from treatment.models import Facility

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not REAL_FILE.exists(), reason="../shared is not beside the checkout")
def test_the_real_directory_imports_quickly_and_completely():
    started = time.perf_counter()
    report = facility_import(path=REAL_FILE)
    elapsed = time.perf_counter() - started
    assert report.read == 12205
    # 11,747 with a street, and the 450 whose street SAMHSA withheld ("- - -" or "---").
    assert report.addresses_withheld == 450
    assert report.created == 11747 + 450
    assert report.skipped == {
        "no_name": [12202, 12203, 12204, 12205, 12206],
        "duplicate": [3161, 9032, 9600],  # the same name, street and ZIP as the row before
    }
    assert report.withheld_sharing_a_name == 11  # houses of one program, each its own row
    assert Facility.objects.active().count() == report.created
    assert Facility.objects.filter(address_withheld=True, street1="").count() == 450
    assert report.not_located + report.located_by_zip == report.created
    assert "ACC" not in report.unknown_codes  # supplied by FirstStep's supplement to the key
    assert elapsed < 30
