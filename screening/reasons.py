"""The words for the scoring service's reasons: (code, params, voice) in, a sentence out.

The scoring service (screening.scoring) returns each reason as a code, plain params
and the answer ids behind it, never prose. This module turns one into a sentence in
the active language, in one of three voices:

- `self`: to the person who answered about themselves ("you");
- `family`: to a family member or friend, about "your loved one";
- `staff`: to the admissions team, in the third person ("they").

    reason_text(reason, assessment)                 # the voice of assessment["mode"]
    reason_text(reason, assessment, voice="staff")  # for staff review

`reason` and `assessment` are the stored dicts (Assessment.to_dict()). A result scored
under an earlier rules version (2026.11 stored English text and no params) is shown
exactly as stored: its `text` is returned untouched. So is a reason whose code has no
words here.

Templates: `{% load screening_reasons %}` then `{{ reason|reason_text:assessment }}` or
`{{ reason|staff_reason_text:assessment }}`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from screening.scoring import RULES_VERSION

VOICES = ("self", "family", "staff")

# Rules versions whose reasons are codes with params, rendered here.
CODED_VERSIONS = frozenset({"2026.12", RULES_VERSION})

Words = tuple[Promise, Promise, Promise]  # (self, family, staff)


# --- Words put into sentences ---------------------------------------------------

LEVEL_PHRASES = {
    "emergency": pgettext_lazy("care level, mid-sentence", "emergency help now"),
    "inpatient_detox": pgettext_lazy("care level, mid-sentence", "medically supervised detox"),
    "residential": pgettext_lazy("care level, mid-sentence", "a residential (live-in) program"),
    "php": pgettext_lazy("care level, mid-sentence", "a day program (partial hospitalization)"),
    "iop": pgettext_lazy("care level, mid-sentence", "an intensive outpatient program"),
    "outpatient": pgettext_lazy("care level, mid-sentence", "regular outpatient care"),
    "early_intervention": pgettext_lazy(
        "care level, mid-sentence", "a short talk with a doctor or counselor (early intervention)"
    ),
    "aftercare": pgettext_lazy("care level, mid-sentence", "recovery support (aftercare)"),
    "none": pgettext_lazy("care level, mid-sentence", "no treatment program"),
}

SEVERITY_PHRASES = {
    "none": pgettext_lazy("severity range", "below the level of concern"),
    "mild": pgettext_lazy("severity range", "in the mild range"),
    "moderate": pgettext_lazy("severity range", "in the moderate range"),
    "severe": pgettext_lazy("severity range", "in the severe range"),
}

RISK_PHRASES = {
    "housing": _("housing that is not stable"),
    "home_use": _("living with someone who uses drugs"),
    "support": _("no one who supports recovery"),
    "prior_treatment": _("using again after a treatment program"),
    "overdose_past_year": _("an overdose in the past year"),
    "mental_health": _("a mental health condition that affects daily life"),
}

URGENT_SIGN_PHRASES = {
    "fever_injection": _("a fever with injection sites"),
    "skin": _("red, hot, swollen or pus-filled skin, or a wound that will not heal"),
}

OPIOID_PHRASES = {
    "heroin": pgettext_lazy("opioid, mid-sentence", "heroin"),
    "fentanyl": pgettext_lazy("opioid, mid-sentence", "fentanyl"),
    "other": pgettext_lazy("opioid, mid-sentence", "another opioid"),
}


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return str(_("%(items)s and %(last)s")) % {"items": ", ".join(items[:-1]), "last": items[-1]}


# --- The sentences ----------------------------------------------------------------
# WORDING[code][variant] = (self, family, staff). The variant "" is the default; see
# _variant() for the others. Each sentence is whole, so a translator sees all of it.

DECIDING = "deciding"
CONSIDERED = "considered"

WORDING: dict[str, dict[str, Words]] = {
    # --- Safety, most urgent first
    "overdose_now": {
        "": (
            _(
                "You said someone may be overdosing right now. Call 911, give naloxone if you have "
                "it, and stay with them until help comes."
            ),
            _(
                "You said your loved one may be overdosing right now. Call 911, give naloxone if "
                "you have it, and stay with them until help comes."
            ),
            _(
                "The answers say they may have been overdosing at the time; the person answering "
                "was told to call 911 and give naloxone."
            ),
        ),
    },
    "suicidal_now": {
        "": (
            _(
                "You said you are thinking about ending your life right now. Please call or text "
                "988 now, or call 911."
            ),
            _(
                "You said your loved one is thinking about ending their life right now. Call or "
                "text 988 now, or call 911."
            ),
            _(
                "The answers say they are thinking about ending their life right now; 988 and 911 "
                "were shown first."
            ),
        ),
    },
    "medical_emergency": {
        "": (
            _("You said you have chest pain or trouble breathing right now, so call 911 now."),
            _(
                "You said your loved one has chest pain or trouble breathing right now, so call "
                "911 now."
            ),
            _(
                "The answers say they had chest pain or trouble breathing at the time; told to "
                "call 911."
            ),
        ),
    },
    "medical_urgent": {
        "": (
            _("You said you have %(signs)s. See a doctor or go to urgent care today."),
            _(
                "You said your loved one has %(signs)s. They should see a doctor or go to urgent "
                "care today."
            ),
            _(
                "The answers say they have %(signs)s; told to see a doctor or go to urgent care "
                "today."
            ),
        ),
        "fever": (
            _(
                "You said you have %(signs)s. See a doctor or go to urgent care today: a fever "
                "with injection sites can be an infection of the heart or blood."
            ),
            _(
                "You said your loved one has %(signs)s. They should see a doctor or go to urgent "
                "care today: this can be an infection of the heart or blood."
            ),
            _(
                "The answers say they have %(signs)s; told to see a doctor or go to urgent care "
                "today (possible heart or blood infection)."
            ),
        ),
    },
    "sedatives": {
        "daily": (
            _(
                "You drink alcohol or take benzodiazepines every day. Do not stop them suddenly on "
                "your own: it can cause seizures. Mixed with opioids, they can stop your "
                "breathing."
            ),
            _(
                "Your loved one drinks alcohol or takes benzodiazepines every day. They should not "
                "stop suddenly on their own: it can cause seizures. Mixed with opioids, these can "
                "stop their breathing."
            ),
            _(
                "Daily alcohol or benzodiazepines with recent opioid use: risk of seizures if "
                "stopped suddenly, and of a fatal overdose when mixed."
            ),
        ),
        "complicated": (
            _(
                "Stopping alcohol or sedatives has caused you seizures, hallucinations or "
                "confusion before. Do not stop them suddenly on your own. Mixed with opioids, they "
                "can stop your breathing."
            ),
            _(
                "Stopping alcohol or sedatives has caused your loved one seizures, hallucinations "
                "or confusion before. They should not stop suddenly on their own. Mixed with "
                "opioids, these can stop their breathing."
            ),
            _(
                "Past seizures, hallucinations or confusion when stopping alcohol or sedatives, "
                "with recent opioid use: withdrawal needs medical care."
            ),
        ),
    },
    "pregnant": {
        "yes": (
            _(
                "You are pregnant and use opioids, so see a doctor this week. Do not stop opioids "
                "suddenly on your own: withdrawal can harm the pregnancy. Methadone or "
                "buprenorphine is the standard of care."
            ),
            _(
                "Your loved one is pregnant and uses opioids, so they should see a doctor this "
                "week. They should not stop opioids suddenly: withdrawal can harm the pregnancy. "
                "Methadone or buprenorphine is the standard of care."
            ),
            _(
                "Pregnant, with opioid use: see a doctor this week; avoid sudden withdrawal; "
                "methadone or buprenorphine is the standard of care."
            ),
        ),
        "unknown": (
            _(
                "If you might be pregnant, see a doctor this week. Do not stop opioids suddenly on "
                "your own: withdrawal can harm a pregnancy. Methadone or buprenorphine is the "
                "standard of care."
            ),
            _(
                "If your loved one might be pregnant, they should see a doctor this week. They "
                "should not stop opioids suddenly: withdrawal can harm a pregnancy. Methadone or "
                "buprenorphine is the standard of care."
            ),
            _(
                "May be pregnant, with opioid use: see a doctor this week; avoid sudden "
                "withdrawal; methadone or buprenorphine is the standard of care."
            ),
        ),
        "postpartum": (
            _(
                "You gave birth in the past year and use opioids, so see a doctor this week. The "
                "year after a birth carries the highest risk of overdose. Methadone or "
                "buprenorphine is the standard of care."
            ),
            _(
                "Your loved one gave birth in the past year and uses opioids, so they should see a "
                "doctor this week. The year after a birth carries the highest risk of overdose. "
                "Methadone or buprenorphine is the standard of care."
            ),
            _(
                "Gave birth in the past year, with opioid use: highest overdose risk; see a doctor "
                "this week; methadone or buprenorphine is the standard of care."
            ),
        ),
    },
    "suicidal_past_month": {
        "": (
            _(
                "You said you had thoughts of ending your life in the past month. You can call or "
                "text 988 any time, day or night."
            ),
            _(
                "You said your loved one had thoughts of ending their life in the past month. You "
                "or they can call or text 988 any time, day or night."
            ),
            _(
                "The answers say they had thoughts of ending their life in the past month, not "
                "now; 988 was shown."
            ),
        ),
    },
    # --- The deciding reason (the withdrawal codes also read as "also considered")
    "no_use": {
        "": (
            _(
                "You have not used opioids in the past year and show at most one sign. So no "
                "treatment program is suggested."
            ),
            _(
                "Your loved one has not used opioids in the past year and shows at most one sign. "
                "So no treatment program is suggested."
            ),
            _("No opioid use in the past year and at most one sign, so no program is suggested."),
        ),
    },
    "no_use_found": {
        "": (
            _("Your answers do not show opioid use, so no treatment program is suggested."),
            _(
                "Your answers do not show opioid use by your loved one, so no treatment program is "
                "suggested."
            ),
            _("The answers do not show opioid use, so no program is suggested."),
        ),
    },
    "recovery": {
        "": (
            _(
                "Because you have not used opioids in over 90 days, support to stay in recovery "
                "(aftercare) fits best."
            ),
            _(
                "Because your loved one has not used opioids in over 90 days, support to stay in "
                "recovery (aftercare) fits best."
            ),
            _(
                "No opioid use in over 90 days, with past signs or treatment, so recovery support "
                "(aftercare)."
            ),
        ),
    },
    "on_medication": {
        "": (
            _(
                "Because you take medicine for opioid use now, support to keep going with it "
                "(aftercare) fits best."
            ),
            _(
                "Because your loved one takes medicine for opioid use now, support to keep going "
                "with it (aftercare) fits best."
            ),
            _("On medication for opioid use now, no recent use shown, so aftercare."),
        ),
    },
    "medical_urgent_daily_use": {
        "": (
            _(
                "You have signs of an infection and use opioids every day. So stopping is safest "
                "with medical care around the clock (medically supervised detox)."
            ),
            _(
                "Your loved one has signs of an infection and uses opioids every day. So stopping "
                "is safest with medical care around the clock (medically supervised detox)."
            ),
            _("Signs of infection with daily opioid use, so medically supervised detox."),
        ),
    },
    "withdrawal_sedatives": {
        DECIDING: (
            _(
                "Because you used opioids in the past 10 days and drink alcohol or take "
                "benzodiazepines every day, stopping is safest with medical care (medically "
                "supervised detox)."
            ),
            _(
                "Because your loved one used opioids in the past 10 days and drinks alcohol or "
                "takes benzodiazepines every day, stopping is safest with medical care (medically "
                "supervised detox)."
            ),
            _(
                "Opioid use in the past 10 days with daily alcohol or benzodiazepines, so "
                "medically supervised detox."
            ),
        ),
        CONSIDERED: (
            _("You also drink alcohol or take benzodiazepines every day."),
            _("Your loved one also drinks alcohol or takes benzodiazepines every day."),
            _("Also: daily alcohol or benzodiazepines."),
        ),
    },
    "withdrawal_complicated": {
        DECIDING: (
            _(
                "Stopping alcohol or sedatives has caused you seizures, hallucinations or "
                "confusion before. So stopping is safest with medical care (medically supervised "
                "detox)."
            ),
            _(
                "Stopping alcohol or sedatives has caused your loved one seizures, hallucinations "
                "or confusion before. So stopping is safest with medical care (medically "
                "supervised detox)."
            ),
            _(
                "Past complicated withdrawal from alcohol or sedatives, with opioid use in the "
                "past 10 days, so medically supervised detox."
            ),
        ),
        CONSIDERED: (
            _(
                "Stopping alcohol or sedatives has also caused you seizures, hallucinations or "
                "confusion before."
            ),
            _(
                "Stopping alcohol or sedatives has also caused your loved one seizures, "
                "hallucinations or confusion before."
            ),
            _("Also: past complicated withdrawal from alcohol or sedatives."),
        ),
    },
    "withdrawal_severe": {
        DECIDING: (
            _(
                "You use opioids every day and your withdrawal feels severe. So withdrawal is "
                "safest with medical care around the clock (medically supervised detox)."
            ),
            _(
                "Your loved one uses opioids every day and their withdrawal looks severe. So "
                "withdrawal is safest with medical care around the clock (medically supervised "
                "detox)."
            ),
            _("Daily opioid use with severe withdrawal now, so medically supervised detox."),
        ),
        CONSIDERED: (
            _("Your withdrawal also feels severe right now."),
            _("Your loved one's withdrawal also looks severe right now."),
            _("Also: severe withdrawal now."),
        ),
    },
    "escalation": {
        "": (
            _(
                "Your signs are %(severity)s, and some things can make recovery harder "
                "(%(risks)s). So %(level)s fits best."
            ),
            _(
                "Your loved one's signs are %(severity)s, and some things can make recovery harder "
                "(%(risks)s). So %(level)s fits best."
            ),
            _("Signs %(severity)s with %(count)s recovery risks (%(risks)s), so %(level)s."),
        ),
    },
    "baseline": {
        "": (
            _("Because your signs are %(severity)s, %(level)s fits best."),
            _("Because your loved one's signs are %(severity)s, %(level)s fits best."),
            _("Signs %(severity)s, so %(level)s."),
        ),
    },
    "baseline_early_intervention": {
        "": (
            _(
                "You use opioids but show few signs of a problem. So a short talk with a doctor or "
                "counselor (early intervention) fits best."
            ),
            _(
                "Your loved one uses opioids but shows few signs of a problem. So a short talk "
                "with a doctor or counselor (early intervention) fits best."
            ),
            _("Opioid use with at most one sign, so early intervention."),
        ),
    },
    "pregnant_care": {
        "yes": (
            _(
                "Because you are pregnant and use opioids, you need at least regular outpatient "
                "care with a doctor."
            ),
            _(
                "Because your loved one is pregnant and uses opioids, they need at least regular "
                "outpatient care with a doctor."
            ),
            _("Pregnant, with opioid use, so at least outpatient care."),
        ),
        "unknown": (
            _(
                "Because you might be pregnant and use opioids, you need at least regular "
                "outpatient care with a doctor."
            ),
            _(
                "Because your loved one might be pregnant and uses opioids, they need at least "
                "regular outpatient care with a doctor."
            ),
            _("May be pregnant, with opioid use, so at least outpatient care."),
        ),
        "postpartum": (
            _(
                "Because you gave birth in the past year and use opioids, you need at least "
                "regular outpatient care with a doctor."
            ),
            _(
                "Because your loved one gave birth in the past year and uses opioids, they need at "
                "least regular outpatient care with a doctor."
            ),
            _("Gave birth in the past year, with opioid use, so at least outpatient care."),
        ),
    },
    # --- Also considered: never names a care level
    "supervision_rule": {
        "": (
            _(
                "You take opioid pills only as your doctor prescribed. So needing more over time, "
                "and feeling sick when you stop, are not counted as signs."
            ),
            _(
                "The pills are taken only as a doctor prescribed. So needing more over time, and "
                "feeling sick when stopping, are not counted as signs."
            ),
            _(
                "Takes prescription opioid pills only as prescribed, so tolerance and withdrawal "
                "(signs 10 and 11) were not counted."
            ),
        ),
    },
    "supervision_not_applied": {
        "": (
            _(
                "You said you take opioids only as prescribed, but you also ticked %(opioids)s. So "
                "needing more, and feeling sick when you stop, are counted as signs."
            ),
            _(
                "Because %(opioids)s was ticked, needing more and feeling sick when stopping are "
                "counted as signs."
            ),
            _(
                "The answers say they take opioids only as prescribed but also tick %(opioids)s, "
                "so tolerance and withdrawal (signs 10 and 11) were counted."
            ),
        ),
    },
    "criteria_not_answered": {
        "": (
            _(
                "You did not answer the questions about signs of an opioid problem, so no signs "
                "could be counted."
            ),
            _(
                "You did not answer the questions about signs you have seen in your loved one, so "
                "no signs could be counted."
            ),
            _("The questions about signs were not answered, so no signs could be counted."),
        ),
    },
    "criteria_unknown": {
        "": (
            _(
                "You were not sure about %(unknown)s of the signs, so the real number may be "
                "higher."
            ),
            _("You could not tell for %(unknown)s of the signs, so the real number may be higher."),
            _("Not known: %(unknown)s of the signs, so the count is a lower bound."),
        ),
    },
    "recovery_craving": {
        "": (
            _("Cravings are common in recovery and do not mean you have lost your progress."),
            _(
                "Cravings are common in recovery and do not mean your loved one has lost their "
                "progress."
            ),
            _("Craving reported; craving alone does not take them out of recovery."),
        ),
    },
    "withdrawal_managed": {
        "": (
            _(
                "You use opioids every day and used in the past 10 days. So care for withdrawal, "
                "with medicine, should be part of your treatment."
            ),
            _(
                "Your loved one uses opioids every day and used in the past 10 days. So care for "
                "withdrawal, with medicine, should be part of their treatment."
            ),
            _(
                "Daily use in the past 10 days: withdrawal to be managed within the program, with "
                "medication."
            ),
        ),
    },
    "risks": {
        "": (
            _("Things that can make recovery harder were also considered: %(risks)s."),
            _(
                "Things that can make recovery harder for your loved one were also considered: "
                "%(risks)s."
            ),
            _("Recovery risks also considered: %(risks)s."),
        ),
    },
    # --- Advice: medication, harm reduction, framing
    "medication_now": {
        "": (
            _(
                "Keep taking your medicine for opioid use. Stopping suddenly brings withdrawal and "
                "a high risk of overdose. Tell your prescriber about any use."
            ),
            _(
                "Your loved one should keep taking their medicine for opioid use. Stopping "
                "suddenly brings withdrawal and a high risk of overdose."
            ),
            _(
                "Takes methadone, buprenorphine or naltrexone now: keep taking it; the level is "
                "never lowered for being on medication."
            ),
        ),
    },
    "medication_oud": {
        "": (
            _(
                "Medicine is recommended. Methadone or buprenorphine ease withdrawal and cravings "
                "and lower the risk of dying from an overdose. Naltrexone blocks opioids, but only "
                "after 7 to 10 days without them."
            ),
            _(
                "Medicine is recommended for your loved one. Methadone or buprenorphine ease "
                "withdrawal and cravings and lower the risk of dying from an overdose. Naltrexone "
                "blocks opioids, but only after 7 to 10 days without them."
            ),
            _(
                "Medication recommended (2 or more signs, with use): methadone or buprenorphine; "
                "naltrexone only after 7 to 10 opioid-free days."
            ),
        ),
    },
    "medication_pregnancy": {
        "": (
            _(
                "During pregnancy and after a birth, methadone or buprenorphine is safer for "
                "parent and baby than going through withdrawal."
            ),
            _(
                "During pregnancy and after a birth, methadone or buprenorphine is safer for your "
                "loved one and the baby than going through withdrawal."
            ),
            _(
                "Pregnancy or a recent birth: methadone or buprenorphine recommended over "
                "withdrawal."
            ),
        ),
    },
    "medication_level": {
        "": (
            _(
                "Medicine for opioid use should go along with %(level)s. After time away from "
                "opioids the body handles much less, so an overdose is more likely."
            ),
            _(
                "Medicine for opioid use should go along with %(level)s. After time away from "
                "opioids the body handles much less, so an overdose is more likely."
            ),
            _(
                "Medication to go with %(level)s: tolerance drops after detox or a stay, so "
                "overdose risk rises."
            ),
        ),
    },
    "harm_reduction": {
        "": (
            _(
                "You have used opioids recently. Carry naloxone (sold over the counter), never use "
                "alone, and use fentanyl test strips: fentanyl can be in any drug."
            ),
            _(
                "Keep naloxone (sold over the counter) where you both can reach it. Learn the "
                "signs of an overdose, and check on your loved one when they use: fentanyl can be "
                "in any drug."
            ),
            _("Harm reduction for recent use: naloxone, never using alone, fentanyl test strips."),
        ),
        "after_time_away": (
            _(
                "After time away from opioids, your body handles much less. If you use again, "
                "carry naloxone (sold over the counter), never use alone, and use fentanyl test "
                "strips."
            ),
            _(
                "After time away from opioids, the body handles much less. Keep naloxone where you "
                "both can reach it, learn the signs of an overdose, and check on your loved one if "
                "they use."
            ),
            _(
                "Harm reduction for a return to use, when tolerance is low: naloxone, never using "
                "alone, fentanyl test strips."
            ),
        ),
    },
    "harm_reduction_mixing": {
        "": (
            _(
                "Never mix opioids with alcohol or benzodiazepines (like Xanax). Together they can "
                "stop your breathing."
            ),
            _(
                "Opioids mixed with alcohol or benzodiazepines (like Xanax) can stop breathing. "
                "Check on your loved one more often when they have been drinking or taking pills."
            ),
            _("Uses or may use alcohol or benzodiazepines: told never to mix them with opioids."),
        ),
    },
    "harm_reduction_injecting": {
        "": (
            _(
                "You inject, so use new sterile supplies every time: syringe services programs "
                "give them free. Get tested for HIV and hepatitis C, and ask about PrEP to prevent "
                "HIV."
            ),
            _(
                "Your loved one injects. A syringe services program can give them new sterile "
                "supplies and tests for HIV and hepatitis C, and a doctor can offer PrEP to "
                "prevent HIV."
            ),
            _(
                "Injects: sterile supplies, syringe services, HIV and hepatitis C testing, and "
                "PrEP advised."
            ),
        ),
    },
    "harm_reduction_wounds": {
        "": (
            _(
                "Xylazine (tranq) in the drug supply causes bad wounds, so keep wounds clean and "
                "get them checked. In an overdose, still give naloxone: it reverses the opioid."
            ),
            _(
                "Xylazine (tranq) in the drug supply causes bad wounds, so encourage wound care. "
                "In an overdose, still give naloxone: it reverses the opioid."
            ),
            _("Injects: wound care and xylazine advice given; naloxone still reverses the opioid."),
        ),
    },
    "readiness_not_now": {
        "": (
            _(
                "You said you are not ready for help now, and that is okay. Below are ways to stay "
                "safer, and how to come back when you are ready."
            ),
            _(
                "You said your loved one is not ready for help now. Below are ways to talk about "
                "it, keep them safer, and come back when they are ready."
            ),
            _("Not ready for help now; the result is framed as staying safer and coming back."),
        ),
    },
    "family_support": {
        "": (
            _("The people close to you can get support too, including family support groups."),
            _(
                "You need support too. Below are tips to start the conversation, keep naloxone at "
                "home, find family support groups and care for yourself."
            ),
            _("Answered by a family member or friend; family support was offered."),
        ),
    },
    "young_people": {
        "": (
            _(
                "You are under 18, so look for programs for young people. A parent or trusted "
                "adult can help, but you can also reach out on your own."
            ),
            _(
                "Your loved one is under 18, so look for programs for young people. A parent or "
                "trusted adult can help, but they can also reach out on their own."
            ),
            _(
                "Under 18: programs for young people; a parent or trusted adult can help but is "
                "not required."
            ),
        ),
    },
}

ONCE_SAFE = (
    _("Once you are safe: %(reason)s"),
    _("Once your loved one is safe: %(reason)s"),
    _("After the emergency: %(reason)s"),
)


def _variant(code: str, role: str, params: Mapping) -> str:
    """Which of a code's sentences fits these params and role."""
    variants = WORDING[code]
    if DECIDING in variants or CONSIDERED in variants:
        return role
    if code == "medical_urgent":
        return "fever" if "fever_injection" in params.get("signs", ()) else ""
    if code == "sedatives":
        return "daily" if params.get("daily") else "complicated"
    if code in ("pregnant", "pregnant_care"):
        return str(params.get("status"))
    if code == "harm_reduction":
        return "after_time_away" if params.get("after_time_away") else ""
    return ""


