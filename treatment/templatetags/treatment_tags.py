from django import template
from django.utils.translation import gettext, ngettext

from treatment.models import Facility

register = template.Library()


@register.filter
def phone_display(number: str) -> str:
    """+12052160200 → (205) 216-0200."""
    digits = number.removeprefix("+1")
    if len(digits) != 10:
        return number
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


@register.simple_tag
def tel_href(number: str, extension: str = "") -> str:
    return f"tel:{number};ext={extension}" if extension else f"tel:{number}"


@register.simple_tag
def distance_text(facility, miles) -> str:
    """How far, told no more precisely than the facility's location is known.

    From a ZIP code's center (GeoNames), "about N miles" in whole miles; from coordinates in
    SAMHSA's file or set by staff, one decimal.
    """
    if miles is None:
        return gettext("Distance unknown")
    if facility.location_source == Facility.LOCATED_BY_ZIP:
        if miles < 1:
            return gettext("In or near ZIP %(zip)s") % {"zip": facility.zip_code}
        whole = round(miles)
        return ngettext("About %(miles)s mile away", "About %(miles)s miles away", whole) % {
            "miles": whole
        }
    # A decimal takes the plural in English ("1.0 miles"); translators may differ.
    return gettext("%(miles)s miles away") % {"miles": f"{miles:.1f}"}
