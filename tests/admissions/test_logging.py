"""References never reach the server log."""

import logging

import pytest
from django.urls import reverse

from admissions.log_filters import RedactReferences, redact
from tests.personas import make_referral

pytestmark = pytest.mark.django_db


def test_redact_hides_references_and_keeps_the_rest():
    reference = "AbCdEfGhIjKlMnOpQrStUvWx-_1"
    assert redact(f"Not Found: /my-screening/{reference}/send/") == (
        "Not Found: /my-screening/[reference]/send/"
    )
    assert redact("GET /staff/cases/12/ 200") == "GET /staff/cases/12/ 200"


def test_the_console_handler_filters_requests_with_references(client, caplog):
    handler = logging.getHandlerByName("console")
    assert any(isinstance(f, RedactReferences) for f in handler.filters)
    _, reference = make_referral()
    caplog.handler.addFilter(RedactReferences())
    with caplog.at_level(logging.INFO):
        client.get(reverse("admissions:withdraw", args=["w" * 27]))
        client.get(reverse("screening:result", args=["r" * 27]))
        client.get(reverse("admissions:status", args=[reference]))
    assert caplog.records, "Django logs 404s"
    assert "w" * 27 not in caplog.text and "r" * 27 not in caplog.text
    assert reference not in caplog.text


@pytest.mark.parametrize(
    "line",
    [
        "Not Found: /screening/result/{r}/",
        "Not Found: /screening/result/{r}x/",  # glued on: a longer run is redacted whole
        "Not Found: /screening/result/{r}-_-/summary.pdf",
        "Not Found: /screening/result/x{r}/",
        "Not Found: /my-screening/{r}_old/send/",
        "Not Found: /screening/result/{r}.pdf",
        "Not Found: /screening/result/{r}%2F",
        "Not Found: /screening/result/{r}?next=/",
        "GET /staff/two-step/invitation/{r}{r}/ 302",  # a setup link's token
        "{r}",
        "ref={r}{r}{r}",
    ],
)
def test_any_reference_shaped_segment_is_redacted_whatever_follows_it(line):
    reference = "AbCdEfGhIjKlMnOpQrStUvWx-_1"
    redacted = redact(line.format(r=reference))
    assert reference not in redacted
    assert reference[:20] not in redacted and reference[-20:] not in redacted
    assert "[reference]" in redacted


def test_a_traceback_is_redacted_too():
    reference = "AbCdEfGhIjKlMnOpQrStUvWx-_1"
    try:
        raise ValueError(f"no screening {reference}")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    RedactReferences().filter(record)
    assert reference not in record.exc_text and "[reference]" in record.exc_text
