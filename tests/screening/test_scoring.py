"""The scoring rules of clinical spec §1–3 (rules 2026.12), one table row per rule,
threshold edge and *[2026.12]* change. Each row is a persona-like answer set."""

import pytest

from screening.scoring import (
    CARE_LEVELS,
    REASON_CODES,
    REASON_ROLES,
    RED_FLAGS,
    RULES_VERSION,
    AnswerError,
    assess,
    validate,
)

# --- Answer builders --------------------------------------------------------


def signs(n: int, *, rest: str = "no") -> dict[str, str]:
    """c1…cn answered yes, the others `rest`."""
    return {f"c{i}": "yes" if i <= n else rest for i in range(1, 12)}


SELF = {"mode": "self"}
FAMILY = {"mode": "family"}
USING = {"opioids": ["heroin"], "use_days": "4-9", "last_use": "1_3d"}  # some use, not daily
PILLS = {"opioids": ["pills"], "use_days": "4-9", "last_use": "1_3d"}
DAILY = {"opioids": ["fentanyl"], "use_days": "20-30", "last_use": "6_24h"}
NO_USE = {"opioids": [], "use_days": "0", "last_use": "over_90d"}
# Over 90 days without opioids, after using heroin earlier in the year.
RECOVERING = {"opioids": ["heroin"], "use_days": "0", "last_use": "over_90d"}
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


def codes(result, role: str | None = None) -> list[str]:
    return [reason.code for reason in result.reasons if role is None or reason.role == role]


def reason(result, code: str):
    return next(r for r in result.reasons if r.code == code)


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
    assert f"severity_{severity}" in codes(result, "considered")
    assert reason(result, f"severity_{severity}").params["met"] == met


@pytest.mark.parametrize(
    ("use", "extra", "met", "code"),
    [
        pytest.param(PILLS, {"prescribed_only": "yes"}, 2, "supervision_rule", id="pills-only"),
        pytest.param(
            {**PILLS, "opioids": []}, {"prescribed_only": "yes"}, 2, "supervision_rule", id="none"
        ),
        pytest.param(PILLS, {"prescribed_only": "no"}, 4, None, id="not-prescribed-counts-all"),
        pytest.param(PILLS, {}, 4, None, id="unanswered-counts-all"),
        pytest.param(PILLS, {"mode": "family", "prescribed_only": "yes"}, 4, None, id="family"),
        # [2026.12] Heroin, fentanyl or other opioids: the rule does not apply, and says so.
        pytest.param(
            USING, {"prescribed_only": "yes"}, 4, "supervision_not_applied", id="2026.12-heroin"
        ),
        pytest.param(
            {**PILLS, "opioids": ["fentanyl", "pills"]},
            {"prescribed_only": "yes"},
            4,
            "supervision_not_applied",
            id="2026.12-pills-and-fentanyl",
        ),
        pytest.param(
            {**PILLS, "opioids": ["other"]},
            {"prescribed_only": "yes"},
            4,
            "supervision_not_applied",
            id="2026.12-other",
        ),
    ],
)
def test_supervision_rule(use, extra, met, code):
    crit = {**signs(2), "c10": "yes", "c11": "yes"}
    result = assess(answers(use, crit, extra))
    assert result.criteria_met == met
    found = {"supervision_rule", "supervision_not_applied"} & set(codes(result))
    assert found == ({code} if code else set())
    if code == "supervision_not_applied":
        ticked = [o for o in ("heroin", "fentanyl", "other") if o in use["opioids"]]
        assert reason(result, code).params["opioids"] == tuple(ticked)


def test_supervision_rule_changes_severity_and_medication():
    crit = {**signs(4), "c10": "yes", "c11": "yes"}  # 6 signs, 4 without c10/c11
    supervised = assess(answers(PILLS, crit, prescribed_only="yes"))
    assert (supervised.severity, supervised.care_level) == ("moderate", "iop")
    unsupervised = assess(answers(PILLS, crit, prescribed_only="no"))
    assert (unsupervised.severity, unsupervised.care_level) == ("severe", "iop")


