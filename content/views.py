from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from content import selectors


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "content/index.html", {"groups": selectors.articles_by_topic()})


@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponse:
    # Drafts only for staff who passed the second step, as in the admin where they are edited.
    is_verified = getattr(request.user, "is_verified", lambda: False)()
    found = selectors.article_for_reader(slug=slug, is_staff=request.user.is_staff and is_verified)
    if found is None:
        raise Http404
    context = {
        "article": found,
        "body_html": selectors.article_body_html(body=found.body),
        "directory_query": selectors.directory_query(found.directory_categories),
    }
    return render(request, "content/article.html", context)


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "content/glossary.html", {"terms": selectors.glossary_terms()})
