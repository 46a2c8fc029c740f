"""Where a person searches from: a ZIP code, a city with or without its state, or coordinates.

Forgiving on purpose: case, punctuation and accents do not matter; "City ST", "City, ST",
"City, State name" and a city alone are understood; ZIP+4 is cut to five digits and a ZIP that
lost its leading zero gets it back. Place data: the zipcodes package (GeoNames' data).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import zipcodes
from django.utils.translation import gettext as _

from treatment.importers.cleaning import zip_centroids

STATE_NAMES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
    "GU": "Guam",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
# Other ways people write a state's name.
_STATE_ALIASES = {
    "washington dc": "DC",
    "washington d c": "DC",
    "virgin islands": "VI",
    "us virgin islands": "VI",
}
# Written either way in city names: "St. Louis" is "Saint Louis" in the place data.
_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_ZIP = re.compile(r"^(?P<zip>\d{5})(?:[-\s]?\d{4})?$")
_SHORT_ZIP = re.compile(r"^\d{3,4}$")
_TRAILING_ZIP = re.compile(r"[^\d](?P<zip>\d{5})(?:-\d{4})?$")
_COORDINATES = re.compile(r"^(?P<lat>-?\d{1,2}(?:\.\d+)?)\s*,\s*(?P<lng>-?\d{1,3}(?:\.\d+)?)$")


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    zip_code: str = ""
    city: str = ""
    state: str = ""


@dataclass(frozen=True)
class Lookup:
    """A place, or the places a person may have meant, or what was not understood."""

    place: Place | None = None
    choices: tuple[Place, ...] = ()
    error: str = ""


def normalised(text: str) -> str:
    """Lower case, no accents, no punctuation, and "St"/"Saint" written one way."""
    text = unicodedata.normalize("NFKD", text)
    # The place data writes apostrophes as spaces: "O Fallon", "Coeur D Alene".
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_WORDS.get(word, word) for word in re.sub(r"[^a-z0-9]+", " ", text).split())


@cache
def _states_by_name() -> dict[str, str]:
    names = {normalised(name): code for code, name in STATE_NAMES.items()}
    return {**names, **_STATE_ALIASES}


def state_code(text: str) -> str | None:
    """A two-letter code or a state's full name, any case → its code."""
    key = normalised(text)
    if len(key) == 2 and key.upper() in STATE_NAMES:
        return key.upper()
    return _states_by_name().get(key)


@cache
def _zip_info() -> dict[str, dict]:
    return {z["zip_code"]: z for z in zipcodes.list_all()}


@cache
def _cities() -> dict[str, dict[str, tuple[float, float, str]]]:
    """Normalised city → {state: (latitude, longitude, the city's name as written)}.

    A city's center is the mean of its ZIP codes' centers.
    """
    points: dict[str, dict[str, list]] = {}
    for z in zipcodes.list_all():
        if z["state"] not in STATE_NAMES:
            continue  # military post offices (AA, AE, AP) and freely associated states
        for city in [z["city"], *z.get("acceptable_cities", [])]:
            entry = points.setdefault(normalised(city), {}).setdefault(z["state"], [city, []])
            entry[1].append((float(z["lat"]), float(z["long"])))
    return {
        key: {
            state: (
                sum(p[0] for p in coords) / len(coords),
                sum(p[1] for p in coords) / len(coords),
                name,
            )
            for state, (name, coords) in states.items()
        }
        for key, states in points.items()
    }


def _city_place(center: tuple[float, float, str], state: str) -> Place:
    latitude, longitude, name = center
    return Place(f"{name}, {state}", latitude, longitude, city=name, state=state)


def _zip_place(code: str) -> Lookup:
    center = zip_centroids().get(code)
    if center is None:
        return Lookup(error=_("We could not find the ZIP code “%(zip)s”.") % {"zip": code})
    info = _zip_info().get(code, {})
    return Lookup(
        Place(code, *center, zip_code=code, city=info.get("city", ""), state=info.get("state", ""))
    )


def lookup_place(text: str) -> Lookup:
    """Read what a person typed into the search's place box."""
    text = " ".join((text or "").split())
    compact = text.replace(" ", "")
    if match := _ZIP.match(compact):
        return _zip_place(match["zip"])
    if _SHORT_ZIP.match(compact):
        # Spreadsheets drop the leading zeros of New England and Puerto Rico ZIP codes.
        return _zip_place(compact.zfill(5))
    if match := _COORDINATES.match(text):
        latitude, longitude = round(float(match["lat"]), 2), round(float(match["lng"]), 2)
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            return Lookup(Place(_("your location"), latitude, longitude))
    if match := _TRAILING_ZIP.search(text):
        # "Worcester, MA 01605": the ZIP code says it best.
        return _zip_place(match["zip"])
    if not normalised(text):
        return Lookup(error=_("Enter a ZIP code, or a city and state like “Denver, CO”."))
    if "," in text:
        parts = [part for part in text.split(",") if part.strip()]
        if len(parts) >= 2:
            return _city_in_state(parts[0].strip(), parts[-1].strip(), text)
    return _city_maybe_with_state(text)


def _city_in_state(city: str, state_text: str, text: str) -> Lookup:
    state = state_code(state_text)
    if state is None:
        return Lookup(
            error=_(
                "We did not recognize the state “%(state)s”. Write it out or use its two "
                "letters, like “Denver, Colorado” or “Denver, CO”."
            )
            % {"state": state_text}
        )
    states = _cities().get(normalised(city), {})
    if state in states:
        return Lookup(_city_place(states[state], state))
    return Lookup(
        choices=tuple(_city_place(center, other) for other, center in sorted(states.items())),
        error=_("We could not find “%(city)s” in %(state)s.")
        % {"city": city, "state": STATE_NAMES[state]},
    )


def _city_maybe_with_state(text: str) -> Lookup:
    words = normalised(text).split()
    cities = _cities()
    # "Worcester MA", "Worcester Massachusetts", "Kansas City North Carolina".
    unmatched = None
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        state = state_code(" ".join(words[-size:]))
        if state is None:
            continue
        states = cities.get(" ".join(words[:-size]), {})
        if state in states:
            return Lookup(_city_place(states[state], state))
        unmatched = unmatched or (" ".join(text.split()[:-size]), state, states)
    states = cities.get(" ".join(words), {})
    if not states and unmatched:
        city, state, elsewhere = unmatched
        return Lookup(
            choices=tuple(_city_place(c, other) for other, c in sorted(elsewhere.items())),
            error=_("We could not find “%(city)s” in %(state)s.")
            % {"city": city, "state": STATE_NAMES[state]},
        )
    if len(states) == 1:
        state, center = next(iter(states.items()))
        return Lookup(_city_place(center, state))
    if states:
        return Lookup(
            choices=tuple(_city_place(center, state) for state, center in sorted(states.items()))
        )
    if state_code(text):
        return Lookup(
            error=_("“%(place)s” is a state: add a city, like “Denver, CO”, or enter a ZIP code.")
            % {"place": text}
        )
    return Lookup(
        error=_(
            "We could not find a place called “%(place)s”. Enter a ZIP code, or a city and "
            "state like “Denver, CO”."
        )
        % {"place": text}
    )
