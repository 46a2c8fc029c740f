"""Template filters for the words of an assessment: {% load screening_reasons %}."""

from django import template

from screening import reasons, wording

register = template.Library()


@register.filter
def reason_text(reason, assessment) -> str:
    """{{ reason|reason_text:assessment }}: the reason in the voice of the screening's mode."""
    return reasons.reason_text(reason, assessment)


@register.filter
def staff_reason_text(reason, assessment) -> str:
    """{{ reason|staff_reason_text:assessment }}: the reason for the admissions team."""
    return reasons.reason_text(reason, assessment, voice="staff")


@register.filter
def severity_headline(assessment) -> str:
    """{{ assessment|severity_headline }}: the signs headline, a lower bound in family mode."""
    return wording.severity_headline(assessment)
