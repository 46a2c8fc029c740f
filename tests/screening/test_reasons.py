"""The words for the scoring service's reason codes (screening.reasons)."""

import re

import pytest
from django.utils import translation
from hypothesis import given, settings

from screening import reasons
from screening.reasons import VOICES, WORDING, reason_text, render
from screening.scoring import REASON_CODES, assess
from tests.screening.readability import grade, sentences
from tests.screening.test_scoring import (
    DAILY,
    RECOVERING,
    SAMPLES,
    USING,
    answers,
    risks,
    signs,
)
from tests.screening.test_scoring_properties import valid_answers

# Params of every kind a reason can carry, so any sentence can be filled.
ANY_PARAMS = {
    "care_level": "iop",
    "emergency": False,
    "severity": "moderate",
    "risks": ("housing", "support"),
    "count": 2,
    "signs": ("fever_injection", "skin"),
    "opioids": ("heroin", "other"),
    "met": 4,
    "counted": 11,
    "at_least": False,
    "unknown": 2,
    "status": "yes",
    "daily": True,
    "complicated": False,
    "after_time_away": False,
    "in_treatment": "",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("code", sorted(REASON_CODES))
def test_every_code_the_service_defines_has_self_family_and_staff_words(code):
    assert reasons.has_wording(code), f"{code} has no words in screening/reasons.py"
    for role in REASON_CODES[code]:
        texts = [render(code, ANY_PARAMS, role=role, voice=voice) for voice in VOICES]
        assert all(text.strip() for text in texts), (code, role)
        assert len(set(texts)) >= 2, f"{code}: the voices should not all read the same"
        assert "%(" not in "".join(texts)


@pytest.mark.parametrize("code", sorted(WORDING))
def test_every_variant_has_three_voices_and_only_known_placeholders(code):
    assert code in REASON_CODES, f"{code} has words but the service never produces it"
    for variant, words in WORDING[code].items():
        assert len(words) == len(VOICES), (code, variant)
        for text in map(str, words):
            assert set(PLACEHOLDER.findall(text)) <= set(ANY_PARAMS) | {"level"}, (code, text)


def test_roles_with_their_own_sentences_have_one_for_each_role():
    for code, roles in REASON_CODES.items():
        variants = set(WORDING.get(code, {}))
        if variants & {"deciding", "considered"}:
            assert variants == set(roles), code


def _texts(result, voice=None):
    data = result.to_dict()
    return [reason_text(r, data, voice) for r in data["reasons"]]


def _check_plain(text: str) -> None:
    assert text[0].isupper() and text.endswith("."), text
    assert len(sentences(text)) <= 3, f"more than three sentences: {text}"
    for sentence in sentences(text):
        assert len(sentence.split()) <= 30, f"too long: {sentence}"
        # Rule 9: no sentence groups naltrexone with the medicines that ease withdrawal.
        assert not re.search(r"naltrexone.*ease|ease.*naltrexone", sentence, re.I), sentence
    assert "disorder" not in text and "diagnos" not in text
    assert "SOWS" not in text and "COWS" not in text


@pytest.mark.parametrize(("voice", "highest"), [("self", 8), ("family", 8), ("staff", 10)])
def test_the_words_read_at_about_a_6th_to_8th_grade_level(voice, highest):
    index = VOICES.index(voice)
    texts = [str(words[index]) for variants in WORDING.values() for words in variants.values()]
    assert grade(texts) <= highest


@pytest.mark.parametrize("mode", ["self", "family"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_sentences_are_plain_single_sentences_that_never_diagnose(sample, mode):
    result = assess({**sample, "mode": mode})
    for text in _texts(result):
        _check_plain(text)
        if mode == "self":
            assert "loved one" not in text
    for text in _texts(result, "staff"):
        _check_plain(text)
        assert not re.search(r"\b(you|your)\b", text, re.IGNORECASE), text


@settings(max_examples=150, deadline=None)
@given(valid_answers())
def test_any_assessment_reads_in_every_voice(given_answers):
    result = assess(given_answers)
    data = result.to_dict()
    for voice in VOICES:
        for reason in data["reasons"]:
            text = reason_text(reason, data, voice)
            assert text and "%(" not in text


def test_the_deciding_reason_says_the_level_and_the_others_never_name_another():
    # The case that used to read "intensive outpatient", then "residential", then detox.
    result = assess(answers(DAILY, signs(7), risks(2), sedatives="daily"))
    data = result.to_dict()
    deciding = reason_text(data["reasons"][1], data)
    assert data["reasons"][1]["role"] == "deciding"
    assert deciding == (
        "Because you used opioids in the past 10 days and drink alcohol or take "
        "benzodiazepines every day, stopping is safest with medical care (medically "
        "supervised detox)."
    )
    others = " ".join(_texts(result))
    for other_level in ("intensive outpatient", "residential", "day program", "outpatient care"):
        assert other_level not in others


@pytest.mark.parametrize(
    ("given", "voice", "expected"),
    [
        pytest.param(
            answers(suicidal="now"),
            "staff",
            "The answers say they are thinking about ending their life right now; 988 and 911 "
            "were shown first.",
            id="staff-third-person",
        ),
        pytest.param(
            answers(USING, signs(6), risks(2)),
            "self",
            "Your signs are in the severe range, and some things can make recovery harder "
            "(housing that is not stable and living with someone who uses drugs). So a "
            "residential (live-in) program fits best.",
            id="escalation",
        ),
        pytest.param(
            answers(USING, signs(3), mode="family"),
            "family",
            "Because your loved one's signs are in the mild range, regular outpatient care "
            "fits best.",
            id="family-baseline",
        ),
        pytest.param(
            answers(USING, signs(3), medical_urgent=["chest"]),
            "self",
            "Once you are safe: Because your signs are in the mild range, regular outpatient "
            "care fits best.",
            id="after-the-emergency",
        ),
    ],
)
def test_deciding_sentences(given, voice, expected):
    result = assess(given)
    data = result.to_dict()
    deciding = next(r for r in data["reasons"] if r["role"] == "deciding")
    text = reason_text(deciding, data, voice)
    if voice == "staff":
        text = reason_text(data["reasons"][0], data, voice)
    assert text == expected


def test_family_harm_reduction_is_written_to_the_family_member():
    result = assess(answers(USING, signs(2), mode="family", injects="yes", sedatives="daily"))
    texts = dict(zip([r.code for r in result.reasons], _texts(result), strict=True))
    assert "where you both can reach it" in texts["harm_reduction"]
    assert "check on your loved one" in texts["harm_reduction"]
    assert "never use alone" not in texts["harm_reduction"]
    for code in ("harm_reduction_mixing", "harm_reduction_injecting", "harm_reduction_wounds"):
        assert "loved one" in texts[code] or "Xylazine" in texts[code]
        assert not re.search(r"\byou inject\b|\byour breathing\b", texts[code])


@pytest.mark.parametrize(
    ("status", "fragment"),
    [
        ("yes", "You are pregnant"),
        ("unknown", "If you might be pregnant"),
        ("postpartum", "gave birth in the past year"),
    ],
)
def test_pregnancy_words_follow_the_answer(status, fragment):
    result = assess(answers(USING, signs(2), pregnant=status))
    data = result.to_dict()
    flag = next(r for r in data["reasons"] if r["code"] == "pregnant")
    text = reason_text(flag, data)
    assert fragment in text
    assert "Methadone or buprenorphine is the standard of care." in text


def test_medication_words_keep_naltrexone_apart():
    result = assess(answers(DAILY, signs(3)))
    data = result.to_dict()
    text = reason_text(next(r for r in data["reasons"] if r["code"] == "medication_oud"), data)
    assert "Methadone or buprenorphine ease withdrawal" in text
    assert "Naltrexone blocks opioids" in text and "7 to 10 days" in text


def test_young_people_are_told_an_adult_can_help_but_is_not_needed():
    result = assess(answers(RECOVERING, signs(2), age="under_18"))
    text = dict(zip([r.code for r in result.reasons], _texts(result), strict=True))
    assert "programs for young people" in text["young_people"]
    assert "on your own" in text["young_people"]


# --- Results stored under earlier rules -------------------------------------

STORED_2026_11 = {
    "mode": "self",
    "rules_version": "2026.11-1",
    "severity": "severe",
    "care_level": "inpatient_detox",
    "base_care_level": "inpatient_detox",
    "red_flags": ["pregnant_withdrawal"],
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
        # A code the new rules also use keeps its old words too.
        {"code": "harm_reduction", "text": "Old words, as stored.", "answer_ids": ["last_use"]},
    ],
}


@pytest.mark.parametrize("voice", [None, *VOICES])
def test_a_2026_11_result_keeps_its_stored_words(voice):
    for reason in STORED_2026_11["reasons"]:
        assert reason_text(reason, STORED_2026_11, voice) == reason["text"]


def test_an_unknown_code_falls_back_to_what_was_stored():
    current = assess(answers(USING, signs(2))).to_dict()
    assert reason_text({"code": "from_the_future", "text": "Kept."}, current) == "Kept."
    assert reason_text({"code": "from_the_future"}, current) == ""


def test_words_are_looked_up_in_the_active_language():
    result = assess(answers(USING, signs(2)))
    data = result.to_dict()
    with translation.override("es"):  # no catalogue yet: English, but through gettext
        assert reason_text(data["reasons"][0], data)
    assert reasons.with_texts(data)["reasons"][0]["text"] == reason_text(data["reasons"][0], data)


def test_params_that_do_not_fit_never_break_a_result_page():
    current = assess(answers(USING, signs(2))).to_dict()
    broken = {"code": "escalation", "role": "deciding", "params": {}, "text": "As stored."}
    assert reason_text(broken, current) == "As stored."


def test_every_red_flag_old_and_new_has_a_name():
    from screening.scoring import RED_FLAGS, RETIRED_RED_FLAGS
    from screening.wording import RED_FLAG_NAMES

    assert set(RED_FLAG_NAMES) == set(RED_FLAGS) | set(RETIRED_RED_FLAGS)


@pytest.mark.parametrize(
    ("assessment", "headline"),
    [
        ({"mode": "family", "severity": "none", "criteria_met": 1}, "At least 1 of 11 signs seen"),
        ({"mode": "family", "severity": "none", "criteria_met": 0}, "None of the 11 signs seen"),
        (
            {"mode": "family", "severity": "mild", "criteria_met": 2},
            "Signs of at least a mild opioid use disorder",
        ),
        (
            {"mode": "self", "severity": "none", "criteria_met": 1},
            "Few or no signs of opioid use disorder",
        ),
    ],
)
def test_the_family_headline_is_always_a_lower_bound(assessment, headline):
    from screening.wording import severity_headline

    assert severity_headline(assessment) == headline
