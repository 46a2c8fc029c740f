from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from treatment.models import Facility
from treatment.search import facility_search, parse_search


@require_safe
def facilities(request: HttpRequest) -> JsonResponse:
    """GET /api/facilities: the directory search as JSON; a bad parameter gets a 400 naming it."""
    params = request.GET
    parsed = parse_search(params)
    errors = _errors(parsed.form)
    if "near" not in params:
        errors["near"] = ["This parameter is required: a 5-digit ZIP code or “City, ST”."]
    page = _page(params.get("page", "1"))
    if page is None:
        errors["page"] = ["Must be a whole number, 1 or more."]
    if parsed.choices and "near" not in errors:
        errors["near"] = ["More than one place has that name: choose one of `choices`."]
    if errors or parsed.query is None:
        response = _bad_request(errors)
        if parsed.choices:
            response = _bad_request(errors, choices=[c.name for c in parsed.choices])
        return response
    results = facility_search(query=parsed.query, page=page)
    hits = results.hits if page <= results.pages else []
    next_url = None
    if page < results.pages:
        query = params.copy()
        query["page"] = str(page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return JsonResponse(
        {
            "count": results.count,
            "page": page,
            "pages": results.pages,
            "results": [_facility_json(request, hit.facility, hit.distance_miles) for hit in hits],
            "next": next_url,
        }
    )


def _page(raw: str) -> int | None:
    try:
        page = int(raw)
    except ValueError:
        return None
    return page if page >= 1 else None


def _errors(form) -> dict:
    return {
        field: [str(e) for e in errors]
        for field, errors in form.errors.items()
        if field != "__all__"
    }


def _bad_request(errors: dict, **extra) -> JsonResponse:
    return JsonResponse(
        {"error": "bad parameter: " + ", ".join(errors), "errors": errors, **extra}, status=400
    )


def _honest_distance(facility: Facility, distance: float | None) -> float | None:
    """Whole miles from a ZIP code's center: its decimals would be false precision."""
    if distance is not None and facility.location_source == Facility.LOCATED_BY_ZIP:
        return float(round(distance))
    return distance


def _facility_json(request: HttpRequest, facility: Facility, distance: float | None) -> dict:
    return {
        "id": facility.pk,
        "name": facility.name,
        "name2": facility.name2,
        "address": {
            "withheld": facility.address_withheld,
            "street1": facility.street1,
            "street2": facility.street2,
            "city": facility.city,
            "state": facility.state,
            "zip": facility.zip_code,
        },
        "phone": facility.phone,
        "phone_extension": facility.phone_extension,
        "intake_phone": facility.intake_phone,
        "intake_phone_extension": facility.intake_phone_extension,
        "website": facility.website,
        # A withheld street stays withheld: no coordinates that would point at it.
        "latitude": None if facility.address_withheld else facility.latitude,
        "longitude": None if facility.address_withheld else facility.longitude,
        "located_by": facility.location_source or None,
        "distance_miles": _honest_distance(facility, distance),
        "distance_approximate": facility.location_source == Facility.LOCATED_BY_ZIP,
        "categories": facility.categories(),
        "medications": facility.medications(),
        "payment": facility.payments(),
        "languages": facility.languages(),
        "groups": facility.groups(),
        "ages": facility.ages(),
        "genders": facility.genders(),
        "telehealth": facility.telehealth,
        "source_date": facility.source_date.isoformat() if facility.source_date else None,
        "verified_at": facility.verified_at.isoformat() if facility.verified_at else None,
        "reported_out_of_date_on": (
            facility.reported_on.isoformat() if facility.reported_on else None
        ),
        "url": request.build_absolute_uri(reverse("treatment:facility", args=[facility.pk])),
    }
