"""Every shipped article: loads, one <h1>, real content, sources, review date, directory link."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.html import escape

from content.shipped import ARTICLES, GLOSSARY
from screening.scoring import CARE_LEVELS, DIRECTORY_CATEGORIES

pytestmark = pytest.mark.django_db

SLUGS = [shipped.slug for shipped in ARTICLES]
SOURCE_PUBLISHERS = ("CDC", "NIDA", "SAMHSA", "FDA", "ASAM", "988")


class _Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words = 0

    def handle_data(self, data):
        self.words += len(data.split())


def test_it_ships_the_twelve_articles_of_the_issue_and_the_infections_article():
    assert len(SLUGS) == 13 == len(set(SLUGS))
    assert {
        "infections-and-safer-use",
        "dependence-and-addiction",
        "signs-of-heroin-dependence",
        "heroin-withdrawal",
        "detox",
        "inpatient-and-residential-treatment",
        "php-iop-and-outpatient",
        "medications-for-opioid-use-disorder",
        "therapies",
        "aftercare-and-recovery-support",
        "overdose",
        "for-families",
        "paying-for-treatment",
    } == set(SLUGS)


def test_it_ships_at_least_ten_glossary_terms():
    slugs = {term.slug for term in GLOSSARY}
    assert len(slugs) >= 10
    assert {"detox", "moud", "iop", "php", "otp", "naloxone", "tolerance", "paws"} <= slugs


@pytest.mark.parametrize("shipped", ARTICLES, ids=SLUGS)
def test_it_has_real_content_in_sections(shipped):
    counter = _Words()
    counter.feed(shipped.body)
    assert 300 <= counter.words <= 750, counter.words
    assert shipped.body.count("<h2>") >= 3
    assert "<h1" not in shipped.body
    assert set(shipped.care_levels) <= set(CARE_LEVELS)
    assert set(shipped.directory_categories) <= set(DIRECTORY_CATEGORIES)
    for source in shipped.sources:
        assert source["url"].startswith("https://")
        assert any(name in source["publisher"] for name in SOURCE_PUBLISHERS)


@pytest.mark.parametrize("shipped", ARTICLES, ids=SLUGS)
def test_it_links_off_site_only_by_phone(shipped):
    for url in re.findall(r'href="([^"]+)"', shipped.body):
        assert url.startswith(("/learn/", "tel:", "sms:")), url


@pytest.mark.parametrize("slug", SLUGS)
def test_it_loads_with_one_h1_sources_review_date_and_directory_link(client, shipped, slug):
    response = client.get(reverse("content:article", kwargs={"slug": slug}))
    assert response.status_code == 200
    page = response.content.decode()
    article = response.context["article"]
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert ">Sources</h2>" in page
    for source in article.sources:
        assert escape(source["title"]) in page
        assert escape(source["publisher"]) in page
        assert escape(source["url"]) in page
    assert "Last reviewed:" in page
    assert f'<time datetime="{article.last_reviewed:%Y-%m-%d}">' in page
    query = "&amp;".join(f"category={c}" for c in article.directory_categories)
    assert f'href="{reverse("treatment:search")}?{query}"' in page


@pytest.mark.parametrize("slug", SLUGS)
def test_its_links_stay_on_this_site_except_phone_calls(client, shipped, slug):
    page = client.get(reverse("content:article", kwargs={"slug": slug})).content.decode()
    for url in re.findall(r'(?:href|src|action)="([^"]+)"', page):
        if url.startswith(("/", "#", "?")):
            continue
        assert url.startswith(("tel:", "sms:", "https://www.weather.gov/")), url


def test_internal_links_between_articles_point_to_shipped_articles():
    for shipped in ARTICLES:
        for slug in re.findall(r'href="/learn/([^"/#]+)/', shipped.body):
            assert slug in SLUGS, f"{shipped.slug} links to missing /learn/{slug}/"


def test_the_overdose_article_has_the_signs_steps_naloxone_and_help_lines(client, shipped):
    page = client.get(reverse("content:article", kwargs={"slug": "overdose"})).content.decode()
    for step in (
        "Call 911.",
        "Give naloxone.",
        "Support their breathing.",
        "Put them in the recovery position.",
        "Stay with them until help arrives.",
    ):
        assert step in page
    assert "over the counter" in page
    assert "Since 2023" in page
    assert "Never use alone." in page
    assert "more than one dose" in page
    assert 'href="tel:911"' in page
    assert 'href="tel:+18006624357"' in page


def test_the_withdrawal_article_gives_the_timeline(client, shipped):
    url = reverse("content:article", kwargs={"slug": "heroin-withdrawal"})
    page = client.get(url).content.decode()
    assert '<svg role="img"' in page
    assert "<title>Heroin withdrawal timeline</title>" in page
    for fact in ("6 to 12 hours", "Days 1 to 3", "Days 7 to 10", "past 14 days"):
        assert fact in page
    assert "fentanyl" in page.lower()


def page_text(client, slug: str) -> str:
    """The page's text without tags (glossary links split words off), spaces collapsed."""
    page = client.get(reverse("content:article", kwargs={"slug": slug})).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def test_the_infections_article_covers_testing_cure_prep_programs_wounds_and_xylazine(
    client, shipped
):
    page = page_text(client, "infections-and-safer-use")
    for fact in (
        "get tested for HIV and hepatitis C",
        "cured with pills taken for 8 to 12 weeks",
        "PrEP is a medicine that keeps people from getting HIV",
        "Syringe services programs",
        "Keep wounds clean and covered",
        "naloxone does not reverse it",
        "Give naloxone anyway.",
        "naloxone reverses the opioid",
        "can be an infection of the blood or the heart",
    ):
        assert fact in page, fact


