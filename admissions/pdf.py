"""The staff PDF: a cover page with the case's contact details, then the person's own summary."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from admissions.models import Referral


def render_referral_pdf(*, referral: Referral, summary_context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF requests need.
    from weasyprint import HTML

    base_url = str(settings.BASE_DIR)
    printed_at = timezone.localtime()
    cover_html = render_to_string(
        "staff/referral_pdf.html", {"referral": referral, "printed_at": printed_at}
    )
    # The same template the person's own PDF uses, with the case label for a reference.
    summary_html = render_to_string(
        "screening/summary_pdf.html", {**summary_context, "printed_at": printed_at}
    )
    cover = HTML(string=cover_html, base_url=base_url).render()
    summary = HTML(string=summary_html, base_url=base_url).render()
    return cover.copy(cover.pages + summary.pages).write_pdf()
