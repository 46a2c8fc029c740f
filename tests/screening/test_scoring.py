"""The scoring rules of clinical spec §1–3, one table row per rule and threshold edge."""

import pytest

from screening.scoring import RULES_VERSION, AnswerError, assess, validate

# --- Answer builders --------------------------------------------------------


def signs(n: int, *, rest: str = "no") -> dict[str, str]:
    """c1…cn answered yes, the others `rest`."""
    return {f"c{i}": "yes" if i <= n else rest for i in range(1, 12)}


SELF = {"mode": "self"}
FAMILY = {"mode": "family"}
USING = {"opioids": ["heroin"], "use_days": "4-9", "last_use": "1_3d"}  # some use, not daily
DAILY = {"opioids": ["fentanyl"], "use_days": "20-30", "last_use": "6_24h"}
NO_USE = {"opioids": [], "use_days": "0", "last_use": "over_90d"}
RISK_ANSWERS = {
    "housing": "unstable",
    "home_use": "yes",
    "support": "no",
    "prior_treatment": "program_relapsed",
    "overdose_past_year": "yes",
    "mental_health": "yes",
}


def risks(n: int) -> dict[str, str]:
    return dict(list(RISK_ANSWERS.items())[:n])


def answers(*parts: dict, **extra) -> dict:
    merged: dict = {}
    for part in (SELF, *parts):
        merged.update(part)
    merged.update(extra)
    return merged


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


# --- Severity thresholds and rule 1 -----------------------------------------


@pytest.mark.parametrize(
    ("met", "severity"),
    [
        pytest.param(0, "none", id="0-none"),
        pytest.param(1, "none", id="1-none"),
        pytest.param(2, "mild", id="2-mild"),
        pytest.param(3, "mild", id="3-mild"),
        pytest.param(4, "moderate", id="4-moderate"),
        pytest.param(5, "moderate", id="5-moderate"),
        pytest.param(6, "severe", id="6-severe"),
        pytest.param(11, "severe", id="11-severe"),
    ],
)
def test_severity_thresholds(met, severity):
    result = assess(answers(USING, signs(met)))
    assert result.criteria_met == met
    assert result.severity == severity
    assert f"severity_{severity}" in codes(result)


@pytest.mark.parametrize(
    ("extra", "met", "supervision_reason"),
    [
        pytest.param({"prescribed_only": "yes"}, 2, True, id="self-prescribed-only-drops-c10-c11"),
        pytest.param({"prescribed_only": "no"}, 4, False, id="self-not-prescribed-counts-all"),
        pytest.param({}, 4, False, id="self-unanswered-counts-all"),
        pytest.param({"mode": "family", "prescribed_only": "yes"}, 4, False, id="family-ignored"),
    ],
)
def test_supervision_rule(extra, met, supervision_reason):
    crit = {**signs(2), "c10": "yes", "c11": "yes"}
    result = assess(answers(USING, crit, extra))
    assert result.criteria_met == met
    assert ("supervision_rule" in codes(result)) is supervision_reason


def test_supervision_rule_changes_severity_and_medication():
    crit = {**signs(4), "c10": "yes", "c11": "yes"}  # 6 signs, 4 without c10/c11
    supervised = assess(answers(USING, crit, prescribed_only="yes"))
    assert (supervised.severity, supervised.care_level) == ("moderate", "iop")
    unsupervised = assess(answers(USING, crit, prescribed_only="no"))
    assert (unsupervised.severity, unsupervised.care_level) == ("severe", "iop")


def test_family_unknowns_count_as_unknown_not_met():
    crit = {**signs(2), "c3": "unknown", "c4": "unknown", "c5": "unknown"}
    result = assess(answers(USING, crit, mode="family"))
    assert result.criteria_met == 2
    assert result.criteria_unknown == 3
    assert result.severity == "mild"
    unknown = next(r for r in result.reasons if r.code == "criteria_unknown")
    assert unknown.answer_ids == ("c3", "c4", "c5")


