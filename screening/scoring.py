"""The scoring service: answers in, an assessment out (clinical spec §1–3).

Plain, typed Python with no Django import, so the rules can be read, tested
and reused (API, staff review, re-scoring) without a web request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

RULES_VERSION = "2026.11-1"

CRITERIA = tuple(f"c{n}" for n in range(1, 12))

# The answer vocabulary of clinical spec §1: every id and the values it takes.
ANSWER_VALUES: dict[str, tuple[str, ...]] = {
    "mode": ("self", "family"),
    "opioids": ("heroin", "fentanyl", "pills", "other"),
    "use_days": ("0", "1-3", "4-9", "10-19", "20-30"),
    "last_use": ("under_6h", "6_24h", "1_3d", "4_10d", "11_90d", "over_90d", "unknown"),
    "injects": ("yes", "no", "unknown"),
    "prescribed_only": ("yes", "no"),
    "in_treatment": ("none", "now", "completed"),
    **{criterion: ("yes", "no", "unknown") for criterion in CRITERIA},
    "wd_symptoms": ("aches", "nausea", "anxiety", "craving", "mood", "flu", "sleep"),
    "wd_severity": ("none", "mild", "moderate", "severe"),
    "overdose_now": ("yes", "no"),
    "suicidal": ("now", "past_month", "no"),
    "overdose_past_year": ("yes", "no", "unknown"),
    "sedatives": ("daily", "sometimes", "no", "unknown"),
    "complicated_withdrawal": ("yes", "no", "unknown"),
    "pregnant": ("yes", "no", "unknown", "na"),
    "medical_urgent": ("fever_injection", "skin", "chest", "none"),
    "mental_health": ("yes", "no"),
    "prior_treatment": ("none", "detox_only", "program", "program_relapsed"),
    "readiness": ("not_now", "thinking", "ready"),
    "housing": ("stable", "unstable"),
    "home_use": ("yes", "no"),
    "support": ("yes", "no"),
}

# Checkbox groups: their answer is a list of values.
MULTI_VALUE_IDS = frozenset({"opioids", "wd_symptoms", "medical_urgent"})

SEVERITIES = ("none", "mild", "moderate", "severe")

# Most intensive first (clinical spec §3).
CARE_LEVELS = (
    "emergency",
    "inpatient_detox",
    "residential",
    "php",
    "iop",
    "outpatient",
    "early_intervention",
    "aftercare",
    "none",
)

RED_FLAGS = ("overdose_now", "suicidal_now", "medical_urgent", "pregnant_withdrawal")

DIRECTORY_CATEGORIES = (
    "detox",
    "residential",
    "php",
    "iop",
    "outpatient",
    "medication",
    "aftercare",
)

Answers = Mapping[str, str | Sequence[str]]


class AnswerError(ValueError):
    """Answers that are not in the vocabulary; `errors` maps each bad id to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    answer_ids: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    mode: str
    criteria_met: int
    criteria_unknown: int
    severity: str
    emergency: bool
    red_flags: tuple[str, ...]
    care_level: str
    # The level the rules give apart from the emergency rule, shown below the
    # emergency guidance (spec §3 rule 2: the rest is still computed).
    base_care_level: str
    medication: bool
    harm_reduction: bool
    reasons: tuple[Reason, ...]
    directory_filters: tuple[str, ...]
    rules_version: str = RULES_VERSION

    def to_dict(self) -> dict:
        """A JSON-ready copy, as stored with a screening and returned by the API."""
        # Field by field, not dataclasses.asdict(): its deep copy of every reason was
        # a third of the time /api/assess spends in its view.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["red_flags"] = list(self.red_flags)
        data["directory_filters"] = list(self.directory_filters)
        data["reasons"] = [
            {"code": r.code, "text": r.text, "answer_ids": list(r.answer_ids)} for r in self.reasons
        ]
        return data


# --- Validation -------------------------------------------------------------

NONE_OF_THESE = "none"  # medical_urgent's explicit "none of these" value


