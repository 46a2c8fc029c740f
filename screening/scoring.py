"""The scoring service: answers in, an assessment out (clinical spec §1–3, rules 2026.12).

Plain, typed Python with no Django import, so the rules can be read, tested
and reused (API, staff review, re-scoring) without a web request.

The service returns no prose. Each reason is a `code`, a few plain `params`
and the `answer_ids` that produced it; the words (for the person, a family
member or staff, in any language) are `screening.reasons`' business.

Every reason has a `role`, which says where it belongs on a result:

- `safety`: what to do first (the emergency and red-flag reasons, most urgent
  first, and 988 for recent suicidal thoughts);
- `deciding`: exactly one per assessment, the finding that set `base_care_level`
  (the single highest-risk finding, spec §3); its params hold `care_level`, and
  `emergency` when the emergency comes first ("once everyone is safe");
  `Assessment.deciding_reason` is its code;
- `considered`: the other findings (signs counted, other risks, withdrawal);
  they never name a care level, so the result has one clear answer;
- `advice`: medication, harm reduction and framing (readiness, family, age).

`reasons` lists them in that order, each group in rule order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

RULES_VERSION = "2026.12"

CRITERIA = tuple(f"c{n}" for n in range(1, 12))

# The answer vocabulary of clinical spec §1: every id and the values it takes.
ANSWER_VALUES: dict[str, tuple[str, ...]] = {
    "mode": ("self", "family"),
    "opioids": ("heroin", "fentanyl", "pills", "other"),
    "use_days": ("0", "1-3", "4-9", "10-19", "20-30"),
    "last_use": ("under_6h", "6_24h", "1_3d", "4_10d", "11_90d", "over_90d", "unknown"),
    "injects": ("yes", "no", "unknown"),
    "prescribed_only": ("yes", "no"),
    "in_treatment": ("none", "medication_now", "now", "completed"),
    "age": ("under_18", "18_plus"),
    **{criterion: ("yes", "no", "unknown") for criterion in CRITERIA},
    "wd_symptoms": ("aches", "nausea", "anxiety", "craving", "mood", "flu", "sleep"),
    "wd_severity": ("none", "mild", "moderate", "severe"),
    "overdose_now": ("yes", "no"),
    "suicidal": ("now", "past_month", "no"),
    "overdose_past_year": ("yes", "no", "unknown"),
    "sedatives": ("daily", "sometimes", "no", "unknown"),
    "complicated_withdrawal": ("yes", "no", "unknown"),
    "pregnant": ("yes", "postpartum", "no", "unknown", "na"),
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

# The red flags these rules set, most urgent first (spec §2).
RED_FLAGS = (
    "overdose_now",
    "suicidal_now",
    "medical_emergency",
    "medical_urgent",
    "sedatives",
    "pregnant",
)
# Flags earlier rules set that stored results may still hold (2026.11: pregnant_withdrawal).
RETIRED_RED_FLAGS = ("pregnant_withdrawal",)

DIRECTORY_CATEGORIES = (
    "detox",
    "residential",
    "php",
    "iop",
    "outpatient",
    "medication",
    "aftercare",
)

# SAMHSA group codes (spec §4) pre-selected with the directory link.
DIRECTORY_GROUPS = ("PW", "AD")

# Where daily use sits on the short-acting withdrawal timeline (spec §2, §5).
WITHDRAWAL_STAGES = ("not_started", "starting", "peak", "easing", "past", "unknown")

REASON_ROLES = ("safety", "deciding", "considered", "advice")

# Every reason code the service can produce, with the roles it can take. The wording
# module must have words for each (tests/screening/test_reasons.py checks it).
REASON_CODES: dict[str, frozenset[str]] = {
    code: frozenset(roles.split())
    for code, roles in {
        # safety, most urgent first
        "overdose_now": "safety",
        "suicidal_now": "safety",
        "medical_emergency": "safety",
        "medical_urgent": "safety",
        "sedatives": "safety",
        "pregnant": "safety",
        "suicidal_past_month": "safety",
        # the care level (rules 3-8)
        "no_use": "deciding",
        "no_use_found": "deciding",
        "recovery": "deciding",
        "on_medication": "deciding",
        "medical_urgent_daily_use": "deciding",
        "withdrawal_sedatives": "deciding considered",
        "withdrawal_complicated": "deciding considered",
        "withdrawal_severe": "deciding considered",
        "escalation": "deciding",
        "baseline": "deciding",
        "baseline_early_intervention": "deciding",
        "pregnant_care": "deciding",
        # findings that never set the level themselves
        "supervision_rule": "considered",
        "supervision_not_applied": "considered",
        "criteria_not_answered": "considered",
        "severity_none": "considered",
        "severity_mild": "considered",
        "severity_moderate": "considered",
        "severity_severe": "considered",
        "criteria_unknown": "considered",
        "recovery_craving": "considered",
        "withdrawal_managed": "considered",
        "risks": "considered",
        # advice (rules 9-13)
        "medication_now": "advice",
        "medication_oud": "advice",
        "medication_pregnancy": "advice",
        "medication_level": "advice",
        "harm_reduction": "advice",
        "harm_reduction_mixing": "advice",
        "harm_reduction_injecting": "advice",
        "harm_reduction_wounds": "advice",
        "readiness_not_now": "advice",
        "family_support": "advice",
        "young_people": "advice",
    }.items()
}

Answers = Mapping[str, str | Sequence[str]]
# A reason's params: plain values only (str, int, bool, or a tuple of str).
Params = Mapping[str, str | int | bool | tuple[str, ...]]


class AnswerError(ValueError):
    """Answers that are not in the vocabulary; `errors` maps each bad id to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


