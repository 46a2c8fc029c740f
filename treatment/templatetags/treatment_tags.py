from django import template
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from firststep.pages import placeholder, rendered_once
from treatment.models import DirectoryVersion
from treatment.search import Hit

register = template.Library()

_DISTANCE = placeholder("distance")
_LINK_QUERY = placeholder("link_query")


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
def facility_card(hit: Hit, querystring: str) -> SafeString:
    """A search result: the facility's card, rendered once per process, language and
    directory version, with this search's distance and parameters put in.

    The cards were three quarters of the rendering of a search nobody had made before, and
    a facility's card is the same on every search that lists it.
    """
    facility = hit.facility
    card = rendered_once(
        "facility-card",
        (DirectoryVersion.current(), facility.pk),
        lambda: (
            render_to_string(
                "treatment/_facility_card.html",
                {"facility": facility, "distance": _DISTANCE, "link_query": _LINK_QUERY},
            ),
            True,
        ),
    )
    distance = ""
    if hit.distance_miles is not None:
        # The msgid {% blocktranslate %}{{ miles }} miles away{% endblocktranslate %} makes.
        distance = gettext("%(miles)s miles away") % {"miles": localize(hit.distance_miles)}
    link_query = f"?{querystring}" if querystring else ""
    return mark_safe(  # noqa: S308 — a rendered template, with escaped values put in
        card.replace(_LINK_QUERY, escape(link_query)).replace(_DISTANCE, escape(distance))
    )
