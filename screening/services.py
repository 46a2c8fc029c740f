from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from screening.models import RetiredReference, Screening
from screening.references import reference_digest, reference_for_token
from screening.scoring import assess


class SubmissionUsed(Exception):
    """This one-time submission id was spent on another submit: start a new questionnaire."""


def screening_submit(*, answers: dict, client_token: str, language: str = "en") -> Screening:
    """Score the answers and store the screening, once per one-time submission id.

    The first submit spends the id (RetiredReference). A second submit with it finds
    the same screening only while it is a retry: identical answers, within
    settings.SUBMISSION_RETRY_SECONDS, screening not deleted or withdrawn. Anything
    else raises SubmissionUsed: never an earlier person's screening, never a
    withdrawn reference brought back. Raises scoring.AnswerError for answers outside
    the vocabulary.
    """
    assessment = assess(answers)
    reference = reference_for_token(client_token)
    digest = reference_digest(reference)
    with transaction.atomic():
        retired, created = RetiredReference.objects.get_or_create(reference_digest=digest)
        if created:
            screening = Screening.objects.create(
                reference_digest=digest,
                mode=assessment.mode,
                answers=answers,
                assessment=assessment.to_dict(),
                rules_version=assessment.rules_version,
                severity=assessment.severity,
                care_level=assessment.care_level,
                emergency=assessment.emergency,
                has_red_flags=bool(assessment.red_flags),
                language=language,
            )
        else:
            screening = _retried(retired, digest, answers)
    screening.reference = reference
    return screening


def screening_retry(*, client_token: str, answers_for: Callable[[str], dict]) -> Screening | None:
    """The screening a retry of a finished submit stored, or None when it is no retry.

    `answers_for(mode)` gives what the retry posted (the last step's answers, read for the
    stored screening's mode): they must be the ones stored. Used when the session was
    already finished by the first submit.
    """
    reference = reference_for_token(client_token)
    digest = reference_digest(reference)
    retired = RetiredReference.objects.filter(reference_digest=digest).first()
    if retired is None:
        return None
    screening = Screening.objects.filter(reference_digest=digest).only("mode").first()
    if screening is None:
        return None
    try:
        screening = _retried(retired, digest, answers_for(screening.mode), partial=True)
    except SubmissionUsed:
        return None
    screening.reference = reference
    return screening


def _retried(
    retired: RetiredReference, digest: str, answers: dict, *, partial: bool = False
) -> Screening:
    if timezone.now() - retired.retired_at > timedelta(seconds=settings.SUBMISSION_RETRY_SECONDS):
        raise SubmissionUsed
    screening = Screening.objects.filter(reference_digest=digest).first()
    if screening is None:
        raise SubmissionUsed
    stored = screening.answers
    if partial and not answers:
        raise SubmissionUsed
    same = (
        all(stored.get(key) == value for key, value in answers.items())
        if partial
        else stored == answers
    )
    if not same:
        raise SubmissionUsed
    return screening


def screening_delete(*, reference: str) -> bool:
    """Delete a screening nobody sent to admissions; False when there is none to delete.

    A sent screening is withdrawn instead (admissions), which erases it for admissions too.
    Its reference stays retired: it never opens anything again.
    """
    deleted, _ = Screening.objects.by_reference(reference).filter(referral__isnull=True).delete()
    return bool(deleted)
