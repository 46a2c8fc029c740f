"""Cleaning rules for SAMHSA's files. Each returns the clean value and what it did, to count."""

import hashlib
import re
from functools import cache

import zipcodes
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_KEYPAD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*(\d{1,10})\s*$", re.IGNORECASE)
_STATE = re.compile(r"^[A-Z]{2}$")


def clean_text(value: str | None) -> tuple[str, bool]:
    """Trim and collapse runs of whitespace; say whether anything changed."""
    raw = value or ""
    clean = " ".join(raw.split())
    return clean, clean != raw


def clean_zip(value: str | None) -> tuple[str, str | None]:
    """Five digits, or blank. The second value names the rule applied, if any."""
    raw = (value or "").strip()
    if re.fullmatch(r"\d{5}", raw):
        return raw, None
    if re.fullmatch(r"\d{3,4}", raw):
        # Spreadsheets drop the leading zeros of New England and Puerto Rico ZIP codes.
        return raw.zfill(5), "zip_padded"
    if re.fullmatch(r"\d{5}-?\d{4}", raw):
        return raw[:5], "zip_plus4_trimmed"
    if not raw:
        return "", "zip_missing"
    return "", "zip_invalid"


@cache
def known_states() -> frozenset[str]:
    """States, DC and territories with ZIP codes (the zipcodes package's list)."""
    return frozenset(z["state"] for z in zipcodes.list_all())


def clean_state(value: str | None) -> tuple[str, str | None]:
    raw = (value or "").strip().upper()
    if _STATE.match(raw) and raw in known_states():
        return raw, None
    return "", ("state_missing" if not raw else "state_invalid")


def clean_phone(value: str | None) -> tuple[str, str, list[str]]:
    """(+1 and ten digits, extension, rules applied). Blank when it is not a US number."""
    raw = (value or "").strip()
    if not raw:
        return "", "", []
    rules = []
    extension = ""
    match = _EXTENSION.search(raw)
    if match:
        extension = match.group(1)
        raw = raw[: match.start()]
        rules.append("phone_extension_split")
    if re.search(r"[A-Za-z]", raw):
        raw = raw.upper().translate(_KEYPAD)
        rules.append("phone_letters_to_digits")
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01":
        return "", "", ["phone_unusable"]
    return "+1" + digits, extension, [*rules, "phone_normalised"]


def clean_website(value: str | None) -> tuple[str, str | None]:
    raw = (value or "").strip()
    if not raw:
        return "", None
    rule = None
    if not re.match(r"^https?://", raw, re.IGNORECASE):
        raw = "http://" + raw
        rule = "website_scheme_added"
    try:
        URLValidator(schemes=["http", "https"])(raw)
    except ValidationError:
        return "", "website_invalid"
    return raw, rule


def clean_coordinates(lat, lng) -> tuple[float, float] | None:
    try:
        latitude, longitude = float(lat), float(lng)
    except (TypeError, ValueError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    if latitude == 0 and longitude == 0:
        return None
    return latitude, longitude


@cache
def zip_centroids() -> dict[str, tuple[float, float]]:
    """ZIP code → (latitude, longitude) from the zipcodes package (GeoNames data)."""
    return {z["zip_code"]: (float(z["lat"]), float(z["long"])) for z in zipcodes.list_all()}


def directory_identity(*, name: str, name2: str, street1: str, street2: str, zip_code: str) -> str:
    """A stable key for a directory row: its facility_id column is only a row number.

    Both names and both street lines: one organization often runs several programs at one
    address (Building 200, Building 300), each its own row.
    """
    parts = [
        re.sub(r"[^a-z0-9]+", " ", p.casefold()).strip() for p in (name, name2, street1, street2)
    ]
    digest = hashlib.sha1(  # noqa: S324 — an identity, not a secret
        "|".join([*parts, zip_code]).encode()
    ).hexdigest()
    return f"dir:{digest[:32]}"


def is_withheld(street: str) -> bool:
    """SAMHSA writes '- - -' where a facility's street address is withheld."""
    return bool(street) and not re.search(r"[A-Za-z0-9]", street)
