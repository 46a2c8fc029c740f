"""Forms for the questionnaire, built from screening.questions for one step and mode."""

from dataclasses import dataclass
from functools import cache

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from screening.models import MODE_CHOICES
from screening.questions import (
    NONE_MEANS_EMPTY,
    NONE_VALUE,
    OVERDOSE_NOW,
    QUESTIONS,
    Question,
    Step,
)

CHOOSE_ONE = _("Please choose an answer.")
TICK_ONE = _("Please tick at least one box, or “None of these”.")
NONE_ALONE = _("“None of these” can't be ticked together with other answers.")


def _no_form_tag() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template owns <form>, its CSRF token and its buttons
    helper.disable_csrf = True
    return helper


class ModeForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Who are you answering about?"),
        choices=MODE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag()


class AnswersField(forms.MultipleChoiceField):
    """Tick-boxes where “None of these” stands alone and, for some questions, means [].

    The rule lives in the field, not the form, so a step's answers can be checked field by
    field (answers_check) exactly as its form checks them.
    """

    def __init__(self, *, none_means_empty: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.none_means_empty = none_means_empty

    def clean(self, value) -> list[str]:
        value = super().clean(value)
        if NONE_VALUE in value and len(value) > 1:
            raise forms.ValidationError(NONE_ALONE, code="none_alone")
        if self.none_means_empty and value == [NONE_VALUE]:
            return []
        return value


def _field_for(question: Question, mode: str) -> forms.Field:
    common = {
        "label": question.text(mode),
        "help_text": question.help_text,
        "choices": question.choices_for(mode),
    }
    if question.multiple:
        return AnswersField(
            none_means_empty=question.id in NONE_MEANS_EMPTY,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": TICK_ONE, "invalid_choice": TICK_ONE},
            **common,
        )
    return forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
        **common,
    )


class QuestionsForm(forms.Form):
    """One step of the questionnaire. Cleaned data is in the scoring vocabulary.

    Subclassed once per set of questions and mode by _form_class().
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag()


@cache
def _form_class(question_ids: tuple[str, ...], mode: str) -> type[QuestionsForm]:
    # Building a step's choice fields cost more than the rest of a step POST, so each
    # form class is built once; Django copies its fields for every form instance.
    # Keyed by ids: a question's lazily translated texts hash by the active language.
    fields = {question_id: _field_for(QUESTIONS[question_id], mode) for question_id in question_ids}
    return type("QuestionsForm", (QuestionsForm,), fields)


def _step_ids(step: Step, mode: str) -> tuple[str, ...]:
    return tuple(question.id for question in step.questions_for(mode))


def form_for_step(step: Step, mode: str, **kwargs) -> QuestionsForm:
    return _form_class(_step_ids(step, mode), mode)(**kwargs)


@dataclass(frozen=True)
class AnswersCheck:
    valid_answers: dict
    errors: dict

    def is_valid(self) -> bool:
        return not self.errors


def answers_check(step: Step, mode: str, data) -> AnswersCheck:
    """A step's posted answers, checked by its form's own fields, with no form built.

    Building a bound form (a deep copy of eleven choice fields, a bound field for each)
    took as long as the rest of a step POST. The answers that pass are kept even when others
    on the step do not; to show the step again with its messages use form_for_step().
    """
    valid, errors = {}, {}
    for name, field in _form_class(_step_ids(step, mode), mode).base_fields.items():
        try:
            valid[name] = field.clean(field.widget.value_from_datadict(data, None, name))
        except forms.ValidationError as error:
            errors[name] = error.messages
    return AnswersCheck(valid, errors)


def overdose_form(mode: str, **kwargs) -> QuestionsForm:
    return _form_class((OVERDOSE_NOW.id,), mode)(**kwargs)


def initial_from_answers(questions: list[Question], answers: dict) -> dict:
    """What the form shows for stored answers (an empty list shows as “None of these”)."""
    initial = {}
    for question in questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.id in NONE_MEANS_EMPTY and value == []:
            value = [NONE_VALUE]
        initial[question.id] = value
    return initial


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool
    id: str


@dataclass(frozen=True)
class QuestionField:
    """What the step template needs to draw one question: a fieldset of radios or boxes."""

    name: str
    label: str
    help_text: str
    errors: list[str]
    multiple: bool
    choices: list[Choice]


def question_fields(form: forms.Form) -> list[QuestionField]:
    """The form's questions ready to draw, so a step renders without a template per input."""
    drawn = []
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        drawn.append(
            QuestionField(
                name=name,
                label=str(field.label),
                help_text=str(field.help_text or ""),
                errors=list(bound.errors),
                multiple=isinstance(field, forms.MultipleChoiceField),
                choices=[
                    Choice(str(choice), str(label), str(choice) in selected, f"id_{name}_{n}")
                    for n, (choice, label) in enumerate(field.choices)
                ],
            )
        )
    return drawn
