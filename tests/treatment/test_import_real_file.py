"""The real SAMHSA file: all 12,205 rows read, in well under 30 seconds."""

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
    assert report.created + report.skipped_total == 12205
    assert report.skipped["no_name"] == [12202, 12203, 12204, 12205, 12206]
    assert Facility.objects.active().count() == report.created
    assert report.not_located + report.located_by_zip == report.created
    assert "ACC" not in report.unknown_codes  # supplied by FirstStep's supplement to the key
    assert elapsed < 30