@dataclass(frozen=True)
class Reason:
    """One finding: `code` (a key of REASON_CODES), its `role`, `params`, and `answer_ids`."""

    code: str
    role: str
    answer_ids: tuple[str, ...] = ()
    params: Params = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "role": self.role,
            "params": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in self.params.items()
            },
            "answer_ids": list(self.answer_ids),
        }


@dataclass(frozen=True)
class Assessment:
    """What the rules conclude (spec §2).

    - `criteria_met`, `criteria_unknown`, `severity`: the signs counted after rule 1.
    - `emergency`, `red_flags`: rule 2 and the red flags, most urgent first.
    - `care_level`: `emergency` when there is one, else `base_care_level`, the level the
      other rules give (shown below the emergency guidance).
    - `medication`, `harm_reduction`: rules 9 and 10.
    - `reasons`: every reason, by role (see the module docstring); `deciding_reason` is
      the code of the one reason with role `deciding`, which explains `base_care_level`.
    - `directory_filters`, `directory_groups`: what a "find care" link pre-selects.
    - `withdrawal_stage`: where daily use sits on the withdrawal timeline.
    """

    mode: str
    criteria_met: int
    criteria_unknown: int
    severity: str
    emergency: bool
    red_flags: tuple[str, ...]
    care_level: str
    base_care_level: str
    medication: bool
    harm_reduction: bool
    deciding_reason: str
    reasons: tuple[Reason, ...]
    directory_filters: tuple[str, ...]
    directory_groups: tuple[str, ...]
    withdrawal_stage: str
    rules_version: str = RULES_VERSION

    def reasons_with_role(self, role: str) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.role == role)

    @property
    def deciding(self) -> Reason:
        return self.reasons_with_role("deciding")[0]

    def to_dict(self) -> dict:
        """A JSON-ready copy, as stored with a screening and returned by the API."""
        # Field by field, not dataclasses.asdict(): its deep copy of every reason was
        # a third of the time /api/assess spends in its view.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["red_flags"] = list(self.red_flags)
        data["directory_filters"] = list(self.directory_filters)
        data["directory_groups"] = list(self.directory_groups)
        data["reasons"] = [reason.to_dict() for reason in self.reasons]
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
NOT_PRESCRIBED_OPIOIDS = ("heroin", "fentanyl", "other")  # rule 1 does not apply with these
PREGNANCY_VALUES = ("yes", "postpartum", "unknown")  # the pregnant red flag, with some use
SEDATIVE_MIXING = ("daily", "sometimes", "unknown")  # rule 10: never mix

# Rule 8's relapse and environment risks: (answer id, value).
RISKS = (
    ("housing", "unstable"),
    ("home_use", "yes"),
    ("support", "no"),
    ("prior_treatment", "program_relapsed"),
    ("overdose_past_year", "yes"),
    ("mental_health", "yes"),
)

URGENT_SIGNS = ("fever_injection", "skin")  # rule 3; chest is rule 2
CHEST = "chest"

