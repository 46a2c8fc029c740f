"""Each cleaning rule on its own (directory spec: clean on the way in and count)."""

import pytest

from treatment.importers import cleaning


@pytest.mark.parametrize(
    ("raw", "clean", "rule"),
    [
        ("22902", "22902", None),
        ("6103", "06103", "zip_padded"),
        ("961", "00961", "zip_padded"),
        ("80202-1234", "80202", "zip_plus4_trimmed"),
        ("802021234", "80202", "zip_plus4_trimmed"),
        ("", "", "zip_missing"),
        ("Outpatient", "", "zip_invalid"),
    ],
)
def test_zip_codes_are_padded_trimmed_or_blanked(raw, clean, rule):
    assert cleaning.clean_zip(raw) == (clean, rule)


@pytest.mark.parametrize(
    ("raw", "number", "extension", "rules"),
    [
        ("205-216-0200", "+12052160200", "", ["phone_normalised"]),
        (
            "205-216-0200 x123",
            "+12052160200",
            "123",
            ["phone_extension_split", "phone_normalised"],
        ),
        (
            "(205) 216.0200 ext. 9",
            "+12052160200",
            "9",
            ["phone_extension_split", "phone_normalised"],
        ),
        ("1-800-662-4357", "+18006624357", "", ["phone_normalised"]),
        ("787-999HOPE", "+17879994673", "", ["phone_letters_to_digits", "phone_normalised"]),
        ("Residential/24-hour residential", "", "", ["phone_unusable"]),
        ("555-0100", "", "", ["phone_unusable"]),
        ("", "", "", []),
    ],
)
def test_phone_numbers_are_normalised_for_tel_links(raw, number, extension, rules):
    assert cleaning.clean_phone(raw) == (number, extension, rules)


def test_whitespace_is_trimmed_and_collapsed():
    assert cleaning.clean_text("  Harbor   House ") == ("Harbor House", True)
    assert cleaning.clean_text("Harbor House") == ("Harbor House", False)


def test_states_must_be_real_two_letter_codes():
    assert cleaning.clean_state(" va") == ("VA", None)
    assert cleaning.clean_state("PR") == ("PR", None)
    assert cleaning.clean_state("ZZ") == ("", "state_invalid")
    assert cleaning.clean_state("Hospital inpatient") == ("", "state_invalid")


def test_websites_get_a_scheme_or_are_dropped():
    assert cleaning.clean_website("www.example.org") == (
        "http://www.example.org",
        "website_scheme_added",
    )
    assert cleaning.clean_website("https://example.org/x") == ("https://example.org/x", None)
    assert cleaning.clean_website("not a url") == ("", "website_invalid")


def test_coordinates_out_of_range_are_refused():
    assert cleaning.clean_coordinates("38.03", "-78.47") == (38.03, -78.47)
    assert cleaning.clean_coordinates("999", "-78.47") is None
    assert cleaning.clean_coordinates("0", "0") is None
    assert cleaning.clean_coordinates(None, None) is None


def test_directory_identity_ignores_case_spacing_and_punctuation():
    a = cleaning.directory_identity(
        name="Harbor House", name2="", street1="5 Elm Road", street2="", zip_code="06103"
    )
    b = cleaning.directory_identity(
        name="HARBOR  HOUSE", name2="", street1="5 Elm Road.", street2="", zip_code="06103"
    )
    c = cleaning.directory_identity(
        name="Harbor House", name2="", street1="5 Elm Road", street2="Building 2", zip_code="06103"
    )
    assert a == b != c


def test_withheld_addresses_are_recognized():
    assert cleaning.is_withheld("- - -")
    assert cleaning.is_withheld("---")
    assert not cleaning.is_withheld("100 Main Street")
