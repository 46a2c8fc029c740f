"""The staff PDF: a cover page with the case's contact details, then the person's own summary."""

from django.template.loader import render_to_string
from django.utils import timezone

from admissions.models import Referral
from admissions.selectors import contact_guidance
from screening.pdf import laid_out, summary_document


def render_referral_pdf(*, referral: Referral, summary_context: dict) -> bytes:
    cover_html = render_to_string(
        "staff/referral_pdf.html",
        {
            "referral": referral,
            "guidance": contact_guidance(referral),
            "printed_at": timezone.localtime(),
        },
    )
    cover = laid_out(cover_html)
    # The same summary the person's own PDF holds, with the case label for a reference.
    summary = summary_document(summary_context)
    return cover.copy(cover.pages + summary.pages).write_pdf()
