"""Reads for the admissions side."""

from admissions.models import Referral
from screening.models import Screening
from screening.references import REFERENCE_LENGTH


def looks_like_reference(reference: str) -> bool:
    return len(reference) == REFERENCE_LENGTH and all(
        c.isascii() and (c.isalnum() or c in "-_") for c in reference
    )


def screening_by_reference(reference: str) -> Screening | None:
    """The screening a reference opens, or None: the same for wrong and withdrawn references.

    The lookup compares SHA-256 digests in the database, so its timing says
    nothing about how close a guess was; a withdrawn screening's digest was
    replaced, so its old reference is simply wrong.
    """
    if not looks_like_reference(reference):
        return None
    return (
        Screening.objects.by_reference(reference)
        .exclude(referral__status="withdrawn")
        .select_related("referral")
        .first()
    )


def referral_by_reference(reference: str) -> Referral | None:
    screening = screening_by_reference(reference)
    if screening is None:
        return None
    return getattr(screening, "referral", None)