def _shown(value: object) -> str:
    """A short, safe echo of a bad value for an error message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _choices(answer_id: str) -> str:
    return ", ".join(ANSWER_VALUES[answer_id])


def _check_single(answer_id: str, value: object, mode: object) -> str | None:
    if isinstance(value, list | tuple):
        return f"Expected one answer as a string, not a list; choose one of: {_choices(answer_id)}."
    if not isinstance(value, str):
        return f"Expected one answer as a string; choose one of: {_choices(answer_id)}."
    if value not in ANSWER_VALUES[answer_id]:
        return f"{_shown(value)} is not an allowed answer; choose one of: {_choices(answer_id)}."
    if answer_id in CRITERIA and value == "unknown" and mode != "family":
        return "'unknown' is only allowed when answering about someone else (mode 'family')."
    return None


def _check_multiple(answer_id: str, value: object) -> tuple[str | None, list[str]]:
    if not isinstance(value, list | tuple):
        return (
            "Expected a list of answers (an empty list means none of these); "
            f"choose from: {_choices(answer_id)}.",
            [],
        )
    allowed = ANSWER_VALUES[answer_id]
    bad = [item for item in value if not isinstance(item, str) or item not in allowed]
    if bad:
        shown = ", ".join(_shown(item) for item in bad)
        return f"Not allowed: {shown}; choose from: {_choices(answer_id)}.", []
    # Duplicates are harmless; the vocabulary's order keeps stored answers comparable.
    values = [item for item in allowed if item in value]
    if NONE_OF_THESE in values and len(values) > 1:
        return "'none' cannot be combined with other answers.", []
    return None, values


def validate(answers: Answers) -> dict[str, str | list[str]]:
    """Check every id and value against the vocabulary; return a clean copy or raise AnswerError.

    Every problem is collected, so a caller can name each bad field at once.
    """
    if not isinstance(answers, Mapping):
        raise AnswerError({"__all__": "Answers must be an object mapping question ids to answers."})
    errors: dict[str, str] = {}
    clean: dict[str, str | list[str]] = {}
    mode = answers.get("mode")
    if "mode" not in answers:
        errors["mode"] = "This answer is required; choose one of: self, family."
    for answer_id, value in answers.items():
        if not isinstance(answer_id, str) or answer_id not in ANSWER_VALUES:
            errors[str(answer_id)] = "Unknown question id."
        elif answer_id in MULTI_VALUE_IDS:
            problem, values = _check_multiple(answer_id, value)
            if problem:
                errors[answer_id] = problem
            else:
                clean[answer_id] = values
        else:
            problem = _check_single(answer_id, value, mode)
            if problem:
                errors[answer_id] = problem
            else:
                clean[answer_id] = value
    if errors:
        raise AnswerError(errors)
    return clean


# --- Facts the rules share --------------------------------------------------

WITHIN_10_DAYS = frozenset({"under_6h", "6_24h", "1_3d", "4_10d"})
WITHIN_90_DAYS = WITHIN_10_DAYS | {"11_90d"}
SUPERVISED_CRITERIA = ("c10", "c11")  # tolerance and withdrawal (rule 1)
CRAVING = "c4"

# Rule 8's relapse and environment risks: (answer id, value, plain words).
RISKS = (
    ("housing", "unstable", "housing that is not stable"),
    ("home_use", "yes", "living with someone who uses drugs"),
    ("support", "no", "no one who supports recovery"),
    ("prior_treatment", "program_relapsed", "using again after a treatment program"),
    ("overdose_past_year", "yes", "an overdose in the past year"),
    ("mental_health", "yes", "a mental health condition that affects daily life"),
)

# Rule 6: what makes withdrawal need medical staff around the clock.
INPATIENT_WITHDRAWAL_TRIGGERS = (
    ("sedatives", "daily", "withdrawal_sedatives"),
    ("complicated_withdrawal", "yes", "withdrawal_complicated"),
    ("wd_severity", "severe", "withdrawal_severe"),
    ("pregnant", "yes", "pregnant_withdrawal"),
)

# The directory category that each care level links to (spec §2 and §4).
LEVEL_CATEGORIES = {
    "inpatient_detox": "detox",
    "residential": "residential",
    "php": "php",
    "iop": "iop",
    "outpatient": "outpatient",
    "early_intervention": "outpatient",
    "aftercare": "aftercare",
}

LEVEL_WORDS = {
    "emergency": "emergency help now",
    "inpatient_detox": "medically supervised detox",
    "residential": "a residential (live-in) program",
    "php": "a day program (partial hospitalization)",
    "iop": "an intensive outpatient program",
    "outpatient": "regular outpatient care",
    "early_intervention": "a short talk with a doctor or counselor (early intervention)",
    "aftercare": "recovery support (aftercare)",
    "none": "no treatment program",
}

MEDICAL_URGENT_WORDS = {
    "fever_injection": "a fever with injection sites",
    "skin": "red, hot, swollen or pus-filled skin",
    "chest": "chest pain or trouble breathing",
}


@dataclass(frozen=True)
class _Facts:
    answers: Mapping[str, str | list[str]]
    mode: str
    counted: tuple[str, ...]  # the criteria counted after the supervision rule
    met: tuple[str, ...]
    unknown: tuple[str, ...]
    unanswered: tuple[str, ...]
    severity: str
    use_ids: tuple[str, ...]  # the answers that show "some use"; empty when none do
    daily: bool
    within_10_days: bool
    within_90_days: bool

    @property
    def family(self) -> bool:
        return self.mode == "family"

    def get(self, answer_id: str) -> str | list[str] | None:
        return self.answers.get(answer_id)

    def says(self, answer_id: str, value: str) -> bool:
        return self.answers.get(answer_id) == value

    def speak(self, self_text: str, family_text: str) -> str:
        return family_text if self.family else self_text


def _severity(criteria_met: int) -> str:
    if criteria_met >= 6:
        return "severe"
    if criteria_met >= 4:
        return "moderate"
    if criteria_met >= 2:
        return "mild"
    return "none"


def _facts(answers: Mapping[str, str | list[str]]) -> _Facts:
    mode = str(answers["mode"])
    # Rule 1: tolerance and withdrawal are expected under a doctor's care.
    # It is a self-report question; an observer cannot know it.
    supervised = mode == "self" and answers.get("prescribed_only") == "yes"
    counted = tuple(c for c in CRITERIA if not (supervised and c in SUPERVISED_CRITERIA))
    met = tuple(c for c in counted if answers.get(c) == "yes")
    use_days = answers.get("use_days")
    last_use = answers.get("last_use")
    use_ids = tuple(
        answer_id
        for answer_id, shows_use in (
            ("opioids", bool(answers.get("opioids"))),
            ("use_days", use_days is not None and use_days != "0"),
            ("last_use", last_use in WITHIN_90_DAYS),
        )
        if shows_use
    )
    return _Facts(
        answers=answers,
        mode=mode,
        counted=counted,
        met=met,
        unknown=tuple(c for c in counted if answers.get(c) == "unknown"),
        unanswered=tuple(c for c in counted if c not in answers),
        severity=_severity(len(met)),
        use_ids=use_ids,
        daily=use_days == "20-30",
        within_10_days=last_use in WITHIN_10_DAYS,
        within_90_days=last_use in WITHIN_90_DAYS,
    )


def _more_intensive(level: str, other: str) -> str:
    return level if CARE_LEVELS.index(level) <= CARE_LEVELS.index(other) else other


def _ids(*groups: Sequence[str]) -> tuple[str, ...]:
    """Answer ids in first-seen order, without repeats."""
    return tuple(dict.fromkeys(answer_id for group in groups for answer_id in group))


@dataclass(frozen=True)
class _Finding:
    """What one rule concluded: a care level it points to, if any, and why."""

    level: str | None
    reasons: tuple[Reason, ...]


NO_FINDING = _Finding(None, ())


# --- Criteria and severity (rule 1, spec §2) --------------------------------


def _criteria_reasons(f: _Facts) -> list[Reason]:
    reasons: list[Reason] = []
    if f.mode == "self" and f.says("prescribed_only", "yes"):
        reasons.append(
            Reason(
                "supervision_rule",
                "Because you take opioids only as prescribed under a doctor's care, "
                "tolerance and withdrawal are not counted as signs.",
                _ids(["prescribed_only"], [c for c in SUPERVISED_CRITERIA if c in f.answers]),
            )
        )
    answered = tuple(c for c in f.counted if c not in f.unanswered)
    if not answered:
        reasons.append(
            Reason(
                "criteria_not_answered",
                f.speak(
                    "You did not answer the questions about signs of an opioid problem, "
                    "so no signs could be counted.",
                    "You did not answer the questions about signs you have seen in your "
                    "loved one, so no signs could be counted.",
                ),
                (),
            )
        )
        return reasons
    # The count is a lower bound whenever some signs are unknown or unanswered.
    at_least = "at least " if f.family or f.unknown or f.unanswered else ""
    count = f"{at_least}{len(f.met)} of the {len(f.counted)} signs of an opioid problem"
    level = {
        "none": "which is below the level of concern",
        "mild": "which is in the mild range",
        "moderate": "which is in the moderate range",
        "severe": "which is in the severe range",
    }[f.severity]
    reasons.append(
        Reason(
            f"severity_{f.severity}",
            f.speak(
                f"Your answers match {count}, {level}.",
                f"From what you have seen, your loved one shows {count}, {level}.",
            ),
            f.met or answered,
        )
    )
    if f.unknown:
        reasons.append(
            Reason(
                "criteria_unknown",
                f"You were not sure about {len(f.unknown)} of the signs, "
                "so the real number may be higher.",
                f.unknown,
            )
        )
    return reasons


# --- Rule 2: emergency ------------------------------------------------------


def _emergency(f: _Facts) -> tuple[tuple[str, ...], list[Reason]]:
    flags: list[str] = []
    reasons: list[Reason] = []
    if f.says("overdose_now", "yes"):
        flags.append("overdose_now")
        reasons.append(
            Reason(
                "overdose_now",
                f.speak(
                    "You said there are signs of an overdose right now, so call 911 now "
                    "and use naloxone if you have it.",
                    "You said your loved one may be overdosing right now, so call 911, give "
                    "naloxone if you have it, and stay with them until help comes.",
                ),
                ("overdose_now",),
            )
        )
    if f.says("suicidal", "now"):
        flags.append("suicidal_now")
        reasons.append(
            Reason(
                "suicidal_now",
                f.speak(
                    "You said you are thinking about ending your life right now, so call "
                    "or text 988 now, or call 911.",
                    "You said your loved one is thinking about ending their life right now, "
                    "so call or text 988 now, or call 911.",
                ),
                ("suicidal",),
            )
        )
    elif f.says("suicidal", "past_month"):
        # Not a rule of §3 and changes no output, but no one should leave without 988.
        reasons.append(
            Reason(
                "suicidal_past_month",
                f.speak(
                    "You said you had thoughts of ending your life in the past month, and "
                    "you can call or text 988 any time, day or night.",
                    "You said your loved one had thoughts of ending their life in the past "
                    "month, and you or they can call or text 988 any time, day or night.",
                ),
                ("suicidal",),
            )
        )
    return tuple(flags), reasons


# --- Rule 3: urgent medical -------------------------------------------------


def _urgent_medical(f: _Facts) -> tuple[bool, list[Reason], _Finding]:
    signs = [sign for sign in (f.get("medical_urgent") or []) if sign != NONE_OF_THESE]
    if not signs:
        return False, [], NO_FINDING
    words = " and ".join(MEDICAL_URGENT_WORDS[sign] for sign in signs)
    flag_reason = Reason(
        "medical_urgent",
        f.speak(
            f"You said you have {words}, so see a doctor or go to urgent care today.",
            f"You said your loved one has {words}, so they should see a doctor or go to "
            "urgent care today.",
        ),
        ("medical_urgent",),
    )
    if not f.daily:
        return True, [flag_reason], NO_FINDING
    raise_reason = Reason(
        "medical_urgent_daily_use",
        f.speak(
            "With an urgent health problem and opioid use every day, you need at least "
            "medically supervised detox.",
            "With an urgent health problem and opioid use every day, your loved one needs "
            "at least medically supervised detox.",
        ),
        ("medical_urgent", "use_days"),
    )
    return True, [flag_reason], _Finding("inpatient_detox", (raise_reason,))


# --- Rules 4 and 5: levels that settle the matter ---------------------------


def _no_use(f: _Facts) -> _Finding:
    if not (
        f.get("opioids") == []
        and f.says("use_days", "0")
        and f.get("last_use") in ("over_90d", "unknown")
        and len(f.met) <= 1
    ):
        return NO_FINDING
    reason = Reason(
        "no_use",
        f.speak(
            "You said you have not used opioids in the past year and show at most one "
            "sign, so no treatment program is suggested.",
            "You said your loved one has not used opioids in the past year and shows at "
            "most one sign, so no treatment program is suggested.",
        ),
        _ids(["opioids", "use_days", "last_use"], f.met),
    )
    return _Finding("none", (reason,))


def _recovery(f: _Facts) -> _Finding:
    in_treatment = f.get("in_treatment") in ("now", "completed")
    if not (f.says("last_use", "over_90d") and (len(f.met) >= 2 or in_treatment)):
        return NO_FINDING
    reasons = [
        Reason(
            "recovery",
            f.speak(
                "You have not used opioids in over 90 days, so support to stay in "
                "recovery (aftercare) fits best.",
                "Your loved one has not used opioids in over 90 days, so support to stay "
                "in recovery (aftercare) fits best.",
            ),
            _ids(["last_use"], ["in_treatment"] if in_treatment else [], f.met),
        )
    ]
    craving_ids = _ids(
        [CRAVING] if f.says(CRAVING, "yes") else [],
        ["wd_symptoms"] if "craving" in (f.get("wd_symptoms") or []) else [],
    )
    if craving_ids:
        reasons.append(
            Reason(
                "recovery_craving",
                f.speak(
                    "Cravings are common in recovery and do not mean you have lost your progress.",
                    "Cravings are common in recovery and do not mean your loved one has "
                    "lost their progress.",
                ),
                craving_ids,
            )
        )
    return _Finding("aftercare", tuple(reasons))


# --- Rule 6: withdrawal management ------------------------------------------


WITHDRAWAL_TEXTS = {
    "withdrawal_sedatives": (
        "You take alcohol or sedatives every day along with daily opioids, so withdrawal "
        "can be dangerous and needs medically supervised detox.",
        "Your loved one takes alcohol or sedatives every day along with daily opioids, so "
        "withdrawal can be dangerous and needs medically supervised detox.",
    ),
    "withdrawal_complicated": (
        "You have had seizures, hallucinations or confusion when stopping alcohol or "
        "sedatives, so withdrawal needs medically supervised detox.",
        "Your loved one has had seizures, hallucinations or confusion when stopping "
        "alcohol or sedatives, so withdrawal needs medically supervised detox.",
    ),
    "withdrawal_severe": (
        "Your withdrawal feels severe and you use opioids every day, so medically "
        "supervised detox fits best.",
        "Your loved one's withdrawal looks severe and they use opioids every day, so "
        "medically supervised detox fits best.",
    ),
    "pregnant_withdrawal": (
        "You are pregnant and use opioids every day, so withdrawal needs medical care "
        "now, and medicine for opioid use, not detox alone, is the standard treatment.",
        "Your loved one is pregnant and uses opioids every day, so withdrawal needs "
        "medical care now, and medicine for opioid use, not detox alone, is the standard "
        "treatment.",
    ),
}


def _withdrawal(f: _Facts) -> _Finding:
    if not (f.daily and f.within_10_days):
        return NO_FINDING
    reasons = tuple(
        Reason(code, f.speak(*WITHDRAWAL_TEXTS[code]), (answer_id, "use_days", "last_use"))
        for answer_id, value, code in INPATIENT_WITHDRAWAL_TRIGGERS
        if f.says(answer_id, value)
    )
    if reasons:
        return _Finding("inpatient_detox", reasons)
    managed = Reason(
        "withdrawal_managed",
        f.speak(
            "You use opioids every day and used in the past 10 days, so care for "
            "withdrawal should be part of your treatment.",
            "Your loved one uses opioids every day and used in the past 10 days, so care "
            "for withdrawal should be part of their treatment.",
        ),
        ("use_days", "last_use"),
    )
    return _Finding(None, (managed,))


# --- Rule 7: severity baseline ----------------------------------------------


def _baseline(f: _Facts) -> _Finding:
    if f.severity == "none":
        if not f.use_ids:
            reason = Reason(
                "no_use_found",
                f.speak(
                    "Your answers do not show opioid use, so no treatment program is suggested.",
                    "Your answers do not show opioid use by your loved one, so no treatment "
                    "program is suggested.",
                ),
                _ids([i for i in ("opioids", "use_days", "last_use") if i in f.answers]),
            )
            return _Finding("none", (reason,))
        reason = Reason(
            "baseline_early_intervention",
            f.speak(
                "You use opioids but show few signs of a problem, so "
                f"{LEVEL_WORDS['early_intervention']} fits best.",
                "Your loved one uses opioids but shows few signs of a problem, so "
                f"{LEVEL_WORDS['early_intervention']} fits best.",
            ),
            f.use_ids,
        )
        return _Finding("early_intervention", (reason,))
    level = "outpatient" if f.severity == "mild" else "iop"
    reason = Reason(
        f"baseline_{level}",
        f.speak(
            f"Your signs in the {f.severity} range point to {LEVEL_WORDS[level]}.",
            f"Your loved one's signs in the {f.severity} range point to {LEVEL_WORDS[level]}.",
        ),
        f.met,
    )
    return _Finding(level, (reason,))


# --- Rule 8: escalation by environment and relapse risk ---------------------


def _escalated_level(severity: str, risks: int) -> str | None:
    if severity == "severe" and risks >= 2:
        return "residential"
    if severity == "severe" and risks == 1:
        return "php"
    if severity == "moderate" and risks >= 2:
        return "php"
    if severity == "mild" and risks >= 3:
        return "iop"
    return None


def _escalation(f: _Facts) -> _Finding:
    risks = [(answer_id, words) for answer_id, value, words in RISKS if f.says(answer_id, value)]
    level = _escalated_level(f.severity, len(risks))
    if level is None:
        return NO_FINDING
    things = "thing" if len(risks) == 1 else "things"
    listed = "; ".join(words for _, words in risks)
    reason = Reason(
        f"escalation_{level}",
        f.speak(
            f"You have {len(risks)} {things} that can make recovery harder ({listed}), "
            f"which points to {LEVEL_WORDS[level]}.",
            f"Your loved one has {len(risks)} {things} that can make recovery harder "
            f"({listed}), which points to {LEVEL_WORDS[level]}.",
        ),
        tuple(answer_id for answer_id, _ in risks),
    )
    return _Finding(level, (reason,))


def _placement(findings: Sequence[_Finding], f: _Facts, emergency: bool) -> _Finding:
    """Rule 8's last step: the single highest-risk finding sets the level, never an average."""
    pointing = [finding for finding in findings if finding.level is not None]
    level = "none"
    for finding in pointing:
        level = _more_intensive(str(finding.level), level)
    if level == "none":
        return _Finding("none", ())
    deciding = [finding for finding in pointing if finding.level == level]
    words = LEVEL_WORDS[level]
    if emergency:
        text = f.speak(
            f"Once you are safe, the best fit for you is {words}.",
            f"Once your loved one is safe, the best fit for them is {words}.",
        )
    else:
        text = f.speak(
            f"Going by the answer with the highest risk, the best fit for you is {words}.",
            f"Going by the answer with the highest risk, the best fit for your loved one "
            f"is {words}.",
        )
    ids = _ids(*(reason.answer_ids for finding in deciding for reason in finding.reasons))
    return _Finding(level, (Reason("care_level", text, ids),))


