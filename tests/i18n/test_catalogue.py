"""The Spanish catalogue is complete, compiles, and matches the strings in the code."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.i18n.pofile import LOCALE, read

ROOT = Path(__file__).resolve().parents[2]
PO = LOCALE / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
TAG = re.compile(r"</?[a-z]+[^>]*>")


def entries():
    return read(PO)


def test_every_string_is_translated_and_none_is_fuzzy():
    untranslated = [e.msgid for e in entries() if not all(t.strip() for t in e.translations)]
    fuzzy = [e.msgid for e in entries() if "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} strings without Spanish: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy strings (check and clear the flag): {fuzzy[:10]}"


def test_translations_keep_placeholders_and_markup():
    for entry in entries():
        expected = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        for translation in entry.translations:
            assert set(PLACEHOLDER.findall(translation)) == expected, (
                f"placeholders differ: {entry.msgid!r} -> {translation!r}"
            )
            tags = [t.split()[0].rstrip(">") for t in TAG.findall(entry.msgid)]
            assert [t.split()[0].rstrip(">") for t in TAG.findall(translation)] == tags, (
                f"markup differs: {entry.msgid!r} -> {translation!r}"
            )
            # Many strings land in HTML attributes (meta description, aria-label).
            assert '"' not in translation or '"' in entry.msgid, translation


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (make gettext)")
def test_catalogue_compiles_cleanly():
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(PO)], check=True)  # noqa: S603, S607


def makemessages_arguments() -> list[str]:
    """The arguments of `make messages`, read from the Makefile so there is one list."""
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = next(x for x in makefile.splitlines() if x.startswith("MAKEMESSAGES :="))
    return shlex.split(line.split(":=", 1)[1])


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext (make gettext)")
def test_makemessages_finds_no_new_or_removed_strings(tmp_path):
    """Run `make messages` on a copy of the code: the .po must already hold exactly its strings."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "staticfiles", "test-artifacts", "*.mo", "__pycache__", "db.sqlite3*"
    )
    shutil.copytree(ROOT, copy, ignore=ignore, symlinks=True)
    result = subprocess.run(  # noqa: S603 — our own manage.py, fixed arguments
        [sys.executable, "manage.py", *makemessages_arguments()],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_LOG_LEVEL": "ERROR", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    now = {e.key for e in read(copy / "locale" / "es" / "LC_MESSAGES" / "django.po")}
    committed = {e.key for e in entries()}
    assert not now - committed, f"run `make messages` and translate: {sorted(now - committed)[:10]}"
    assert not committed - now, (
        f"run `make messages`: gone from the code {sorted(committed - now)[:10]}"
    )
