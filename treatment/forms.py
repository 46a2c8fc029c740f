from django import forms
from django.utils.translation import gettext_lazy as _

from treatment import vocabulary

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


class SearchForm(forms.Form):
    """The directory's search parameters, as the page's GET form and the API take them."""

    near = forms.CharField(
        label=_("ZIP code, or city and state"),
        help_text=_("For example 22902, or Denver, CO"),
        max_length=100,
        required=False,
        error_messages={
            "required": _("Enter a 5-digit ZIP code, or a city and state like “Denver, CO”."),
            "unknown_place": _(
                "We could not find that place. Enter a 5-digit ZIP code, or a city and a "
                "two-letter state like “Denver, CO”."
            ),
        },
    )
    radius = forms.TypedChoiceField(
        label=_("Within"),
        choices=[(r, _("%(miles)s miles") % {"miles": r}) for r in vocabulary.RADII],
        coerce=int,
        required=False,
        empty_value=vocabulary.DEFAULT_RADIUS,
        initial=vocabulary.DEFAULT_RADIUS,
        error_messages={"invalid_choice": _("Choose 5, 10, 25, 50 or 100 miles.")},
    )
    category = FilterField(_("Type of care"), vocabulary.CATEGORY_NAMES)
    medication = FilterField(_("Medication"), vocabulary.MEDICATION_NAMES)
    payment = FilterField(_("Payment"), vocabulary.PAYMENT)
    language = FilterField(_("Language"), vocabulary.LANGUAGE)
    group = FilterField(_("Programs for"), vocabulary.GROUP)
    telehealth = forms.BooleanField(label=_("Offers telehealth"), required=False)
    care_level = forms.ChoiceField(
        choices=[("", "")] + [(level, level) for level in vocabulary.CARE_LEVELS],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That is not a level of care from the screening.")},
    )
