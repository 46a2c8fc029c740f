"""The screening result page links the articles that fit the result ("Read next")."""

import re

import pytest

from content.models import Article
from content.selectors import articles_for_result
from screening.models import Screening
from screening.safety import overdose_risks
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
    screening = Screening.objects.get()
    assessment, risks = screening.assessment, overdose_risks(screening.answers)
    expected = articles_for_result(
        care_level=assessment["care_level"],
        red_flags=assessment["red_flags"],
        mode=mode,
        injects="injecting" in risks,
        overdose_risk=bool(risks),
    )
    assert 2 <= len(expected) <= 3
    assert "Read next" in page
    assert read_next_links(page) == [a.slug for a in expected]
    if mode == "family":
        assert {"for-families", "overdose"} <= set(read_next_links(page))


def test_read_next_shows_each_article_as_it_is_now(client, shipped):
    """Every change to an article, by staff or in bulk, shows on the very next result page."""
    url = complete_questionnaire(client, mode="self", answers=SELF_DAILY_USE).url
    first = read_next_links(client.get(url).content.decode())[0]

    article = Article.objects.get(slug=first)
    article.title = "Retitled by an editor"
    article.save()
    assert "Retitled by an editor" in client.get(url).content.decode()

    Article.objects.filter(slug=first).update(is_published=False)
    assert first not in read_next_links(client.get(url).content.decode())