@pytest.mark.parametrize(
    ("parts", "lower_bound"),
    [
        pytest.param([signs(3)], False, id="self-all-answered"),
        pytest.param([{"c1": "yes", "c2": "yes", "c3": "yes"}], True, id="self-some-unanswered"),
        pytest.param([signs(3), FAMILY], True, id="family-always"),
    ],
)
def test_severity_says_at_least_when_the_count_is_a_lower_bound(parts, lower_bound):
    result = assess(answers(USING, *parts))
    severity = next(r for r in result.reasons if r.code == "severity_mild")
    assert ("at least 3 of the 11 signs" in severity.text) is lower_bound
    assert severity.answer_ids == ("c1", "c2", "c3")


def test_unanswered_criteria_are_not_counted_as_no_answers():
    result = assess(answers(USING))
    assert (result.criteria_met, result.criteria_unknown) == (0, 0)
    assert "criteria_not_answered" in codes(result)
    assert not any(code.startswith("severity_") for code in codes(result))


# --- Care level: rules 3–8 --------------------------------------------------

LEVEL_CASES = [
    # Rule 4: no use
    pytest.param(answers(NO_USE, signs(1)), "none", "no_use", id="r4-no-use-1-sign"),
    pytest.param(
        answers(NO_USE, signs(0), last_use="unknown"), "none", "no_use", id="r4-last-use-unknown"
    ),
    pytest.param(
        answers(NO_USE, signs(0), opioids=["pills"]),
        "early_intervention",
        "baseline_early_intervention",
        id="r4-broken-by-an-opioid",
    ),
    pytest.param(
        answers(NO_USE, signs(0), use_days="1-3"),
        "early_intervention",
        "baseline_early_intervention",
        id="r4-broken-by-use-days",
    ),
    pytest.param(
        answers(NO_USE, signs(0), last_use="11_90d"),
        "early_intervention",
        "baseline_early_intervention",
        id="r4-broken-by-last-use-11-90d",
    ),
    pytest.param(
        answers(NO_USE, signs(2), last_use="unknown"),
        "outpatient",
        "baseline_outpatient",
        id="r4-broken-by-2-signs",
    ),
    pytest.param(
        answers({"use_days": "0", "last_use": "over_90d"}, signs(0)),
        "none",
        "no_use_found",
        id="r4-opioids-unanswered-is-not-no",
    ),
    pytest.param(
        answers(NO_USE, signs(1), in_treatment="completed"),
        "none",
        "no_use",
        id="r4-applies-before-r5",
    ),
    # Rule 5: recovery
    pytest.param(answers(NO_USE, signs(2)), "aftercare", "recovery", id="r5-2-signs"),
    pytest.param(
        answers(NO_USE, signs(0), opioids=["heroin"], in_treatment="now"),
        "aftercare",
        "recovery",
        id="r5-in-treatment-now",
    ),
    pytest.param(
        answers(NO_USE, signs(1), opioids=["pills"], in_treatment="completed"),
        "aftercare",
        "recovery",
        id="r5-treatment-completed",
    ),
    pytest.param(
        answers(NO_USE, signs(1), opioids=["heroin"], in_treatment="none"),
        "early_intervention",
        "baseline_early_intervention",
        id="r5-1-sign-no-treatment-is-not-recovery",
    ),
    pytest.param(
        answers(NO_USE, {"c4": "yes"}, opioids=["heroin"], in_treatment="now"),
        "aftercare",
        "recovery_craving",
        id="r5-craving-only-stays-in-recovery",
    ),
    pytest.param(
        answers(NO_USE, signs(8), risks(6)),
        "aftercare",
        "recovery",
        id="r5-settles-over-severity-and-risks",
    ),
    pytest.param(
        answers(NO_USE, signs(2), last_use="11_90d"),
        "outpatient",
        "baseline_outpatient",
        id="r5-needs-over-90d",
    ),
    # Rule 3: urgent medical
    pytest.param(
        answers(DAILY, signs(2), last_use="11_90d", medical_urgent=["chest"]),
        "inpatient_detox",
        "medical_urgent_daily_use",
        id="r3-urgent-with-daily-use",
    ),
    pytest.param(
        answers(USING, signs(2), medical_urgent=["chest"]),
        "outpatient",
        "medical_urgent",
        id="r3-urgent-without-daily-use",
    ),
    # Rule 6: withdrawal management
    pytest.param(
        answers(DAILY, signs(2), sedatives="daily"),
        "inpatient_detox",
        "withdrawal_sedatives",
        id="r6-daily-sedatives",
    ),
    pytest.param(
        answers(DAILY, signs(2), complicated_withdrawal="yes"),
        "inpatient_detox",
        "withdrawal_complicated",
        id="r6-complicated-withdrawal",
    ),
    pytest.param(
        answers(DAILY, signs(2), wd_severity="severe"),
        "inpatient_detox",
        "withdrawal_severe",
        id="r6-severe-withdrawal",
    ),
    pytest.param(
        answers(DAILY, signs(2), pregnant="yes"),
        "inpatient_detox",
        "pregnant_withdrawal",
        id="r6-pregnant",
    ),
    pytest.param(
        answers(
            DAILY,
            signs(2),
            sedatives="sometimes",
            complicated_withdrawal="unknown",
            wd_severity="moderate",
            pregnant="unknown",
        ),
        "outpatient",
        "withdrawal_managed",
        id="r6-no-trigger-stays-at-baseline",
    ),
    pytest.param(
        answers(DAILY, signs(2), sedatives="daily", last_use="4_10d"),
        "inpatient_detox",
        "withdrawal_sedatives",
        id="r6-window-4-10d-inside",
    ),
    pytest.param(
        answers(DAILY, signs(2), sedatives="daily", last_use="11_90d"),
        "outpatient",
        "baseline_outpatient",
        id="r6-window-11-90d-outside",
    ),
    pytest.param(
        answers(DAILY, signs(2), sedatives="daily", use_days="10-19"),
        "outpatient",
        "baseline_outpatient",
        id="r6-needs-daily-use",
    ),
    # Rule 7: severity baseline
    pytest.param(
        answers(USING, signs(1)),
        "early_intervention",
        "baseline_early_intervention",
        id="r7-none-with-use",
    ),
    pytest.param(answers(USING, signs(3)), "outpatient", "baseline_outpatient", id="r7-mild"),
    pytest.param(answers(USING, signs(5)), "iop", "baseline_iop", id="r7-moderate"),
    pytest.param(answers(USING, signs(6)), "iop", "baseline_iop", id="r7-severe"),
    pytest.param(answers(signs(0)), "none", "no_use_found", id="r7-none-without-use"),
    # Rule 8: escalation
    pytest.param(answers(USING, signs(6), risks(0)), "iop", "baseline_iop", id="r8-severe-0"),
    pytest.param(answers(USING, signs(6), risks(1)), "php", "escalation_php", id="r8-severe-1"),
    pytest.param(
        answers(USING, signs(6), risks(2)),
        "residential",
        "escalation_residential",
        id="r8-severe-2",
    ),
    pytest.param(answers(USING, signs(4), risks(1)), "iop", "baseline_iop", id="r8-moderate-1"),
    pytest.param(answers(USING, signs(4), risks(2)), "php", "escalation_php", id="r8-moderate-2"),
    pytest.param(
        answers(USING, signs(2), risks(2)), "outpatient", "baseline_outpatient", id="r8-mild-2"
    ),
    pytest.param(answers(USING, signs(2), risks(3)), "iop", "escalation_iop", id="r8-mild-3"),
    pytest.param(
        answers(USING, signs(1), risks(6)),
        "early_intervention",
        "baseline_early_intervention",
        id="r8-none-never-escalates",
    ),
    # Highest finding wins, never an average
    pytest.param(
        answers(DAILY, signs(6), risks(2), wd_severity="severe"),
        "inpatient_detox",
        "withdrawal_severe",
        id="highest-detox-over-residential",
    ),
    pytest.param(
        answers(DAILY, signs(6), risks(2)),
        "residential",
        "escalation_residential",
        id="highest-residential-over-managed-withdrawal",
    ),
]


