"""The directory's radius search, shared by the search page and GET /api/facilities.

A bounding box around the search point is filtered in SQL (indexed latitude/longitude), then
great-circle distance is computed in Python for the few candidates left.
"""

import math
import re
from dataclasses import dataclass, field
from functools import cache

import zipcodes
from django.db.models import F
from django.http import QueryDict

from treatment import vocabulary
from treatment.forms import SearchForm
from treatment.importers.cleaning import zip_centroids
from treatment.models import Facility

EARTH_RADIUS_MILES = 3958.8
# A little under the true 69.09, so the box always holds the whole circle.
MILES_PER_DEGREE_LATITUDE = 69.0
PER_PAGE = 20
_CITY_STATE = re.compile(r"^\s*(?P<city>[^,]+?)\s*,\s*(?P<state>[A-Za-z]{2})\s*$")
_ZIP = re.compile(r"^\s*(?P<zip>\d{5})(?:-\d{4})?\s*$")
# Every parameter the search page reads; anything else in its URL changes nothing.
PAGE_PARAMETERS = (*SearchForm.base_fields, "page")


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    zip_code: str = ""
    city: str = ""
    state: str = ""


@dataclass(frozen=True)
class SearchQuery:
    place: Place
    radius: int = vocabulary.DEFAULT_RADIUS
    categories: tuple[str, ...] = ()
    medications: tuple[str, ...] = ()
    payments: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    telehealth: bool = False


@dataclass
class Hit:
    facility: Facility
    distance_miles: float | None


@dataclass
class SearchPage:
    count: int
    number: int
    pages: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


@dataclass
class ParsedSearch:
    form: SearchForm
    query: SearchQuery | None
    # True once a place was asked for: before that the page only shows the form.
    submitted: bool
    care_level: str = ""


def parse_search(params: QueryDict) -> ParsedSearch:
    """Validate the search parameters; errors stay on the form, per field."""
    form = SearchForm(params)
    submitted = "near" in params
    form.is_valid()
    data = form.cleaned_data
    care_level = data.get("care_level") or ""
    place = None
    if submitted and "near" not in form.errors:
        if not data.get("near"):
            form.add_error("near", form.fields["near"].error_messages["required"])
        else:
            place = find_place(data["near"])
            if place is None:
                form.add_error("near", form.fields["near"].error_messages["unknown_place"])
    if place is None or form.errors:
        return ParsedSearch(form, None, submitted, care_level)
    query = SearchQuery(
        place=place,
        radius=data["radius"] or vocabulary.DEFAULT_RADIUS,
        categories=tuple(data["category"]),
        medications=tuple(data["medication"]),
        payments=tuple(data["payment"]),
        languages=tuple(data["language"]),
        groups=tuple(data["group"]),
        telehealth=data["telehealth"],
    )
    return ParsedSearch(form, query, submitted, care_level)


def find_place(text: str) -> Place | None:
    """A 5-digit ZIP code or "City, ST" → its centre, from the zipcodes package (GeoNames)."""
    match = _ZIP.match(text)
    if match:
        code = match["zip"]
        centre = zip_centroids().get(code)
        if centre is None:
            return None
        info = _zip_info().get(code, {})
        return Place(
            code, *centre, zip_code=code, city=info.get("city", ""), state=info.get("state", "")
        )
    match = _CITY_STATE.match(text)
    if match:
        city, state = " ".join(match["city"].split()), match["state"].upper()
        centre = _city_centres().get((city.casefold(), state))
        if centre is None:
            return None
        return Place(f"{centre[2]}, {state}", centre[0], centre[1], city=centre[2], state=state)
    return None


@cache
def _zip_info() -> dict[str, dict]:
    return {z["zip_code"]: z for z in zipcodes.list_all()}


@cache
def _city_centres() -> dict[tuple[str, str], tuple[float, float, str]]:
    """(city, state) → the mean of its ZIP codes' centres and the city's name as written."""
    points: dict[tuple[str, str], list] = {}
    for z in zipcodes.list_all():
        for city in [z["city"], *z.get("acceptable_cities", [])]:
            key = (city.casefold(), z["state"])
            points.setdefault(key, [city, []])[1].append((float(z["lat"]), float(z["long"])))
    return {
        key: (
            sum(p[0] for p in coords) / len(coords),
            sum(p[1] for p in coords) / len(coords),
            name,
        )
        for key, (name, coords) in points.items()
    }


def miles_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine) in statute miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def _filtered(query: SearchQuery):
    """Every ticked filter must hold, except payments: any one of them will do."""
    facilities = Facility.objects.active()
    required = vocabulary.feature_mask(
        [f"category:{c}" for c in query.categories]
        + [f"medication:{m}" for m in query.medications]
        + [f"language:{code}" for code in query.languages]
        + [f"group:{code}" for code in query.groups]
        + (["telehealth"] if query.telehealth else [])
    )
    if required:
        facilities = facilities.alias(required=F("features").bitand(required)).filter(
            required=required
        )
    if query.payments:
        accepted = vocabulary.feature_mask(f"payment:{code}" for code in query.payments)
        facilities = facilities.alias(accepted=F("features").bitand(accepted)).filter(
            accepted__gt=0
        )
    return facilities


def facility_search(*, query: SearchQuery, page: int = 1, per_page: int = PER_PAGE) -> SearchPage:
    """Active facilities within the radius that pass every filter, nearest first."""
    place, radius = query.place, query.radius
    lat_delta = radius / MILES_PER_DEGREE_LATITUDE
    lng_delta = radius / (
        MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(place.latitude)), 0.01)
    )
    facilities = _filtered(query)
    candidates = (
        facilities.filter(
            latitude__gte=place.latitude - lat_delta,
            latitude__lte=place.latitude + lat_delta,
            longitude__gte=place.longitude - lng_delta,
            longitude__lte=place.longitude + lng_delta,
        )
        .order_by()
        .values_list("pk", "latitude", "longitude")
    )
    ranked: list[tuple[float | None, int]] = []
    for pk, lat, lng in candidates:
        miles = miles_between(place.latitude, place.longitude, lat, lng)
        if miles <= radius:
            ranked.append((miles, pk))
    ranked.sort()
    # Facilities SAMHSA's data could not place are still listed by their city or ZIP code.
    unlocated = facilities.filter(latitude__isnull=True)
    if place.zip_code:
        unlocated = unlocated.filter(zip_code=place.zip_code)
    else:
        unlocated = unlocated.filter(city__iexact=place.city, state=place.state)
    ranked += [(None, pk) for pk in unlocated.order_by("name").values_list("pk", flat=True)]

    count = len(ranked)
    pages = max(1, math.ceil(count / per_page))
    number = min(max(1, page), pages)
    window = ranked[(number - 1) * per_page : number * per_page]
    by_pk = Facility.objects.in_bulk([pk for _, pk in window])
    hits = [Hit(by_pk[pk], None if miles is None else round(miles, 1)) for miles, pk in window]
    return SearchPage(count=count, number=number, pages=pages, hits=hits)


def page_number(params: QueryDict) -> int:
    """The search page's `page`: a whole number from 1, or 1 for anything else."""
    try:
        return max(1, int(params.get("page", "1")))
    except ValueError:
        return 1


def page_parameters(params: QueryDict) -> QueryDict:
    """The parameters the search page reads, as given (the page as its number), in one order.

    The page's links carry these instead of the raw URL, so a stray parameter is not passed on.
    """
    known = QueryDict(mutable=True)
    for name in PAGE_PARAMETERS:
        if name in params:
            known.setlist(name, params.getlist(name))
    if "page" in known:
        known["page"] = str(page_number(params))
    return known
