"""Glossary terms are linked where they first appear, never inside links, headings or figures."""

import re

import pytest
from django.urls import reverse

from content.html import Term, link_glossary

URL = "/learn/glossary/"
TERMS = [
    Term("detox", ("Detox", "withdrawal management")),
    Term("withdrawal", ("withdrawal",)),
    Term("paws", ("PAWS", "post-acute withdrawal")),
    Term("iop", ("IOP", "intensive outpatient")),
]


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="glossary-link" href="/learn/glossary/#([^"]+)">([^<]+)</a>', html)


def test_it_links_only_the_first_occurrence():
    html = link_glossary("<p>Detox helps. After detox, more detox.</p>", TERMS, glossary_url=URL)
    assert links(html) == [("detox", "Detox")]
    assert html.endswith("After detox, more detox.</p>")


def test_it_counts_other_spellings_as_the_same_term():
    html = link_glossary("<p>Withdrawal management, then detox.</p>", TERMS, glossary_url=URL)
    assert links(html) == [("detox", "Withdrawal management")]


def test_it_prefers_the_longer_term():
    html = link_glossary("<p>Post-acute withdrawal, then withdrawal.</p>", TERMS, glossary_url=URL)
    assert links(html) == [("paws", "Post-acute withdrawal"), ("withdrawal", "withdrawal")]


@pytest.mark.parametrize(
    "inside",
    [
        '<a href="/learn/detox/">detox</a>',
        "<h2>detox</h2>",
        "<h3>About <strong>detox</strong></h3>",
        "<figure><figcaption>detox</figcaption></figure>",
        '<svg role="img"><title>detox</title><text>detox</text></svg>',
        "<abbr>detox</abbr>",
    ],
)
def test_it_does_not_link_inside_links_headings_or_figures(inside):
    html = link_glossary(f"{inside}<p>Then detox.</p>", TERMS, glossary_url=URL)
    assert html.startswith(inside)
    assert links(html) == [("detox", "detox")]


def test_acronyms_match_only_in_capitals_and_whole_words():
    html = link_glossary("<p>biop iop IOPs IOP</p>", TERMS, glossary_url=URL)
    assert links(html) == [("iop", "IOPs")]


def test_it_keeps_entities_and_attributes_as_they_were():
    source = '<p title="a &amp; b">Tom &amp; Jerry&#39;s detox &lt;here&gt;</p>'
    html = link_glossary(source, TERMS, glossary_url=URL)
    assert html == source.replace(
        "detox", '<a class="glossary-link" href="/learn/glossary/#detox">detox</a>'
    )


def test_no_terms_leave_the_html_alone():
    assert link_glossary("<p>detox</p>", [], glossary_url=URL) == "<p>detox</p>"


@pytest.mark.django_db
def test_articles_link_glossary_terms_once_each(client, shipped):
    page = client.get(reverse("content:article", kwargs={"slug": "heroin-withdrawal"})).content
    body = page.decode().split('<div class="article-body" lang="en">')[1].split("</div>")[0]
    linked = [slug for slug, _text in links(body)]
    assert len(linked) == len(set(linked))
    assert {"withdrawal", "paws", "fentanyl", "tolerance"} <= set(linked)
    # The glossary page has each of those anchors.
    glossary = client.get(reverse("content:glossary")).content.decode()
    for slug in linked:
        assert f'id="{slug}"' in glossary


@pytest.mark.django_db
def test_a_new_glossary_term_is_linked_without_editing_articles(client, shipped):
    from content.models import GlossaryTerm

    GlossaryTerm.objects.create(term="Goosebumps", slug="goosebumps", definition="Raised skin.")
    page = client.get(reverse("content:article", kwargs={"slug": "heroin-withdrawal"}))
    assert 'href="/learn/glossary/#goosebumps">goosebumps</a>' in page.content.decode()
