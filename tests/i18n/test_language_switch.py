"""English at /, Spanish at /es/; the switch keeps the page, the answers and the choice."""

import re

import pytest
from django.conf import settings

from content.models import Article
from content.selectors import article_url
from screening.questions import STEPS
from tests.personas import SELF_ANSWERS, make_user, sign_in
from tests.screening.journeys import SELF_DAILY_USE, form_data
from treatment.models import Facility

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def switch_form(html: str) -> tuple[str, str, str]:
    """(action, next, language) of the language switch on a page."""
    form = re.search(
        r'<form class="language-switch" action="([^"]+)" method="post">(.*?)</form>',
        html,
        re.S,
    )
    assert form, "no language switch on the page"
    next_url = re.search(r'name="next" value="([^"]*)"', form.group(2)).group(1)
    language = re.search(r'name="language" value="([^"]+)"', form.group(2)).group(1)
    return form.group(1), next_url.replace("&amp;", "&"), language


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/", "en"),
        ("/es/", "es"),
        ("/learn/", "en"),
        ("/es/learn/", "es"),
        ("/es/screening/", "es"),
    ],
)
def test_html_lang_follows_the_address(client, path, lang):
    response = client.get(path)
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response["Content-Language"] == lang


def test_switch_works_without_javascript_and_keeps_the_page(client):
    action, next_url, language = switch_form(client.get("/treatment/?near=22902").content.decode())
    assert (action, next_url, language) == ("/language/", "/treatment/?near=22902", "es")
    response = client.post(action, {"next": next_url, "language": language})
    assert response.status_code == 302
    assert response["Location"] == "/es/treatment/?near=22902"
    assert response.cookies[COOKIE].value == "es"
    # And back again, from the Spanish page's own switch.
    action, next_url, language = switch_form(client.get(response["Location"]).content.decode())
    assert (action, language) == ("/es/language/", "en")
    response = client.post(action, {"next": next_url, "language": language})
    assert response["Location"] == "/treatment/?near=22902"
    assert response.cookies[COOKIE].value == "en"


def test_switch_on_an_article_leads_to_its_other_language_version(client):
    """Each version has its own slug: the switch names the other version's own address."""
    english = Article.objects.published().filter(language="en", translation_key="detox").get()
    spanish = Article.objects.published().get(language="es", translation_key="detox")
    assert english.slug != spanish.slug
    action, next_url, language = switch_form(client.get(article_url(english)).content.decode())
    assert (action, next_url, language) == ("/language/", f"/es/learn/{spanish.slug}/", "es")
    response = client.post(action, {"next": next_url, "language": language})
    assert response["Location"] == article_url(spanish)
    assert response.cookies[COOKIE].value == "es"
    page = client.get(response["Location"])
    assert page.status_code == 200 and '<h1 lang="es">' in page.content.decode()
    action, next_url, language = switch_form(page.content.decode())
    assert (action, next_url, language) == ("/es/language/", f"/learn/{english.slug}/", "en")
    response = client.post(action, {"next": next_url, "language": language})
    assert response["Location"] == article_url(english)
    assert client.get(response["Location"]).status_code == 200


def test_switch_on_an_article_without_the_other_language_keeps_the_article(client):
    Article.objects.filter(language="es", translation_key="detox").delete()
    english = Article.objects.get(language="en", translation_key="detox")
    _action, next_url, language = switch_form(client.get(article_url(english)).content.decode())
    response = client.post("/language/", {"next": next_url, "language": language})
    assert response["Location"] == f"/es/learn/{english.slug}/"  # in English, with a note
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="es">' in page and "article-language-note" in page


def test_a_spanish_cookie_leads_an_english_article_address_to_the_spanish_version(client):
    english = Article.objects.get(language="en", translation_key="detox")
    spanish = Article.objects.get(language="es", translation_key="detox")
    client.cookies[COOKIE] = "es"
    response = client.get(article_url(english), follow=True)
    assert response.redirect_chain[-1][0] == article_url(spanish)
    assert '<h1 lang="es">' in response.content.decode()