@pytest.mark.parametrize(("given", "level", "code"), LEVEL_CASES)
def test_care_level(given, level, code):
    result = assess(given)
    assert result.care_level == level
    assert result.base_care_level == level
    assert code in codes(result)


@pytest.mark.parametrize("risk_id", list(RISK_ANSWERS))
def test_each_risk_counts_for_escalation(risk_id):
    result = assess(answers(USING, signs(6), {risk_id: RISK_ANSWERS[risk_id]}))
    assert result.care_level == "php"
    escalation = next(r for r in result.reasons if r.code == "escalation_php")
    assert escalation.answer_ids == (risk_id,)


@pytest.mark.parametrize(
    ("risk_id", "safe_value"),
    [
        ("housing", "stable"),
        ("home_use", "no"),
        ("support", "yes"),
        ("prior_treatment", "program"),
        ("overdose_past_year", "unknown"),
        ("mental_health", "no"),
    ],
)
def test_other_answers_are_not_risks(risk_id, safe_value):
    assert assess(answers(USING, signs(6), {risk_id: safe_value})).care_level == "iop"


def test_the_care_level_reason_names_the_deciding_answers():
    result = assess(answers(DAILY, signs(6), risks(2), sedatives="daily"))
    summary = next(r for r in result.reasons if r.code == "care_level")
    assert "medically supervised detox" in summary.text
    assert summary.answer_ids == ("sedatives", "use_days", "last_use")


