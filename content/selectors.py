"""Reads for the Learn pages and for the screening result page."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from content.html import Term, link_glossary, sanitize_body
from content.models import Article, GlossaryTerm, Topic

# The articles each part of a result points to, most important first.
RED_FLAG_ARTICLES = {
    "overdose_now": ("overdose",),
    "suicidal_now": ("therapies",),  # the result page shows 988 above everything
    "medical_urgent": ("heroin-withdrawal",),
    "pregnant_withdrawal": ("medications-for-opioid-use-disorder", "detox"),
}
FAMILY_ARTICLES = ("for-families", "overdose")
CARE_LEVEL_ARTICLES = {
    "emergency": ("overdose", "heroin-withdrawal"),
    "inpatient_detox": ("detox", "medications-for-opioid-use-disorder"),
    "residential": ("inpatient-and-residential-treatment", "medications-for-opioid-use-disorder"),
    "php": ("php-iop-and-outpatient", "medications-for-opioid-use-disorder"),
    "iop": ("php-iop-and-outpatient", "medications-for-opioid-use-disorder"),
    "outpatient": ("php-iop-and-outpatient", "therapies"),
    "early_intervention": ("dependence-and-addiction", "signs-of-heroin-dependence"),
    "aftercare": ("aftercare-and-recovery-support", "therapies"),
    "none": ("dependence-and-addiction", "signs-of-heroin-dependence"),
}
MAX_RELATED = 3


def articles_for_result(*, care_level: str, red_flags: list[str], mode: str) -> list[Article]:
    """The two or three published articles that matter most for a screening result.

    Red flags first, then the family articles, then the care level's; no repeats.
    """
    wanted: list[str] = []
    for flag, slugs in RED_FLAG_ARTICLES.items():  # a fixed order, whatever order flags come in
        if flag in red_flags:
            wanted += slugs
    if mode == "family":
        wanted += FAMILY_ARTICLES
    wanted += CARE_LEVEL_ARTICLES.get(care_level, CARE_LEVEL_ARTICLES["none"])
    order = list(dict.fromkeys(wanted))
    # A list shows the title and summary only: leave the article bodies in the database.
    listed = Article.objects.published().filter(slug__in=order).only("slug", "title", "summary")
    found = {a.slug: a for a in listed}
    return [found[slug] for slug in order if slug in found][:MAX_RELATED]


def articles_by_topic() -> list[tuple[str, list[Article]]]:
    """Published articles under their topics, in the topics' order; empty topics left out."""
    articles = list(Article.objects.published())
    groups = []
    for topic in Topic:
        in_topic = [a for a in articles if a.topic == topic.value]
        if in_topic:
            groups.append((topic.label, in_topic))
    return groups


def article_for_reader(*, slug: str, is_staff: bool) -> Article | None:
    """A published article, or any article for staff (to preview drafts)."""
    articles = Article.objects.all() if is_staff else Article.objects.published()
    return articles.filter(slug=slug).first()


def glossary_terms() -> list[GlossaryTerm]:
    return sorted(GlossaryTerm.objects.all(), key=lambda t: t.term.casefold())


def article_body_html(*, body: str) -> SafeString:
    """The body as shown: sanitised again (cheap, and safe against rows written around
    the admin) and with each glossary term linked where it first appears."""
    terms = [Term(slug=t.slug, words=t.words) for t in GlossaryTerm.objects.all()]
    html = link_glossary(sanitize_body(body), terms, glossary_url=reverse("content:glossary"))
    return mark_safe(html)  # noqa: S308 — sanitised above; glossary links are built from slugs


def directory_query(categories: list[str]) -> str:
    """The query string for the treatment directory search: category=…&category=…"""
    return urlencode([("category", category) for category in categories])