def test_family_unknowns_count_as_unknown_not_met():
    crit = {**signs(2), "c3": "unknown", "c4": "unknown", "c5": "unknown"}
    result = assess(answers(USING, crit, mode="family"))
    assert result.criteria_met == 2
    assert result.criteria_unknown == 3
    assert result.severity == "mild"
    unknown = reason(result, "criteria_unknown")
    assert unknown.answer_ids == ("c3", "c4", "c5")
    assert unknown.params == {"unknown": 3}


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
    severity = reason(result, "severity_mild")
    assert severity.params == {"met": 3, "counted": 11, "at_least": lower_bound}
    assert severity.answer_ids == ("c1", "c2", "c3")


def test_unanswered_criteria_are_not_counted_as_no_answers():
    result = assess(answers(USING))
    assert (result.criteria_met, result.criteria_unknown) == (0, 0)
    assert "criteria_not_answered" in codes(result)
    assert not any(code.startswith("severity_") for code in codes(result))


# --- Care level: rules 3–8, one deciding reason -----------------------------

# (answers, base care level, the deciding reason's code)
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
        answers(NO_USE, signs(2), last_use="unknown"), "outpatient", "baseline", id="r4-2-signs"
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
    pytest.param(
        answers(NO_USE, signs(0), in_treatment="medication_now"),
        "aftercare",
        "recovery",
        id="2026.12-r4-not-on-medication-now",
    ),
    pytest.param(
        answers(NO_USE, signs(0), last_use="unknown", in_treatment="medication_now"),
        "aftercare",
        "on_medication",
        id="2026.12-r4-on-medication-is-never-none",
    ),
    # Rule 5: recovery
    pytest.param(answers(NO_USE, signs(2)), "aftercare", "recovery", id="r5-2-signs"),
    pytest.param(
        answers(RECOVERING, signs(0), in_treatment="now"),
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
        answers(RECOVERING, signs(1), in_treatment="medication_now"),
        "aftercare",
        "recovery",
        id="2026.12-r5-medication-now",
    ),
    pytest.param(
        answers(RECOVERING, signs(1), in_treatment="none"),
        "early_intervention",
        "baseline_early_intervention",
        id="r5-1-sign-no-treatment-is-not-recovery",
    ),
    pytest.param(
        answers(RECOVERING, {"c4": "yes"}, in_treatment="now"),
        "aftercare",
        "recovery",
        id="r5-craving-only-stays-in-recovery",
    ),
    pytest.param(
        answers(NO_USE, signs(8), risks(6)),
        "aftercare",
        "recovery",
        id="r5-settles-over-severity-and-risks",
    ),
    pytest.param(
        answers(NO_USE, signs(2), last_use="11_90d"), "outpatient", "baseline", id="r5-over-90d"
    ),
    # Rule 3: urgent medical
    pytest.param(
        answers(DAILY, signs(2), last_use="11_90d", medical_urgent=["skin"]),
        "inpatient_detox",
        "medical_urgent_daily_use",
        id="r3-urgent-with-daily-use",
    ),
    pytest.param(
        answers(DAILY, signs(2), last_use="11_90d", medical_urgent=["fever_injection"]),
        "inpatient_detox",
        "medical_urgent_daily_use",
        id="r3-fever-with-daily-use",
    ),
    pytest.param(
        answers(USING, signs(2), medical_urgent=["skin"]),
        "outpatient",
        "baseline",
        id="r3-urgent-without-daily-use",
    ),
    pytest.param(
        answers(DAILY, signs(2), last_use="11_90d", medical_urgent=["chest"]),
        "outpatient",
        "baseline",
        id="2026.12-r3-chest-is-an-emergency-not-detox",
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
        answers(DAILY, signs(2), sedatives="daily", use_days="10-19"),
        "inpatient_detox",
        "withdrawal_sedatives",
        id="2026.12-r6-sedatives-with-any-use-days",
    ),
    pytest.param(
        answers(USING, signs(0), sedatives="daily"),
        "inpatient_detox",
        "withdrawal_sedatives",
        id="2026.12-r6-sedatives-with-occasional-use",
    ),
    pytest.param(
        answers(signs(0), use_days="0", last_use="4_10d", complicated_withdrawal="yes"),
        "inpatient_detox",
        "withdrawal_complicated",
        id="2026.12-r6-complicated-use-days-0-used-last-week",
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
        "baseline",
        id="r6-window-11-90d-flag-only",
    ),
    pytest.param(
        answers(DAILY, signs(2), wd_severity="severe", use_days="10-19"),
        "outpatient",
        "baseline",
        id="r6-severe-withdrawal-needs-daily-use",
    ),
    pytest.param(
        answers(DAILY, signs(2), pregnant="yes"),
        "outpatient",
        "baseline",
        id="2026.12-r6-pregnancy-no-longer-detox",
    ),
    pytest.param(
        answers(USING, signs(0), pregnant="yes"),
        "outpatient",
        "pregnant_care",
        id="2026.12-r6-pregnancy-at-least-outpatient",
    ),
    pytest.param(
        answers(USING, signs(0), pregnant="postpartum"),
        "outpatient",
        "pregnant_care",
        id="2026.12-r6-postpartum-at-least-outpatient",
    ),
    pytest.param(
        answers(USING, signs(5), pregnant="unknown"),
        "iop",
        "baseline",
        id="2026.12-r6-pregnancy-never-lowers",
    ),
    pytest.param(
        answers(RECOVERING, signs(3), pregnant="yes"),
        "aftercare",
        "recovery",
        id="2026.12-r6-pregnancy-in-recovery-stays-aftercare",
    ),
    pytest.param(
        answers(
            DAILY,
            signs(2),
            sedatives="sometimes",
            complicated_withdrawal="unknown",
            wd_severity="moderate",
        ),
        "outpatient",
        "baseline",
        id="r6-no-trigger-stays-at-baseline",
    ),
    # Rule 7: severity baseline
    pytest.param(
        answers(USING, signs(1)),
        "early_intervention",
        "baseline_early_intervention",
        id="r7-none-with-use",
    ),
    pytest.param(answers(USING, signs(3)), "outpatient", "baseline", id="r7-mild"),
    pytest.param(answers(USING, signs(5)), "iop", "baseline", id="r7-moderate"),
    pytest.param(answers(USING, signs(6)), "iop", "baseline", id="r7-severe"),
    pytest.param(answers(signs(0)), "none", "no_use_found", id="r7-none-without-use"),
    # Rule 8: escalation
    pytest.param(answers(USING, signs(6), risks(0)), "iop", "baseline", id="r8-severe-0"),
    pytest.param(answers(USING, signs(6), risks(1)), "php", "escalation", id="r8-severe-1"),
    pytest.param(answers(USING, signs(6), risks(2)), "residential", "escalation", id="r8-severe-2"),
    pytest.param(answers(USING, signs(4), risks(1)), "iop", "baseline", id="r8-moderate-1"),
    pytest.param(answers(USING, signs(4), risks(2)), "php", "escalation", id="r8-moderate-2"),
    pytest.param(answers(USING, signs(2), risks(2)), "outpatient", "baseline", id="r8-mild-2"),
    pytest.param(answers(USING, signs(2), risks(3)), "iop", "escalation", id="r8-mild-3"),
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
        "escalation",
        id="highest-residential-over-managed-withdrawal",
    ),
    pytest.param(
        answers(DAILY, signs(7), risks(2), sedatives="daily", wd_severity="severe"),
        "inpatient_detox",
        "withdrawal_sedatives",
        id="tie-goes-to-the-first-rule",
    ),
]