# --- Rule 2: emergency, and red flags ---------------------------------------


@pytest.mark.parametrize(
    ("given", "flags"),
    [
        pytest.param(answers(mode="family", overdose_now="yes"), ("overdose_now",), id="overdose"),
        pytest.param(answers(suicidal="now"), ("suicidal_now",), id="suicidal-now"),
        pytest.param(
            answers(mode="family", overdose_now="yes", suicidal="now"),
            ("overdose_now", "suicidal_now"),
            id="both",
        ),
    ],
)
def test_emergency_answers(given, flags):
    result = assess(given)
    assert result.emergency is True
    assert result.care_level == "emergency"
    assert result.red_flags == flags
    assert result.directory_filters == ()
    assert [r.code for r in result.reasons[: len(flags)]] == list(flags)


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(answers(suicidal="past_month"), id="suicidal-past-month"),
        pytest.param(answers(suicidal="no", mode="family", overdose_now="no"), id="all-no"),
    ],
)
def test_no_emergency(given):
    result = assess(given)
    assert result.emergency is False
    assert result.care_level != "emergency"
    assert result.red_flags == ()


def test_past_month_suicidal_thoughts_point_to_988():
    result = assess(answers(suicidal="past_month"))
    reason = next(r for r in result.reasons if r.code == "suicidal_past_month")
    assert "988" in reason.text


def test_emergency_keeps_the_rest_of_the_assessment():
    result = assess(
        answers(DAILY, signs(7), risks(2), mode="family", overdose_now="yes", last_use="11_90d")
    )
    assert result.care_level == "emergency"
    assert result.base_care_level == "residential"
    assert result.severity == "severe"
    assert result.medication is True
    assert result.harm_reduction is True
    assert result.directory_filters == ()
    summary = next(r for r in result.reasons if r.code == "care_level")
    assert summary.text.startswith("Once your loved one is safe")


@pytest.mark.parametrize(
    ("urgent", "use_days", "flagged", "level"),
    [
        pytest.param(["fever_injection"], "20-30", True, "inpatient_detox", id="fever-daily"),
        pytest.param(["skin"], "20-30", True, "inpatient_detox", id="skin-daily"),
        pytest.param(["chest", "skin"], "20-30", True, "inpatient_detox", id="two-signs-daily"),
        pytest.param(["chest"], "10-19", True, "outpatient", id="chest-not-daily"),
        pytest.param(["none"], "20-30", False, "outpatient", id="none-daily"),
        pytest.param([], "20-30", False, "outpatient", id="empty-daily"),
    ],
)
def test_urgent_medical(urgent, use_days, flagged, level):
    # Last use 11–90 days ago keeps rule 6 out of the way.
    result = assess(
        answers(USING, signs(2), medical_urgent=urgent, use_days=use_days, last_use="11_90d")
    )
    assert ("medical_urgent" in result.red_flags) is flagged
    assert result.emergency is False
    assert result.care_level == level


def test_urgent_medical_red_flag_still_shows_when_recovery_settles_the_level():
    result = assess(answers(NO_USE, signs(2), medical_urgent=["skin"]))
    assert result.care_level == "aftercare"
    assert result.red_flags == ("medical_urgent",)


# --- Rule 9: medication, pregnancy ------------------------------------------


