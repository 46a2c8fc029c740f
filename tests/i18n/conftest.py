"""Spanish pages need the compiled catalogue: build it if it is missing or older than the .po."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.i18n.pofile import LOCALE


@pytest.fixture(scope="session", autouse=True)
def compiled_messages(django_db_blocker) -> None:
    for po in Path(LOCALE).glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parent.parent.name], verbosity=0)
    # A catalogue built in this process's lifetime must be read afresh.
    from django.utils.translation import trans_real

    trans_real._translations = {}


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request to /es/ leaves Spanish active in this thread; later tests reverse() in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