@pytest.mark.parametrize(("given", "level", "deciding"), LEVEL_CASES)
def test_care_level(given, level, deciding):
    result = assess(given)
    assert result.base_care_level == level
    assert result.care_level == ("emergency" if result.emergency else level)
    assert result.deciding_reason == deciding
    assert codes(result, "deciding") == [deciding]
    assert result.deciding.params["care_level"] == level


@pytest.mark.parametrize(("given", "level", "deciding"), LEVEL_CASES)
def test_only_the_deciding_reason_names_a_care_level(given, level, deciding):
    result = assess(given)
    for other in result.reasons:
        if other.role == "deciding":
            continue
        # medication_level names the same level, to say what goes with it.
        assert other.params.get("care_level") in (None, level), other.code
        assert other.role in REASON_ROLES


def test_the_contradictory_severe_case_now_has_one_answer():
    # Before: "intensive outpatient", then "residential", then "the best fit is detox".
    result = assess(answers(DAILY, signs(7), risks(2), sedatives="daily"))
    assert result.care_level == "inpatient_detox"
    assert result.deciding_reason == "withdrawal_sedatives"
    assert result.deciding.answer_ids == ("sedatives", "last_use")
    assert "escalation" not in codes(result) and "baseline" not in codes(result)
    assert {"severity_severe", "risks"} <= set(codes(result, "considered"))
    assert reason(result, "risks").params == {"risks": ("housing", "home_use"), "count": 2}


