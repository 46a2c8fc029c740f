"""The staff PDF: a cover page with the case's contact details, then the person's own summary.

One document, so its pages are numbered straight through (cover included).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from admissions.models import Referral
from admissions.selectors import contact_guidance
from screening.pdf import laid_out, summary_html


def render_referral_pdf(*, referral: Referral, summary_context: dict) -> bytes:
    summary = summary_html(summary_context)
    cover_html = render_to_string(
        "staff/referral_pdf.html",
        {
            **summary_context,
            "referral": referral,
            "guidance": contact_guidance(referral),
            "printed_at": timezone.localtime(),
            # The same summary the person's own PDF holds, after the cover.
            "summary_style": _between(summary, "<style>", "</style>"),
            "summary_body": _between(summary, "<body>", "</body>"),
        },
    )
    return laid_out(cover_html).write_pdf()


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) + len(start) : html.index(end)]
