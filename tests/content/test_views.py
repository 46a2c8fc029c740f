"""The Learn pages: index by topic, article, glossary; who may see drafts; GET only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.models import Article, Topic

pytestmark = pytest.mark.django_db


def article_url(slug: str) -> str:
    return reverse("content:article", kwargs={"slug": slug})


def test_it_groups_the_index_by_topic_in_order(client, shipped):
    page = client.get(reverse("content:index")).content.decode()
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    headings = re.findall(r'<h2 id="topic-\d+" class="h4">([^<]+)</h2>', page)
    assert headings == [str(topic.label) for topic in Topic]
    for article in shipped:
        assert f'href="{article.get_absolute_url()}"' in page
    # Each article sits under its own topic's heading.
    withdrawal = page.index(article_url("heroin-withdrawal"))
    overdose = page.index(article_url("overdose"))
    assert page.index(str(Topic.UNDERSTANDING.label)) < withdrawal
    assert withdrawal < page.index(str(Topic.TREATMENT.label)) < overdose


def test_the_index_leaves_out_unpublished_articles(client, shipped):
    Article.objects.filter(slug="detox").update(is_published=False)
    page = client.get(reverse("content:index")).content.decode()
    assert article_url("detox") not in page


def test_an_unpublished_article_is_not_found_for_the_public(client, shipped):
    Article.objects.filter(slug="detox").update(is_published=False)
    assert client.get(article_url("detox")).status_code == 404


def test_staff_can_preview_an_unpublished_article(staff_client, shipped):
    Article.objects.filter(slug="detox").update(is_published=False)
    response = staff_client.get(article_url("detox"))
    assert response.status_code == 200
    assert "Draft: this article is not published." in response.content.decode()


def test_staff_who_skipped_the_second_step_do_not_see_drafts(client, shipped):
    Article.objects.filter(slug="detox").update(is_published=False)
    user = get_user_model().objects.create_user("newstaff", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(article_url("detox")).status_code == 404


def test_an_unknown_article_is_not_found(client, shipped):
    assert client.get(article_url("no-such-article")).status_code == 404


@pytest.mark.parametrize(
    "url",
    [reverse("content:index"), reverse("content:glossary"), "/learn/overdose/"],
)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_accepts_only_get_and_head(client, shipped, url, method):
    assert getattr(client, method)(url).status_code == 405
    assert client.head(url).status_code == 200


def test_the_glossary_page_lists_every_term_with_an_anchor(client, shipped):
    from content.models import GlossaryTerm

    page = client.get(reverse("content:glossary")).content.decode()
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    for term in GlossaryTerm.objects.filter(language="en"):
        assert f'<dt id="{term.slug}" lang="en"><dfn>' in page


def test_user_text_is_escaped_outside_the_body(client, shipped):
    Article.objects.filter(slug="detox").update(
        title="<b>Detox</b>",
        summary="<i>sum</i>",
        sources=[{"title": "<script>x</script>", "publisher": "P", "url": 'https://e.org/"><x>'}],
    )
    page = client.get(article_url("detox")).content.decode()
    assert "<b>Detox</b>" not in page and "&lt;b&gt;Detox&lt;/b&gt;" in page
    assert "<script>x</script>" not in page
    assert '"><x>' not in page
