"""Reads for the Learn pages and for the screening result page.

Every list is in the active language (`django.utils.translation.get_language()`): an
article's Spanish version where it has one, published, and its English version where not.
"""

import re
from collections.abc import Iterable
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from content.html import Term, link_glossary, sanitize_body
from content.models import DEFAULT_LANGUAGE, Article, GlossaryTerm, Language, Topic
from content.shipped import IN_ENGLISH

# The articles each part of a result points to, most important first, by translation key
# (the English slug).
OVERDOSE = "overdose"
INFECTIONS = "infections-and-safer-use"
RED_FLAG_ARTICLES = {
    "overdose_now": (OVERDOSE,),
    "suicidal_now": ("therapies",),  # the result page shows 988 above everything
    "medical_urgent": (INFECTIONS,),  # fever with injection sites, skin infections
    # Daily alcohol or benzodiazepines: mixed with opioids they stop breathing, and
    # stopping them suddenly needs medical detox.
    "sedatives": (OVERDOSE, "detox"),
    "pregnant": ("medications-for-opioid-use-disorder",),
    "pregnant_withdrawal": ("medications-for-opioid-use-disorder", "detox"),  # rules 2026.11
}
FAMILY_ARTICLES = ("for-families", OVERDOSE)
CARE_LEVEL_ARTICLES = {
    "emergency": (OVERDOSE, "heroin-withdrawal"),
    "inpatient_detox": ("detox", "medications-for-opioid-use-disorder"),
    "residential": ("inpatient-and-residential-treatment", "medications-for-opioid-use-disorder"),
    "php": ("php-iop-and-outpatient", "medications-for-opioid-use-disorder"),
    "iop": ("php-iop-and-outpatient", "medications-for-opioid-use-disorder"),
    "outpatient": ("php-iop-and-outpatient", "therapies"),
    "early_intervention": ("dependence-and-addiction", "signs-of-heroin-dependence"),
    "aftercare": ("aftercare-and-recovery-support", "therapies"),
    "none": ("dependence-and-addiction", "signs-of-heroin-dependence"),
}
# Red flags that are an overdose risk in themselves.
OVERDOSE_RISK_FLAGS = frozenset({"overdose_now", "sedatives"})
MAX_RELATED = 3
LANGUAGES = {code for code, _label in Language.choices}


def current_language() -> str:
    """The active language as a content language: "es" for any Spanish, else "en"."""
    code = (translation.get_language() or DEFAULT_LANGUAGE).lower()
    base = code.split("-")[0].split("_")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def _prefer(articles: Iterable[Article], language: str) -> dict[str, Article]:
    """One article per translation key: the one in `language`, else the English one."""
    chosen: dict[str, Article] = {}
    for article in articles:
        held = chosen.get(article.translation_key)
        in_language = article.language == language
        fallback = article.language == DEFAULT_LANGUAGE and (
            held is None or held.language != language
        )
        if in_language or fallback:
            chosen[article.translation_key] = article
    return chosen


def _in_language(queryset, language: str):
    return queryset.filter(language__in={language, DEFAULT_LANGUAGE})


def articles_for_result(
    *,
    care_level: str,
    red_flags: list[str],
    mode: str,
    injects: bool = False,
    overdose_risk: bool = False,
) -> list[Article]:
    """The two or three published articles that matter most for a screening result.

    Red flags first, then the overdose article for any overdose risk (`overdose_risk`: e.g.
    an overdose in the past year; the overdose and sedative flags count as one too), then
    the infections article for someone who injects, then the family articles, then the care
    level's; no repeats. In the active language, each falling back to English.
    """
    wanted: list[str] = []
    for flag, keys in RED_FLAG_ARTICLES.items():  # a fixed order, whatever order flags come in
        if flag in red_flags:
            wanted += keys
    if overdose_risk or OVERDOSE_RISK_FLAGS & set(red_flags):
        wanted.append(OVERDOSE)
    if injects:
        wanted.append(INFECTIONS)
    if mode == "family":
        wanted += FAMILY_ARTICLES
    wanted += CARE_LEVEL_ARTICLES.get(care_level, CARE_LEVEL_ARTICLES["none"])
    order = list(dict.fromkeys(wanted))
    language = current_language()
    # A list shows the title and summary only: leave the article bodies in the database.
    listed = _in_language(Article.objects.published(), language).filter(translation_key__in=order)
    found = _prefer(
        listed.only("slug", "title", "summary", "language", "translation_key"), language
    )
    return [found[key] for key in order if key in found][:MAX_RELATED]


def articles_by_topic() -> list[tuple[str, list[Article]]]:
    """Published articles under their topics, in the topics' order; empty topics left out."""
    language = current_language()
    chosen = _prefer(_in_language(Article.objects.published(), language), language)
    articles = sorted(chosen.values(), key=lambda a: (a.position, a.title))
    groups = []
    for topic in Topic:
        in_topic = [a for a in articles if a.topic == topic.value]
        if in_topic:
            groups.append((topic.label, in_topic))
    return groups