# --- Rule 9: medication -----------------------------------------------------


def _medication(f: _Facts, level: str, level_ids: tuple[str, ...]) -> list[Reason]:
    medicine = "medicine for opioid use (buprenorphine, methadone or naltrexone)"
    reasons: list[Reason] = []
    if f.severity in ("moderate", "severe"):
        reasons.append(
            Reason(
                "medication_severity",
                f"With signs in the {f.severity} range, {medicine} is recommended.",
                f.met,
            )
        )
    if f.says("pregnant", "yes") and len(f.met) >= 2:
        reasons.append(
            Reason(
                "medication_pregnancy",
                "During pregnancy, medicine for opioid use is the safest treatment for "
                "both parent and baby.",
                _ids(["pregnant"], f.met),
            )
        )
    if level in ("inpatient_detox", "residential"):
        reasons.append(
            Reason(
                "medication_level",
                f"Medicine for opioid use should go along with {LEVEL_WORDS[level]}, because "
                "after time away from opioids the body's tolerance drops and an overdose "
                "is more likely.",
                level_ids,
            )
        )
    # Rule 6: withdrawal "managed within the level chosen, with medication"; we read
    # that as medicine for opioid use only where there are signs of an opioid problem,
    # so daily use under a doctor's care alone is not treated as one.
    if f.daily and f.within_10_days and len(f.met) >= 2:
        reasons.append(
            Reason(
                "medication_withdrawal",
                f"With daily use and recent withdrawal risk, {medicine} can ease "
                "withdrawal and cravings, so it is recommended.",
                _ids(["use_days", "last_use"], f.met),
            )
        )
    return reasons