@pytest.mark.parametrize("risk_id", list(RISK_ANSWERS))
def test_each_risk_counts_for_escalation(risk_id):
    result = assess(answers(USING, signs(6), {risk_id: RISK_ANSWERS[risk_id]}))
    assert result.care_level == "php"
    escalation = result.deciding
    assert escalation.code == "escalation"
    assert escalation.params["risks"] == (risk_id,)
    assert escalation.answer_ids[0] == risk_id


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


def test_risks_that_do_not_change_the_level_are_also_considered():
    result = assess(answers(USING, signs(2), risks(2)))
    assert result.care_level == "outpatient"
    assert reason(result, "risks").role == "considered"


def test_withdrawal_is_managed_within_the_level_when_nothing_needs_detox():
    result = assess(answers(DAILY, signs(3)))
    assert result.care_level == "outpatient"
    assert "withdrawal_managed" in codes(result, "considered")
    detox = assess(answers(DAILY, signs(3), wd_severity="severe"))
    assert "withdrawal_managed" not in codes(detox)


def test_a_second_detox_finding_is_also_considered_without_naming_the_level():
    result = assess(answers(DAILY, signs(2), sedatives="daily", wd_severity="severe"))
    assert result.deciding_reason == "withdrawal_sedatives"
    severe = reason(result, "withdrawal_severe")
    assert severe.role == "considered" and "care_level" not in severe.params


# --- Rule 2: emergency, and red flags ---------------------------------------


@pytest.mark.parametrize(
    ("given", "flags"),
    [
        pytest.param(answers(mode="family", overdose_now="yes"), ("overdose_now",), id="overdose"),
        pytest.param(answers(suicidal="now"), ("suicidal_now",), id="suicidal-now"),
        pytest.param(
            answers(medical_urgent=["chest"]), ("medical_emergency",), id="2026.12-chest-is-911"
        ),
        pytest.param(
            answers(mode="family", overdose_now="yes", suicidal="now"),
            ("overdose_now", "suicidal_now"),
            id="both",
        ),
        pytest.param(
            answers(suicidal="now", medical_urgent=["skin", "chest"]),
            ("suicidal_now", "medical_emergency", "medical_urgent"),
            id="2026.12-chest-and-skin",
        ),
    ],
)
def test_emergency_answers(given, flags):
    result = assess(given)
    assert result.emergency is True
    assert result.care_level == "emergency"
    assert result.red_flags == flags
    assert result.directory_filters == ()
    assert codes(result)[: len(flags)] == list(flags)
    assert all(r.role == "safety" for r in result.reasons[: len(flags)])


def test_red_flags_come_most_urgent_first():
    everything = answers(
        USING,
        signs(3),
        mode="family",
        overdose_now="yes",
        suicidal="now",
        medical_urgent=["fever_injection", "chest"],
        sedatives="daily",
        pregnant="postpartum",
    )
    assert assess(everything).red_flags == RED_FLAGS
    assert RED_FLAGS == (
        "overdose_now",
        "suicidal_now",
        "medical_emergency",
        "medical_urgent",
        "sedatives",
        "pregnant",
    )


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(answers(suicidal="past_month"), id="suicidal-past-month"),
        pytest.param(answers(suicidal="no", mode="family", overdose_now="no"), id="all-no"),
        pytest.param(answers(medical_urgent=["none"]), id="medical-none"),
    ],
)
def test_no_emergency(given):
    result = assess(given)
    assert result.emergency is False
    assert result.care_level != "emergency"
    assert result.red_flags == ()


