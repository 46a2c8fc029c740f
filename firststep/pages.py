"""Pages that are the same for every visitor, rendered once per process.

Such a page differs between visitors only by its CSRF token, so it is kept in the
process-local "fragments" cache with a placeholder where the token goes, and every
response gets the visitor's own token. Rendering the layout and a crispy form costs
ten times more than the rest of the request (docs/benchmarks.md).
"""

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

# Stands in for the token in the cached page: letters only, so escaping cannot change it,
# and unlike anything a template would print.
CSRF_PLACEHOLDER = "csrfTokenPlaceholderForSharedPages"


def render_shared(
    request: HttpRequest,
    template_name: str,
    make_context: Callable[[], dict],
    *,
    varies_on: tuple = (),
) -> HttpResponse:
    """render() for a page that only the language and `varies_on` change.

    Everything else the template shows must be the same for every visitor; a page with
    messages waiting for this visitor is rendered afresh. `make_context` is called only
    when the page is rendered, so a cached page costs nothing to prepare.
    """
    if len(get_messages(request)):
        return render(request, template_name, make_context())
    key = ":".join(["page", template_name, get_language() or "", *map(str, varies_on)])
    fragments = caches["fragments"]
    html = fragments.get(key)
    if html is None:
        html = render_to_string(
            template_name, {**make_context(), "csrf_token": CSRF_PLACEHOLDER}, request=request
        )
        fragments.set(key, html)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
