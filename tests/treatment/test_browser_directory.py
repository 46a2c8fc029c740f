"""The directory in real Chromium: search by ZIP with filters, a facility, a screening's link."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def facilities(make_facility):
    return {
        "match": make_facility(
            "Blue Ridge Recovery",
            codes="SA DT HID OP BU UB MD SF SP",
            miles_north=3,
            phone="+14345550100",
            intake_phone="+14345550101",
        ),
        "no_medicaid": make_facility("Cash Only Detox", codes="SA DT BU SF", miles_north=2),
        "no_detox": make_facility("Talk Therapy Center", codes="SA OP MD", miles_north=1),
    }


def test_a_search_by_zip_with_two_filters_then_a_facility(
    page: Page, live_server, facilities, assert_accessible, block_external_requests, artifacts_dir
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/treatment/")
    assert_accessible(page)
    page.get_by_label("ZIP code, or city and state").fill("22902")
    page.get_by_label("Detox (withdrawal management)").check()
    page.get_by_text("More filters").click()
    page.get_by_label("Medicaid").check()
    page.get_by_role("button", name="Search").first.click()

    expect(page.get_by_role("heading", name="1 facility within 25 miles of 22902")).to_be_visible()
    expect(page.get_by_text("3.0 miles away")).to_be_visible()
    expect(page.get_by_text("Cash Only Detox")).to_have_count(0)
    assert "category=detox" in page.url and "payment=MD" in page.url
    assert_accessible(page)
    page.screenshot(path=str(artifacts_dir / "directory-results-phone.png"), full_page=True)

    page.get_by_role("link", name="Blue Ridge Recovery").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Blue Ridge Recovery")
    expect(page.get_by_role("link", name="(434) 555-0100")).to_have_attribute(
        "href", "tel:+14345550100"
    )
    expect(page.get_by_role("link", name="Get directions (opens Google Maps)")).to_be_visible()
    expect(page.get_by_text("3.0 miles away")).to_be_visible()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(artifacts_dir / "directory-facility-phone.png"), full_page=True)

    page.get_by_role("link", name="Back to the results").click()
    expect(page.get_by_label("Detox (withdrawal management)")).to_be_checked()
    expect(page.get_by_label("Medicaid")).to_be_checked()


def test_arriving_from_a_screening_result_with_its_filters(
    page: Page, live_server, facilities, assert_accessible, block_external_requests
):
    page.goto(
        live_server.url
        + "/treatment/?category=detox&category=medication&care_level=inpatient_detox"
    )
    expect(page.get_by_text("Your screening suggested:")).to_be_visible()
    expect(page.get_by_text("Medically supervised withdrawal (detox)")).to_be_visible()
    expect(page.get_by_label("Detox (withdrawal management)")).to_be_checked()
    expect(page.get_by_label("Medication for opioid use disorder")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("ZIP code, or city and state").fill("Charlottesville, VA")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_text("Your screening suggested:")).to_be_visible()
    expect(page.get_by_role("link", name="Blue Ridge Recovery")).to_be_visible()
    expect(page.get_by_role("link", name="Cash Only Detox")).to_be_visible()
    expect(page.get_by_role("link", name="Talk Therapy Center")).to_have_count(0)

    page.locator(".search-summary > summary").click()  # the folded form opens again
    page.get_by_label("Medication for opioid use disorder").uncheck()
    page.get_by_role("button", name="Search").first.click()
    assert "category=medication" not in page.url
    assert "care_level=inpatient_detox" in page.url


def test_an_unknown_place_and_no_results_are_explained(
    page: Page, live_server, facilities, assert_accessible, block_external_requests
):
    page.goto(live_server.url + "/treatment/?near=Xanadu&category=residential")
    expect(page.get_by_text("We could not find a place called “Xanadu”").first).to_be_visible()
    expect(page.get_by_label("Inpatient or residential")).to_be_checked()
    assert_accessible(page)
    page.goto(live_server.url + "/treatment/?near=22902&category=residential")
    expect(page.get_by_text("No facility matches all of that.")).to_be_visible()
    expect(page.get_by_role("link", name="Search within 50 miles instead")).to_be_visible()
    expect(page.get_by_role("link", name="1-800-662-4357").last).to_have_attribute(
        "href", "tel:+18006624357"
    )
    assert_accessible(page)


def test_a_printed_list_of_results_keeps_the_numbers_to_call(
    page: Page, live_server, facilities, artifacts_dir
):
    page.goto(live_server.url + "/treatment/?near=22902&category=detox")
    page.emulate_media(media="print")
    card = page.locator(".facility-row", has_text="Blue Ridge Recovery")
    expect(card.get_by_text("Call (434) 555-0100")).to_be_visible()
    expect(card.get_by_text("Intake (434) 555-0101")).to_be_visible()
    expect(card.get_by_text("Get directions")).to_be_hidden()  # a button is no use on paper
    expect(page.locator("form.search-form")).to_be_hidden()
    expect(page.locator(".search-summary")).to_be_hidden()  # page 1 starts with the results
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("2 facilities within 25 miles of 22902")
    page.pdf(path=str(artifacts_dir / "directory-results-printed.pdf"))


def test_on_a_phone_a_city_alone_then_results_first_then_a_report(
    page: Page,
    live_server,
    make_facility,
    assert_accessible,
    block_external_requests,
    artifacts_dir,
):
    make_facility(
        "Worcester Recovery Center",
        near_zip="01605",
        miles_north=5,
        city="Worcester",
        state="MA",
        location_source="zip",
        codes="SA DT OP BU MD SP",
    )
    make_facility(
        "Quiet House",
        near_zip="01605",
        miles_north=5,
        city="Worcester",
        state="MA",
        street1="",
        address_withheld=True,
        location_source="zip",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/treatment/")
    page.get_by_label("ZIP code, or city and state").fill("worcester")
    page.get_by_label("Detox (withdrawal management)").check()
    page.get_by_role("button", name="Search").first.click()

    expect(
        page.get_by_text("More than one place is called “worcester”. Did you mean:")
    ).to_be_visible()
    for state in ("MA", "NY", "PA", "VT"):
        expect(page.get_by_role("link", name=f"Worcester, {state}")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Worcester, MA").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("1 facility within 25 miles of Worcester, MA")
    assert heading.bounding_box()["y"] < 300  # the results open the page, not the form
    summary = page.locator(".search-summary > summary")
    expect(summary).to_have_text(re.compile(r"^Detox within 25 miles of Worcester, MA — change$"))
    expect(page.get_by_label("ZIP code, or city and state")).to_be_hidden()
    expect(page.get_by_text(re.compile(r"^About \d+ miles? away$"))).to_be_visible()
    expect(page.get_by_text("“About” distances are to the center")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(artifacts_dir / "directory-folded-phone.png"), full_page=True)
    summary.click()
    expect(page.get_by_label("ZIP code, or city and state")).to_have_value("Worcester, MA")
    assert_accessible(page)

    page.get_by_role("link", name="Worcester Recovery Center").click()
    expect(page.get_by_text("Located at the center of ZIP code 01605")).to_be_visible()
    expect(page.get_by_text("Yes: se habla español")).to_be_visible()
    page.get_by_text("Something wrong with this listing?").click()
    page.get_by_label("The phone number is wrong").check()
    page.get_by_label("Anything else we should know (optional)").fill("It rings out")
    assert_accessible(page)
    page.screenshot(path=str(artifacts_dir / "directory-report-phone.png"), full_page=True)
    page.get_by_role("button", name="Send to FirstStep staff").click()
    expect(page.get_by_text("Thank you. FirstStep staff will check this listing.")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Reported out of date on .*; call first to check."))
    ).to_be_visible()
    assert_accessible(page)


def test_a_withheld_address_reads_given_when_you_call(
    page: Page, live_server, make_facility, assert_accessible
):
    make_facility(
        "Quiet House",
        near_zip="01605",
        miles_north=0,
        city="Worcester",
        state="MA",
        street1="",
        address_withheld=True,
        location_source="zip",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/treatment/?near=01605")
    expect(page.get_by_text("In or near ZIP 01605")).to_be_visible()
    expect(page.get_by_text("Address given when you call")).to_be_visible()
    assert_accessible(page)


def test_use_my_location_sends_only_rounded_coordinates_in_the_url(
    page: Page, live_server, make_facility, block_external_requests
):
    make_facility("Near Me", near_zip="01605", miles_north=1, city="Worcester", state="MA")
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 42.289471, "longitude": -71.788762})
    page.goto(live_server.url + "/treatment/")
    page.get_by_role("button", name="Use my location").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "1 facility within 25 miles of your location"
    )
    assert "near=42.29%2C-71.79" in page.url
