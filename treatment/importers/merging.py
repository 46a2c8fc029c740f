"""One facility, one listing: a locator JSON row and a directory CSV row of the same facility.

The same facility is the same normalised name and ZIP code, and the same phone or street. The
directory row stays the listing (SAMHSA's national, current data, with every service code); it
takes the locator's coordinates (and website, which the CSV lacks), and the locator row is
hidden behind it (Facility.merged_into). Both rows stay, so each file's re-import still finds
its own rows and deactivates only its own.
"""

import re

from treatment.importers.cleaning import zip_centroids
from treatment.importers.report import ImportReport
from treatment.models import Facility

# Street words written both ways in SAMHSA's two files.
_STREET_WORDS = {
    "street": "st",
    "road": "rd",
    "avenue": "ave",
    "drive": "dr",
    "boulevard": "blvd",
    "lane": "ln",
    "highway": "hwy",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
}
_PARTNER_FIELDS = ("latitude", "longitude", "location_source", "website")
_FIELDS = ("pk", "name", "zip_code", "phone", "street1", "address_withheld", "location_source")


def normalised(text: str) -> str:
    return " ".join(
        re.sub(r"[^a-z0-9]+", " ", (text or "").casefold().replace("&", " and ")).split()
    )


def normalised_street(text: str) -> str:
    return " ".join(_STREET_WORDS.get(word, word) for word in normalised(text).split())


def listing_key(name: str, zip_code: str) -> tuple[str, str]:
    return normalised(name), zip_code


def same_facility(a, b) -> bool:
    """Called with two facilities (or anything with their fields) of the same listing key."""
    if a.phone and a.phone == b.phone:
        return True
    street = normalised_street(a.street1)
    return bool(street) and not a.address_withheld and street == normalised_street(b.street1)


class _Values:
    """A record's values seen as a facility's attributes, for same_facility."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def _index(facilities) -> dict:
    index: dict[tuple[str, str], list] = {}
    for facility in facilities:
        index.setdefault(listing_key(facility.name, facility.zip_code), []).append(facility)
    return index


def _partner(candidate, index: dict):
    for other in index.get(listing_key(candidate.name, candidate.zip_code), []):
        if same_facility(candidate, other):
            return other
    return None


def _partner_values(locator: Facility, current_website: str, *, withheld: bool) -> dict:
    """What a directory row takes from its locator partner. A row whose street SAMHSA
    withheld keeps its ZIP center: exact coordinates would give the street away."""
    values = {}
    if locator.location_source == Facility.LOCATED_BY_FILE and not withheld:
        values.update(
            latitude=locator.latitude,
            longitude=locator.longitude,
            location_source=Facility.LOCATED_BY_FILE,
        )
    if not current_website and locator.website:
        values["website"] = locator.website
    return values


def apply_locator_partners(records) -> None:
    """Before a directory CSV is saved: give each record its locator partner's coordinates.

    Done on the records, not after saving, so that importing the same CSV twice changes nothing.
    """
    locators = Facility.objects.filter(source=Facility.SOURCE_LOCATOR, active=True).only(
        *_FIELDS, "latitude", "longitude", "website"
    )
    index = _index(locators)
    if not index:
        return
    for record in records:
        locator = _partner(_Values(record.values), index)
        if locator is not None:
            record.values.update(
                _partner_values(
                    locator,
                    record.values.get("website", ""),
                    withheld=bool(record.values.get("address_withheld")),
                )
            )


def merge_listings(report: ImportReport, *, now) -> None:
    """After any import: link locator rows to their directory rows, and move coordinates."""
    directory = list(
        Facility.objects.filter(source=Facility.SOURCE_DIRECTORY, active=True).only(
            *_FIELDS, "latitude", "longitude", "website", "staff_corrected_fields"
        )
    )
    index = _index(directory)
    locators = Facility.objects.filter(source=Facility.SOURCE_LOCATOR).only(
        *_FIELDS, "active", "latitude", "longitude", "website", "merged_into"
    )
    relink: list[Facility] = []
    partners: dict[int, Facility] = {}
    for locator in locators:
        target = _partner(locator, index) if locator.active else None
        if target is not None:
            partners.setdefault(target.pk, locator)
            report.merged += 1
        target_pk = target.pk if target else None
        if locator.merged_into_id != target_pk:
            locator.merged_into_id = target_pk
            relink.append(locator)
    Facility.objects.bulk_update(relink, ["merged_into"], batch_size=500)

    changed: list[Facility] = []
    for facility in directory:
        locator = partners.get(facility.pk)
        if locator is not None:
            wanted = _partner_values(locator, facility.website, withheld=facility.address_withheld)
        elif facility.location_source == Facility.LOCATED_BY_FILE:
            # Its partner is gone: back to the ZIP code's center, as a CSV row alone would be.
            center = zip_centroids().get(facility.zip_code)
            wanted = {
                "latitude": center[0] if center else None,
                "longitude": center[1] if center else None,
                "location_source": Facility.LOCATED_BY_ZIP if center else Facility.NOT_LOCATED,
            }
        else:
            continue
        corrected = set(facility.staff_corrected_fields or [])
        updates = {
            field: value
            for field, value in wanted.items()
            if field not in corrected and getattr(facility, field) != value
        }
        if updates:
            for field, value in updates.items():
                setattr(facility, field, value)
            facility.updated_at = now
            changed.append(facility)
    Facility.objects.bulk_update(changed, [*_PARTNER_FIELDS, "updated_at"], batch_size=500)
