from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    # Placeholder until the Learn articles land (issue 4).
    return render(request, "content/index.html")