def test_past_month_suicidal_thoughts_come_with_988_first():
    result = assess(answers(USING, signs(2), suicidal="past_month"))
    assert result.reasons[0].code == "suicidal_past_month"
    assert result.reasons[0].role == "safety"


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
    assert result.deciding.code == "escalation"
    assert result.deciding.params["emergency"] is True


@pytest.mark.parametrize(
    ("urgent", "use_days", "flagged", "level"),
    [
        pytest.param(["fever_injection"], "20-30", True, "inpatient_detox", id="fever-daily"),
        pytest.param(["skin"], "20-30", True, "inpatient_detox", id="skin-daily"),
        pytest.param(["fever_injection", "skin"], "20-30", True, "inpatient_detox", id="both"),
        pytest.param(["skin"], "10-19", True, "outpatient", id="skin-not-daily"),
        pytest.param(["chest"], "20-30", False, "outpatient", id="2026.12-chest-not-urgent"),
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
    assert result.base_care_level == level
    if flagged:
        signs_named = tuple(s for s in ("fever_injection", "skin") if s in urgent)
        assert reason(result, "medical_urgent").params == {"signs": signs_named}


def test_urgent_medical_red_flag_still_shows_when_recovery_settles_the_level():
    result = assess(answers(NO_USE, signs(2), medical_urgent=["skin"]))
    assert result.care_level == "aftercare"
    assert result.red_flags == ("medical_urgent",)


# --- Rule 6 [2026.12]: the sedatives red flag -------------------------------


@pytest.mark.parametrize(
    ("given", "flagged", "level"),
    [
        pytest.param(
            answers(USING, signs(0), sedatives="daily"), True, "inpatient_detox", id="10d"
        ),
        pytest.param(
            answers(USING, signs(0), complicated_withdrawal="yes"),
            True,
            "inpatient_detox",
            id="complicated-10d",
        ),
        pytest.param(
            answers(USING, signs(0), sedatives="daily", last_use="11_90d"),
            True,
            "early_intervention",
            id="90d-flag-only",
        ),
        pytest.param(
            answers(USING, signs(0), sedatives="daily", last_use="over_90d"),
            False,
            "early_intervention",
            id="over-90d-no-flag",
        ),
        pytest.param(
            answers(USING, signs(0), sedatives="daily", last_use="unknown"),
            False,
            "early_intervention",
            id="last-use-unknown-no-flag",
        ),
        pytest.param(
            answers(USING, signs(0), sedatives="sometimes", complicated_withdrawal="unknown"),
            False,
            "early_intervention",
            id="sometimes-no-flag",
        ),
    ],
)
def test_sedatives(given, flagged, level):
    result = assess(given)
    assert ("sedatives" in result.red_flags) is flagged
    assert result.base_care_level == level
    if flagged:
        flag = reason(result, "sedatives")
        assert flag.role == "safety"
        assert flag.params == {
            "daily": given.get("sedatives") == "daily",
            "complicated": given.get("complicated_withdrawal") == "yes",
        }


# --- Rule 6 [2026.12]: pregnancy --------------------------------------------


@pytest.mark.parametrize(
    ("given", "flagged"),
    [
        pytest.param(answers(USING, signs(2), pregnant="yes"), True, id="pregnant"),
        pytest.param(answers(USING, signs(0), pregnant="postpartum"), True, id="postpartum"),
        pytest.param(answers(USING, signs(1), pregnant="unknown"), True, id="maybe-pregnant"),
        pytest.param(answers(DAILY, signs(2), pregnant="yes"), True, id="daily"),
        pytest.param(answers(RECOVERING, signs(3), pregnant="yes"), True, id="in-recovery"),
        pytest.param(answers(NO_USE, signs(0), pregnant="yes"), False, id="no-use"),
        pytest.param(answers(USING, signs(2), pregnant="no"), False, id="not-pregnant"),
        pytest.param(answers(USING, signs(2), pregnant="na"), False, id="does-not-apply"),
    ],
)
def test_pregnancy(given, flagged):
    result = assess(given)
    assert ("pregnant" in result.red_flags) is flagged
    assert ("PW" in result.directory_groups) is flagged
    assert "pregnant_withdrawal" not in result.red_flags  # retired in 2026.12
    if flagged:
        assert result.medication is True
        assert "medication_pregnancy" in codes(result, "advice")
        assert reason(result, "pregnant").params == {"status": given["pregnant"]}
        assert result.base_care_level != "inpatient_detox"
        minimum = "aftercare" if given["last_use"] == "over_90d" else "outpatient"
        assert CARE_LEVELS.index(result.base_care_level) <= CARE_LEVELS.index(minimum)


# --- Rule 9: medication -----------------------------------------------------


@pytest.mark.parametrize(
    ("given", "medication", "medication_codes"),
    [
        pytest.param(answers(USING, signs(1)), False, [], id="no-oud-no"),
        pytest.param(answers(USING, signs(2)), True, ["medication_oud"], id="2026.12-mild"),
        pytest.param(answers(USING, signs(4)), True, ["medication_oud"], id="moderate"),
        pytest.param(answers(USING, signs(6)), True, ["medication_oud"], id="severe"),
        pytest.param(
            answers(USING, signs(1), pregnant="yes"),
            True,
            ["medication_pregnancy"],
            id="2026.12-pregnant-without-oud",
        ),
        pytest.param(
            answers(USING, signs(1), in_treatment="medication_now"),
            True,
            ["medication_now"],
            id="2026.12-medication-now",
        ),
        pytest.param(
            answers(DAILY, signs(0), sedatives="daily"),
            True,
            ["medication_level"],
            id="detox-level",
        ),
        pytest.param(
            answers(USING, signs(6), risks(2)),
            True,
            ["medication_oud", "medication_level"],
            id="residential-level",
        ),
        pytest.param(answers(DAILY, signs(1)), False, [], id="daily-without-signs"),
        pytest.param(answers(RECOVERING, signs(6)), True, ["medication_oud"], id="recovery"),
        pytest.param(answers(NO_USE, signs(6)), False, [], id="signs-without-any-use"),
    ],
)
def test_medication(given, medication, medication_codes):
    result = assess(given)
    assert result.medication is medication
    assert [c for c in codes(result) if c.startswith("medication_")] == medication_codes
    assert all(r.role == "advice" for r in result.reasons if r.code.startswith("medication_"))


def test_being_on_medication_never_lowers_the_level():
    given = answers(USING, signs(6), risks(2))
    assert (
        assess(given).care_level
        == assess({**given, "in_treatment": "medication_now"}).care_level
        == "residential"
    )


# --- Rule 10: harm reduction; rule 11: readiness ----------------------------


@pytest.mark.parametrize(
    ("use", "harm_reduction", "after_time_away"),
    [
        pytest.param({"last_use": "under_6h"}, True, False, id="under-6h"),
        pytest.param({"last_use": "11_90d"}, True, False, id="11-90d-inside"),
        pytest.param({"last_use": "over_90d", "use_days": "1-3"}, True, False, id="use-days"),
        pytest.param({"last_use": "over_90d"}, True, True, id="2026.12-recovery-with-signs"),
        pytest.param({"last_use": "unknown"}, True, True, id="2026.12-unknown-with-signs"),
        pytest.param({"opioids": ["heroin"]}, True, True, id="2026.12-past-year-with-signs"),
    ],
)
def test_harm_reduction(use, harm_reduction, after_time_away):
    result = assess(answers(signs(2), use))
    assert result.harm_reduction is harm_reduction
    assert reason(result, "harm_reduction").params == {"after_time_away": after_time_away}


@pytest.mark.parametrize(
    "use",
    [
        pytest.param({"last_use": "over_90d"}, id="over-90d"),
        pytest.param({"last_use": "unknown", "use_days": "0"}, id="use-days-0"),
        pytest.param({"opioids": ["heroin"]}, id="past-year-only"),
    ],
)
def test_no_harm_reduction_without_recent_use_or_signs(use):
    result = assess(answers(signs(1), use))
    assert result.harm_reduction is False
    assert not any(c.startswith("harm_reduction") for c in codes(result))


@pytest.mark.parametrize(
    ("extra", "added"),
    [
        pytest.param({"sedatives": "daily"}, ["harm_reduction_mixing"], id="2026.12-daily"),
        pytest.param({"sedatives": "sometimes"}, ["harm_reduction_mixing"], id="2026.12-sometimes"),
        pytest.param({"sedatives": "unknown"}, ["harm_reduction_mixing"], id="2026.12-unknown"),
        pytest.param({"sedatives": "no"}, [], id="no-sedatives"),
        pytest.param(
            {"injects": "yes"},
            ["harm_reduction_injecting", "harm_reduction_wounds"],
            id="2026.12-injects",
        ),
        pytest.param({"injects": "unknown"}, [], id="injects-unknown"),
    ],
)
def test_harm_reduction_additions(extra, added):
    result = assess(answers(USING, signs(2), extra))
    found = [c for c in codes(result) if c.startswith("harm_reduction_")]
    assert found == added


@pytest.mark.parametrize("given", [answers(USING, signs(6), risks(2)), answers(DAILY, signs(3))])
def test_readiness_never_lowers_the_level(given):
    readiness = ("not_now", "thinking", "ready")
    levels = {assess({**given, "readiness": r}).care_level for r in readiness}
    assert len(levels) == 1
    not_now = assess({**given, "readiness": "not_now"})
    assert "readiness_not_now" in codes(not_now, "advice")
    assert not_now.harm_reduction is True


# --- Rule 12: family mode; rule 13: young people ----------------------------


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(answers(USING, signs(6), risks(2)), id="residential"),
        pytest.param(answers(DAILY, signs(2), pregnant="yes"), id="pregnant"),
        pytest.param(answers(NO_USE, signs(3)), id="recovery"),
        pytest.param(answers(USING, signs(1)), id="early-intervention"),
        pytest.param(answers(DAILY, signs(2), sedatives="daily"), id="detox"),
    ],
)
def test_family_mode_gives_the_same_level_with_family_support(given):
    own = assess(given)
    family = assess({**given, "mode": "family"})
    same = ("care_level", "medication", "red_flags", "deciding_reason", "directory_groups")
    assert [getattr(family, name) for name in same] == [getattr(own, name) for name in same]
    assert "family_support" in codes(family, "advice")
    assert "family_support" not in codes(own)


