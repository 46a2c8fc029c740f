from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from firststep.ratelimit import ratelimit
from screening.wording import care_level_name
from treatment import reports, servicecodes, vocabulary
from treatment.forms import ListingReportForm
from treatment.models import Facility, ServiceCode
from treatment.search import (
    ParsedSearch,
    SearchQuery,
    facility_search,
    miles_between,
    page_number,
    page_parameters,
    parse_search,
    with_spanish_default,
)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    params = with_spanish_default(page_parameters(request.GET), get_language() or "")
    return render(request, "treatment/search.html", _search_context(parse_search(params), params))


def _search_context(parsed: ParsedSearch, params: QueryDict) -> dict:
    results = None
    wider_radius = None
    if parsed.query:
        results = facility_search(query=parsed.query, page=page_number(params))
        wider_radius = next((r for r in vocabulary.RADII if r > parsed.query.radius), None)
    return {
        "form": parsed.form,
        "query": parsed.query,
        "results": results,
        "choices": parsed.choices,
        "summary": search_summary(parsed.query) if parsed.query else "",
        "wider_radius": wider_radius,
        "care_level_name": care_level_name(parsed.care_level) if parsed.care_level else "",
        "params": params,
        "querystring": params.urlencode(),
    }


def search_summary(query: SearchQuery) -> str:
    """The folded form's one line: "Detox within 25 miles of 01605"."""
    what = ", ".join(str(vocabulary.CATEGORY_SHORT_NAMES[c]) for c in query.categories)
    summary = gettext("%(what)s within %(radius)s miles of %(place)s") % {
        "what": what or gettext("Treatment"),
        "radius": query.radius,
        "place": query.place.name,
    }
    if query.other_filters:
        summary += ngettext(
            ", %(count)s more filter", ", %(count)s more filters", query.other_filters
        ) % {"count": query.other_filters}
    return summary


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit("listing_report", methods=["POST"])
def facility(request: HttpRequest, pk: int) -> HttpResponse:
    """A facility's page; a POST is its "Something wrong with this listing?" form."""
    facility = get_object_or_404(Facility, pk=pk)
    if facility.merged_into_id:
        # The same facility is listed once: under its directory row.
        target = reverse("treatment:facility", args=[facility.merged_into_id])
        query = request.GET.urlencode()
        return redirect(f"{target}?{query}" if query else target)
    if request.method == "POST":
        return _report(request, facility)
    return _facility_page(request, facility, ListingReportForm())


def _report(request: HttpRequest, facility: Facility) -> HttpResponse:
    """Someone says a listing is out of date; staff see it in the admin's queue."""
    form = ListingReportForm(request.POST)
    if not form.is_valid():
        return _facility_page(request, facility, form, status=400)
    reports.report_listing(
        facility, problem=form.cleaned_data["problem"], note=form.cleaned_data["note"]
    )
    return redirect(reverse("treatment:facility", args=[facility.pk]) + "?reported=1#report")


def _facility_page(
    request: HttpRequest, facility: Facility, report_form: ListingReportForm, status: int = 200
) -> HttpResponse:
    distance = None
    parsed = parse_search(request.GET) if "near" in request.GET else None
    if parsed and parsed.query and facility.latitude is not None:
        place = parsed.query.place
        distance = round(
            miles_between(place.latitude, place.longitude, facility.latitude, facility.longitude),
            1,
        )
    language = get_language() or ""
    labelled = ServiceCode.objects.filter(code__in=facility.codes).exclude(group="")
    groups: dict[str, list[str]] = {}
    for code in labelled:
        heading = servicecodes.group_for(code.group, language)
        groups.setdefault(heading, []).append(
            servicecodes.label_for(code.code, code.label, language)
        )
    response = render(
        request,
        "treatment/facility.html",
        {
            "facility": facility,
            "distance": distance,
            "service_groups": groups.items(),
            "back_querystring": request.GET.urlencode() if parsed and parsed.query else "",
            "report_form": report_form,
            "reported": request.GET.get("reported") == "1",
        },
        status=status,
    )
    # The report form's CSRF token belongs to this visitor: no shared cache may keep the page.
    patch_cache_control(response, private=True)
    return response
