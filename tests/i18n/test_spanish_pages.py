"""Every page people read, in Spanish: no English left in what they see or hear read aloud.

Test data is written in Spanish, so what is checked is the site's own wording; the
shipped Spanish Learn articles and glossary are checked as they ship. An article or term
with no Spanish yet is English content, marked lang="en" (and so left out of the check);
SAMHSA's own service names (the facility page's full list) are data.
"""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from content.models import Article, GlossaryTerm
from content.selectors import article_url
from screening.questions import STEPS
from tests.i18n.spanish import english_words
from tests.personas import (
    FAMILY_ANSWERS,
    SELF_ANSWERS,
    hold_reference,
    make_referral,
    make_screening,
)
from treatment.models import Facility

pytestmark = pytest.mark.django_db

# SAMHSA's list of every service a facility offers, in SAMHSA's words: data, not ours.
DATA_IN_ENGLISH = (("aria-labelledby", "services-title"),)


@pytest.fixture
def spanish_content(db):
    Article.objects.all().delete()
    GlossaryTerm.objects.all().delete()
    GlossaryTerm.objects.create(
        language="es",
        term="Desintoxicación",
        slug="desintoxicacion",
        definition="Dejar una droga con ayuda.",
    )
    # One row per language: Spanish text is a Spanish article, at /es/learn/<its slug>/.
    return Article.objects.create(
        language="es",
        translation_key="withdrawal",
        title="Qué es la abstinencia",
        slug="que-es-la-abstinencia",
        summary="Lo que siente el cuerpo cuando se pasa el efecto.",
        body="<p>Un texto de prueba, escrito en español.</p>",
        audience="everyone",
        topic="understanding",
        position=1,
        care_levels=["outpatient"],
        directory_categories=["detox", "medication"],
        sources=[{"title": "Guía", "publisher": "Instituto", "url": "https://example.org/guia"}],
        last_reviewed=datetime.date(2026, 11, 2),
        is_published=True,
    )


@pytest.fixture
def facility(db):
    return Facility.objects.create(
        name="Centro Esperanza",
        name2="Programa de recuperación",
        street1="100 Calle Principal",
        city="Charlottesville",
        state="VA",
        zip_code="22902",
        phone="+14345550100",
        intake_phone="+14345550199",
        website="https://example.org",
        latitude=38.03,
        longitude=-78.48,
        location_source=Facility.LOCATED_BY_ZIP,
        service_codes=" SA OP DT MM BU PI MD SI SP TELE ",
        source=Facility.SOURCE_DIRECTORY,
        source_id="test:es",
        source_date=datetime.date(2026, 10, 1),
        verified_at=datetime.date(2026, 11, 1),
    )


def assert_spanish(response_or_html, where: str, skip=()) -> None:
    html = getattr(response_or_html, "content", response_or_html)
    html = html.decode() if isinstance(html, bytes) else html
    assert '<html lang="es">' in html, f"{where}: <html lang> is not es"
    found = english_words(html, DATA_IN_ENGLISH + skip)
    assert not found, f"{where} shows English:\n" + "\n".join(f"  …{x}…" for x in found)


PUBLIC = [
    "/es/",
    "/es/about/",
    "/es/learn/",
    "/es/learn/glossary/",
    "/es/learn/que-es-la-abstinencia/",
    "/es/treatment/",
    "/es/treatment/?near=22902",
    "/es/treatment/?near=99501&radius=5",  # nothing near: the advice for no results
    "/es/treatment/?near=00000",  # a place that does not exist: the error
    "/es/screening/",
    "/es/screening/emergency/",
    "/es/my-screening/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_in_spanish(client, spanish_content, facility, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_spanish(response, path)


def test_the_shipped_spanish_learn_pages_in_spanish(client):
    """The Learn index, the glossary and every article as shipped in Spanish."""
    spanish = Article.objects.published().filter(language="es")
    assert spanish.exists()
    paths = ["/es/learn/", "/es/learn/glossary/", *(article_url(a) for a in spanish)]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "article-language-note" not in response.content.decode(), path
        assert_spanish(response, path)


def test_facility_page_in_spanish(client, facility):
    for path in [
        f"/es/treatment/facility/{facility.pk}/",
        f"/es/treatment/facility/{facility.pk}/?near=22902",
    ]:
        response = client.get(path)
        assert response.status_code == 200
        assert_spanish(response, path)


@pytest.mark.parametrize("mode", ["self", "family"])
def test_every_questionnaire_step_in_spanish(client, mode):
    response = client.post("/es/screening/", {"mode": mode})
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    if mode == "family":
        assert_spanish(client.get("/es/screening/safety-check/"), "safety check")
        client.post("/es/screening/safety-check/", {"overdose_now": "no"})
    for step in STEPS:
        path = f"/es/screening/step/{step.slug}/"
        assert_spanish(client.get(path), f"{path} ({mode})")
    # A step posted with nothing ticked: the error messages too.
    assert_spanish(client.post(f"/es/screening/step/{STEPS[0].slug}/", {}), f"errors ({mode})")


@pytest.mark.parametrize(
    "answers", [SELF_ANSWERS, FAMILY_ANSWERS, {**SELF_ANSWERS, "suicidal": "now"}]
)
def test_results_in_spanish(client, spanish_content, answers):
    screening = make_screening(answers)
    response = client.get(f"/es/screening/result/{screening.reference}/")
    assert response.status_code == 200
    assert_spanish(response, f"result ({answers['mode']})")


def test_sending_to_admissions_and_its_status_in_spanish(client):
    screening = make_screening(SELF_ANSWERS)
    hold_reference(client, screening.reference)
    assert_spanish(client.get(f"/es/my-screening/{screening.reference}/send/"), "consent")
    referral, reference = make_referral()
    hold_reference(client, reference)
    for page in ["", "sent/", "withdraw/"]:
        path = f"/es/my-screening/{reference}/{page}"
        response = client.get(path)
        assert response.status_code == 200, path
        assert_spanish(response, path)
    assert_spanish(client.get("/es/my-screening/withdrawn/"), "withdrawn")


def test_not_found_page_in_spanish(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert_spanish(response, "404")


def test_wait_and_could_not_save_pages_in_spanish():
    request = RequestFactory().get("/es/screening/step/use/")
    with translation.override("es"):
        assert_spanish(render_to_string("429.html", {"retry_after": 30}, request), "429")
        context = {"resubmit": [("action", "next")], "action": request.path}
        assert_spanish(render_to_string("screening/could_not_save.html", context, request), "503")


def test_radius_choices_in_spanish(client):
    html = client.get("/es/treatment/").content.decode()
    select = html[html.index('name="radius"') : html.index("</select>")]
    assert "millas" in select and "miles" not in select


def test_result_reasons_in_spanish(client):
    screening = make_screening(SELF_ANSWERS)
    html = client.get(f"/es/screening/result/{screening.reference}/").content.decode()
    care = html.index('id="care-title"')
    reasons = html[care : html.index("</section>", care)]
    assert 'class="deciding-reason' in reasons
    assert not english_words(f'<html lang="es"><p>{reasons}</p></html>')


def test_the_check_would_catch_english(client):
    english_page = client.get("/").content.decode().replace('lang="en"', 'lang="es"', 1)
    assert len(english_words(english_page)) > 20
