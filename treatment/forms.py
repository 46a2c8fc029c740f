from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from treatment import vocabulary
from treatment.models import ListingReport

INVALID_CHOICE = {"invalid_choice": _("“%(value)s” is not one of the choices.")}


class FilterField(forms.MultipleChoiceField):
    """An optional, repeatable filter: any of `names`' codes, ticked as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, label: str, names: dict) -> None:
        super().__init__(
            label=label, choices=list(names.items()), required=False, error_messages=INVALID_CHOICE
        )
        # What templates/treatment/_checkboxes.html draws, far cheaper than the widget's
        # subwidgets: each choice with its position as text, for the ids Django gives the
        # boxes (id_category_0, _1, …); a number would be localized at every render. Forms
        # share it (a field's deep copy copies it by reference).
        self.options = tuple(
            (value, choice_label, str(index))
            for index, (value, choice_label) in enumerate(self.choices)
        )


# Worded when a page is drawn, in its language, not once when the module is imported.
_miles = lazy(lambda radius: gettext("%(miles)s miles") % {"miles": radius}, str)


class SearchForm(forms.Form):
    """The directory's search parameters, as the page's GET form and the API take them."""

    near = forms.CharField(
        label=_("ZIP code, or city and state"),
        help_text=_("For example 22902, Denver, CO, or just Denver"),
        max_length=100,
        required=False,
        error_messages={
            "required": _("Enter a 5-digit ZIP code, or a city and state like “Denver, CO”."),
        },
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        choices=[(r, _miles(r)) for r in vocabulary.RADII],
        coerce=int,
        required=False,
        empty_value=vocabulary.DEFAULT_RADIUS,
        initial=vocabulary.DEFAULT_RADIUS,
        error_messages={"invalid_choice": _("Choose 5, 10, 25, 50 or 100 miles.")},
    )
    category = FilterField(_("Type of care"), vocabulary.CATEGORY_NAMES)
    medication = FilterField(_("Medication"), vocabulary.MEDICATION_NAMES)
    payment = FilterField(_("Payment"), vocabulary.PAYMENT)
    language = FilterField(_("Language"), vocabulary.LANGUAGE_FILTER)
    group = FilterField(_("Programs for"), vocabulary.GROUP)
    age = FilterField(_("Ages served"), vocabulary.AGE)
    gender = FilterField(_("Serves"), vocabulary.GENDER)
    telehealth = forms.BooleanField(label=_("Offers telehealth"), required=False)
    care_level = forms.ChoiceField(
        choices=[("", "")] + [(level, level) for level in vocabulary.CARE_LEVELS],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That is not a level of care from the screening.")},
    )


class ListingReportForm(forms.Form):
    """What is wrong with a listing. Nothing about the person is asked."""

    problem = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ListingReport.PROBLEMS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with this listing.")},
    )
    note = forms.CharField(
        label=_("Anything else we should know (optional)"),
        help_text=_("Please do not write your name or anything about your health."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
