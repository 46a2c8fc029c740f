"""HTML that is the same for every visitor, rendered once per process.

It is kept in the process-local "fragments" cache (settings.CACHES) under a name, the
language and what it varies on. A whole page is kept with placeholders where the visitor's
own values go (their CSRF token; on a result page their reference and answers), and every
response gets that visitor's values. Rendering the layout and a crispy form costs ten times
more than the rest of the request (docs/benchmarks.md).
"""

import re
import secrets
from collections.abc import Callable, Iterable

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.translation import get_language

# Stand in for a visitor's values in a cached page: letters, digits and _ only, so neither
# HTML escaping nor a URL can change them, and unlike anything a template would print. The
# closing mark keeps one name from matching the start of another. The random part, new in
# each process (whose memory the pages are kept in), keeps a visitor from writing one: a
# search page repeats its parameters, and one that held a placeholder would be filled in.
_PLACEHOLDER = "visitorValuePlaceholder" + secrets.token_hex(8) + "{}ForSharedPagesEnd"
_PLACEHOLDERS = re.compile(_PLACEHOLDER.format("([A-Za-z0-9_]+)"))
_CSRF_NAME = "csrf_token"  # the context name {% csrf_token %} reads


def placeholder(name: str) -> str:
    """What stands in for the value `name` (an identifier) in HTML that is kept and shared."""
    return _PLACEHOLDER.format(name)


def filled(html: str, value_of: Callable[[str], str]) -> str:
    """`html` with each placeholder replaced by `value_of(its name)`, HTML as it goes in.

    One pass: a value put in is never searched for placeholders itself.
    """
    return _PLACEHOLDERS.sub(lambda match: value_of(match[1]), html)


def rendered_once[T](
    name: str,
    varies_on: Iterable,
    render: Callable[[], tuple[T, bool]],
    *,
    cache: str = "fragments",
) -> T:
    """What `render()` makes for this name, language and `varies_on`, made once per process
    and kept in the process-local `cache` (settings.CACHES).

    `render()` returns the value and whether it may be kept: not when it holds what one
    visitor typed (a form with errors).
    """
    key = ":".join([name, get_language() or "", get_script_prefix(), *map(str, varies_on)])
    fragments = caches[cache]
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
    per_visitor: dict[str, str] | None = None,
    keep: Callable[[dict], bool] = lambda context: True,
) -> HttpResponse:
    """render() for a page that only the language, `varies_on` and `per_visitor` change.

    `per_visitor` maps context names to this visitor's values: the cached page holds a
    placeholder for each, which every response fills in (escaped, unless marked safe).
    Each name must be an identifier, and each value, plain text, must read the same in
    a URL (a result's reference does). Everything else the template shows must be the same
    for every visitor: it is rendered for a stand-in request that carries nobody's user,
    session, cookies or messages. A page with messages waiting for this visitor is rendered
    afresh. `make_context` is called only when the page is rendered, so a cached page costs
    nothing to prepare; `keep(context)` says whether the page may be kept (not when it holds
    what one visitor typed).
    """
    per_visitor = per_visitor or {}
    if len(get_messages(request)):
        return render(request, template_name, {**make_context(), **per_visitor})

    def render_page() -> tuple[str, bool]:
        # Only on a miss: a cached page needs no placeholders made.
        placeholders = {name: placeholder(name) for name in (*per_visitor, _CSRF_NAME)}
        context = make_context()
        html = render_to_string(
            template_name, {**context, **placeholders}, request=_stand_in(request)
        )
        return html, keep(context)

    html = rendered_once(f"page:{template_name}", varies_on, render_page)

    def value_of(name: str) -> str:
        if name == _CSRF_NAME:
            # Only a page with a form asks for a token (and sets the CSRF cookie).
            return get_token(request)
        return conditional_escape(per_visitor[name])

    return HttpResponse(filled(html, value_of))


def _stand_in(request: HttpRequest) -> HttpRequest:
    """The request a shared page is rendered for: this one's host, nobody's user, session,
    cookies or messages, so a template that ever shows one shows nobody's to everybody."""
    stand_in = HttpRequest()
    stand_in.method = "GET"
    stand_in.META = {
        key: request.META[key]
        for key in ("HTTP_HOST", "SERVER_NAME", "SERVER_PORT")
        if key in request.META
    }
    return stand_in
