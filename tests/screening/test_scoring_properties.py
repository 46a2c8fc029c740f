"""Properties of the scoring service that must hold for every valid answer set."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.scoring import (
    ANSWER_VALUES,
    CARE_LEVELS,
    CRITERIA,
    DIRECTORY_CATEGORIES,
    DIRECTORY_GROUPS,
    MULTI_VALUE_IDS,
    REASON_CODES,
    RED_FLAGS,
    SEVERITIES,
    WITHDRAWAL_STAGES,
    assess,
)

# Per test, not a global profile: other test files keep their own settings.
fast = settings(max_examples=150, deadline=None)


def _value(answer_id: str, mode: str) -> st.SearchStrategy:
    allowed = ANSWER_VALUES[answer_id]
    if answer_id == "medical_urgent":
        signs = [v for v in allowed if v != "none"]
        return st.one_of(st.just(["none"]), st.lists(st.sampled_from(signs), unique=True))
    if answer_id in MULTI_VALUE_IDS:
        return st.lists(st.sampled_from(allowed), unique=True)
    if answer_id in CRITERIA and mode == "self":
        return st.sampled_from([v for v in allowed if v != "unknown"])
    return st.sampled_from(allowed)


@st.composite
def valid_answers(draw) -> dict:
    """Any answer set the form or the API could send; any answer may be left out."""
    mode = draw(st.sampled_from(ANSWER_VALUES["mode"]))
    answers: dict = {"mode": mode}
    for answer_id in ANSWER_VALUES:
        if answer_id != "mode" and draw(st.booleans()):
            answers[answer_id] = draw(_value(answer_id, mode))
    return answers


@fast
@given(valid_answers())
def test_any_valid_answer_set_scores(answers):
    result = assess(answers)
    assert result.severity in SEVERITIES
    assert result.care_level in CARE_LEVELS
    assert result.base_care_level in CARE_LEVELS and result.base_care_level != "emergency"
    assert set(result.red_flags) <= set(RED_FLAGS)
    # Most urgent first, as the spec lists them.
    assert list(result.red_flags) == sorted(result.red_flags, key=RED_FLAGS.index)
    assert set(result.directory_filters) <= set(DIRECTORY_CATEGORIES)
    assert list(result.directory_groups) == [
        g for g in DIRECTORY_GROUPS if g in result.directory_groups
    ]
    assert result.withdrawal_stage in WITHDRAWAL_STAGES
    assert 0 <= result.criteria_met + result.criteria_unknown <= 11
    if answers["mode"] == "self":
        assert result.criteria_unknown == 0
    if result.emergency or result.care_level == "none":
        assert result.directory_filters == ()
    assert ("medication" in result.directory_filters) == (
        result.medication and bool(result.directory_filters)
    )


@fast
@given(valid_answers(), st.data())
def test_another_yes_never_lowers_severity(answers, data):
    not_yes = [c for c in CRITERIA if answers.get(c) != "yes"]
    if not not_yes:
        return
    criterion = data.draw(st.sampled_from(not_yes))
    before = assess(answers)
    after = assess({**answers, criterion: "yes"})
    assert SEVERITIES.index(after.severity) >= SEVERITIES.index(before.severity)
    assert after.criteria_met >= before.criteria_met


@fast
@given(
    valid_answers(),
    st.sampled_from(
        [
            ("overdose_now", "yes", "overdose_now"),
            ("suicidal", "now", "suicidal_now"),
            ("medical_urgent", ["chest"], "medical_emergency"),
        ]
    ),
)
def test_any_emergency_answer_means_emergency(answers, emergency):
    answer_id, value, flag = emergency
    result = assess({**answers, answer_id: value})
    assert result.emergency is True
    assert result.care_level == "emergency"
    assert flag in result.red_flags
    assert result.reasons[0].code in {"overdose_now", "suicidal_now", "medical_emergency"}
    assert result.deciding.params["emergency"] is True


@fast
@given(valid_answers())
def test_one_deciding_reason_and_no_other_names_a_level(answers):
    result = assess(answers)
    deciding = [r for r in result.reasons if r.role == "deciding"]
    assert [r.code for r in deciding] == [result.deciding_reason]
    assert deciding[0].params["care_level"] == result.base_care_level
    for reason in result.reasons:
        assert reason.code in REASON_CODES and reason.role in REASON_CODES[reason.code]
        if reason.role != "deciding":
            assert reason.params.get("care_level") in (None, result.base_care_level)


@fast
@given(valid_answers())
def test_missing_age_counts_as_18_plus(answers):
    adult = {**answers, "age": "18_plus"}
    missing = {k: v for k, v in answers.items() if k != "age"}
    assert assess(adult).to_dict() == assess(missing).to_dict()


@fast
@given(valid_answers())
def test_pregnancy_never_sets_detox_on_its_own(answers):
    without = assess({**answers, "pregnant": "no"})
    for status in ("yes", "postpartum", "unknown"):
        result = assess({**answers, "pregnant": status})
        if without.base_care_level != "inpatient_detox":
            assert result.base_care_level != "inpatient_detox"
        assert CARE_LEVELS.index(result.base_care_level) <= CARE_LEVELS.index(
            without.base_care_level
        )


@fast
@given(valid_answers(), st.randoms(use_true_random=False))
def test_assess_is_deterministic_whatever_the_order(answers, random):
    shuffled_items = list(answers.items())
    random.shuffle(shuffled_items)
    shuffled = {
        key: (random.sample(value, len(value)) + value[:1] if isinstance(value, list) else value)
        for key, value in shuffled_items
    }
    assert assess(answers) == assess(answers) == assess(shuffled)


@fast
@given(valid_answers())
def test_to_dict_is_json_serialisable(answers):
    data = assess(answers).to_dict()
    assert json.loads(json.dumps(data)) == data


@fast
@given(valid_answers())
def test_every_output_is_explained_by_a_reason(answers):
    result = assess(answers)
    found = {reason.code for reason in result.reasons}
    assert any(code.startswith("severity_") for code in found) or "criteria_not_answered" in found
    assert set(result.red_flags) <= found
    assert result.medication == any(code.startswith("medication_") for code in found)
    assert result.harm_reduction == ("harm_reduction" in found)
    assert result.deciding_reason in found
    assert ("PW" in result.directory_groups) == ("pregnant" in result.red_flags)
    assert ("AD" in result.directory_groups) == ("young_people" in found)
    for reason in result.reasons:
        assert set(reason.answer_ids) <= set(answers)
