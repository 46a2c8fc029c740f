"""The result page and the PDF summary of a stored screening."""

import io
import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse, set_script_prefix
from django.utils.html import escape
from pypdf import PdfReader

from screening.models import Screening
from tests.screening.journeys import (
    FAMILY_OBSERVER,
    SELF_DAILY_USE,
    complete_questionnaire,
    form_data,
)

pytestmark = pytest.mark.django_db


def result_of(client, *, mode="self", **changes):
    answers = (SELF_DAILY_USE if mode == "self" else FAMILY_OBSERVER) | changes
    response = complete_questionnaire(client, mode=mode, answers=answers)
    return response.url, client.get(response.url).content.decode()


def test_result_says_what_the_answers_suggest_and_why(client):
    _url, page = result_of(client)
    screening = Screening.objects.get()
    assert "What your answers suggest" in page
    assert "This is a screening, not a diagnosis" in page
    assert "Signs of a severe opioid use disorder" in page  # 7 of 11 signs
    for reason in screening.assessment["reasons"]:
        assert escape(reason["text"]) in page


def test_result_links_to_the_directory_with_the_assessments_filters(client):
    _url, page = result_of(client)
    screening = Screening.objects.get()
    link = re.search(r'href="(/treatment/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    for category in screening.assessment["directory_filters"]:
        assert f"category={category}" in link
    assert f"care_level={screening.assessment['base_care_level']}" in link


def test_emergency_guidance_comes_before_everything_else(client):
    _url, page = result_of(client, mode="family", overdose_now="yes")
    assert Screening.objects.get().assessment["emergency"] is True
    assert page.index("Overdose: call 911 now") < page.index("<h1")
    assert 'href="tel:911"' in page
    # The rest of the assessment is still shown below it.
    assert "A level of care to talk about with your loved one" in page


def test_suicidal_thoughts_now_put_988_first(client):
    _url, page = result_of(client, suicidal="now")
    assert page.index('href="tel:988"', page.index("<main")) < page.index("<h1")


def test_family_result_says_at_least_and_speaks_to_the_family(client):
    _url, page = result_of(client, mode="family")
    assert "at least" in page
    assert "your loved one" in page
    assert "naloxone" in page.lower()


def test_harm_reduction_is_shown_for_recent_use(client):
    _url, page = result_of(client)
    assert "Never use alone" in page


def test_harm_reduction_is_not_shown_without_recent_use(client):
    _url, page = result_of(
        client,
        opioids=["none"],
        use_days="0",
        last_use="over_90d",
        **{f"c{n}": "no" for n in range(1, 12)},
    )
    assert Screening.objects.get().assessment["care_level"] == "none"
    assert "Never use alone" not in page


def test_wrong_reference_is_not_found(client):
    result_of(client)
    assert client.get(reverse("screening:result", args=["x" * 27])).status_code == 404
    assert client.get(reverse("screening:result_pdf", args=["x" * 27])).status_code == 404


def test_the_download_and_send_links_open_this_result_under_any_site_prefix(client):
    url, page = result_of(client)
    reference = url.rstrip("/").rsplit("/", 1)[1]
    pdf, send = (
        reverse("screening:result_pdf", args=[reference]),
        reverse("admissions:send", args=[reference]),
    )
    assert f'href="{pdf}"' in page and f'href="{send}"' in page
    assert client.get(pdf).status_code == 200 and client.get(send).status_code == 200

    set_script_prefix("/firststep/")  # the site served under /firststep/ by a proxy
    try:
        mounted = client.get(url).content.decode()
    finally:
        set_script_prefix("/")
    assert f'href="/firststep{pdf}"' in mounted and f'href="/firststep{send}"' in mounted


def test_neither_the_result_nor_its_pdf_is_kept_in_a_browser_or_proxy_cache(client):
    url, _page = result_of(client)
    for response in (client.get(url), client.get(f"{url}summary.pdf")):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_pdf_summary_holds_the_answers_result_and_help_lines(client):
    url, _page = result_of(client)
    screening = Screening.objects.get()
    reference = url.rstrip("/").rsplit("/", 1)[-1]
    response = client.get(reverse("screening:result_pdf", args=[reference]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert reference in text
    assert screening.created_at.strftime("%Y") in text
    assert "About myself" in text
    assert "In the past 30 days, on how many days did you use opioids?" in text
    assert "20 days or more (almost every day)" in text
    assert "Signs of a severe opioid use disorder" in text
    assert "Suggested level of care" in text
    assert "Next steps" in text
    assert "988" in text and "911" in text
    assert "Call the SAMHSA National Helpline, 1-800-662-4357" in text
    first_reason = re.sub(r"\s+", " ", screening.assessment["reasons"][0]["text"])
    assert first_reason[:40] in text


def test_a_database_error_keeps_the_answers_and_the_retry_saves_exactly_once(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    for slug in ("use", "signs", "withdrawal", "safety"):
        client.post(reverse("screening:step", args=[slug]), form_data(slug, SELF_DAILY_USE, "self"))
    final = form_data("situation", SELF_DAILY_USE, "self")
    with mock.patch.object(
        Screening.objects, "create", side_effect=OperationalError("server closed")
    ):
        response = client.post(reverse("screening:step", args=["situation"]), final)
    assert response.status_code == 503
    assert b"Your answers are kept" in response.content
    assert "no-store" in response["Cache-Control"]  # it carries the answers
    assert Screening.objects.count() == 0
    # The page carries this step's answers, so "Try again" sends them once more.
    page = response.content.decode()
    assert 'name="prior_treatment" value="none"' in page
    retry = client.post(reverse("screening:step", args=["situation"]), final)
    assert retry.status_code == 302
    assert Screening.objects.count() == 1
    assert client.get(retry.url).status_code == 200
