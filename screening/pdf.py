"""The printable summary as a PDF, rendered by WeasyPrint from a template."""

import ssl
from functools import cache

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from firststep.context_processors import HELP_LINES

# What a PDF may load: files of the project and data: URLs. Never the network, whatever a
# template or a value printed in it asks for.
OFFLINE_PROTOCOLS = ("file", "data")


def laid_out(html: str):
    """HTML laid out as pages (a WeasyPrint Document), loading nothing from the network."""
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF requests need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=OFFLINE_PROTOCOLS, ssl_context=_never_used_tls())
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).render()


@cache
def _never_used_tls() -> ssl.SSLContext:
    # WeasyPrint's default fetcher made a TLS context with the system's certificates for every
    # document, a tenth of a summary's render time; with https refused it is never used.
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def summary_html(context: dict) -> str:
    """The summary as HTML, for this PDF or a staff case file."""
    return render_to_string(
        "screening/summary_pdf.html",
        {**context, "help_lines": HELP_LINES, "printed_at": timezone.localtime()},
    )


def summary_document(context: dict):
    """The summary laid out as pages (a WeasyPrint Document)."""
    return laid_out(summary_html(context))


def render_summary_pdf(context: dict) -> bytes:
    return summary_document(context).write_pdf()


def warm_up() -> None:
    """Load WeasyPrint, Pango and the summary's fonts now, not during someone's first PDF.

    The first PDF in a process took about 1.4 s against 0.15-0.3 s for the next ones;
    gunicorn.conf.py calls this in each worker as it starts.
    """
    from screening.models import Screening
    from screening.references import REFERENCE_LENGTH
    from screening.scoring import assess
    from screening.views import result_context

    answers = {"mode": "self", "opioids": ["heroin"], "use_days": "20-30", "last_use": "6_24h"}
    unsaved = Screening(mode="self", answers=answers, assessment=assess(answers).to_dict())
    summary_document(result_context(unsaved, "R" * REFERENCE_LENGTH)).write_pdf()