# --- Rules 10 to 12: harm reduction, readiness and family support -----------


def _harm_reduction(f: _Facts) -> list[Reason]:
    ids = _ids(
        ["last_use"] if f.within_90_days else [],
        ["use_days"] if f.get("use_days") not in (None, "0") else [],
    )
    if not ids:
        return []
    return [
        Reason(
            "harm_reduction",
            f.speak(
                "Because you have used opioids recently, carry naloxone (sold over the "
                "counter), never use alone, and know that fentanyl can be in any drug.",
                "Because your loved one has used opioids recently, keep naloxone (sold over "
                "the counter) at home, help them never use alone, and know that fentanyl "
                "can be in any drug.",
            ),
            ids,
        )
    ]


def _framing(f: _Facts) -> list[Reason]:
    reasons: list[Reason] = []
    # Rule 11: readiness changes the framing, never the level.
    if f.says("readiness", "not_now"):
        reasons.append(
            Reason(
                "readiness_not_now",
                f.speak(
                    "You said you are not ready for help now, which is okay, so below are "
                    "ways to stay safer and how to come back when you are ready.",
                    "You said your loved one is not ready for help now, so below are ways to "
                    "talk about it, keep them safer, and come back when they are ready.",
                ),
                ("readiness",),
            )
        )
    # Rule 12
    if f.family:
        reasons.append(
            Reason(
                "family_support",
                "You need support too, so below are tips to start the conversation, keep "
                "naloxone at home, find family support groups and care for yourself.",
                ("mode",),
            )
        )
    return reasons


