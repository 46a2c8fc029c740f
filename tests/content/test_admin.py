"""Staff edit articles and glossary terms in the admin, with a preview; edits are marked."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.models import Article
from content.shipped import ARTICLES

pytestmark = pytest.mark.django_db


def form_for(article: Article, **changes) -> dict:
    data = {
        "language": article.language,
        "translation_key": article.translation_key,
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "audience": article.audience,
        "topic": article.topic,
        "position": article.position,
        "body": article.body,
        "care_levels": article.care_levels,
        "directory_categories": article.directory_categories,
        "sources": json.dumps(article.sources),
        "last_reviewed": article.last_reviewed.isoformat(),
        "is_published": "on" if article.is_published else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_the_change_page_shows_a_preview(staff_client, shipped):
    client = staff_client
    article = Article.objects.get(slug="overdose")
    response = client.get(reverse("admin:content_article_change", args=[article.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview (as saved)" in page
    assert '<div class="article-preview"><p>An opioid overdose' in page


def test_saving_in_the_admin_sanitises_and_marks_the_edit(staff_client, shipped):
    client = staff_client
    article = Article.objects.get(slug="detox")
    body = '<p onclick="x">New text</p><script>alert(1)</script><a href="javascript:x">y</a>'
    response = client.post(
        reverse("admin:content_article_change", args=[article.pk]), form_for(article, body=body)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.body == '<p>New text</p><a rel="noopener noreferrer">y</a>'
    assert article.edited_by_staff is True


def test_bad_sources_are_refused(staff_client, shipped):
    client = staff_client
    article = Article.objects.get(slug="detox")
    response = client.post(
        reverse("admin:content_article_change", args=[article.pk]),
        form_for(article, sources='[{"title": "x", "publisher": "y", "url": "javascript:x"}]'),
    )
    assert response.status_code == 200
    assert "https:// URL" in response.content.decode()


def test_the_glossary_can_be_edited(staff_client, shipped):
    client = staff_client
    response = client.get(reverse("admin:content_glossaryterm_changelist"))
    assert response.status_code == 200
    assert "Naloxone" in response.content.decode()


def test_staff_without_the_second_step_cannot_open_the_admin(client, shipped):
    user = get_user_model().objects.create_user("newstaff", password="x", is_staff=True)
    client.force_login(user)
    response = client.get(reverse("admin:content_article_changelist"))
    assert response.status_code == 302


def test_people_who_are_not_staff_cannot_open_the_admin(client, shipped):
    user = get_user_model().objects.create_user("visitor", password="x")
    client.force_login(user)
    response = client.get(reverse("admin:content_article_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_can_restore_the_shipped_text(staff_client, shipped):
    Article.objects.filter(slug="detox").update(body="<p>Ours</p>", edited_by_staff=True)
    staff_created = Article.objects.create(
        title="Ours",
        slug="ours",
        summary="s",
        body="<p>x</p>",
        topic="treatment",
        sources=[],
        last_reviewed="2026-01-01",
        edited_by_staff=True,
    )
    response = staff_client.post(
        reverse("admin:content_article_changelist"),
        {
            "action": "restore_shipped_text",
            "_selected_action": [Article.objects.get(slug="detox").pk, staff_created.pk],
        },
    )
    assert response.status_code == 302
    detox = Article.objects.get(slug="detox")
    assert detox.body.startswith("<p>Detox, also called withdrawal management")
    shipped_detox = next(a for a in ARTICLES if a.slug == "detox")
    assert detox.edited_by_staff is False and detox.shipped_revision == shipped_detox.revision
    # An article staff wrote themselves has nothing to go back to.
    assert Article.objects.get(slug="ours").body == "<p>x</p>"
