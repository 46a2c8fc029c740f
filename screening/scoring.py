"""The scoring service: answers in, an assessment out (clinical spec §1–3).

Plain, typed Python with no Django import, so the rules can be read, tested
and reused (API, staff review, re-scoring) without a web request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

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
        data = asdict(self)
        data["red_flags"] = list(self.red_flags)
        data["directory_filters"] = list(self.directory_filters)
        data["reasons"] = [
            {"code": r.code, "text": r.text, "answer_ids": list(r.answer_ids)} for r in self.reasons
        ]
        return data


def validate(answers: Answers) -> dict[str, str | list[str]]:
    """Check every id and value against the vocabulary; return a clean copy or raise AnswerError."""
    raise NotImplementedError


def assess(answers: Answers) -> Assessment:
    raise NotImplementedError
