"""The screening result page links the articles that fit the result ("Read next")."""

import re

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection

from content.models import Article, ContentVersion
from content.selectors import articles_for_result
from firststep import versions
from screening.models import Screening
from tests.screening.journeys import FAMILY_OBSERVER, SELF_DAILY_USE, complete_questionnaire

pytestmark = pytest.mark.django_db


def read_next_links(page: str) -> list[str]:
    section = page.split('id="read-next-title"')[1].split("</section>")[0]
    return re.findall(r'href="/learn/([^"/]+)/"', section)


@pytest.mark.parametrize(
    ("mode", "answers", "changes"),
    [
        ("self", SELF_DAILY_USE, {}),
        ("self", SELF_DAILY_USE, {"wd_severity": "severe"}),
        ("family", FAMILY_OBSERVER, {}),
        ("family", FAMILY_OBSERVER, {"overdose_now": "yes"}),
    ],
    ids=["self", "self-severe-withdrawal", "family", "family-overdose-now"],
)
def test_the_result_links_the_articles_for_its_care_level(client, shipped, mode, answers, changes):
    response = complete_questionnaire(client, mode=mode, answers=answers | changes)
    page = client.get(response.url).content.decode()
    assessment = Screening.objects.get().assessment
    expected = articles_for_result(
        care_level=assessment["care_level"], red_flags=assessment["red_flags"], mode=mode
    )
    assert 2 <= len(expected) <= 3
    assert "Read next" in page
    assert read_next_links(page) == [a.slug for a in expected]
    if mode == "family":
        assert {"for-families", "overdose"} <= set(read_next_links(page))


def test_read_next_shows_each_article_as_it_is_now(client, shipped):
    """Result pages are cached per process under the content version: every change to an
    article, by staff or in bulk, shows on this process's very next result page."""
    url = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    first = read_next_links(client.get(url).content.decode())[0]

    article = Article.objects.get(slug=first)
    article.title = "Retitled by an editor"
    article.save()
    assert "Retitled by an editor" in client.get(url).content.decode()

    Article.objects.filter(slug=first).update(is_published=False)
    assert first not in read_next_links(client.get(url).content.decode())


def test_an_article_change_committed_by_another_process_shows_within_a_second(
    client, shipped, clock
):
    url = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    first = read_next_links(client.get(url).content.decode())[0]
    with connection.cursor() as cursor:  # what another worker's transaction commits
        cursor.execute(
            "UPDATE content_article SET title = %s WHERE slug = %s", ["Renamed elsewhere", first]
        )
        cursor.execute("UPDATE content_contentversion SET number = number + 1")

    clock.advance(versions.RECHECK_SECONDS)
    assert "Renamed elsewhere" in client.get(url).content.decode()


def test_an_article_changed_by_a_data_migration_shows_after_migrate(client, shipped):
    """Data migrations write with historical models, which do not move the version on."""
    url = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    first = read_next_links(client.get(url).content.decode())[0]
    with connection.cursor() as cursor:  # what a migration's historical model writes
        cursor.execute(
            "UPDATE content_article SET title = %s WHERE slug = %s", ["Refreshed text", first]
        )

    call_command("migrate", verbosity=0)

    assert "Refreshed text" in client.get(url).content.decode()


def test_an_article_change_whose_version_cannot_move_on_is_not_kept(shipped, monkeypatch):
    """A change the cached pages would never show must not be committed either."""
    article = shipped[0]

    def fails(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(ContentVersion, "bump", fails)
    article.title = "Never shown"
    with pytest.raises(DatabaseError):
        article.save()
    with pytest.raises(DatabaseError):
        Article.objects.filter(pk=article.pk).update(title="Never shown")
    assert Article.objects.get(pk=article.pk).title != "Never shown"