@pytest.mark.parametrize(
    ("age", "groups", "young"),
    [
        pytest.param("under_18", ("AD",), True, id="2026.12-under-18"),
        pytest.param("18_plus", (), False, id="adult"),
        pytest.param(None, (), False, id="2026.12-missing-is-18-plus"),
    ],
)
def test_young_people(age, groups, young):
    given = answers(USING, signs(3), **({"age": age} if age else {}))
    result = assess(given)
    assert result.directory_groups == groups
    assert ("young_people" in codes(result, "advice")) is young
    assert result.care_level == assess(answers(USING, signs(3))).care_level


def test_directory_groups_pregnant_and_young():
    result = assess(answers(USING, signs(2), age="under_18", pregnant="yes", mode="family"))
    assert result.directory_groups == ("PW", "AD")


# --- withdrawal_stage [2026.12] ---------------------------------------------


@pytest.mark.parametrize(
    ("use_days", "last_use", "stage"),
    [
        ("20-30", "under_6h", "not_started"),
        ("20-30", "6_24h", "starting"),
        ("20-30", "1_3d", "peak"),
        ("20-30", "4_10d", "easing"),
        ("20-30", "11_90d", "past"),
        ("20-30", "over_90d", "past"),
        ("20-30", "unknown", "unknown"),
        ("10-19", "1_3d", "unknown"),
        (None, "1_3d", "unknown"),
    ],
)
def test_withdrawal_stage(use_days, last_use, stage):
    given = answers(signs(2), last_use=last_use, **({"use_days": use_days} if use_days else {}))
    assert assess(given).withdrawal_stage == stage


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
        pytest.param(
            answers(USING, signs(2), risks(3)), "iop", ("iop", "medication"), id="2026.12-iop-mild"
        ),
        pytest.param(
            answers(USING, signs(2)), "outpatient", ("outpatient", "medication"), id="outpatient"
        ),
        pytest.param(
            answers(USING, signs(0)), "early_intervention", ("outpatient",), id="early-intervention"
        ),
        pytest.param(answers(NO_USE, signs(2)), "aftercare", ("aftercare",), id="aftercare"),
        pytest.param(
            answers(RECOVERING, signs(4)),
            "aftercare",
            ("aftercare", "medication"),
            id="aftercare-medication",
        ),
        pytest.param(answers(NO_USE, signs(0)), "none", (), id="none"),
        pytest.param(answers(USING, signs(6), suicidal="now"), "emergency", (), id="emergency"),
        pytest.param(
            answers(USING, signs(6), medical_urgent=["chest"]), "emergency", (), id="chest"
        ),
    ],
)
def test_directory_filters(given, level, filters):
    result = assess(given)
    assert result.care_level == level
    assert result.directory_filters == filters