@pytest.mark.parametrize(
    ("given", "medication", "code"),
    [
        pytest.param(answers(USING, signs(3)), False, None, id="mild-no"),
        pytest.param(answers(USING, signs(4)), True, "medication_severity", id="moderate"),
        pytest.param(answers(USING, signs(6)), True, "medication_severity", id="severe"),
        pytest.param(
            answers(USING, signs(2), pregnant="yes"),
            True,
            "medication_pregnancy",
            id="pregnant-mild",
        ),
        pytest.param(
            answers(USING, signs(1), pregnant="yes"), False, None, id="pregnant-without-2-signs"
        ),
        pytest.param(
            answers(DAILY, signs(0), sedatives="daily"),
            True,
            "medication_level",
            id="detox-level",
        ),
        pytest.param(
            answers(DAILY, signs(2)),
            True,
            "medication_withdrawal",
            id="managed-withdrawal-with-signs",
        ),
        pytest.param(
            answers(DAILY, signs(1)),
            False,
            None,
            id="managed-withdrawal-without-signs",
        ),
        pytest.param(
            answers(NO_USE, signs(6)),
            True,
            "medication_severity",
            id="recovery-severe",
        ),
    ],
)
def test_medication(given, medication, code):
    result = assess(given)
    assert result.medication is medication
    medication_codes = [c for c in codes(result) if c.startswith("medication_")]
    assert medication_codes == ([code] if code else [])


def test_residential_always_comes_with_medication():
    # Severe with two risks is residential, and severe already means medication; the
    # level reason is there too, so detox or a stay is never the whole answer.
    result = assess(answers(USING, signs(6), risks(2)))
    assert result.care_level == "residential"
    assert {"medication_severity", "medication_level"} <= set(codes(result))


def test_pregnancy_with_withdrawal_is_a_red_flag_with_medication():
    result = assess(answers(DAILY, signs(2), pregnant="yes"))
    assert result.red_flags == ("pregnant_withdrawal",)
    assert result.care_level == "inpatient_detox"
    assert result.medication is True
    assert result.directory_filters == ("detox", "medication")


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(answers(USING, signs(2), pregnant="yes"), id="not-daily"),
        pytest.param(answers(DAILY, signs(2), pregnant="yes", last_use="11_90d"), id="not-recent"),
        pytest.param(answers(DAILY, signs(2), pregnant="unknown"), id="pregnancy-unknown"),
    ],
)
def test_no_pregnancy_red_flag_without_recent_daily_use(given):
    assert "pregnant_withdrawal" not in assess(given).red_flags


# --- Rule 10: harm reduction; rule 11: readiness ----------------------------


@pytest.mark.parametrize(
    ("use", "harm_reduction"),
    [
        pytest.param({"last_use": "under_6h"}, True, id="under-6h"),
        pytest.param({"last_use": "11_90d"}, True, id="11-90d-inside"),
        pytest.param({"last_use": "over_90d"}, False, id="over-90d-outside"),
        pytest.param({"last_use": "unknown"}, False, id="last-use-unknown"),
        pytest.param({"last_use": "over_90d", "use_days": "1-3"}, True, id="use-days-answered"),
        pytest.param({"last_use": "unknown", "use_days": "0"}, False, id="use-days-0"),
        pytest.param({"opioids": ["heroin"]}, False, id="past-year-only"),
    ],
)
def test_harm_reduction(use, harm_reduction):
    result = assess(answers(signs(2), use))
    assert result.harm_reduction is harm_reduction
    assert ("harm_reduction" in codes(result)) is harm_reduction


@pytest.mark.parametrize("given", [answers(USING, signs(6), risks(2)), answers(DAILY, signs(3))])
def test_readiness_never_lowers_the_level(given):
    readiness = ("not_now", "thinking", "ready")
    levels = {assess({**given, "readiness": r}).care_level for r in readiness}
    assert len(levels) == 1
    not_now = assess({**given, "readiness": "not_now"})
    assert "readiness_not_now" in codes(not_now)
    assert not_now.harm_reduction is True


# --- Rule 12: family mode ---------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(answers(USING, signs(6), risks(2)), id="residential"),
        pytest.param(answers(DAILY, signs(2), pregnant="yes"), id="pregnant-detox"),
        pytest.param(answers(NO_USE, signs(3)), id="recovery"),
        pytest.param(answers(USING, signs(1)), id="early-intervention"),
    ],
)
def test_family_mode_gives_the_same_level_with_family_support(given):
    own = assess(given)
    family = assess({**given, "mode": "family"})
    assert (family.care_level, family.medication, family.red_flags) == (
        own.care_level,
        own.medication,
        own.red_flags,
    )
    assert "family_support" in codes(family)
    assert "family_support" not in codes(own)


