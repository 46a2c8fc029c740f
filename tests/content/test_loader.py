"""Loading the shipped content: fills what is missing, refreshes old unedited copies, and
never overwrites what staff changed, however often migrations run, in each language."""

import importlib
from dataclasses import replace

import pytest
from django.apps import apps as django_apps

from content.html import sanitize_body
from content.models import Article, GlossaryTerm
from content.shipped import ARTICLES, ARTICLES_ES, GLOSSARY, GLOSSARY_ES, spanish_articles
from content.shipped.loader import load_shipped_content
from tests.content.conftest import SPANISH_WITHDRAWAL, write_spanish

pytestmark = pytest.mark.django_db


def load():
    return load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)


def run_data_migration():
    migration = importlib.import_module("content.migrations.0006_shipped_content_in_two_languages")
    migration.load(django_apps, None)


def shipped_revision(slug: str) -> int:
    return next(a.revision for a in ARTICLES if a.slug == slug)


def test_a_fresh_install_has_every_shipped_article_and_term(shipped):
    assert Article.objects.filter(language="en").published().count() == len(ARTICLES)
    assert Article.objects.filter(language="es").published().count() == len(ARTICLES_ES)
    assert GlossaryTerm.objects.filter(language="en").count() == len(GLOSSARY)
    assert GlossaryTerm.objects.filter(language="es").count() == len(GLOSSARY_ES)
    article = Article.objects.get(slug="detox", language="en")
    assert article.translation_key == "detox"
    assert article.shipped_revision == shipped_revision("detox")
    assert article.edited_by_staff is False
    assert article.sources and article.last_reviewed


def test_the_new_article_ships_in_both_languages(shipped):
    english = Article.objects.get(language="en", translation_key="infections-and-safer-use")
    spanish = Article.objects.get(language="es", translation_key="infections-and-safer-use")
    assert english.slug == "infections-and-safer-use"
    assert spanish.slug == "infecciones-y-consumo-mas-seguro"
    assert spanish.title == "Infecciones y consumo más seguro"
    assert "hepatitis C" in spanish.body and spanish.topic == english.topic
    assert [s["url"] for s in spanish.sources] == [s["url"] for s in english.sources]
    assert all("Centros para el Control" in s["publisher"] for s in spanish.sources)


def test_running_again_changes_nothing(shipped):
    before = list(Article.objects.values())
    report = load()
    assert report.created == report.refreshed == report.terms_created == []
    assert list(Article.objects.values()) == before


def test_a_staff_edit_survives_rerunning_the_data_migration(shipped):
    article = Article.objects.get(slug="detox")
    article.title = "Detox, as our clinic explains it"
    article.body = "<p>Our own words.</p>"
    article.is_published = False
    article.edited_by_staff = True
    article.save()

    run_data_migration()
    article.refresh_from_db()
    assert article.title == "Detox, as our clinic explains it"
    assert article.body == "<p>Our own words.</p>"
    assert article.is_published is False


def test_a_staff_edit_survives_an_upgrade_that_ships_a_new_revision(shipped, monkeypatch):
    Article.objects.filter(slug="detox").update(body="<p>Staff text</p>", edited_by_staff=True)
    newer = tuple(replace(a, revision=a.revision + 1) for a in ARTICLES)
    monkeypatch.setattr("content.shipped.loader.ARTICLES", newer)
    report = load()
    assert "en/detox" in report.kept
    assert Article.objects.get(slug="detox").body == "<p>Staff text</p>"


def test_an_upgrade_refreshes_articles_nobody_edited(shipped, monkeypatch):
    Article.objects.filter(slug="overdose").update(title="Old shipped title")
    newer = tuple(replace(a, revision=a.revision + 1) for a in ARTICLES)
    monkeypatch.setattr("content.shipped.loader.ARTICLES", newer)
    report = load()
    assert "en/overdose" in report.refreshed
    article = Article.objects.get(slug="overdose")
    assert article.title == next(a.title for a in ARTICLES if a.slug == "overdose")
    assert article.shipped_revision == shipped_revision("overdose") + 1


def test_a_deleted_shipped_article_comes_back(shipped):
    Article.objects.filter(slug="therapies").delete()
    assert load().created == ["en/therapies"]


def test_an_article_staff_wrote_is_never_replaced_by_a_shipped_one(db, monkeypatch):
    # Staff wrote their own article on the address a later release ships.
    Article.objects.filter(slug="therapies").delete()
    Article.objects.create(
        title="Ours", slug="therapies", summary="s", body="<p>Ours</p>", topic="treatment",
        sources=[], last_reviewed="2026-01-01",
    )  # fmt: skip
    report = load()
    assert "en/therapies" in report.kept
    assert Article.objects.get(slug="therapies").body == "<p>Ours</p>"


def test_a_shipped_slug_taken_by_a_staff_article_is_skipped(db):
    Article.objects.filter(slug="therapies").delete()
    Article.objects.create(
        title="Ours", slug="therapies", summary="s", body="<p>Ours</p>", topic="treatment",
        sources=[], last_reviewed="2026-01-01", translation_key="our-therapies",
    )  # fmt: skip
    report = load()
    assert report.skipped == ["en/therapies"]
    assert Article.objects.filter(language="en", translation_key="therapies").count() == 0


