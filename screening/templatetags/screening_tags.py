from django import template

from screening.forms import QuestionField, question_fields

register = template.Library()


@register.filter(name="question_fields")
def question_fields_filter(form) -> list[QuestionField]:
    return question_fields(form)