def article_for_reader(*, slug: str, is_staff: bool) -> Article | None:
    """The article at this address: a published one, or any for staff (to preview drafts).

    The active language's article of that slug first, then another language's (English
    first): /es/learn/heroin-withdrawal/ finds the English article, and the view then sends
    the reader on to its Spanish version if there is one (`translation_of`).
    """
    articles = Article.objects.all() if is_staff else Article.objects.published()
    matches = list(articles.filter(slug=slug))
    language = current_language()
    for wanted in (language, DEFAULT_LANGUAGE):
        for article in matches:
            if article.language == wanted:
                return article
    return matches[0] if matches else None


def translation_of(article: Article, language: str, *, is_staff: bool = False) -> Article | None:
    """The article's version in `language` (itself if it is in it), published unless staff."""
    if article.language == language:
        return article
    articles = Article.objects.all() if is_staff else Article.objects.published()
    return articles.filter(translation_key=article.translation_key, language=language).first()


def other_language_versions(article: Article, *, is_staff: bool = False) -> list[Article]:
    """The article's published versions in the other languages, for a language switch and
    for <link rel="alternate" hreflang>: pair each with `article_url`."""
    articles = Article.objects.all() if is_staff else Article.objects.published()
    return list(
        articles.filter(translation_key=article.translation_key)
        .exclude(pk=article.pk)
        .order_by("language")
    )


def other_language_version(article: Article, *, is_staff: bool = False) -> Article | None:
    """With two languages, the one other version, or None when there is none yet."""
    versions = other_language_versions(article, is_staff=is_staff)
    return versions[0] if versions else None


def article_url(article: Article, language: str | None = None) -> str:
    """The article's address in a language's URLs (its own language by default): with the
    /es/ prefix of i18n_patterns a Spanish article lives at /es/learn/<its slug>/."""
    with translation.override(language or article.language):
        return reverse("content:article", kwargs={"slug": article.slug})


def glossary_terms() -> list[GlossaryTerm]:
    """The glossary in the active language, each term falling back to English."""
    language = current_language()
    chosen: dict[str, GlossaryTerm] = {}
    for term in GlossaryTerm.objects.filter(language__in={language, DEFAULT_LANGUAGE}):
        if term.language == language or term.slug not in chosen:
            chosen[term.slug] = term
    return sorted(chosen.values(), key=lambda t: t.term.casefold())


_LEARN_LINK = re.compile(r'href="/learn/([a-z0-9-]+)/(#[^"]*)?"')


def _learn_links_in_language(html: str, language: str) -> str:
    """Links between articles (written as /learn/<slug>/, in either language) lead to the
    linked article's version in the active language, under that language's address."""
    slugs = set(_LEARN_LINK.findall(html))
    if not slugs:
        return html
    published = Article.objects.published().only("slug", "language", "translation_key")
    keys = {(a.slug): a.translation_key for a in published if a.language == DEFAULT_LANGUAGE}
    keys |= {a.slug: a.translation_key for a in published if a.language == language}
    chosen = _prefer(_in_language(published, language), language)

    def link(match: re.Match[str]) -> str:
        target = chosen.get(keys.get(match.group(1), ""))
        if target is None:
            return match.group(0)
        url = reverse("content:article", kwargs={"slug": target.slug})
        return f'href="{url}{match.group(2) or ""}"'

    return _LEARN_LINK.sub(link, html)


def article_body_html(*, body: str, language: str = DEFAULT_LANGUAGE) -> SafeString:
    """The body as shown: sanitised again (cheap, and safe against rows written around
    the admin), its links to other articles in the active language, and each glossary term
    of the body's `language` linked where it first appears."""
    terms = [
        Term(slug=t.slug, words=t.words) for t in GlossaryTerm.objects.filter(language=language)
    ]
    html = _learn_links_in_language(sanitize_body(body), current_language())
    html = link_glossary(html, terms, glossary_url=reverse("content:glossary"))
    return mark_safe(html)  # noqa: S308 — sanitised above; links are built from slugs


def sources_as_shown(article: Article) -> list[dict]:
    """The article's sources for its page, each with the language of its title.

    A Spanish article cites an English page by its English title, marked " (en inglés)"
    (content.shipped.SPANISH_SOURCES): that title is English inside Spanish text, so it
    gets lang="en" (`title_language`) for screen readers, and the mark stays Spanish.
    """
    shown = []
    for source in article.sources:
        title, title_language, note = source.get("title", ""), article.language, ""
        if article.language != DEFAULT_LANGUAGE and title.endswith(IN_ENGLISH):
            title, title_language, note = (
                title.removesuffix(IN_ENGLISH),
                DEFAULT_LANGUAGE,
                IN_ENGLISH,
            )
        shown.append({**source, "title": title, "title_language": title_language, "note": note})
    return shown


def directory_query(categories: list[str]) -> str:
    """The query string for the treatment directory search: category=…&category=…"""
    return urlencode([("category", category) for category in categories])