# --- The assessment ---------------------------------------------------------


def _directory_filters(care_level: str, medication: bool) -> tuple[str, ...]:
    if care_level not in LEVEL_CATEGORIES:  # none and emergency
        return ()
    return (LEVEL_CATEGORIES[care_level],) + (("medication",) if medication else ())


def assess(answers: Answers) -> Assessment:
    """Score validated answers by clinical spec §3, rules 1–12. Raises AnswerError."""
    f = _facts(validate(answers))
    emergency_flags, emergency_reasons = _emergency(f)
    medical_flag, medical_reasons, medical = _urgent_medical(f)
    reasons = [*emergency_reasons, *medical_reasons, *_criteria_reasons(f)]
    red_flags = [*emergency_flags, *(["medical_urgent"] if medical_flag else [])]

    settled = _no_use(f)
    if settled.level is None:
        settled = _recovery(f)
    if settled.level is not None:
        placement = settled
    else:
        withdrawal = _withdrawal(f)
        if any(reason.code == "pregnant_withdrawal" for reason in withdrawal.reasons):
            red_flags.append("pregnant_withdrawal")
        findings = [medical, withdrawal, _baseline(f), _escalation(f)]
        for finding in findings:
            reasons.extend(finding.reasons)
        placement = _placement(findings, f, emergency=bool(emergency_flags))
    reasons.extend(placement.reasons)
    base_care_level = str(placement.level)

    level_ids = _ids(*(reason.answer_ids for reason in placement.reasons))
    medication_reasons = _medication(f, base_care_level, level_ids)
    reasons.extend(medication_reasons)
    harm_reduction_reasons = _harm_reduction(f)
    reasons.extend(harm_reduction_reasons)
    reasons.extend(_framing(f))

    emergency = bool(emergency_flags)
    care_level = "emergency" if emergency else base_care_level
    medication = bool(medication_reasons)
    return Assessment(
        mode=f.mode,
        criteria_met=len(f.met),
        criteria_unknown=len(f.unknown),
        severity=f.severity,
        emergency=emergency,
        red_flags=tuple(flag for flag in RED_FLAGS if flag in red_flags),
        care_level=care_level,
        base_care_level=base_care_level,
        medication=medication,
        harm_reduction=bool(harm_reduction_reasons),
        reasons=tuple(reasons),
        directory_filters=_directory_filters(care_level, medication),
        rules_version=RULES_VERSION,
    )