# --- Reasons ----------------------------------------------------------------

SAMPLES = [
    answers(USING, signs(6), risks(2), suicidal="past_month", readiness="not_now"),
    answers(DAILY, signs(3), pregnant="yes", medical_urgent=["fever_injection"], age="under_18"),
    answers(DAILY, {**signs(2), "c10": "yes"}, prescribed_only="yes", wd_severity="severe"),
    answers(RECOVERING, {"c4": "yes"}, in_treatment="now", wd_symptoms=["craving"]),
    answers(NO_USE, signs(0)),
    answers(suicidal="now"),
    answers(USING, signs(4), injects="yes", sedatives="sometimes", medical_urgent=["chest"]),
]


@pytest.mark.parametrize("mode", ["self", "family"])
@pytest.mark.parametrize("given", SAMPLES)
def test_reasons_are_codes_with_roles_params_and_answer_ids(given, mode):
    result = assess({**given, "mode": mode})
    assert result.reasons
    for found in result.reasons:
        assert found.code in REASON_CODES, found.code
        assert found.role in REASON_CODES[found.code], (found.code, found.role)
        assert set(found.answer_ids) <= set(given) | {"mode"}
        for value in found.params.values():
            assert isinstance(value, str | int | bool | tuple)
    assert codes(result, "deciding") == [result.deciding_reason]
    roles = [found.role for found in result.reasons]
    assert roles == sorted(roles, key=REASON_ROLES.index)


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
    if "PW" in result.directory_groups:
        assert "pregnant" in found
    if "AD" in result.directory_groups:
        assert "young_people" in found
    assert result.deciding_reason in found


