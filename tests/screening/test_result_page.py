"""The result page around one answer: safety first, one level, the next step, the same order
in the PDF (issue 15), for a person and for a family member."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from admissions.services import referral_send
from screening.models import Screening
from screening.safety import overdose_risks
from screening.scoring import CARE_LEVELS
from screening.wording import care_level_name
from tests.personas import CONTACT
from tests.screening.journeys import (
    FAMILY_OBSERVER,
    SELF_DAILY_USE,
    SELF_HIGH_RISK,
    complete_questionnaire,
)

pytestmark = pytest.mark.django_db


def result(client, answers, mode="self") -> tuple[str, Screening]:
    url = complete_questionnaire(client, mode=mode, answers=answers).url
    return client.get(url).content.decode(), Screening.objects.get()


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize(
    ("answers", "risks"),
    [
        (SELF_DAILY_USE, ("fentanyl",)),
        (SELF_HIGH_RISK, ("fentanyl", "injecting", "past_overdose", "mixing")),
        ({**SELF_DAILY_USE, "opioids": ["pills"]}, ()),
        ({**SELF_DAILY_USE, "opioids": ["heroin"], "last_use": "over_90d"}, ("low_tolerance",)),
        (
            {
                **SELF_DAILY_USE,
                "opioids": ["heroin"],
                "use_days": "1-3",
                "in_treatment": "completed",
            },
            ("low_tolerance",),
        ),
        # Daily use again after a program: tolerance is back, the risk is not "low tolerance".
        ({**SELF_DAILY_USE, "opioids": ["heroin"], "prior_treatment": "program_relapsed"}, ()),
        ({**SELF_DAILY_USE, "opioids": [], "sedatives": "daily"}, ()),
    ],
)
def test_the_overdose_risks_in_the_answers(answers, risks):
    assert overdose_risks(answers) == risks


def test_a_high_risk_person_sees_their_safety_first_then_one_level(client):
    page, screening = result(client, SELF_HIGH_RISK)
    safety, care = page.index('id="safety-title"'), page.index('id="care-title"')
    assert safety < care
    box = section(page, "safety-title")
    for named in (
        "You use fentanyl",
        "You inject.",
        "overdose in the past year",
        "benzodiazepines",
    ):
        assert named in box, named
    assert box.index("naloxone") < box.index("You use fentanyl")  # naloxone first
    chosen = care_level_name(screening.assessment["base_care_level"])
    levels = section(page, "care-title")
    assert chosen in levels
    others = [care_level_name(c) for c in CARE_LEVELS if care_level_name(c) != chosen]
    assert not [name for name in others if name in levels]
    assert levels.count('class="deciding-reason') == 1


def test_the_next_step_finds_this_care_with_the_screenings_groups(client):
    answers = {**SELF_DAILY_USE, "pregnant": "yes", "age": "under_18"}
    page, screening = result(client, answers)
    actions = section(page, "next-title")
    link = re.search(r'href="(/treatment/\?[^"]+)"', actions)[1].replace("&amp;", "&")
    for category in screening.assessment["directory_filters"]:
        assert f"category={category}" in link
    assert "group=PW" in link and "group=AD" in link


def test_once_sent_the_result_shows_its_status_instead_of_sending_again(client):
    page, screening = result(client, SELF_DAILY_USE)
    assert "Send this to an admissions team" in section(page, "next-title")
    referral_send(screening=screening, contact=CONTACT)
    again = client.get(f"/screening/result/{screening_reference(page)}/").content.decode()
    actions = section(again, "next-title")
    assert "Sent to an admissions team: see its status" in actions
    assert "Send this to an admissions team" not in actions


def screening_reference(page: str) -> str:
    return re.search(r'<code class="user-select-all">([A-Za-z0-9_-]+)</code>', page)[1]


def test_a_family_member_is_spoken_to_about_their_loved_one(client):
    page, _screening = result(client, FAMILY_OBSERVER, mode="family")
    box = section(page, "safety-title")
    assert "Your loved one&#x27;s safety right now" in box or "Your loved one's safety" in box
    assert "Never use alone" not in page
    assert "Check on your loved one when they use" in box
    assert "Ask an admissions team to call you" in section(page, "next-title")


def test_daily_use_marks_one_stage_of_the_withdrawal_timeline(client):
    page, screening = result(client, SELF_DAILY_USE)
    timeline = section(page, "stage-title")
    assert timeline.count('aria-current="step"') == 1
    assert screening.assessment["withdrawal_stage"] == "peak"  # last use 1 to 3 days ago
    assert "Fentanyl and long-acting opioids such as methadone" in timeline


def test_the_page_says_which_rules_version_scored_it(client):
    page, screening = result(client, SELF_DAILY_USE)
    assert f"Scored with FirstStep rules version {screening.rules_version}." in page


def test_the_pdf_keeps_the_pages_order(client):
    page, _screening = result(client, SELF_HIGH_RISK)
    reference = screening_reference(page)
    pdf = client.get(f"/screening/result/{reference}/summary.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    assert text.index("Your safety right now") < text.index("A level of care that may fit")
    assert text.index("A level of care that may fit") < text.index("Medication can help")
