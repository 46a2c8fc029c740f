"""A referral's screening as a FHIR R4 Bundle: the Questionnaire, the person's
QuestionnaireResponse and one Observation per result field (docs/fhir.md).

Nothing identifies the person: no Patient, no name, no contact details. linkIds are
the answer ids of screening/questions.py, so they stay stable across wording changes;
the Questionnaire's version is the rules version the screening was scored under.
"""

import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from admissions.models import Referral
from screening.models import MODE_CHOICES
from screening.questions import NONE_MEANS_EMPTY, NONE_VALUE, questions_in_order
from screening.scoring import RED_FLAGS, RETIRED_RED_FLAGS
from screening.wording import RED_FLAG_NAMES, SEVERITY_NAMES, care_level_name

FHIR_VERSION = "4.0.1"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


def fhir_base() -> str:
    return settings.FIRSTSTEP_SITE_URL.rstrip("/") + "/fhir"


def questionnaire_url() -> str:
    return f"{fhir_base()}/Questionnaire/firststep-screening"


def answers_system(answer_id: str) -> str:
    return f"{fhir_base()}/CodeSystem/answers/{answer_id}"


def result_system(name: str) -> str:
    return f"{fhir_base()}/CodeSystem/{name}"


def _coding(system: str, code: str, display) -> dict:
    return {"system": system, "code": code, "display": str(display)}


def _all_questions() -> list:
    """Every question of either mode, once, in the order a family member then a person
    answering for themselves sees them (the overdose check is family-only and first)."""
    seen, ordered = set(), []
    for mode in ("family", "self"):
        for question in questions_in_order(mode):
            if question.id not in seen:
                seen.add(question.id)
                ordered.append(question)
    return ordered


def _options(question) -> list[dict]:
    return [
        {"valueCoding": _coding(answers_system(question.id), value, label)}
        for value, label in question.choices
    ]


def questionnaire(rules_version: str, language: str) -> dict:
    mode_item = {
        "linkId": "mode",
        "text": _("Who is the screening about?"),
        "type": "choice",
        "required": True,
        "answerOption": [
            {"valueCoding": _coding(answers_system("mode"), value, label)}
            for value, label in MODE_CHOICES
        ],
    }
    items = [mode_item]
    for question in _all_questions():
        item = {
            "linkId": question.id,
            "text": str(question.self_text or question.family_text),
            "type": "choice",
            "answerOption": _options(question),
        }
        if question.multiple:
            item["repeats"] = True
        if len(question.modes) == 1:
            (mode,) = question.modes
            item["text"] = str(question.text(mode))
            item["enableWhen"] = [
                {
                    "question": "mode",
                    "operator": "=",
                    "answerCoding": {"system": answers_system("mode"), "code": mode},
                }
            ]
        items.append(_texts(item))
    return {
        "resourceType": "Questionnaire",
        "id": "firststep-screening",
        "url": questionnaire_url(),
        "version": rules_version,
        "name": "FirstStepOpioidUseScreening",
        "title": _("FirstStep opioid use screening"),
        "status": "active",
        "language": language,
        "item": items,
    }


def _texts(item: dict) -> dict:
    item["text"] = str(item["text"])
    return item


def _answer_codes(question, answer) -> list[str]:
    if isinstance(answer, list):
        if not answer and question.id in NONE_MEANS_EMPTY:
            return [NONE_VALUE]
        return [str(value) for value in answer]
    return [str(answer)]


def questionnaire_response(referral: Referral, response_id: str, language: str) -> dict:
    screening = referral.screening
    mode, answers = screening.mode, screening.answers
    mode_labels = dict(MODE_CHOICES)
    items = [
        {
            "linkId": "mode",
            "text": _("Who is the screening about?"),
            "answer": [
                {"valueCoding": _coding(answers_system("mode"), mode, mode_labels.get(mode, mode))}
            ],
        }
    ]
    for question in questions_in_order(mode):
        if question.id not in answers:
            continue
        labels = question.labels
        items.append(
            {
                "linkId": question.id,
                "text": str(question.text(mode)),
                "answer": [
                    {
                        "valueCoding": _coding(
                            answers_system(question.id), code, labels.get(code, code)
                        )
                    }
                    for code in _answer_codes(question, answers[question.id])
                ],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": response_id,
        "questionnaire": f"{questionnaire_url()}|{screening.rules_version}",
        "status": "completed",
        "authored": screening.created_at.isoformat(),
        "language": language,
        "item": [_texts(item) for item in items],
    }


def _observation(code: str, display, authored: str, response_ref: str, **value) -> dict:
    return {
        "resourceType": "Observation",
        "id": str(uuid.uuid4()),
        "status": "final",
        "category": [{"coding": [_coding(OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": {"coding": [_coding(result_system("result"), code, display)], "text": str(display)},
        "effectiveDateTime": authored,
        "derivedFrom": [{"reference": response_ref}],
        **value,
    }


def observations(referral: Referral, response_ref: str) -> list[dict]:
    assessment = referral.screening.assessment
    authored = referral.screening.created_at.isoformat()
    severity = assessment["severity"]
    level = assessment["care_level"]
    flags = set(assessment.get("red_flags", []))
    return [
        _observation(
            "severity",
            _("Severity"),
            authored,
            response_ref,
            valueCodeableConcept={
                "coding": [
                    _coding(result_system("severity"), severity, SEVERITY_NAMES.get(severity, ""))
                ]
            },
        ),
        _observation(
            "criteria-met",
            _("Criteria met (of 11)"),
            authored,
            response_ref,
            valueInteger=int(assessment["criteria_met"]),
            component=[
                {
                    "code": {
                        "coding": [
                            _coding(result_system("result"), "criteria-unknown", _("Not known"))
                        ]
                    },
                    "valueInteger": int(assessment.get("criteria_unknown", 0)),
                }
            ],
        ),
        _observation(
            "care-level",
            _("Suggested level of care"),
            authored,
            response_ref,
            valueCodeableConcept={
                "coding": [_coding(result_system("care-level"), level, care_level_name(level))]
            },
        ),
        _observation(
            "red-flags",
            _("Red flags"),
            authored,
            response_ref,
            valueBoolean=bool(flags),
            component=[
                {
                    "code": {
                        "coding": [_coding(result_system("red-flag"), flag, RED_FLAG_NAMES[flag])]
                    },
                    "valueBoolean": flag in flags,
                }
                for flag in (*RED_FLAGS, *RETIRED_RED_FLAGS)
            ],
        ),
    ]


def screening_bundle(referral: Referral) -> dict:
    """The Bundle (type "collection") for a referral that was not withdrawn."""
    language = referral.language or settings.LANGUAGE_CODE
    response_id = str(uuid.uuid4())
    response_ref = f"urn:uuid:{response_id}"
    with override(language):
        resources = [
            questionnaire(referral.screening.rules_version, language),
            questionnaire_response(referral, response_id, language),
            *observations(referral, response_ref),
        ]
    entries = []
    for resource in resources:
        full_url = (
            questionnaire_url()
            if resource["resourceType"] == "Questionnaire"
            else f"urn:uuid:{resource['id']}"
        )
        entries.append({"fullUrl": full_url, "resource": resource})
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"tag": [{"system": result_system("fhir-version"), "code": FHIR_VERSION}]},
        "identifier": {"system": f"{fhir_base()}/case", "value": referral.case_label},
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
