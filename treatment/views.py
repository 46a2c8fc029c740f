from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from screening.wording import care_level_name
from treatment import vocabulary
from treatment.models import Facility, ServiceCode
from treatment.search import (
    ParsedSearch,
    facility_search,
    miles_between,
    page_number,
    page_parameters,
    parse_search,
)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    params = page_parameters(request.GET)
    return render(request, "treatment/search.html", _search_context(parse_search(params), params))


def _search_context(parsed: ParsedSearch, params: QueryDict) -> dict:
    results = None
    wider_radius = None
    if parsed.query:
        results = facility_search(query=parsed.query, page=page_number(params))
        wider_radius = next((r for r in vocabulary.RADII if r > parsed.query.radius), None)
    context = {
        "form": parsed.form,
        "query": parsed.query,
        "results": results,
        "wider_radius": wider_radius,
        "care_level_name": care_level_name(parsed.care_level) if parsed.care_level else "",
        "params": params,
        "querystring": params.urlencode(),
    }
    return context


@require_safe
def facility(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility, pk=pk)
    distance = None
    parsed = parse_search(request.GET) if "near" in request.GET else None
    if parsed and parsed.query and facility.latitude is not None:
        place = parsed.query.place
        distance = round(
            miles_between(place.latitude, place.longitude, facility.latitude, facility.longitude),
            1,
        )
    codes = facility.codes
    labelled = ServiceCode.objects.filter(code__in=codes).exclude(group="")
    groups: dict[str, list[str]] = {}
    for code in labelled:
        groups.setdefault(code.group, []).append(code.label)
    return render(
        request,
        "treatment/facility.html",
        {
            "facility": facility,
            "distance": distance,
            "service_groups": groups.items(),
            "back_querystring": request.GET.urlencode() if parsed and parsed.query else "",
        },
    )
