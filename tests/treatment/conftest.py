"""Fixtures for the treatment directory's tests: small SAMHSA files and facilities on demand."""

from pathlib import Path

import pytest

from treatment.importers.cleaning import zip_centroids
from treatment.models import Facility

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_FILE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "samhsa-substance-use-facilities.csv.gz"
)
# One degree of latitude in the search's great-circle miles.
MILES_PER_DEGREE = 3958.8 * 3.141592653589793 / 180


@pytest.fixture
def fixture_file():
    return lambda name: FIXTURES / name


@pytest.fixture
def make_facility(db):
    """A facility north of a ZIP code's center by a given number of miles, with given codes."""
    counter = iter(range(1, 10_000))

    def make(
        name: str = "Test Facility",
        *,
        near_zip: str = "22902",
        miles_north: float = 1.0,
        codes: str = "SA OP",
        active: bool = True,
        **fields,
    ) -> Facility:
        lat, lng = zip_centroids()[near_zip]
        values = {
            "street1": "1 Test Street",
            "city": "Charlottesville",
            "state": "VA",
            "zip_code": near_zip,
            "phone": "+14345550100",
            "latitude": lat + miles_north / MILES_PER_DEGREE,
            "longitude": lng,
            "location_source": Facility.LOCATED_BY_FILE,
            **fields,
        }
        return Facility.objects.create(
            name=name,
            service_codes=f" {codes} ",
            source=Facility.SOURCE_DIRECTORY,
            source_id=f"test:{next(counter)}",
            active=active,
            **values,
        )

    return make


@pytest.fixture
def staff_client(client, admin_user):
    """A superuser signed in with a confirmed second factor, as the OTP admin site demands."""
    from django.conf import settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=admin_user, name="test", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client