def _values(params: Mapping) -> dict[str, object]:
    """The params as the words a sentence takes."""
    values: dict[str, object] = dict(params)
    if "care_level" in params:
        values["level"] = LEVEL_PHRASES.get(str(params["care_level"]), params["care_level"])
    if "severity" in params:
        values["severity"] = SEVERITY_PHRASES.get(str(params["severity"]), params["severity"])
    if "risks" in params:
        values["risks"] = _listed([str(RISK_PHRASES.get(r, r)) for r in params["risks"]])
    if "signs" in params:
        values["signs"] = _listed([str(URGENT_SIGN_PHRASES.get(s, s)) for s in params["signs"]])
    if "opioids" in params:
        values["opioids"] = _listed([str(OPIOID_PHRASES.get(o, o)) for o in params["opioids"]])
    return values


def _severity_params(code: str, params: Mapping) -> Mapping:
    return {**params, "severity": code.removeprefix("severity_")}


SEVERITY_WORDING: dict[tuple[bool, int], Promise] = {
    # (at least, voice index) -> sentence; %(severity)s is a SEVERITY_PHRASES phrase.
    (False, 0): _(
        "Your answers match %(met)s of the %(counted)s signs of an opioid problem, which is "
        "%(severity)s."
    ),
    (True, 0): _(
        "Your answers match at least %(met)s of the %(counted)s signs of an opioid problem, "
        "which is %(severity)s."
    ),
    (False, 1): _(
        "From what you have seen, your loved one shows at least %(met)s of the %(counted)s "
        "signs of an opioid problem, which is %(severity)s."
    ),
    (True, 1): _(
        "From what you have seen, your loved one shows at least %(met)s of the %(counted)s "
        "signs of an opioid problem, which is %(severity)s."
    ),
    (False, 2): _("Signs: %(met)s of %(counted)s, %(severity)s."),
    (True, 2): _(
        "Signs: at least %(met)s of %(counted)s (some not known or not answered), %(severity)s."
    ),
}
SEVERITY_CODES = tuple(f"severity_{s}" for s in SEVERITY_PHRASES)