def test_a_glossary_edit_survives_loading(shipped):
    GlossaryTerm.objects.filter(language="en", slug="naloxone").update(definition="Our definition.")
    load()
    assert GlossaryTerm.objects.get(language="en", slug="naloxone").definition == "Our definition."


def test_shipped_bodies_are_stored_sanitised(shipped):
    from content.html import sanitize_body

    for article in Article.objects.all():
        assert article.body == sanitize_body(article.body)


def test_every_shipped_article_passes_model_validation(shipped):
    for article in Article.objects.all():
        article.full_clean()


# --- Per language -----------------------------------------------------------------------


def test_it_reads_the_translators_layout(translated):
    by_key = {a.key: a for a in translated}
    assert set(by_key) == {"heroin-withdrawal", "detox"}  # therapies has no body file yet
    withdrawal = by_key["heroin-withdrawal"]
    assert withdrawal.language == "es" and withdrawal.slug == "abstinencia-de-heroina"
    assert withdrawal.body == SPANISH_WITHDRAWAL
    english = next(a for a in ARTICLES if a.slug == "heroin-withdrawal")
    assert withdrawal.topic == english.topic and withdrawal.care_levels == english.care_levels
    assert withdrawal.revision == 1


def test_a_missing_translation_ships_english_only(tmp_path):
    write_spanish(tmp_path / "es", meta={}, bodies={"detox": "<p>Sin meta.</p>"})
    assert spanish_articles(directory=tmp_path / "es") == ()
    assert spanish_articles(directory=tmp_path / "nothing-here") == ()


def test_each_language_is_loaded_as_its_own_row(db, translated):
    load()
    english = Article.objects.get(language="en", translation_key="heroin-withdrawal")
    spanish = Article.objects.get(language="es", translation_key="heroin-withdrawal")
    assert english.pk != spanish.pk
    assert spanish.slug == "abstinencia-de-heroina"
    assert spanish.body == sanitize_body(SPANISH_WITHDRAWAL)
    assert not Article.objects.filter(language="es", translation_key="therapies").exists()


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_staff_edit_in_one_language_survives_a_new_revision_of_both(
    db, translated, monkeypatch, language
):
    load()
    Article.objects.filter(language=language, translation_key="heroin-withdrawal").update(
        body="<p>Staff text</p>", edited_by_staff=True
    )
    Article.objects.filter(translation_key="heroin-withdrawal").exclude(language=language).update(
        title="Old shipped title"
    )
    monkeypatch.setattr(
        "content.shipped.loader.ARTICLES",
        tuple(replace(a, revision=a.revision + 1) for a in ARTICLES),
    )
    monkeypatch.setattr(
        "content.shipped.loader.ARTICLES_ES",
        tuple(replace(a, revision=a.revision + 1) for a in translated),
    )
    report = load()
    assert f"{language}/heroin-withdrawal" in report.kept
    edited = Article.objects.get(language=language, translation_key="heroin-withdrawal")
    assert edited.body == "<p>Staff text</p>"
    # The other language's version, which nobody edited, is refreshed.
    other = "es" if language == "en" else "en"
    assert f"{other}/heroin-withdrawal" in report.refreshed
    untouched = Article.objects.get(language=other, translation_key="heroin-withdrawal")
    assert untouched.title != "Old shipped title"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_staff_edit_in_either_language_survives_rerunning_the_migration(db, translated, language):
    load()
    Article.objects.filter(language=language, translation_key="detox").update(
        title="Ours", edited_by_staff=True
    )
    run_data_migration()
    assert Article.objects.get(language=language, translation_key="detox").title == "Ours"


def test_a_deleted_translation_comes_back_alone(db, translated):
    load()
    Article.objects.filter(language="es", translation_key="detox").delete()
    assert load().created == ["es/detox"]


def test_spanish_glossary_terms_are_keyed_by_the_english_term(tmp_path):
    from content.shipped import spanish_glossary

    directory = tmp_path / "es"
    write_spanish(
        directory,
        meta={},
        bodies={},
        glossary={
            "Detox": {"term": "Desintoxicación", "definition": "Ayuda con la abstinencia."},
            "Opioid use disorder (OUD)": {
                "term": "Trastorno por consumo de opioides (TCO)",
                "definition": "El nombre médico de la adicción a los opioides.",
            },
            "No such term": {"term": "Nada", "definition": "Nada."},
        },
    )
    terms = {t.slug: t for t in spanish_glossary(directory=directory)}
    assert set(terms) == {"detox", "oud"}  # same anchors as in English
    assert terms["detox"].term == "Desintoxicación" and terms["detox"].language == "es"
    assert terms["oud"].also_written_as == ("Trastorno por consumo de opioides", "TCO")


def test_a_spanish_glossary_edit_survives_loading(shipped):
    GlossaryTerm.objects.filter(language="es", slug="xylazine").update(definition="Nuestra.")
    load()
    assert GlossaryTerm.objects.get(language="es", slug="xylazine").definition == "Nuestra."
