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
from screening.reasons import reason_text
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
        assert escape(reason_text(reason, screening.assessment)) in page


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


def test_family_safety_section_never_gives_the_user_s_advice_to_the_family(client):
    """Every overdose risk at once: each is told to the family member, about their loved one."""
    _url, page = result_of(
        client,
        mode="family",
        opioids=["fentanyl"],
        injects="yes",
        overdose_past_year="yes",
        sedatives="sometimes",
        use_days="4-9",
        prior_treatment="program_relapsed",
    )
    start = page.index('aria-labelledby="safety-title"')
    safety = page[start : page.index("</section>", start)].lower()
    assert safety.count("<strong>your loved one ") == 5  # the five risks, named back
    for wrong in ("never use alone", "go slow", "start with a small amount", "you inject"):
        assert wrong not in safety


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
    assert "A level of care that may fit" in text
    assert "Next steps" in text
    assert "988" in text and "911" in text
    assert "Call the SAMHSA National Helpline, 1-800-662-4357" in text
    first_reason = reason_text(screening.assessment["reasons"][0], screening.assessment)
    first_reason = re.sub(r"\s+", " ", first_reason)
    assert first_reason[:40] in text


def test_a_database_error_keeps_the_answers_and_the_retry_saves_exactly_once(client):
    client.post(reverse("screening:start"), {"mode": "self"})
    for slug in ("safety", "use", "signs", "withdrawal"):
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


# A result stored under rules 2026.11: reasons with English text and no params.
STORED_2026_11 = {
    "mode": "self",
    "criteria_met": 7,
    "criteria_unknown": 0,
    "severity": "severe",
    "emergency": False,
    "red_flags": ["pregnant_withdrawal"],
    "care_level": "inpatient_detox",
    "base_care_level": "inpatient_detox",
    "medication": True,
    "harm_reduction": True,
    "reasons": [
        {
            "code": "pregnant_withdrawal",
            "text": "You are pregnant and use opioids every day, so withdrawal needs medical "
            "care now, and medicine for opioid use, not detox alone, is the standard treatment.",
            "answer_ids": ["pregnant", "use_days", "last_use"],
        },
        {
            "code": "care_level",
            "text": "Going by the answer with the highest risk, the best fit for you is "
            "medically supervised detox.",
            "answer_ids": ["pregnant", "use_days", "last_use"],
        },
        {
            "code": "harm_reduction",
            "text": "Because you have used opioids recently, carry naloxone (sold over the "
            "counter), never use alone, and know that fentanyl can be in any drug.",
            "answer_ids": ["last_use", "use_days"],
        },
    ],
    "directory_filters": ["detox", "medication"],
    "rules_version": "2026.11-1",
}


def test_a_result_stored_under_2026_11_still_shows_its_reasons_as_stored(client):
    url, _page = result_of(client)
    Screening.objects.update(assessment=STORED_2026_11, rules_version="2026.11-1")
    page = client.get(url).content.decode()
    for reason in STORED_2026_11["reasons"]:
        assert escape(reason["text"]) in page
    assert "Pregnancy: get medical care for withdrawal" in page  # its retired red flag
    reference = url.rstrip("/").rsplit("/", 1)[-1]
    pdf = client.get(reverse("screening:result_pdf", args=[reference]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Going by the answer with the highest risk" in re.sub(r"\s+", " ", text)
    assert "Pregnancy with opioid use" in re.sub(r"\s+", " ", text)


def test_the_new_red_flags_each_show_what_to_do(client):
    _url, page = result_of(
        client,
        medical_urgent=["chest"],
        sedatives="daily",
        pregnant="postpartum",
    )
    assessment = Screening.objects.get().assessment
    assert assessment["red_flags"] == ["medical_emergency", "sedatives", "pregnant"]
    assert page.index("Chest pain or trouble breathing: call 911 now") < page.index("<h1")
    assert "Alcohol or sedatives: do not stop suddenly" in page
    assert "Pregnancy or a recent birth: see a doctor this week" in page


def test_the_medication_section_never_says_naltrexone_eases_withdrawal(client):
    _url, page = result_of(client)
    assert "Naltrexone does not ease withdrawal" in page
    assert "buprenorphine and naltrexone — ease withdrawal" not in page


def test_family_headline_is_a_lower_bound(client):
    changes = {f"c{n}": "unknown" for n in range(2, 12)} | {"c1": "yes"}
    _url, page = result_of(client, mode="family", **changes)
    assert Screening.objects.get().assessment["severity"] == "none"
    assert "At least 1 of 11 signs seen" in page
    assert "Few or no signs" not in page


def test_chest_pain_scored_under_2026_11_still_says_call_911(client):
    """Then chest pain was an urgent sign for "today"; shown as stored, it still says 911."""
    url, _page = result_of(client, medical_urgent=["chest"])
    old = {**STORED_2026_11, "red_flags": ["medical_urgent"], "emergency": False}
    Screening.objects.update(assessment=old, rules_version="2026.11-1")
    page = client.get(url).content.decode()
    assert "Chest pain or trouble breathing: call 911 now" in page
    assert page.index("call 911 now") < page.index('id="care-title"')
