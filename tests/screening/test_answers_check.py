"""A step POST is checked field by field (answers_check) without building the step's form;
the page that shows the step again uses the form. Both must give the same verdict."""

from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.forms import answers_check, form_for_step
from screening.questions import NONE_VALUE, STEPS

MODES = ("self", "family")


@st.composite
def step_posts(draw):
    """A step, a mode and what a browser, or someone typing, might post for it."""
    step = draw(st.sampled_from(STEPS))
    mode = draw(st.sampled_from(MODES))
    data = QueryDict(mutable=True)
    for question in step.questions_for(mode):
        offered = [value for value, _label in question.choices_for(mode)]
        values = draw(
            st.one_of(
                st.just([]),  # left unanswered
                st.lists(st.sampled_from(offered), min_size=1, max_size=3),
                st.just([NONE_VALUE]),
                st.lists(st.sampled_from([*offered, NONE_VALUE]), min_size=2, max_size=4),
                st.lists(st.text(max_size=12), min_size=1, max_size=2),  # not a choice
            )
        )
        data.setlist(question.id, values)
    return step, mode, data


@settings(max_examples=300, deadline=None)
@given(step_posts())
def test_the_check_and_the_form_agree_on_every_post(post):
    step, mode, data = post
    checked = answers_check(step, mode, data)
    form = form_for_step(step, mode, data=data)

    assert checked.is_valid() == form.is_valid()
    assert checked.errors == {name: list(errors) for name, errors in form.errors.items()}
    # What is saved even when other answers on the step still need attention.
    assert checked.valid_answers == form.cleaned_data