def has_wording(code: str) -> bool:
    return code in WORDING or code in SEVERITY_CODES


def render(code: str, params: Mapping, *, role: str, voice: str) -> str:
    """One reason's sentence in `voice` (self, family or staff), in the active language.

    Raises KeyError for a code without words.
    """
    index = VOICES.index(voice)
    if code in SEVERITY_CODES:
        sentence = SEVERITY_WORDING[(bool(params.get("at_least")), index)]
        return str(sentence) % _values(_severity_params(code, params))
    sentence = WORDING[code][_variant(code, role, params)][index]
    text = str(sentence) % _values(params)
    if role == DECIDING and params.get("emergency"):
        text = str(ONCE_SAFE[index]) % {"reason": text}
    return text


def reason_text(reason: Mapping, assessment: Mapping, voice: str | None = None) -> str:
    """A stored reason as a sentence: in `voice`, or the voice of the assessment's mode.

    A reason scored under an earlier rules version, or with a code that has no words,
    is shown as it was stored (its `text`, or nothing).
    """
    code = str(reason.get("code", ""))
    if assessment.get("rules_version") not in CODED_VERSIONS or not has_wording(code):
        return str(reason.get("text", ""))
    if voice is None:
        voice = "family" if assessment.get("mode") == "family" else "self"
    try:
        return render(
            code, reason.get("params") or {}, role=str(reason.get("role", "")), voice=voice
        )
    except (KeyError, TypeError, ValueError):
        # Params that do not fit the words (a hand-edited record): never break a result page.
        return str(reason.get("text", ""))


def with_texts(assessment: dict, voice: str | None = None) -> dict:
    """A copy of a stored assessment whose reasons each carry their `text` (for the API)."""
    return {
        **assessment,
        "reasons": [
            {**reason, "text": reason_text(reason, assessment, voice)}
            for reason in assessment.get("reasons", [])
        ],
    }
