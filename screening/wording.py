"""Plain words for the assessment's codes, shared by the result page, the PDF and staff review."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SEVERITY_NAMES = {
    "none": _("Few or no signs of opioid use disorder"),
    "mild": _("Signs of a mild opioid use disorder"),
    "moderate": _("Signs of a moderate opioid use disorder"),
    "severe": _("Signs of a severe opioid use disorder"),
}

CARE_LEVELS = {
    "emergency": (
        _("Emergency help now"),
        _("Someone's life may be in danger. Get emergency help first; the rest can wait."),
    ),
    "inpatient_detox": (
        _("Medically supervised withdrawal (detox) in a hospital or inpatient unit"),
        _(
            "Doctors and nurses watch over you around the clock while the body clears "
            "opioids, and treat symptoms and risks as they come. Detox is a start, "
            "not the whole treatment: medication and ongoing care should follow."
        ),
    ),
    "residential": (
        _("Residential (live-in) treatment"),
        _(
            "You live at the treatment center for a while, often 30 to 90 days, with "
            "therapy, medical care and support every day, away from things that make "
            "using easier."
        ),
    ),
    "php": (
        _("Partial hospitalization program (PHP)"),
        _(
            "Treatment most of the day, usually 5 days a week (about 20 hours or more), "
            "while you sleep at home."
        ),
    ),
    "iop": (
        _("Intensive outpatient program (IOP)"),
        _(
            "Several sessions a week, usually about 9 or more hours in all, while you "
            "live at home and keep up with work or family."
        ),
    ),
    "outpatient": (
        _("Outpatient treatment"),
        _("Regular counseling or medical visits, often once or twice a week."),
    ),
    "early_intervention": (
        _("Early help: a talk with a counselor or doctor"),
        _(
            "A short talk about use and risks, to stop problems from growing. "
            "A counselor or doctor can help you decide what, if anything, to change."
        ),
    ),
    "aftercare": (
        _("Recovery support (aftercare)"),
        _(
            "Support to stay on track: continuing care, peer support, support groups "
            "and a plan for what to do after a slip."
        ),
    ),
    "none": (
        _("No treatment suggested right now"),
        _("The answers do not point to opioid treatment. You can come back at any time."),
    ),
}

# Family mode: the count of signs is a lower bound (spec §2), so is the headline.
FAMILY_SEVERITY_NAMES = {
    "mild": _("Signs of at least a mild opioid use disorder"),
    "moderate": _("Signs of at least a moderate opioid use disorder"),
    "severe": _("Signs of a severe opioid use disorder"),
}

RED_FLAG_NAMES = {
    "overdose_now": _("Overdose now"),
    "suicidal_now": _("Thoughts of suicide now"),
    "medical_emergency": _("Chest pain or trouble breathing now"),
    "medical_urgent": _("Urgent medical signs: see a doctor today"),
    "sedatives": _("Alcohol or sedatives with opioids"),
    "pregnant": _("Pregnancy or recent birth, with opioid use"),
    # Retired in rules 2026.12; results stored under 2026.11 still hold it.
    "pregnant_withdrawal": _("Pregnancy with opioid use"),
}

# The overdose-risk factors of screening.safety, as staff read them in the queue.
RISK_NAMES = {
    "fentanyl": _("fentanyl"),
    "injecting": _("injects"),
    "past_overdose": _("overdose in the past year"),
    "mixing": _("mixes with alcohol or benzodiazepines"),
    "low_tolerance": _("low tolerance after a break"),
}

MODE_NAMES = {"self": _("About myself"), "family": _("About someone I care about")}


def care_level_name(code: str) -> str:
    return str(CARE_LEVELS.get(code, (code, ""))[0])


def care_level_description(code: str) -> str:
    return str(CARE_LEVELS.get(code, ("", ""))[1])


def severity_headline(assessment: Mapping) -> str:
    """The headline for the signs counted: "At least 1 of 11 signs seen" in family mode,
    never "few or no signs" there, since an observer cannot see everything (spec §2)."""
    severity = assessment.get("severity", "none")
    if assessment.get("mode") != "family":
        return str(SEVERITY_NAMES.get(severity, ""))
    if severity in FAMILY_SEVERITY_NAMES:
        return str(FAMILY_SEVERITY_NAMES[severity])
    met = int(assessment.get("criteria_met", 0))
    if met == 0:
        return str(_("None of the 11 signs seen"))
    return ngettext(
        "At least %(count)s of 11 signs seen", "At least %(count)s of 11 signs seen", met
    ) % {"count": met}