def test_reasons_come_in_a_stable_order():
    result = assess(
        answers(DAILY, signs(6), risks(1), suicidal="now", medical_urgent=["skin"], pregnant="yes")
    )
    assert [(r.role, r.code) for r in result.reasons] == [
        ("safety", "suicidal_now"),
        ("safety", "medical_urgent"),
        ("safety", "pregnant"),
        ("deciding", "medical_urgent_daily_use"),
        ("considered", "severity_severe"),
        ("considered", "risks"),
        ("advice", "medication_oud"),
        ("advice", "medication_pregnancy"),
        ("advice", "medication_level"),
        ("advice", "harm_reduction"),
    ]


def test_to_dict_has_every_output_field_and_no_prose():
    data = assess(answers(USING, signs(4))).to_dict()
    assert data["rules_version"] == RULES_VERSION == "2026.12"
    assert data["reasons"][0] == {
        "code": "baseline",
        "role": "deciding",
        "params": {"severity": "moderate", "care_level": "iop", "emergency": False},
        "answer_ids": ["c1", "c2", "c3", "c4"],
    }
    assert data["deciding_reason"] == "baseline"
    assert all("text" not in r for r in data["reasons"])
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
        "deciding_reason",
        "reasons",
        "directory_filters",
        "directory_groups",
        "withdrawal_stage",
        "rules_version",
    }


def test_to_dict_lists_are_lists():
    data = assess(answers(USING, signs(6), risks(2))).to_dict()
    risks_reason = next(r for r in data["reasons"] if r["code"] == "escalation")
    assert risks_reason["params"]["risks"] == ["housing", "home_use"]
    assert data["directory_groups"] == []


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
        pytest.param(
            answers(age="under_18", pregnant="postpartum", in_treatment="medication_now"),
            id="2026.12-values",
        ),
    ],
)
def test_valid_answers_are_accepted(given):
    assert validate(given) == given
    assess(given)