def test_switch_sets_no_csrf_cookie_and_refuses_other_sites(client):
    assert "csrftoken" not in client.get("/").cookies
    response = client.post("/language/", {"next": "https://evil.example/", "language": "es"})
    assert response["Location"] in {"/", "/es/"}


def test_chosen_language_is_kept_for_english_addresses(client):
    client.post("/language/", {"next": "/", "language": "es"})
    response = client.get("/about/")  # a bookmark, or a link someone shared
    assert response.status_code == 302 and response["Location"] == "/es/about/"
    assert "Cookie" in response["Vary"]
    # Choosing English again keeps English.
    client.post("/es/language/", {"next": "/es/about/", "language": "en"})
    assert client.get("/about/").status_code == 200


def test_without_a_cookie_every_address_keeps_its_language(client):
    """Crawlers send no cookie: / is English and /es/ Spanish, whatever Accept-Language says."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()
    assert "Vary" in response and "Cookie" in response["Vary"]


def test_switching_language_mid_questionnaire_keeps_the_answers(client):
    client.post("/screening/", {"mode": "self"})
    answers = {"opioids": ["heroin", "fentanyl"], "use_days": "20-30", "last_use": "1_3d"}
    client.post("/screening/step/use/", {**answers, "action": "next"})
    action, next_url, language = switch_form(client.get("/screening/step/use/").content.decode())
    response = client.post(action, {"next": next_url, "language": language})
    assert response["Location"] == "/es/screening/step/use/"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="es">' in page and "Heroína" in page
    for value in ["heroin", "fentanyl", "20-30", "1_3d"]:
        assert re.search(rf'value="{value}"[^>]*checked', page), f"{value} lost on switching"
    # Going on in Spanish keeps Spanish addresses.
    data = form_data("use", SELF_DAILY_USE, "self")
    response = client.post("/es/screening/step/use/", data)
    assert response.status_code == 302 and response["Location"].startswith("/es/screening/")


def test_finishing_in_spanish_shows_the_result_in_spanish(client):
    client.post("/es/screening/", {"mode": "self"})
    for step in STEPS:
        response = client.post(
            f"/es/screening/step/{step.slug}/", form_data(step.slug, SELF_DAILY_USE, "self")
        )
    assert response.status_code == 302 and response["Location"].startswith("/es/screening/result/")
    assert "Lo que sugieren sus respuestas" in client.get(response["Location"]).content.decode()


def test_api_answers_in_the_language_of_accept_language(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_assess": 1}
    url = "/api/assess"
    client.post(url, "{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="es")
    spanish = client.post(
        url, "{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9"
    )
    assert spanish.status_code == 429 and spanish["Content-Language"] == "es"
    assert spanish.json()["detail"].startswith("Demasiadas solicitudes")
    client.cookies[COOKIE] = "es"  # the site's cookie does not count for the API
    english = client.post(url, "{}", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en-US")
    assert english["Content-Language"] == "en"
    assert english.json()["detail"].startswith("Too many requests")


def test_api_assess_works_with_a_spanish_accept_language(client):
    response = client.post(
        "/api/assess", SELF_ANSWERS, content_type="application/json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 200 and response["Content-Language"] == "es"
    assert "severity" in response.json()


def test_api_facility_links_follow_accept_language(client):
    Facility.objects.create(
        name="Centro",
        street1="1 Calle",
        state="VA",
        zip_code="22902",
        latitude=38.03,
        longitude=-78.48,
        service_codes=" SA OP ",
        source=Facility.SOURCE_DIRECTORY,
        source_id="t:1",
    )
    data = client.get("/api/facilities?near=22902", HTTP_ACCEPT_LANGUAGE="es").json()
    urls = [f["url"] for f in data.get("results", data.get("facilities", []))]
    assert urls and all("/es/treatment/facility/" in url for url in urls)


@pytest.mark.parametrize("path", ["/staff/login/", "/admin/login/"])
def test_staff_pages_stay_english(client, path):
    client.cookies[COOKIE] = "es"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_staff_are_not_sent_to_spanish_pages(client):
    sign_in(client, make_user("staff", groups=("admissions",), device=True))
    client.cookies[COOKIE] = "es"
    assert client.get("/staff/").status_code == 200
    assert client.get("/es/staff/").status_code == 404