# Spec §2: withdrawal_stage from last_use, for daily use.
STAGE_BY_LAST_USE = {
    "under_6h": "not_started",
    "6_24h": "starting",
    "1_3d": "peak",
    "4_10d": "easing",
    "11_90d": "past",
    "over_90d": "past",
}

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


@dataclass(frozen=True)
class _Facts:
    answers: Mapping[str, str | list[str]]
    mode: str
    supervised: bool  # rule 1 applies
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

    @property
    def oud(self) -> bool:
        return len(self.met) >= 2

    def get(self, answer_id: str) -> str | list[str] | None:
        return self.answers.get(answer_id)

    def says(self, answer_id: str, value: str) -> bool:
        return self.answers.get(answer_id) == value

    def ticked(self, answer_id: str) -> list[str]:
        value = self.answers.get(answer_id)
        return list(value) if isinstance(value, list) else []


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
    # Rule 1: tolerance and withdrawal are expected under a doctor's care. It is a
    # self-report question; an observer cannot know it. [2026.12] Heroin, fentanyl or
    # other opioids are never "only as prescribed", whatever was answered.
    opioids = answers.get("opioids") or []
    supervised = (
        mode == "self"
        and answers.get("prescribed_only") == "yes"
        and not any(kind in opioids for kind in NOT_PRESCRIBED_OPIOIDS)
    )
    counted = tuple(c for c in CRITERIA if not (supervised and c in SUPERVISED_CRITERIA))
    met = tuple(c for c in counted if answers.get(c) == "yes")
    use_days = answers.get("use_days")
    last_use = answers.get("last_use")
    use_ids = tuple(
        answer_id
        for answer_id, shows_use in (
            ("opioids", bool(opioids)),
            ("use_days", use_days is not None and use_days != "0"),
            ("last_use", last_use in WITHIN_90_DAYS),
        )
        if shows_use
    )
    return _Facts(
        answers=answers,
        mode=mode,
        supervised=supervised,
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


def _rank(level: str) -> int:
    return CARE_LEVELS.index(level)


def _ids(*groups: Sequence[str]) -> tuple[str, ...]:
    """Answer ids in first-seen order, without repeats."""
    return tuple(dict.fromkeys(answer_id for group in groups for answer_id in group))


def _present(f: _Facts, *answer_ids: str) -> list[str]:
    return [answer_id for answer_id in answer_ids if answer_id in f.answers]


@dataclass(frozen=True)
class _Finding:
    """A rule's conclusion about the level: the level it points to and why.

    `considered` is the same finding as it reads when another one decides; None when
    the finding has nothing to add then (it is already said by another reason).
    """

    level: str
    code: str
    answer_ids: tuple[str, ...]
    params: Params = field(default_factory=dict)
    considered: bool = False


def _safety(code: str, answer_ids: Sequence[str], **params) -> Reason:
    return Reason(code, "safety", tuple(answer_ids), params)


def _considered(code: str, answer_ids: Sequence[str], **params) -> Reason:
    return Reason(code, "considered", tuple(answer_ids), params)


def _advice(code: str, answer_ids: Sequence[str], **params) -> Reason:
    return Reason(code, "advice", tuple(answer_ids), params)


# --- Criteria and severity (rule 1, spec §2) --------------------------------


def _criteria_reasons(f: _Facts) -> list[Reason]:
    reasons: list[Reason] = []
    if f.mode == "self" and f.says("prescribed_only", "yes"):
        criteria = [c for c in SUPERVISED_CRITERIA if c in f.answers]
        if f.supervised:
            reasons.append(_considered("supervision_rule", _ids(["prescribed_only"], criteria)))
        else:
            kinds = tuple(kind for kind in NOT_PRESCRIBED_OPIOIDS if kind in f.ticked("opioids"))
            reasons.append(
                _considered(
                    "supervision_not_applied",
                    _ids(["prescribed_only", "opioids"], criteria),
                    opioids=kinds,
                )
            )
    answered = tuple(c for c in f.counted if c not in f.unanswered)
    if not answered:
        reasons.append(_considered("criteria_not_answered", ()))
        return reasons
    # The count is a lower bound whenever some signs are unknown or unanswered.
    reasons.append(
        _considered(
            f"severity_{f.severity}",
            f.met or answered,
            met=len(f.met),
            counted=len(f.counted),
            at_least=bool(f.family or f.unknown or f.unanswered),
        )
    )
    if f.unknown:
        reasons.append(_considered("criteria_unknown", f.unknown, unknown=len(f.unknown)))
    return reasons


# --- Rule 2: emergency; rule 3: urgent medical; rule 6: red flags -----------


def _safety_reasons(f: _Facts) -> list[Reason]:
    """The red-flag reasons, most urgent first (spec §2), and 988 for recent thoughts."""
    reasons: list[Reason] = []
    if f.says("overdose_now", "yes"):
        reasons.append(_safety("overdose_now", ["overdose_now"]))
    if f.says("suicidal", "now"):
        reasons.append(_safety("suicidal_now", ["suicidal"]))
    signs = f.ticked("medical_urgent")
    if CHEST in signs:
        reasons.append(_safety("medical_emergency", ["medical_urgent"]))
    urgent = tuple(sign for sign in URGENT_SIGNS if sign in signs)
    if urgent:
        reasons.append(_safety("medical_urgent", ["medical_urgent"], signs=urgent))
    sedatives = _sedative_answers(f)
    if sedatives and f.within_90_days:
        reasons.append(
            _safety(
                "sedatives",
                _ids(sedatives, ["last_use"]),
                daily=f.says("sedatives", "daily"),
                complicated=f.says("complicated_withdrawal", "yes"),
            )
        )
    if _pregnancy(f):
        reasons.append(
            _safety("pregnant", _ids(["pregnant"], f.use_ids), status=str(f.get("pregnant")))
        )
    if f.says("suicidal", "past_month"):
        # Not a rule of §3 and changes no output, but no one should leave without 988.
        reasons.append(_safety("suicidal_past_month", ["suicidal"]))
    return reasons


FLAG_OF_REASON = {
    "overdose_now": "overdose_now",
    "suicidal_now": "suicidal_now",
    "medical_emergency": "medical_emergency",
    "medical_urgent": "medical_urgent",
    "sedatives": "sedatives",
    "pregnant": "pregnant",
}
EMERGENCY_FLAGS = frozenset({"overdose_now", "suicidal_now", "medical_emergency"})


def _sedative_answers(f: _Facts) -> list[str]:
    """Rule 6: the answers that make alcohol or sedative withdrawal dangerous on its own."""
    return [
        answer_id
        for answer_id, value in (("sedatives", "daily"), ("complicated_withdrawal", "yes"))
        if f.says(answer_id, value)
    ]


def _pregnancy(f: _Facts) -> bool:
    return f.get("pregnant") in PREGNANCY_VALUES and bool(f.use_ids)


# --- Rules 4 and 5: levels that settle the matter ---------------------------


def _no_use(f: _Facts) -> _Finding | None:
    if not (
        f.get("opioids") == []
        and f.says("use_days", "0")
        and f.get("last_use") in ("over_90d", "unknown")
        and len(f.met) <= 1
        and not f.says("in_treatment", "medication_now")
    ):
        return None
    return _Finding("none", "no_use", _ids(["opioids", "use_days", "last_use"], f.met))


def _recovery(f: _Facts) -> _Finding | None:
    in_treatment = f.get("in_treatment") in ("medication_now", "now", "completed")
    if not (f.says("last_use", "over_90d") and (f.oud or in_treatment)):
        return None
    return _Finding(
        "aftercare",
        "recovery",
        _ids(["last_use"], ["in_treatment"] if in_treatment else [], f.met),
        {"in_treatment": str(f.get("in_treatment")) if in_treatment else ""},
    )


def _recovery_craving(f: _Facts) -> list[Reason]:
    # Craving alone does not remove someone from recovery.
    craving_ids = _ids(
        [CRAVING] if f.says(CRAVING, "yes") else [],
        ["wd_symptoms"] if "craving" in f.ticked("wd_symptoms") else [],
    )
    return [_considered("recovery_craving", craving_ids)] if craving_ids else []


# --- Rules 3, 6, 7, 8: findings that point to a level -----------------------


def _urgent_medical_finding(f: _Facts) -> list[_Finding]:
    urgent = [sign for sign in URGENT_SIGNS if sign in f.ticked("medical_urgent")]
    if not (urgent and f.daily):
        return []
    return [_Finding("inpatient_detox", "medical_urgent_daily_use", ("medical_urgent", "use_days"))]


def _withdrawal_findings(f: _Facts) -> list[_Finding]:
    findings: list[_Finding] = []
    # [2026.12] Alcohol or sedative withdrawal can be deadly on its own, whatever the
    # opioid pattern: any opioid use in the past 10 days.
    if f.within_10_days:
        for answer_id, value, code in (
            ("sedatives", "daily", "withdrawal_sedatives"),
            ("complicated_withdrawal", "yes", "withdrawal_complicated"),
        ):
            if f.says(answer_id, value):
                findings.append(
                    _Finding("inpatient_detox", code, (answer_id, "last_use"), considered=True)
                )
    if f.daily and f.within_10_days and f.says("wd_severity", "severe"):
        findings.append(
            _Finding(
                "inpatient_detox",
                "withdrawal_severe",
                ("wd_severity", "use_days", "last_use"),
                considered=True,
            )
        )
    return findings


def _withdrawal_managed(f: _Facts, level: str) -> list[Reason]:
    # Rule 6, otherwise: withdrawal is managed within the level chosen, with medication.
    if not (f.daily and f.within_10_days) or level == "inpatient_detox":
        return []
    return [_considered("withdrawal_managed", ("use_days", "last_use"))]


def _pregnancy_finding(f: _Facts) -> list[_Finding]:
    # [2026.12] Pregnancy no longer sets detox: at least outpatient, with medication.
    if not _pregnancy(f):
        return []
    return [
        _Finding(
            "outpatient",
            "pregnant_care",
            _ids(["pregnant"], f.use_ids),
            {"status": str(f.get("pregnant"))},
        )
    ]


def _baseline(f: _Facts) -> _Finding:
    if f.severity == "none":
        if not f.use_ids and f.says("in_treatment", "medication_now"):
            # Rule 4 leaves out people on medication now: never "no treatment" for them.
            return _Finding("aftercare", "on_medication", ("in_treatment",))
        if not f.use_ids:
            return _Finding(
                "none", "no_use_found", tuple(_present(f, "opioids", "use_days", "last_use"))
            )
        return _Finding("early_intervention", "baseline_early_intervention", f.use_ids)
    level = "outpatient" if f.severity == "mild" else "iop"
    return _Finding(level, "baseline", f.met, {"severity": f.severity})


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


def _risk_ids(f: _Facts) -> tuple[str, ...]:
    return tuple(answer_id for answer_id, value in RISKS if f.says(answer_id, value))


def _escalation(f: _Facts) -> list[_Finding]:
    risks = _risk_ids(f)
    level = _escalated_level(f.severity, len(risks))
    if level is None:
        return []
    return [
        _Finding(
            level,
            "escalation",
            _ids(risks, f.met),
            {"severity": f.severity, "risks": risks, "count": len(risks)},
        )
    ]


def _decide(findings: Sequence[_Finding]) -> tuple[_Finding, list[_Finding]]:
    """The single highest-risk finding sets the level, never an average (rule 8).

    Ties go to the first finding in `findings`' order; the others are returned
    as the findings that did not decide.
    """
    deciding = min(findings, key=lambda finding: _rank(finding.level))
    return deciding, [finding for finding in findings if finding is not deciding]


# --- Rule 9: medication -----------------------------------------------------


def _medication(f: _Facts, level: str, level_ids: tuple[str, ...]) -> list[Reason]:
    reasons: list[Reason] = []
    if f.says("in_treatment", "medication_now"):
        reasons.append(_advice("medication_now", ["in_treatment"]))
    if f.oud and f.use_ids:
        reasons.append(_advice("medication_oud", _ids(f.met, f.use_ids), severity=f.severity))
    if _pregnancy(f):
        reasons.append(_advice("medication_pregnancy", _ids(["pregnant"], f.use_ids)))
    if level in ("inpatient_detox", "residential"):
        # Detox alone is never the whole answer: after it, tolerance drops.
        reasons.append(_advice("medication_level", level_ids, care_level=level))
    return reasons


# --- Rules 10 to 13: harm reduction, readiness, family, young people --------


def _harm_reduction(f: _Facts) -> list[Reason]:
    recent = _ids(
        ["last_use"] if f.within_90_days else [],
        ["use_days"] if f.get("use_days") not in (None, "0") else [],
    )
    if not recent and not f.oud:
        return []
    # [2026.12] Signs of a problem count too, recovery included: after time away,
    # tolerance is low and a return to use is when an overdose is most likely.
    reasons = [
        _advice("harm_reduction", recent or f.met, after_time_away=not recent),
    ]
    if f.get("sedatives") in SEDATIVE_MIXING:
        reasons.append(_advice("harm_reduction_mixing", ["sedatives"]))
    if f.says("injects", "yes"):
        reasons.append(_advice("harm_reduction_injecting", ["injects"]))
        reasons.append(_advice("harm_reduction_wounds", ["injects"]))
    return reasons


def _framing(f: _Facts) -> list[Reason]:
    reasons: list[Reason] = []
    # Rule 11: readiness changes the framing, never the level.
    if f.says("readiness", "not_now"):
        reasons.append(_advice("readiness_not_now", ["readiness"]))
    # Rule 12
    if f.family:
        reasons.append(_advice("family_support", ["mode"]))
    # Rule 13
    if f.says("age", "under_18"):
        reasons.append(_advice("young_people", ["age"]))
    return reasons


# --- The assessment ---------------------------------------------------------


def _directory_filters(care_level: str, medication: bool) -> tuple[str, ...]:
    if care_level not in LEVEL_CATEGORIES:  # none and emergency
        return ()
    return (LEVEL_CATEGORIES[care_level],) + (("medication",) if medication else ())


def _withdrawal_stage(f: _Facts) -> str:
    if not f.daily:
        return "unknown"
    return STAGE_BY_LAST_USE.get(str(f.get("last_use")), "unknown")


def assess(answers: Answers) -> Assessment:
    """Score answers by clinical spec §3, rules 1–13 (2026.12). Raises AnswerError."""
    f = _facts(validate(answers))
    safety = _safety_reasons(f)
    red_flags = tuple(FLAG_OF_REASON[r.code] for r in safety if r.code in FLAG_OF_REASON)
    emergency = any(flag in EMERGENCY_FLAGS for flag in red_flags)
    considered = _criteria_reasons(f)

    settled = _no_use(f) or _recovery(f)
    if settled is not None:
        # Rules 4 and 5 settle the level; red flags still show.
        deciding, others = settled, []
        if settled.code == "recovery":
            considered += _recovery_craving(f)
    else:
        # Findings in rule order, the baseline after those that raise it, so that
        # a tie goes to the finding that raised the level.
        findings = [
            *_urgent_medical_finding(f),
            *_withdrawal_findings(f),
            *_escalation(f),
            _baseline(f),
            *_pregnancy_finding(f),
        ]
        deciding, others = _decide(findings)
        considered += _withdrawal_managed(f, deciding.level)
    considered += [
        _considered(finding.code, finding.answer_ids, **finding.params)
        for finding in others
        if finding.considered
    ]
    risks = _risk_ids(f)
    if risks and deciding.code != "escalation":
        considered.append(_considered("risks", risks, risks=risks, count=len(risks)))

    base_care_level = deciding.level
    deciding_reason = Reason(
        deciding.code,
        "deciding",
        deciding.answer_ids,
        {**deciding.params, "care_level": base_care_level, "emergency": emergency},
    )
    medication_reasons = _medication(f, base_care_level, deciding.answer_ids)
    harm_reduction_reasons = _harm_reduction(f)
    advice = [*medication_reasons, *harm_reduction_reasons, *_framing(f)]

    medication = bool(medication_reasons)
    care_level = "emergency" if emergency else base_care_level
    groups = {"PW": "pregnant" in red_flags, "AD": f.says("age", "under_18")}
    return Assessment(
        mode=f.mode,
        criteria_met=len(f.met),
        criteria_unknown=len(f.unknown),
        severity=f.severity,
        emergency=emergency,
        red_flags=red_flags,
        care_level=care_level,
        base_care_level=base_care_level,
        medication=medication,
        harm_reduction=bool(harm_reduction_reasons),
        deciding_reason=deciding_reason.code,
        reasons=(*safety, deciding_reason, *considered, *advice),
        directory_filters=_directory_filters(care_level, medication),
        directory_groups=tuple(group for group in DIRECTORY_GROUPS if groups[group]),
        withdrawal_stage=_withdrawal_stage(f),
        rules_version=RULES_VERSION,
    )
