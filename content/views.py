from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from content import selectors


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "content/index.html", {"groups": selectors.articles_by_topic()})


@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponse:
    # Drafts only for staff who passed the second step, as in the admin where they are edited.
    is_verified = getattr(request.user, "is_verified", lambda: False)()
    is_staff = request.user.is_staff and is_verified
    found = selectors.article_for_reader(slug=slug, is_staff=is_staff)
    if found is None:
        raise Http404
    language = selectors.current_language()
    if found.language != language:
        # Another language's address: read it in this language where it is written in it.
        translated = selectors.translation_of(found, language, is_staff=is_staff)
        if translated is not None:
            return redirect(selectors.article_url(translated, language))
    others = selectors.other_language_versions(found, is_staff=is_staff)
    in_page_language = found.language == language
    context = {
        "article": found,
        "in_page_language": in_page_language,
        "body_html": selectors.article_body_html(body=found.body, language=found.language),
        "directory_query": selectors.directory_query(found.directory_categories),
        "sources": selectors.sources_as_shown(found),
        # The address search engines should list this text at: its own language's.
        "canonical_url": selectors.article_url(found),
        "other_versions": _alternates(found, others),
        # Where the language switch leads: the other language's version at its own address.
        # Without one (or on an English article under /es/, which has none) the switch
        # translates this address, as on any other page.
        "language_switch_url": (
            selectors.article_url(others[0]) if others and in_page_language else None
        ),
    }
    return render(request, "content/article.html", context)


def _alternates(article, others) -> list[tuple]:
    """Each language version with its address, this one included, for hreflang links;
    none while the article is in one language only."""
    if not others:
        return []
    return [(version, selectors.article_url(version)) for version in [article, *others]]


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "content/glossary.html", {"terms": selectors.glossary_terms()})
