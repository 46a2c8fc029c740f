"""What search engines see: which pages they may list, in which languages, and how to find them."""

import datetime
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from content.models import Article
from content.selectors import article_url, translation_of
from tests.personas import SELF_ANSWERS, make_referral, make_screening
from treatment.models import Facility

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class Head(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.robots: list[str] = []
        self.description: list[str] = []
        self.canonical: list[str] = []
        self.alternates: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "robots":
            self.robots.append(a["content"])
        if tag == "meta" and a.get("name") == "description":
            self.description.append(a["content"])
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


@pytest.fixture
def facility(db):
    return Facility.objects.create(
        name="Hope Center",
        street1="1 Main St",
        city="Richmond",
        state="VA",
        zip_code="23219",
        latitude=37.54,
        longitude=-77.44,
        service_codes=" SA OP ",
        source=Facility.SOURCE_DIRECTORY,
        source_id="seo:1",
    )


@pytest.fixture
def closed_facility(db):
    return Facility.objects.create(
        name="Closed Center",
        street1="2 Main St",
        state="VA",
        service_codes=" SA ",
        source=Facility.SOURCE_DIRECTORY,
        source_id="seo:2",
        active=False,
    )


@pytest.fixture
def article(db):
    return Article.objects.published().filter(language="en").first()


def indexable_paths(facility) -> list[str]:
    english = [
        "/",
        "/about/",
        "/learn/",
        "/learn/glossary/",
        "/treatment/",
        f"/treatment/facility/{facility.pk}/",
    ]
    return english + ["/es" + path for path in english]


def article_paths() -> list[str]:
    """Every published article once, at its own address in its own language (each version
    has its own slug; the page itself names the other versions)."""
    return [article_url(a) for a in Article.objects.published().order_by("pk")]


def test_an_article_names_its_other_language_version_at_its_own_address(client, article):
    spanish = translation_of(article, "es")
    assert spanish is not None and spanish.slug != article.slug
    english_url = f"http://testserver{article_url(article)}"
    spanish_url = f"http://testserver{article_url(spanish)}"
    for url in (english_url, spanish_url):
        head = Head(client.get(url.removeprefix("http://testserver")).content.decode())
        assert not any("noindex" in r for r in head.robots), url
        assert len(head.description) == 1 and len(head.description[0]) >= 50, url
        assert head.canonical == [url]
        assert head.alternates == {"en": english_url, "es": spanish_url, "x-default": english_url}


def test_public_pages_are_indexable_with_description_canonical_and_hreflang(client, facility):
    for path in indexable_paths(facility):
        response = client.get(path)
        assert response.status_code == 200, path
        head = Head(response.content.decode())
        assert not any("noindex" in r for r in head.robots), path
        assert len(head.description) == 1 and len(head.description[0]) >= 50, path
        assert head.title.strip(), path
        assert head.canonical == [f"http://testserver{path}"], path
        english = path.removeprefix("/es")
        assert head.alternates == {
            "en": f"http://testserver{english}",
            "es": f"http://testserver/es{english}",
            "x-default": f"http://testserver{english}",
        }, path


def test_canonical_drops_the_query_string(client, facility):
    head = Head(client.get(f"/es/treatment/facility/{facility.pk}/?near=23219").content.decode())
    assert head.canonical == [f"http://testserver/es/treatment/facility/{facility.pk}/"]


def test_private_and_search_pages_are_noindex(client, closed_facility):
    screening = make_screening(SELF_ANSWERS)
    _referral, reference = make_referral()
    client.post("/screening/", {"mode": "self"})
    paths = [
        "/screening/",
        "/es/screening/",
        "/screening/emergency/",
        "/screening/step/use/",
        "/es/screening/step/use/",
        f"/screening/result/{screening.reference}/",
        f"/es/screening/result/{screening.reference}/",
        "/my-screening/",
        f"/es/my-screening/{screening.reference}/send/",
        f"/my-screening/{reference}/",
        "/treatment/?near=23219",
        "/es/treatment/?near=23219&radius=25",
        "/treatment/?near=not-a-place",
        f"/treatment/facility/{closed_facility.pk}/",
        "/staff/login/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code in {200, 302}, path
        if response.status_code == 200:
            head = Head(response.content.decode())
            assert any("noindex" in r for r in head.robots), path
            assert not head.canonical and not head.alternates, path
    for path in ["/no-such-page/", "/es/no-such-page/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert any("noindex" in r for r in Head(response.content.decode()).robots)


def test_robots_txt_keeps_crawlers_off_private_pages_and_names_the_sitemap(client, facility):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    disallowed = re.findall(r"^Disallow: (\S+)$", text, re.M)
    for path in ["/staff/", "/admin/", "/api/", "/screening/", "/my-screening/"]:
        assert path in disallowed
        if path in {"/screening/", "/my-screening/"}:
            assert "/es" + path in disallowed
    assert "Sitemap: http://testserver/sitemap.xml" in text
    paths = indexable_paths(facility) + article_paths()
    assert any(path.startswith("/es/learn/") for path in article_paths())
    for path in paths:
        assert not any(path.startswith(prefix) for prefix in disallowed), path


def sitemap_urls(client, url: str) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} for every <url> of a sitemap, following an index."""
    root = ElementTree.fromstring(client.get(url).content)  # noqa: S314 — our own sitemap
    if root.tag == f"{SITEMAP}sitemapindex":
        found = {}
        for loc in root.iter(f"{SITEMAP}loc"):
            found |= sitemap_urls(client, loc.text.removeprefix("http://testserver"))
        return found
    return {
        u.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in u.iter(f"{XHTML}link")
        }
        for u in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_public_pages_in_both_languages_with_alternates(
    client, facility, closed_facility
):
    draft = Article.objects.create(
        title="Draft",
        slug="a-draft",
        summary="Not yet.",
        body="<p>x</p>",
        audience="everyone",
        topic="treatment",
        position=99,
        sources=[],
        last_reviewed=datetime.date(2026, 1, 1),
        is_published=False,
    )
    urls = sitemap_urls(client, "/sitemap.xml")
    for path in indexable_paths(facility):
        loc = f"http://testserver{path}"
        assert loc in urls, path
        english = path.removeprefix("/es")
        assert urls[loc] == {
            "en": f"http://testserver{english}",
            "es": f"http://testserver/es{english}",
            "x-default": f"http://testserver{english}",
        }
    listed = " ".join(urls)
    assert draft.slug not in listed
    assert f"/facility/{closed_facility.pk}/" not in listed
    assert "/screening/" not in listed and "/my-screening/" not in listed
    assert "?" not in listed  # no search result pages
    # Articles: every published one once, at its own address, in both languages as shipped.
    # No alternates here: each article page names its versions itself (hreflang links).
    articles = [f"http://testserver{path}" for path in article_paths()]
    assert len(articles) == Article.objects.published().count() == len(set(articles))
    assert {a.language for a in Article.objects.published()} == {"en", "es"}
    for loc in articles:
        assert loc in urls, loc
        assert urls[loc] == {}, loc
        head = Head(client.get(loc.removeprefix("http://testserver")).content.decode())
        assert head.canonical == [loc], loc
    # Nothing else under /learn/ but the index and glossary in each language: no English
    # slug under /es/ (it leads to the Spanish version) and no Spanish one without /es/.
    learn = {u for u in urls if "/learn/" in u}
    pages = {
        f"http://testserver{p}{q}" for p in ("", "/es") for q in ("/learn/", "/learn/glossary/")
    }
    assert learn == set(articles) | pages
