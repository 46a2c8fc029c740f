from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    # Placeholder until the directory lands (issue 3).
    return render(request, "treatment/search.html")
