"""The project's URLs plus a bare view, for bench/http.py only (FIRSTSTEP_ROOT_URLCONF).

The bare view goes through every middleware and nothing else: a page's
requests/s beside it is what the page itself costs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from firststep.urls import handler404
from firststep.urls import urlpatterns as project_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench/bare", bare), *project_urlpatterns]

__all__ = ["handler404", "urlpatterns"]
