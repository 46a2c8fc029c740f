from django.db import transaction

from screening.models import Screening
from screening.references import reference_digest, reference_for_token
from screening.scoring import assess


def screening_submit(*, answers: dict, client_token: str) -> Screening:
    """Score the answers and store the screening once per questionnaire.

    The same token always yields the same reference, so a double submit (or a
    retry after a database outage) returns the screening already stored.
    Raises scoring.AnswerError for answers outside the vocabulary.
    """
    assessment = assess(answers)
    reference = reference_for_token(client_token)
    with transaction.atomic():
        screening, _created = Screening.objects.get_or_create(
            reference_digest=reference_digest(reference),
            defaults={
                "mode": assessment.mode,
                "answers": answers,
                "assessment": assessment.to_dict(),
                "rules_version": assessment.rules_version,
                "severity": assessment.severity,
                "care_level": assessment.care_level,
                "emergency": assessment.emergency,
                "has_red_flags": bool(assessment.red_flags),
            },
        )
    screening.reference = reference
    return screening