# --- directory filters (spec §2) --------------------------------------------


@pytest.mark.parametrize(
    ("given", "level", "filters"),
    [
        pytest.param(
            answers(DAILY, signs(0), sedatives="daily"),
            "inpatient_detox",
            ("detox", "medication"),
            id="detox",
        ),
        pytest.param(
            answers(USING, signs(6), risks(2)),
            "residential",
            ("residential", "medication"),
            id="residential",
        ),
        pytest.param(answers(USING, signs(4), risks(2)), "php", ("php", "medication"), id="php"),
        pytest.param(answers(USING, signs(2), risks(3)), "iop", ("iop",), id="iop-mild"),
        pytest.param(answers(USING, signs(2)), "outpatient", ("outpatient",), id="outpatient"),
        pytest.param(
            answers(USING, signs(0)), "early_intervention", ("outpatient",), id="early-intervention"
        ),
        pytest.param(answers(NO_USE, signs(2)), "aftercare", ("aftercare",), id="aftercare"),
        pytest.param(
            answers(NO_USE, signs(4)),
            "aftercare",
            ("aftercare", "medication"),
            id="aftercare-medication",
        ),
        pytest.param(answers(NO_USE, signs(0)), "none", (), id="none"),
        pytest.param(answers(USING, signs(6), suicidal="now"), "emergency", (), id="emergency"),
    ],
)
def test_directory_filters(given, level, filters):
    result = assess(given)
    assert result.care_level == level
    assert result.directory_filters == filters


# --- Reasons ----------------------------------------------------------------

SAMPLES = [
    answers(USING, signs(6), risks(2), suicidal="past_month", readiness="not_now"),
    answers(DAILY, signs(3), pregnant="yes", medical_urgent=["fever_injection"]),
    answers(DAILY, {**signs(2), "c10": "yes"}, prescribed_only="yes", wd_severity="severe"),
    answers(NO_USE, {"c4": "yes"}, in_treatment="now", wd_symptoms=["craving"]),
    answers(NO_USE, signs(0)),
    answers(suicidal="now"),
]


@pytest.mark.parametrize("mode", ["self", "family"])
@pytest.mark.parametrize("given", SAMPLES)
def test_reasons_are_plain_single_sentences_that_never_diagnose(given, mode):
    result = assess({**given, "mode": mode})
    assert result.reasons
    for reason in result.reasons:
        assert reason.code.isidentifier() and reason.code == reason.code.lower()
        assert reason.text[0].isupper() and reason.text.endswith(".")
        assert ". " not in reason.text, f"{reason.code} is more than one sentence"
        assert len(reason.text.split()) <= 40, f"{reason.code} is too long"
        assert "disorder" not in reason.text and "diagnos" not in reason.text
        assert set(reason.answer_ids) <= set(given) | {"mode"}
        if mode == "self":
            assert "loved one" not in reason.text
    if mode == "family":
        severity = [r for r in result.reasons if r.code.startswith("severity_")]
        assert all("your loved one shows at least" in r.text for r in severity)


@pytest.mark.parametrize("given", SAMPLES)
def test_every_output_is_explained(given):
    result = assess(given)
    found = codes(result)
    assert any(c.startswith("severity_") or c == "criteria_not_answered" for c in found)
    for flag in result.red_flags:
        assert flag in found
    if result.medication:
        assert any(c.startswith("medication_") for c in found)
    if result.harm_reduction:
        assert "harm_reduction" in found
    level_codes = {"care_level", "no_use", "no_use_found", "recovery"}
    assert level_codes & set(found)


def test_reasons_come_in_a_stable_order():
    result = assess(
        answers(DAILY, signs(6), risks(1), suicidal="now", medical_urgent=["skin"], pregnant="yes")
    )
    assert codes(result) == [
        "suicidal_now",
        "medical_urgent",
        "severity_severe",
        "medical_urgent_daily_use",
        "pregnant_withdrawal",
        "baseline_iop",
        "escalation_php",
        "care_level",
        "medication_severity",
        "medication_pregnancy",
        "medication_level",
        "medication_withdrawal",
        "harm_reduction",
    ]


