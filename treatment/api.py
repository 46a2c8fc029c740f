from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def facilities(request: HttpRequest) -> JsonResponse:
    # Placeholder until the directory lands (issue 3).
    return JsonResponse({"count": 0, "results": [], "next": None})