def test_mixing_is_in_the_withdrawal_overdose_and_detox_articles(client, shipped):
    for slug in ("heroin-withdrawal", "overdose", "detox"):
        text = page_text(client, slug)
        windows = [m.group(0) for m in re.finditer(r".{0,220}stop (your )?breathing", text)]
        assert any(
            "benzo" in window and ("alcohol" in window or "drink" in window) for window in windows
        ), slug


def test_fentanyl_and_methadone_withdrawal_start_later_and_last_longer(client, shipped):
    for slug in ("heroin-withdrawal", "detox"):
        page = page_text(client, slug)
        assert "fentanyl and from methadone can start later and last longer" in page, slug
        assert "30 to 72 hours" in page, slug


def test_the_medications_article_follows_rule_9(client, shipped):
    text = page_text(client, "medications-for-opioid-use-disorder")
    sentences = re.split(r"(?<=[.!?])\s+", text)
    # No sentence groups the three medications as easing withdrawal.
    for sentence in sentences:
        if re.search(r"eas(e|es|ing)[^.]*withdrawal", sentence):
            assert "naltrexone" not in sentence.lower() or "does not ease" in sentence, sentence
            assert "or block" not in sentence, sentence
    assert "Naltrexone does not ease withdrawal" in text
    assert "Starting it too early" in text and "7 to 10 days" in text
    assert "should hear about all three" in text
    assert "Methadone and buprenorphine ease withdrawal and cravings" in text
    assert "If you are pregnant, methadone or buprenorphine is the standard of care" in text
    assert "After detox, tolerance drops" in text


# British spellings that US English writes otherwise (center, not centre).
BRITISH = re.compile(
    r"\b(centre|centres|colour|behaviour|favour|neighbour|honour|labour|organis\w*|"
    r"recognis\w*|realis\w*|minimis\w*|apologis\w*|grey|diarrhoea|oesophag\w*|haem\w*|"
    r"anaem\w*|paediatric\w*|foetus|counsell\w*|licence|defence|offence|practise\w*|"
    r"programme\w*|judgement|whilst|amongst|fibre|litre|metre|theatre|travell\w*|"
    r"enrolment|fulfil|aluminium|sceptic\w*|mould|pyjamas|cheque)\b",
    re.I,
)


@pytest.mark.parametrize("shipped", ARTICLES, ids=SLUGS)
def test_articles_use_us_spelling(shipped):
    text = " ".join([shipped.title, shipped.summary, shipped.body])
    assert not BRITISH.findall(text)


def test_glossary_terms_use_us_spelling():
    for term in GLOSSARY:
        assert not BRITISH.findall(f"{term.term} {term.definition}"), term.slug


def test_detox_is_not_offered_as_the_answer_in_pregnancy(client, shipped):
    text = page_text(client, "detox")
    inpatient = text.split("Inpatient detox")[1].split("Outpatient detox")[0]
    assert "pregnant" not in inpatient  # no longer a reason for inpatient detox (2026.12)
    assert "Doctors recommend methadone or buprenorphine over going through withdrawal" in text
