"""HTML that is the same for every visitor, rendered once per process.

It is kept in the process-local "fragments" cache (settings.CACHES) under a name, the
language and what it varies on. A whole page differs between visitors only by its CSRF
token, so it is kept with a placeholder where the token goes, and every response gets the
visitor's own token. Rendering the layout and a crispy form costs ten times more than the
rest of the request (docs/benchmarks.md).
"""

from collections.abc import Callable, Iterable

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


def rendered_once[T](name: str, varies_on: Iterable, render: Callable[[], tuple[T, bool]]) -> T:
    """What `render()` makes for this name, language and `varies_on`, made once per process.

    `render()` returns the value and whether it may be kept: not when it holds what one
    visitor typed (a form with errors).
    """
    key = ":".join([name, get_language() or "", *map(str, varies_on)])
    fragments = caches["fragments"]
    value = fragments.get(key)
    if value is None:
        value, keep = render()
        if keep:
            fragments.set(key, value)
    return value


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
    html = rendered_once(
        f"page:{template_name}",
        varies_on,
        lambda: (
            render_to_string(
                template_name, {**make_context(), "csrf_token": CSRF_PLACEHOLDER}, request=request
            ),
            True,
        ),
    )
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
