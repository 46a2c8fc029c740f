"""The shared pages in real Chromium: accessible, local-only, and the quick exit works."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/about/", "/screening/", "/screening/emergency/"])
def test_shared_pages_pass_axe_and_ask_no_third_party(
    page: Page, live_server, assert_accessible, block_external_requests, path
):
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)


def test_quick_exit_leaves_without_a_way_back(page: Page, live_server):
    visited = []
    page.route(
        "https://www.weather.gov/**",
        lambda route: (visited.append(1), route.fulfill(body="<title>Weather</title>")),
    )
    page.goto(live_server.url + "/screening/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("https://www.weather.gov/**")
    assert visited
    # The site's page was replaced in history, so Back does not return to it.
    page.go_back()
    assert not page.url.startswith(live_server.url + "/screening/")


def test_phone_layout_has_no_sideways_scrolling(page: Page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ["/", "/screening/", "/screening/emergency/"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
