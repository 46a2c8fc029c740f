"""The overdose-risk factors in a person's answers, named back to them first on the result.

Plain Python like the scoring service. The factors come from the answers themselves, so a
screening scored under an earlier rules version shows them too. Most dangerous first; the
result page, the PDF and the staff queue each word them for their reader.
"""

from collections.abc import Mapping

from screening.scoring import WITHIN_90_DAYS

OVERDOSE_RISKS = ("fentanyl", "injecting", "past_overdose", "mixing", "low_tolerance")

# A break from opioids lowers tolerance: the old amount can then stop someone's breathing.
_AFTER_A_BREAK = frozenset({"11_90d", "over_90d"})
_AFTER_TREATMENT = frozenset({"detox_only", "program", "program_relapsed"})


def overdose_risks(answers: Mapping) -> tuple[str, ...]:
    """The codes of OVERDOSE_RISKS that the answers show, in that order."""
    opioids = answers.get("opioids") or []
    uses = bool(opioids) and answers.get("use_days") not in (None, "0")
    recent = answers.get("last_use") in WITHIN_90_DAYS
    found = {
        "fentanyl": "fentanyl" in opioids,
        "injecting": answers.get("injects") == "yes",
        "past_overdose": answers.get("overdose_past_year") == "yes",
        "mixing": answers.get("sedatives") in ("daily", "sometimes")
        and bool(opioids)
        and (uses or recent),
        # A break now, or treatment behind someone who does not use every day again.
        "low_tolerance": bool(opioids)
        and (
            answers.get("last_use") in _AFTER_A_BREAK
            or (
                answers.get("use_days") != "20-30"
                and (
                    answers.get("prior_treatment") in _AFTER_TREATMENT
                    or answers.get("in_treatment") == "completed"
                )
            )
        ),
    }
    return tuple(code for code in OVERDOSE_RISKS if found[code])