def test_to_dict_has_every_output_field():
    data = assess(answers(USING, signs(4))).to_dict()
    assert data["rules_version"] == RULES_VERSION
    assert data["reasons"][0] == {
        "code": "severity_moderate",
        "text": "Your answers match 4 of the 11 signs of an opioid problem, "
        "which is in the moderate range.",
        "answer_ids": ["c1", "c2", "c3", "c4"],
    }
    assert set(data) >= {
        "mode",
        "criteria_met",
        "criteria_unknown",
        "severity",
        "emergency",
        "red_flags",
        "care_level",
        "base_care_level",
        "medication",
        "harm_reduction",
        "reasons",
        "directory_filters",
        "rules_version",
    }


# --- Validation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        pytest.param({}, "mode", "required", id="mode-missing"),
        pytest.param({"mode": "friend"}, "mode", "'friend' is not an allowed", id="mode-bad"),
        pytest.param(answers(colour="blue"), "colour", "Unknown question id", id="unknown-id"),
        pytest.param(answers(use_days="31"), "use_days", "'31' is not an allowed", id="bad-value"),
        pytest.param(answers(use_days=0), "use_days", "as a string", id="number-not-string"),
        pytest.param(answers(use_days=None), "use_days", "as a string", id="null"),
        pytest.param(answers(injects=["yes"]), "injects", "not a list", id="single-as-list"),
        pytest.param(answers(opioids="heroin"), "opioids", "a list", id="checkbox-as-string"),
        pytest.param(answers(opioids=["beer"]), "opioids", "'beer'", id="checkbox-bad-item"),
        pytest.param(answers(opioids=[1]), "opioids", "Not allowed: 1", id="checkbox-non-string"),
        pytest.param(answers(opioids=["none"]), "opioids", "'none'", id="opioids-none-is-empty"),
        pytest.param(
            answers(medical_urgent=["none", "chest"]),
            "medical_urgent",
            "'none' cannot be combined",
            id="medical-none-combined",
        ),
        pytest.param(answers(c3="unknown"), "c3", "only allowed when", id="unknown-in-self-mode"),
        pytest.param({"c3": "unknown"}, "c3", "only allowed when", id="unknown-without-mode"),
        pytest.param(answers(c3="maybe"), "c3", "'maybe'", id="criterion-bad-value"),
    ],
)
def test_validation_names_the_bad_field(given, field, message):
    with pytest.raises(AnswerError) as raised:
        assess(given)
    assert field in raised.value.errors
    assert message in raised.value.errors[field]


def test_validation_collects_every_problem():
    with pytest.raises(AnswerError) as raised:
        validate({"colour": "blue", "use_days": "31", "opioids": "heroin", "c1": "unknown"})
    assert set(raised.value.errors) == {"mode", "colour", "use_days", "opioids", "c1"}
    assert "use_days" in str(raised.value)


@pytest.mark.parametrize("given", [None, "self", ["mode", "self"], 42])
def test_answers_must_be_a_mapping(given):
    with pytest.raises(AnswerError) as raised:
        validate(given)
    assert list(raised.value.errors) == ["__all__"]


def test_validate_returns_a_clean_copy_with_lists_deduplicated():
    given = answers(
        opioids=["pills", "heroin", "pills"], wd_symptoms=[], c3="yes", medical_urgent=("none",)
    )
    assert validate(given) == {
        "mode": "self",
        "opioids": ["heroin", "pills"],
        "wd_symptoms": [],
        "c3": "yes",
        "medical_urgent": ["none"],
    }
    assert given["opioids"] == ["pills", "heroin", "pills"]


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(answers(mode="family", c1="unknown"), id="family-unknown-criterion"),
        pytest.param(answers(opioids=[], wd_symptoms=[]), id="empty-checkboxes-mean-none"),
        pytest.param(answers(injects="unknown", pregnant="na"), id="other-unknowns-any-mode"),
        pytest.param(answers(mode="family", prescribed_only="yes"), id="prescribed-only-family"),
    ],
)
def test_valid_answers_are_accepted(given):
    assert validate(given) == given
    assess(given)
