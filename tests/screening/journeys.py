"""Complete answer sets and a helper that walks the questionnaire through the test client."""

from django.test import Client
from django.urls import reverse

from screening.questions import STEPS

# Someone using heroin and fentanyl daily, last used yesterday, with most signs.
SELF_DAILY_USE = {
    "age": "18_plus",
    "opioids": ["heroin", "fentanyl"],
    "use_days": "20-30",
    "last_use": "1_3d",
    "injects": "no",
    "prescribed_only": "no",
    "in_treatment": "none",
    **{f"c{n}": "yes" for n in range(1, 8)},
    **{f"c{n}": "no" for n in range(8, 12)},
    "wd_symptoms": ["aches", "craving"],
    "wd_severity": "moderate",
    "suicidal": "no",
    "overdose_past_year": "no",
    "sedatives": "no",
    "complicated_withdrawal": "no",
    "pregnant": "na",
    "medical_urgent": ["none"],
    "mental_health": "no",
    "prior_treatment": "none",
    "readiness": "ready",
    "housing": "stable",
    "home_use": "no",
    "support": "yes",
}

# Daily fentanyl by injection, an overdose in the past year, benzodiazepines sometimes.
SELF_HIGH_RISK = {
    **SELF_DAILY_USE,
    "opioids": ["heroin", "fentanyl"],
    "injects": "yes",
    "overdose_past_year": "yes",
    "sedatives": "sometimes",
}

# The same person with thoughts of suicide right now, said on the first (safety) screen.
SELF_SUICIDAL_NOW = {**SELF_DAILY_USE, "suicidal": "now"}

# A parent who has seen some signs and can't tell for others.
FAMILY_OBSERVER = {
    **{k: v for k, v in SELF_DAILY_USE.items() if k != "prescribed_only"},
    "overdose_now": "no",
    "c8": "unknown",
    "c9": "unknown",
    "wd_symptoms": ["none"],
    "wd_severity": "none",
}


def form_data(step_slug: str, answers: dict, mode: str) -> dict:
    """The POST body of one step, as a browser would send it."""
    step = next(s for s in STEPS if s.slug == step_slug)
    return {q.id: answers[q.id] for q in step.questions_for(mode) if q.id in answers} | {
        "action": "next"
    }


def complete_questionnaire(client: Client, *, mode: str, answers: dict):
    """Answer every step and return the final response (a redirect to the result)."""
    response = client.post(reverse("screening:start"), {"mode": mode})
    assert response.status_code == 302
    if mode == "family":
        response = client.post(
            reverse("screening:safety_check"), {"overdose_now": answers["overdose_now"]}
        )
        assert response.status_code == 302
    for step in STEPS:
        data = form_data(step.slug, answers, mode)
        if answers.get("suicidal") == "now":
            data["crisis_seen"] = "1"
        response = client.post(reverse("screening:step", args=[step.slug]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response
