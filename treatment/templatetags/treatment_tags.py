from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from firststep.pages import filled, placeholder, rendered_once

if TYPE_CHECKING:
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
def facility_card(hit: Hit, querystring: str, directory_version: int) -> SafeString:
    """A search result: the facility's card, rendered once per process, language and
    directory version, with this search's distance and parameters put in.

    The cards were three quarters of the rendering of a search nobody had made before, and
    a facility's card is the same on every search that lists it. `directory_version` is the
    page's, read before its rows were.
    """
    if not isinstance(directory_version, int):
        # A card filed under anything else would outlive every change to the directory.
        raise TypeError(
            f"facility_card needs the page's directory version, not {directory_version!r}"
        )
    located = hit.distance_miles is not None
    card = rendered_once(
        "facility-card",
        (directory_version, hit.facility.pk, located),
        lambda: (
            render_to_string(
                "treatment/_facility_card.html",
                {
                    "facility": hit.facility,
                    "distance": _DISTANCE if located else None,
                    "link_query": _LINK_QUERY,
                },
            ),
            True,
        ),
        cache="facility_cards",
    )
    values = {
        "distance": escape(localize(hit.distance_miles)) if located else "",
        "link_query": escape(f"?{querystring}") if querystring else "",
    }
    return mark_safe(filled(card, values.__getitem__))  # noqa: S308 — escaped values put in
