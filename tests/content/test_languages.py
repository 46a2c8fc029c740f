"""Learn in the reader's language: Spanish where an article has it, English where not.

The address says the language (English at /learn/, Spanish at /es/learn/), whatever the
browser's Accept-Language: each version of an article lives at its own slug in its own
language's URLs (`selectors.article_url`)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from content import selectors
from content.models import Article, GlossaryTerm
from tests.content.conftest import shipped_spanish_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(db, translated, load, two_languages):
    """Withdrawal and detox in both languages (made up); everything else in English only."""
    load()


def keys(articles) -> list[tuple[str, str]]:
    return [(a.translation_key, a.language) for a in articles]


@pytest.mark.parametrize(
    ("active", "expected"),
    [("es", "es"), ("es-mx", "es"), ("es-419", "es"), ("en", "en"), ("fr", "en"), (None, "en")],
)
def test_the_content_language_is_spanish_for_any_spanish(active, expected):
    with translation.override(active):
        assert selectors.current_language() == expected


def listed(language: str) -> list[Article]:
    with translation.override(language):
        return [a for _topic, group in selectors.articles_by_topic() for a in group]


def test_the_index_lists_each_article_once_in_the_readers_language(shipped, two_languages):
    # As shipped: Spanish for each article content/shipped/es/ translates, English for the rest.
    english, spanish = listed("en"), listed("es")
    assert {a.language for a in english} == {"en"}
    assert [a.translation_key for a in spanish] == [a.translation_key for a in english]
    assert {a.translation_key for a in spanish if a.language == "es"} == shipped_spanish_keys()
    assert {a.translation_key for a in spanish if a.language == "en"} == (
        {a.translation_key for a in english} - shipped_spanish_keys()
    )


def test_the_index_shows_english_where_an_article_has_no_spanish(bilingual, translated):
    english, spanish = listed("en"), listed("es")
    assert [a.translation_key for a in spanish] == [a.translation_key for a in english]
    in_spanish = {a.key for a in translated}
    assert {a.translation_key for a in spanish if a.language == "es"} == in_spanish
    assert {a.translation_key for a in spanish if a.language == "en"} == (
        {a.translation_key for a in english} - in_spanish
    )


def test_an_unpublished_translation_falls_back_to_english(bilingual):
    Article.objects.filter(language="es", translation_key="detox").update(is_published=False)
    with translation.override("es"):
        listed = [a for _topic, group in selectors.articles_by_topic() for a in group]
        related = selectors.articles_for_result(
            care_level="inpatient_detox", red_flags=[], mode="self"
        )
    assert ("detox", "en") in keys(listed)
    assert keys(related) == [("detox", "en"), ("medications-for-opioid-use-disorder", "en")]


INJECTS_DETOX = {"care_level": "inpatient_detox", "red_flags": [], "mode": "self", "injects": True}
INJECTS_DETOX_KEYS = [
    "infections-and-safer-use",
    "detox",
    "medications-for-opioid-use-disorder",
]


def test_the_result_page_articles_are_in_the_readers_language(shipped, two_languages):
    with translation.override("es"):
        related = selectors.articles_for_result(**INJECTS_DETOX)
    in_spanish = shipped_spanish_keys()
    assert keys(related) == [(k, "es" if k in in_spanish else "en") for k in INJECTS_DETOX_KEYS]


def test_the_result_page_shows_english_where_an_article_has_no_spanish(bilingual):
    with translation.override("es"):
        related = selectors.articles_for_result(**INJECTS_DETOX)
    assert keys(related) == [
        ("infections-and-safer-use", "en"),
        ("detox", "es"),
        ("medications-for-opioid-use-disorder", "en"),
    ]


def test_the_other_language_version_is_there_for_a_language_switch(bilingual):
    english = Article.objects.get(language="en", translation_key="heroin-withdrawal")
    spanish = selectors.other_language_version(english)
    assert spanish.slug == "abstinencia-de-heroina"
    assert selectors.other_language_version(spanish) == english
    assert selectors.other_language_version(Article.objects.get(slug="overdose")) is None
    assert selectors.translation_of(english, "es") == spanish
    assert selectors.translation_of(english, "en") == english
    assert selectors.article_url(spanish) == "/es/learn/abstinencia-de-heroina/"
    assert selectors.article_url(english) == "/learn/heroin-withdrawal/"
    assert selectors.article_url(english, "es") == "/es/learn/heroin-withdrawal/"
    with translation.override("es"):  # its own language's address, whichever is active
        assert selectors.article_url(english) == "/learn/heroin-withdrawal/"


def spanish_url(key: str) -> str:
    return selectors.article_url(Article.objects.get(language="es", translation_key=key))


def test_a_spanish_reader_sees_the_spanish_article(client, bilingual):
    url = spanish_url("heroin-withdrawal")
    assert url == "/es/learn/abstinencia-de-heroina/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert '<h1 lang="es">La abstinencia de heroína</h1>' in page
    assert '<div class="article-body" lang="es">' in page
    assert "article-language-note" not in page
    # Its own address as canonical, and hreflang links to both versions at their own.
    here = "http://testserver/es/learn/abstinencia-de-heroina/"
    assert f'<link rel="canonical" href="{here}">' in page
    assert f'<link rel="alternate" hreflang="es" href="{here}">' in page
    english = "http://testserver/learn/heroin-withdrawal/"
    assert f'<link rel="alternate" hreflang="en" href="{english}">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="{english}">' in page
    # The sources, as the Spanish article names them.
    assert "Instituto Nacional sobre el Abuso de Drogas (NIDA)" in page


def test_the_english_address_leads_a_spanish_reader_to_the_spanish_version(client, bilingual):
    # The English slug under /es/ (a link someone edited, or the switch on an old page).
    response = client.get("/es/learn/heroin-withdrawal/")
    assert response.status_code == 302
    assert response["Location"] == "/es/learn/abstinencia-de-heroina/"


def test_a_browser_asking_for_spanish_does_not_change_an_english_address(client, bilingual):
    response = client.get("/learn/heroin-withdrawal/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert '<h1 lang="en">' in response.content.decode()


def test_the_spanish_address_leads_an_english_reader_to_the_english_version(client, bilingual):
    response = client.get("/learn/abstinencia-de-heroina/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/learn/heroin-withdrawal/"


def test_an_article_without_spanish_is_shown_in_english_with_a_note(client, bilingual):
    response = client.get("/es/learn/overdose/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert "article-language-note" in page
    assert '<div class="article-body" lang="en">' in page
    assert "hreflang" not in page
    # The text is the English article's: search engines list it at its English address.
    assert '<link rel="canonical" href="http://testserver/learn/overdose/">' in page


def test_links_between_articles_lead_to_the_readers_language(client, bilingual):
    page = client.get(spanish_url("heroin-withdrawal")).content.decode()
    body = page.split('<div class="article-body" lang="es">')[1].split("</div>")[0]
    links = re.findall(r'href="((?:/es)?/learn/[^"]+)"', body)
    # detox has a Spanish version; therapies does not, so it is the English article, still
    # under /es/ (shown with a note) so the reader stays in Spanish.
    assert "/es/learn/desintoxicacion/" in links
    assert "/es/learn/therapies/" in links
    assert not [link for link in links if not link.startswith("/es/")]
    # The English article, read in English, keeps its English links.
    english = client.get("/learn/heroin-withdrawal/").content.decode()
    assert 'href="/learn/detox/"' in english


def test_the_glossary_is_in_the_readers_language_with_the_same_anchors(client, bilingual):
    with translation.override("es"):
        spanish_glossary = reverse("content:glossary")
    assert spanish_glossary == "/es/learn/glossary/"
    page = client.get(spanish_glossary).content.decode()
    assert '<dt id="detox" lang="es"><dfn>Desintoxicación</dfn></dt>' in page
    assert '<dt id="naloxone" lang="en"><dfn>Naloxone</dfn></dt>' in page  # no Spanish yet
    assert page.count('<dt id="detox"') == 1
    english = client.get("/learn/glossary/").content.decode()
    assert '<dt id="detox" lang="en"><dfn>Detox</dfn></dt>' in english


def test_a_spanish_article_links_the_spanish_glossary_terms(client, bilingual):
    page = client.get(spanish_url("detox")).content.decode()
    # The Spanish glossary, at the same anchor as the English one.
    assert '<a class="glossary-link" href="/es/learn/glossary/#detox">desintoxicación</a>' in page
    english = client.get("/learn/detox/").content.decode()
    assert 'class="glossary-link" href="/learn/glossary/#detox"' in english


def test_a_spanish_article_without_english_is_shown_to_english_readers(client, bilingual):
    Article.objects.filter(language="en", translation_key="detox").delete()
    response = client.get("/learn/desintoxicacion/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "article-language-note" in response.content.decode()


def test_staff_may_write_a_translation_in_the_admin(staff_client, bilingual):
    english = Article.objects.get(slug="overdose")
    from tests.content.test_admin import form_for

    data = form_for(english, language="es", slug="sobredosis", title="Sobredosis")
    response = staff_client.post(reverse("admin:content_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    spanish = Article.objects.get(language="es", slug="sobredosis")
    assert spanish.translation_key == "overdose"
    assert spanish.edited_by_staff is True
    assert selectors.other_language_version(english) == spanish


def test_a_second_version_in_the_same_language_is_refused(staff_client, bilingual):
    english = Article.objects.get(slug="overdose")
    from tests.content.test_admin import form_for

    data = form_for(english, slug="overdose-again")
    response = staff_client.post(reverse("admin:content_article_add"), data)
    assert response.status_code == 200
    assert Article.objects.filter(translation_key="overdose").count() == 1


def test_a_staff_article_without_a_translation_key_gets_its_slug(db):
    article = Article.objects.create(
        title="Ours", slug="ours", summary="s", body="<p>x</p>", topic="treatment",
        sources=[], last_reviewed="2026-01-01",
    )  # fmt: skip
    assert article.translation_key == "ours" and article.language == "en"


def test_restoring_a_spanish_article_restores_only_it(staff_client, bilingual):
    Article.objects.filter(translation_key="detox").update(body="<p>Ours</p>", edited_by_staff=True)
    spanish = Article.objects.get(language="es", translation_key="detox")
    response = staff_client.post(
        reverse("admin:content_article_changelist"),
        {"action": "restore_shipped_text", "_selected_action": [spanish.pk]},
    )
    assert response.status_code == 302
    spanish.refresh_from_db()
    assert spanish.body == "<p>La desintoxicación.</p>" and not spanish.edited_by_staff
    assert Article.objects.get(language="en", translation_key="detox").body == "<p>Ours</p>"


def test_glossary_terms_are_unique_per_language(db):
    assert GlossaryTerm.objects.filter(slug="xylazine").count() == 2  # en and es shipped
