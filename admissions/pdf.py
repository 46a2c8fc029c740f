"""The staff PDF: a cover page with the case's contact details, then the person's own summary."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from admissions.models import Referral
from screening.pdf import summary_document


def render_referral_pdf(*, referral: Referral, summary_context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF requests need.
    from weasyprint import HTML

    cover_html = render_to_string(
        "staff/referral_pdf.html", {"referral": referral, "printed_at": timezone.localtime()}
    )
    cover = HTML(string=cover_html, base_url=str(settings.BASE_DIR)).render()
    # The same summary the person's own PDF holds, with the case label for a reference.
    summary = summary_document(summary_context)
    return cover.copy(cover.pages + summary.pages).write_pdf()
