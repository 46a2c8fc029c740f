"""The printable summary as a PDF, rendered by WeasyPrint from a template."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from firststep.context_processors import HELP_LINES


def summary_document(context: dict):
    """The summary laid out as pages (a WeasyPrint Document), for this PDF or a staff case file."""
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF requests need.
    from weasyprint import HTML

    html = render_to_string(
        "screening/summary_pdf.html",
        {**context, "help_lines": HELP_LINES, "printed_at": timezone.localtime()},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render()


def render_summary_pdf(context: dict) -> bytes:
    return summary_document(context).write_pdf()


def warm_up() -> None:
    """Load WeasyPrint, Pango and the summary's fonts now, not during someone's first PDF.

    The first PDF in a process took about 1.4 s against 0.15-0.3 s for the next ones;
    gunicorn.conf.py calls this in each worker as it starts.
    """
    summary_document({}).write_pdf()
