"""Which language a request is answered in, and the links between a page's languages.

English lives at /, Spanish under /es/ (firststep/urls.py). On top of Django's
LocaleMiddleware:

- /staff/ and /admin/ are always English; /api/ answers in the language of the
  caller's Accept-Language header (it keeps no cookie or session).
- Someone who chose Spanish with the language switch (which sets the language
  cookie) and then opens an English address, by a bookmark or a shared link,
  is sent to the same page in Spanish. Choosing English sets the cookie back.
  Crawlers send no cookie, so every address keeps one language for them.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware import locale
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

ENGLISH_ONLY = ("/staff/", "/admin/")
ACCEPT_LANGUAGE_ONLY = ("/api/",)
NEUTRAL = ENGLISH_ONLY + ACCEPT_LANGUAGE_ONLY + ("/healthz", "/robots.txt", "/sitemap")


def language_from_accept_header(request: HttpRequest) -> str:
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        path = request.path_info
        if path.startswith(ENGLISH_ONLY):
            language = settings.LANGUAGE_CODE
        elif path.startswith(ACCEPT_LANGUAGE_ONLY):
            language = language_from_accept_header(request)
        else:
            super().process_request(request)
            return self._redirect_to_chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def _redirect_to_chosen_language(self, request: HttpRequest) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(NEUTRAL):
            return None
        if translation.get_language_from_path(request.path_info):
            return None  # the address names its language: that wins
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen == settings.LANGUAGE_CODE or chosen not in dict(settings.LANGUAGES):
            return None
        here = request.get_full_path()
        there = translate_url(here, chosen)
        if there == here:
            return None  # not a page that exists in other languages
        response = HttpResponseRedirect(there)
        patch_vary_headers(response, ("Cookie",))
        return response

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        path = request.path_info
        if not path.startswith(NEUTRAL) and not translation.get_language_from_path(path):
            patch_vary_headers(response, ("Cookie",))  # see _redirect_to_chosen_language
        return response


class PageLanguages:
    """The current page in each language, for the switch, hreflang and canonical links."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def current(self) -> str:
        return translation.get_language() or settings.LANGUAGE_CODE

    @cached_property
    def others(self) -> list[tuple[str, str]]:
        """(code, name) of each language but the page's own, for the switch."""
        return [(code, name) for code, name in settings.LANGUAGES if code != self.current]

    def _absolute(self, code: str) -> str:
        return self.request.build_absolute_uri(translate_url(self.request.path_info, code))

    @cached_property
    def canonical(self) -> str:
        """This page's own address without its query string."""
        return self._absolute(self.current)

    @cached_property
    def alternates(self) -> list[tuple[str, str]]:
        """(hreflang, absolute URL) for every language, then x-default (English)."""
        links = [(code, self._absolute(code)) for code, _name in settings.LANGUAGES]
        return [*links, ("x-default", self._absolute(settings.LANGUAGE_CODE))]


def page_languages(request: HttpRequest) -> dict:
    return {"page_languages": PageLanguages(request)}
