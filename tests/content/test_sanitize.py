"""Article HTML that staff write cannot run script: it is cleaned when saved and when shown."""

import pytest
from django.urls import reverse

from content.html import sanitize_body
from content.models import Article

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(1)">hi</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<svg onload="alert(1)"><a href="javascript:alert(1)"><text>x</text></a></svg>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<object data="x.swf"></object><embed src="x.swf">',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_sanitize_body_strips_script(attack):
    clean = sanitize_body(f"<p>Safe</p>{attack}").lower()
    for bad in (
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "onload",
        "onmouseover",
        "<iframe",
        "<style",
        "style=",
        "<form",
        "<input",
        "<object",
        "<embed",
        "data:",
    ):
        assert bad not in clean
    assert "<p>safe</p>" in clean


def test_it_keeps_the_allowed_markup():
    html = (
        "<h2>Title</h2><p><strong>a</strong> <em>b</em> "
        '<a href="/learn/detox/">in</a> <a href="tel:+18006624357">call</a></p>'
        '<ul><li>x</li></ul><table><caption>c</caption><tr><th scope="col">h</th></tr></table>'
    )
    clean = sanitize_body(html)
    for kept in (
        "<h2>Title</h2>",
        "<strong>a</strong>",
        'href="/learn/detox/"',
        'href="tel:+18006624357"',
        "<li>x</li>",
        'scope="col"',
        "<caption>c</caption>",
    ):
        assert kept in clean


def test_it_removes_a_second_h1():
    assert "<h1" not in sanitize_body("<h1>Another title</h1><p>x</p>")


@pytest.mark.django_db
def test_a_row_written_around_the_admin_is_still_cleaned_when_shown(client, shipped):
    Article.objects.filter(slug="detox").update(
        body='<p>ok</p><script>alert(1)</script><a href="javascript:alert(1)" onclick="x">x</a>'
    )
    page = client.get(reverse("content:article", kwargs={"slug": "detox"})).content.decode()
    body = page.split('<div class="article-body" lang="en">')[1].split("</div>")[0]
    assert "<script" not in body
    assert "javascript:" not in body
    assert "onclick" not in body
