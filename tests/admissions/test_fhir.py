"""The FHIR R4 export: a Bundle that fhir.resources validates, with stable linkIds,
the person's answers and language, and one Observation per result field; audited."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from fhir.resources.R4B.bundle import Bundle

from admissions.fhir import screening_bundle
from admissions.models import AuditAction, AuditEvent
from admissions.services import referral_withdraw
from screening.questions import QUESTIONS, questions_in_order
from screening.scoring import RED_FLAGS, RETIRED_RED_FLAGS
from tests.personas import (
    CONTACT,
    EMERGENCY_ANSWERS,
    FAMILY_ANSWERS,
    make_referral,
    make_team,
    make_user,
    sign_in,
)

pytestmark = pytest.mark.django_db


def fhir_url(referral) -> str:
    return reverse("staff:detail_fhir", kwargs={"pk": referral.pk})


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("answers", [EMERGENCY_ANSWERS, FAMILY_ANSWERS])
def test_the_download_is_a_valid_bundle(staff_client, answers):
    referral, _ = make_referral(answers)
    response = staff_client.get(fhir_url(referral))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert f'filename="{referral.case_label}-fhir-r4.json"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    bundle = Bundle.model_validate(data)  # raises on anything that is not valid FHIR
    assert bundle.type == "collection"
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds == ["Questionnaire", "QuestionnaireResponse"] + ["Observation"] * 4
    # fhir.resources checks structure and types, not bound codes: check the required ones.
    questionnaire, response, *observations = (e.resource for e in bundle.entry)
    assert questionnaire.status in {"draft", "active", "retired", "unknown"}
    assert response.status == "completed"
    assert {o.status for o in observations} == {"final"}
    item_types = {item.type for item in questionnaire.item}
    assert item_types == {"choice"}


def test_link_ids_are_the_answer_ids_and_the_version_is_the_rules_version(referral):
    data = screening_bundle(referral)
    (questionnaire,) = resources(data, "Questionnaire")
    assert questionnaire["version"] == referral.screening.rules_version
    link_ids = [item["linkId"] for item in questionnaire["item"]]
    assert link_ids[0] == "mode"
    assert set(link_ids[1:]) == set(QUESTIONS)
    (response,) = resources(data, "QuestionnaireResponse")
    assert response["questionnaire"] == (
        f"{questionnaire['url']}|{referral.screening.rules_version}"
    )
    answered = {item["linkId"] for item in response["item"]}
    assert answered <= set(link_ids)
    assert answered - {"mode"} == set(referral.screening.answers) - {"mode"}


def test_the_answers_are_the_persons_in_their_mode(db):
    referral, _ = make_referral(FAMILY_ANSWERS)
    answers = referral.screening.answers
    (response,) = resources(screening_bundle(referral), "QuestionnaireResponse")
    items = {item["linkId"]: item for item in response["item"]}
    assert items["mode"]["answer"][0]["valueCoding"]["code"] == "family"
    for question in questions_in_order("family"):
        if question.id not in answers:
            continue
        item = items[question.id]
        assert item["text"] == str(question.family_text)
        codes = [a["valueCoding"]["code"] for a in item["answer"]]
        value = answers[question.id]
        expected = (value or ["none"]) if isinstance(value, list) else [value]
        assert codes == expected
    assert response["status"] == "completed"
    assert response["authored"] == referral.screening.created_at.isoformat()


def test_family_only_questions_are_enabled_by_the_mode(referral):
    (questionnaire,) = resources(screening_bundle(referral), "Questionnaire")
    items = {item["linkId"]: item for item in questionnaire["item"]}
    assert items["overdose_now"]["enableWhen"][0]["answerCoding"]["code"] == "family"
    assert items["prescribed_only"]["enableWhen"][0]["answerCoding"]["code"] == "self"
    assert "enableWhen" not in items["c1"]
    assert items["opioids"]["repeats"] is True


def test_the_texts_are_in_the_language_the_person_used(db):
    referral, _ = make_referral()
    referral.language = "es"
    referral.save()
    (response,) = resources(screening_bundle(referral), "QuestionnaireResponse")
    assert response["language"] == "es"
    with translation.override("es"):
        assert response["item"][1]["text"] == str(
            QUESTIONS[response["item"][1]["linkId"]].self_text
        )


def test_one_observation_per_result_field(db):
    referral, _ = make_referral(EMERGENCY_ANSWERS)
    assessment = referral.screening.assessment
    data = screening_bundle(referral)
    (response,) = resources(data, "QuestionnaireResponse")
    observations = {o["code"]["coding"][0]["code"]: o for o in resources(data, "Observation")}
    assert set(observations) == {"severity", "criteria-met", "care-level", "red-flags"}
    severity = observations["severity"]["valueCodeableConcept"]["coding"][0]["code"]
    assert severity == assessment["severity"]
    assert observations["criteria-met"]["valueInteger"] == assessment["criteria_met"]
    level = observations["care-level"]["valueCodeableConcept"]["coding"][0]["code"]
    assert level == assessment["care_level"] == "emergency"
    flags = {
        c["code"]["coding"][0]["code"]: c["valueBoolean"]
        for c in observations["red-flags"]["component"]
    }
    assert set(flags) == {*RED_FLAGS, *RETIRED_RED_FLAGS}  # a 2026.11 case keeps its flag
    assert {f for f, on in flags.items() if on} == set(assessment["red_flags"])
    assert observations["red-flags"]["valueBoolean"] is True
    for observation in observations.values():
        assert observation["derivedFrom"] == [{"reference": f"urn:uuid:{response['id']}"}]


def test_nothing_identifies_the_person(staff_client, referral):
    text = staff_client.get(fhir_url(referral)).content.decode()
    for value in (CONTACT.name, CONTACT.phone, CONTACT.email, CONTACT.best_time):
        assert value not in text
    assert referral.screening.reference_digest not in text
    assert '"Patient"' not in text


def test_the_export_is_audited(staff_client, staff, referral):
    staff_client.get(fhir_url(referral))
    event = AuditEvent.objects.get(action=AuditAction.EXPORT_FHIR)
    assert event.actor == staff and event.referral == referral


def test_a_withdrawn_screening_has_nothing_to_export(staff_client, referral):
    referral_withdraw(referral=referral)
    response = staff_client.get(fhir_url(referral))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT_FHIR).exists()


def test_another_teams_staff_get_a_404_and_nothing_is_audited(referral):
    outsider = make_user(
        "outsider", groups=("admissions",), device=True, teams=(make_team("Other"),)
    )
    assert sign_in(Client(), outsider).get(fhir_url(referral)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT_FHIR).exists()


def test_the_case_page_links_to_the_export(staff_client, referral):
    page = staff_client.get(reverse("staff:detail", kwargs={"pk": referral.pk})).content.decode()
    assert fhir_url(referral) in page
    assert "Download as FHIR R4 (JSON)" in page
