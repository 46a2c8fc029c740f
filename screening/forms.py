"""Forms for the questionnaire, built from screening.questions for one step and mode."""

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


def _field_for(question: Question, mode: str) -> forms.Field:
    common = {
        "label": question.text(mode),
        "help_text": question.help_text,
        "choices": question.choices_for(mode),
    }
    if question.multiple:
        return forms.MultipleChoiceField(
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

    questions: tuple[Question, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag()

    def clean(self) -> dict:
        cleaned = super().clean()
        for question in self.questions:
            value = cleaned.get(question.id)
            if not question.multiple or value is None:
                continue
            if NONE_VALUE in value and len(value) > 1:
                self.add_error(question.id, NONE_ALONE)
            elif question.id in NONE_MEANS_EMPTY and value == [NONE_VALUE]:
                cleaned[question.id] = []
        return cleaned

    def valid_answers(self) -> dict:
        """The answers that passed their own checks, even when others did not."""
        self.is_valid()
        return {
            question.id: self.cleaned_data[question.id]
            for question in self.questions
            if question.id in self.cleaned_data and question.id not in self.errors
        }


@cache
def _form_class(question_ids: tuple[str, ...], mode: str) -> type[QuestionsForm]:
    # Building a step's choice fields cost more than the rest of a step POST, so each
    # form class is built once; Django copies its fields for every form instance.
    # Keyed by ids: a question's lazily translated texts hash by the active language.
    questions = tuple(QUESTIONS[question_id] for question_id in question_ids)
    fields = {question.id: _field_for(question, mode) for question in questions}
    return type("QuestionsForm", (QuestionsForm,), {"questions": questions, **fields})


class _SharedFields(dict):
    """A form class's fields, handed to each form as they are instead of deep-copied.

    Only for forms that check answers and are never shown: cleaning reads a field and
    never changes it, while Django lets rendering change a form's own copy (widget
    attributes), which must not reach the next person's form.
    """

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


@cache
def _checking_class(question_ids: tuple[str, ...], mode: str) -> type[QuestionsForm]:
    # Deep-copying eleven choice fields took 0.3 ms, a quarter of a step POST.
    form_class = _form_class(question_ids, mode)
    checking = type("QuestionsCheck", (form_class,), {})
    checking.base_fields = _SharedFields(form_class.base_fields)
    return checking


def _step_ids(step: Step, mode: str) -> tuple[str, ...]:
    return tuple(question.id for question in step.questions_for(mode))


def form_for_step(step: Step, mode: str, **kwargs) -> QuestionsForm:
    return _form_class(_step_ids(step, mode), mode)(**kwargs)


def answers_check(step: Step, mode: str, data) -> QuestionsForm:
    """A step's posted answers, checked; to show the step again use form_for_step()."""
    return _checking_class(_step_ids(step, mode), mode)(data=data)


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
