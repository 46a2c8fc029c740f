import json

import pytest

from content.models import Article, GlossaryTerm
from content.shipped.loader import load_shipped_content


@pytest.fixture
def shipped(db):
    """The shipped articles and glossary, as a fresh install has them.

    The data migration loads them, but a browser test's flush empties the tables,
    so load again (a no-op when they are there). Returns the published English articles.
    """
    load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)
    return list(Article.objects.published().filter(language="en"))


@pytest.fixture
def staff_client(client, db):
    """A signed-in staff editor who has passed the second step (TOTP), as the admin requires."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


SPANISH_WITHDRAWAL = (
    "<p>La abstinencia es lo que pasa cuando el cuerpo recibe menos heroína. Lea sobre la "
    '<a href="/learn/detox/">desintoxicación</a> y sobre la '
    '<a href="/learn/therapies/">terapia</a>.</p>'
)


def write_spanish(directory, *, meta: dict, bodies: dict, glossary: dict | None = None):
    """Files laid out as the translator writes them in content/shipped/es/."""
    directory.mkdir(exist_ok=True)
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    for slug, body in bodies.items():
        (directory / f"{slug}.html").write_text(body, encoding="utf-8")
    if glossary is not None:
        (directory / "glossary.json").write_text(json.dumps(glossary), encoding="utf-8")


def shipped_spanish_keys() -> set[str]:
    """The English slugs of the articles content/shipped/es/ ships in Spanish, read from its
    meta files: an article ships in Spanish when it has a meta entry and a body file."""
    from content.shipped import ES_DIR, ES_META_FILES

    keys: set[str] = set()
    for name in ES_META_FILES:
        path = ES_DIR / name
        if path.is_file():
            keys |= set(json.loads(path.read_text(encoding="utf-8")))
    return {key for key in keys if (ES_DIR / f"{key}.html").is_file()}


@pytest.fixture
def translated(tmp_path, monkeypatch, db):
    """Spanish as the translator ships it, made up: two articles with a body and a meta
    entry, one with a meta entry only, and one glossary term. Loaded by `load`.

    They stand in for content/shipped/es/: the Spanish rows the data migration loaded from
    it are removed first, so the made-up files are the only Spanish, whatever es/ holds."""
    from content.shipped import spanish_articles, spanish_glossary

    Article.objects.filter(language="es").delete()
    GlossaryTerm.objects.filter(language="es").delete()

    directory = tmp_path / "es"
    write_spanish(
        directory,
        meta={
            "heroin-withdrawal": {
                "slug": "abstinencia-de-heroina",
                "title": "La abstinencia de heroína",
                "summary": "Qué se siente y cuánto dura.",
            },
            "detox": {"slug": "desintoxicacion", "title": "Desintoxicación", "summary": "Qué es."},
            "therapies": {"slug": "terapias", "title": "Terapias", "summary": "Sin texto aún."},
        },
        bodies={"heroin-withdrawal": SPANISH_WITHDRAWAL, "detox": "<p>La desintoxicación.</p>"},
        glossary={"Detox": {"term": "Desintoxicación", "definition": "Ayuda con la abstinencia."}},
    )
    spanish = spanish_articles(directory=directory)
    monkeypatch.setattr("content.shipped.loader.ARTICLES_ES", spanish)
    monkeypatch.setattr("content.shipped.loader.GLOSSARY_ES", spanish_glossary(directory=directory))
    return spanish


@pytest.fixture
def load():
    def run():
        return load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)

    return run


@pytest.fixture
def two_languages(settings):
    """Spanish among the site's languages, as the project's i18n settings will have it."""
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    return settings
