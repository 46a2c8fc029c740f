"""The project's URLs plus a bare view, for bench/http.py only (FIRSTSTEP_ROOT_URLCONF).

The bare view goes through every middleware and nothing else: a page's
requests/s beside it is what the page itself costs.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path

from firststep.urls import handler404
from firststep.urls import urlpatterns as project_urlpatterns
from screening.models import Screening


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def bare_form_post(request: HttpRequest) -> HttpResponse:
    """What any form POST of this site costs before its own work: the body parsed, the
    CSRF token checked (middleware), the session cookie read and signed again, a redirect."""
    request.session["questionnaire"] = request.session.get("questionnaire")
    request.session.modified = True
    return HttpResponseRedirect(request.path if request.POST else "/")


def bare_read(request: HttpRequest, reference: str) -> HttpResponse:
    """The bare view plus the one database read a result page cannot do without: the
    screening for its reference, read as the result page reads it."""
    if Screening.objects.for_result(reference) is None:
        raise Http404
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare", bare),
    path("bench/bare-form-post", bare_form_post),
    path("bench/bare-read/<str:reference>", bare_read),
    *project_urlpatterns,
]

__all__ = ["handler404", "urlpatterns"]
