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
