import logging

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "about.html")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Up or down, for a load balancer; the cause goes to the log, never to the caller."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


# Never crawled: staff and API addresses, and the private pages in every language.
ROBOTS_DISALLOW = ("/staff/", "/admin/", "/api/")
ROBOTS_DISALLOW_TRANSLATED = ("/screening/", "/my-screening/", "/language/")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    paths = list(ROBOTS_DISALLOW)
    paths += [prefix + path for path in ROBOTS_DISALLOW_TRANSLATED for prefix in prefixes]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in paths), "Allow: /", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)
