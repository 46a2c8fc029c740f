"""Loading the shipped content: fills what is missing, refreshes old unedited copies, and
never overwrites what staff changed, however often migrations run."""

import importlib
from dataclasses import replace

import pytest
from django.apps import apps as django_apps

from content.models import Article, GlossaryTerm
from content.shipped import ARTICLES, GLOSSARY
from content.shipped.loader import load_shipped_content

pytestmark = pytest.mark.django_db


def load():
    return load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)


def run_data_migration():
    migration = importlib.import_module("content.migrations.0002_shipped_content")
    migration.load(django_apps, None)


def test_a_fresh_install_has_every_shipped_article_and_term(shipped):
    assert Article.objects.published().count() == len(ARTICLES)
    assert GlossaryTerm.objects.count() == len(GLOSSARY)
    article = Article.objects.get(slug="detox")
    assert article.shipped_revision == 1
    assert article.edited_by_staff is False
    assert article.sources and article.last_reviewed


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
    assert "detox" in report.kept
    assert Article.objects.get(slug="detox").body == "<p>Staff text</p>"


def test_an_upgrade_refreshes_articles_nobody_edited(shipped, monkeypatch):
    Article.objects.filter(slug="overdose").update(title="Old shipped title")
    newer = tuple(replace(a, revision=a.revision + 1) for a in ARTICLES)
    monkeypatch.setattr("content.shipped.loader.ARTICLES", newer)
    report = load()
    assert "overdose" in report.refreshed
    article = Article.objects.get(slug="overdose")
    assert article.title == next(a.title for a in ARTICLES if a.slug == "overdose")
    assert article.shipped_revision == 2


def test_a_deleted_shipped_article_comes_back(shipped):
    Article.objects.filter(slug="therapies").delete()
    assert load().created == ["therapies"]


def test_a_glossary_edit_survives_loading(shipped):
    GlossaryTerm.objects.filter(slug="naloxone").update(definition="Our definition.")
    load()
    assert GlossaryTerm.objects.get(slug="naloxone").definition == "Our definition."


def test_shipped_bodies_are_stored_sanitised(shipped):
    from content.html import sanitize_body

    for article in Article.objects.all():
        assert article.body == sanitize_body(article.body)


def test_every_shipped_article_passes_model_validation(shipped):
    for article in Article.objects.all():
        article.full_clean()
