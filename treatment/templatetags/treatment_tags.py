from django import template

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
