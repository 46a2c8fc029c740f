"""The Learn pages in real Chromium: axe-core finds nothing, the timeline has a name."""

import pytest
from playwright.sync_api import Page, expect

from content.shipped import ARTICLES

pytestmark = pytest.mark.browser


def test_every_learn_page_passes_axe(
    page: Page, live_server, shipped, assert_accessible, block_external_requests
):
    paths = ["/learn/", "/learn/glossary/"] + [f"/learn/{a.slug}/" for a in ARTICLES]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)


def test_the_withdrawal_timeline_is_drawn_with_an_accessible_name(page: Page, live_server, shipped):
    page.goto(live_server.url + "/learn/heroin-withdrawal/")
    timeline = page.get_by_role("img", name="Heroin withdrawal timeline")
    expect(timeline).to_be_visible()
    box = timeline.bounding_box()
    assert box is not None and box["width"] > 250 and box["height"] > 90
    assert "Symptoms start 6 to 12 hours" in timeline.evaluate(
        "svg => svg.querySelector('desc').textContent"
    )
    # The styles from static/css/content.css reach the drawing (colored bars, not black).
    fill = page.locator(".timeline rect.tl-high").evaluate("r => getComputedStyle(r).fill")
    assert fill not in ("rgb(0, 0, 0)", "")


def test_a_glossary_link_leads_to_its_definition(page: Page, live_server, shipped):
    page.goto(live_server.url + "/learn/overdose/")
    page.locator("a.glossary-link", has_text="naloxone").first.click()
    expect(page).to_have_url(live_server.url + "/learn/glossary/#naloxone")
    expect(page.locator("#naloxone")).to_contain_text("Naloxone")


def test_the_article_is_readable_on_a_phone(page: Page, live_server, shipped):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/learn/php-iop-and-outpatient/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow


def test_spanish_learn_pages_pass_axe(
    page: Page, live_server, shipped, two_languages, assert_accessible, block_external_requests
):
    from content.models import Article
    from content.selectors import article_url

    # The Spanish articles at their own addresses (the /es/ prefix says Spanish), the index,
    # the glossary.
    spanish = Article.objects.published().filter(language="es").order_by("pk")
    assert spanish.exists()
    paths = [article_url(a) for a in spanish] + ["/es/learn/", "/es/learn/glossary/"]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        expect(page).to_have_url(live_server.url + path)  # not sent on to another page
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
    page.goto(live_server.url + "/es/learn/infecciones-y-consumo-mas-seguro/")
    expect(page.locator(".article-body")).to_have_attribute("lang", "es")
    # An article shown in English for want of Spanish (whether or not es/ translates it).
    Article.objects.filter(language="es", translation_key="overdose").delete()
    response = page.goto(live_server.url + "/es/learn/overdose/")
    assert response is not None and response.status == 200
    expect(page.locator(".article-body")).to_have_attribute("lang", "en")
    expect(page.locator(".article-language-note")).to_have_count(1)
    assert_accessible(page)
