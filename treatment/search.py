"""The directory's radius search, shared by the search page and GET /api/facilities.

A bounding box around the search point is filtered in SQL (indexed latitude/longitude), then
great-circle distance is computed in Python for the few candidates left.
"""

import math
from dataclasses import dataclass, field

from django.db.models import F
from django.http import QueryDict

from treatment import vocabulary
from treatment.forms import SearchForm
from treatment.models import Facility
from treatment.places import Place, lookup_place

EARTH_RADIUS_MILES = 3958.8
# A little under the true 69.09, so the box always holds the whole circle.
MILES_PER_DEGREE_LATITUDE = 69.0
PER_PAGE = 20
# Every parameter the search page reads; anything else in its URL changes nothing.
PAGE_PARAMETERS = (*SearchForm.base_fields, "page")
__all__ = ["Place", "SearchQuery", "facility_search", "find_place", "parse_search"]


@dataclass(frozen=True)
class SearchQuery:
    place: Place
    radius: int = vocabulary.DEFAULT_RADIUS
    categories: tuple[str, ...] = ()
    medications: tuple[str, ...] = ()
    payments: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    telehealth: bool = False

    @property
    def other_filters(self) -> int:
        """How many filters besides the types of care are ticked."""
        return (
            len(self.medications)
            + len(self.payments)
            + len(self.languages)
            + len(self.groups)
            + len(self.ages)
            + len(self.genders)
            + self.telehealth
        )


@dataclass
class Hit:
    facility: Facility
    # One decimal; None for a facility that could not be placed.
    distance_miles: float | None

    @property
    def approximate(self) -> bool:
        """Measured to the center of the facility's ZIP code, not to its door."""
        return self.facility.location_source == Facility.LOCATED_BY_ZIP


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

    @property
    def any_approximate(self) -> bool:
        return any(hit.approximate and hit.distance_miles is not None for hit in self.hits)


@dataclass
class ParsedSearch:
    form: SearchForm
    query: SearchQuery | None
    # True once a place was asked for: before that the page only shows the form.
    submitted: bool
    care_level: str = ""
    # Several places match what was typed ("Worcester"): the person chooses one.
    choices: tuple[Place, ...] = ()


def parse_search(params: QueryDict) -> ParsedSearch:
    """Validate the search parameters; errors stay on the form, per field."""
    form = SearchForm(params)
    submitted = "near" in params
    form.is_valid()
    data = form.cleaned_data
    care_level = data.get("care_level") or ""
    place = None
    choices: tuple[Place, ...] = ()
    if submitted and "near" not in form.errors:
        if not data.get("near"):
            form.add_error("near", form.fields["near"].error_messages["required"])
        else:
            found = lookup_place(data["near"])
            place, choices = found.place, found.choices
            if found.error:
                form.add_error("near", found.error)
    if place is None or form.errors:
        return ParsedSearch(form, None, submitted, care_level, choices)
    query = SearchQuery(
        place=place,
        radius=data["radius"] or vocabulary.DEFAULT_RADIUS,
        categories=tuple(data["category"]),
        medications=tuple(data["medication"]),
        payments=tuple(data["payment"]),
        languages=tuple(data["language"]),
        groups=tuple(data["group"]),
        ages=tuple(data["age"]),
        genders=tuple(data["gender"]),
        telehealth=data["telehealth"],
    )
    return ParsedSearch(form, query, submitted, care_level)


def find_place(text: str) -> Place | None:
    """The one place `text` names, or None (unknown, or several to choose from)."""
    return lookup_place(text).place


def with_spanish_default(params: QueryDict, language: str) -> QueryDict:
    """In Spanish, a search not yet made starts with "se habla español" ticked.

    Only before the form is sent: once it is, an unticked box stays unticked.
    """
    if not language.startswith("es") or "near" in params or "language" in params:
        return params
    params = params.copy()
    params.setlist("language", [vocabulary.SPANISH_CODE])
    return params


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
        + [f"age:{code}" for code in query.ages]
        + [f"gender:{code}" for code in query.genders]
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
    ranked: list[tuple[float, int]] = []
    for pk, lat, lng in candidates:
        miles = miles_between(place.latitude, place.longitude, lat, lng)
        if miles <= radius:
            ranked.append((miles, pk))
    ranked.sort()
    # Facilities SAMHSA's data could not place are still listed by their city or ZIP code.
    unlocated = facilities.filter(latitude__isnull=True)
    if place.zip_code:
        unlocated = unlocated.filter(zip_code=place.zip_code)
    elif place.city:
        unlocated = unlocated.filter(city__iexact=place.city, state=place.state)
    else:
        unlocated = unlocated.none()
    ranked += [(math.inf, pk) for pk in unlocated.order_by("name").values_list("pk", flat=True)]

    count = len(ranked)
    pages = max(1, math.ceil(count / per_page))
    number = min(max(1, page), pages)
    start, end = (number - 1) * per_page, min(number * per_page, count)
    # Ties (every facility at one ZIP center is the same distance away) go by name: widen the
    # window to whole runs of equal distance, fetch them with the page, and sort those by name.
    first, last = start, end
    while 0 < first < count and ranked[first - 1][0] == ranked[first][0]:
        first -= 1
    while 0 < last < count and ranked[last][0] == ranked[last - 1][0]:
        last += 1
    by_pk = Facility.objects.in_bulk([pk for _, pk in ranked[first:last]])
    run = sorted(
        ranked[first:last], key=lambda item: (item[0], by_pk[item[1]].name.casefold(), item[1])
    )
    window = run[start - first : end - first]
    hits = [Hit(by_pk[pk], None if miles == math.inf else round(miles, 1)) for miles, pk in window]
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
