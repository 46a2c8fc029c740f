"""Forgiving place search: what people type into the place box, and what they are told."""

import pytest

from treatment.places import lookup_place


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("01605", "01605"),
        ("01605-1234", "01605"),  # ZIP+4
        ("016051234", "01605"),
        ("1605", "01605"),  # lost its leading zero
        (" 01605 ", "01605"),
        ("Worcester, MA", "Worcester, MA"),
        ("worcester ma", "Worcester, MA"),
        ("WORCESTER, MA.", "Worcester, MA"),
        ("Worcester, Massachusetts", "Worcester, MA"),
        ("worcester massachusetts", "Worcester, MA"),
        ("St. Louis, MO", "Saint Louis, MO"),
        ("Coeur d'Alene, ID", "Coeur D Alene, ID"),
        ("Bayamón, PR", "Bayamon, PR"),
        ("Kansas City, Missouri", "Kansas City, MO"),
        ("tuscaloosa", "Tuscaloosa, AL"),  # a city alone, one match
        ("Worcester, MA 01605", "01605"),
    ],
)
def test_places_are_understood_however_they_are_written(text, name):
    found = lookup_place(text)
    assert found.error == "" and found.place is not None, found
    assert found.place.name == name


def test_a_city_in_several_states_offers_each_of_them():
    found = lookup_place("Worcester")
    assert found.place is None and found.error == ""
    assert [c.name for c in found.choices] == [
        "Worcester, MA",
        "Worcester, NY",
        "Worcester, PA",
        "Worcester, VT",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("00000", "We could not find the ZIP code “00000”."),
        ("Xanadu", "We could not find a place called “Xanadu”."),
        ("Denver, XX", "We did not recognize the state “XX”."),
        ("Denvr CO", "We could not find “Denvr” in Colorado."),
        ("Massachusetts", "“Massachusetts” is a state"),
    ],
)
def test_what_was_not_understood_is_named(text, message):
    found = lookup_place(text)
    assert found.place is None
    assert message in found.error


def test_a_city_not_in_the_state_given_offers_the_states_that_have_it():
    found = lookup_place("Worcester, CO")
    assert "We could not find “Worcester” in Colorado." in found.error
    assert "Worcester, MA" in [c.name for c in found.choices]


def test_coordinates_from_use_my_location_are_rounded_to_two_decimals():
    found = lookup_place("42.28947,-71.78876")
    assert (found.place.latitude, found.place.longitude) == (42.29, -71.79)
    assert found.place.name == "your location"
