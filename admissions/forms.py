import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from admissions.models import Status
from admissions.services import Contact
from screening.references import REFERENCE_LENGTH
from screening.scoring import CARE_LEVELS
from screening.wording import care_level_name

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


def normalise_phone(raw: str) -> str:
    """A US phone number as +1 and 10 digits; raises ValidationError with a plain message."""
    if re.search(r"[^\d\s().+-]", raw):
        raise ValidationError(
            _("A phone number can only have digits, spaces, dashes, dots and brackets."),
            code="phone_characters",
        )
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValidationError(
            _("Please give a 10-digit US phone number with its area code, like 555 123 4567."),
            code="phone_length",
        )
    if digits[0] in "01":
        raise ValidationError(
            _("That does not look like a US phone number: area codes don't start with 0 or 1."),
            code="phone_area",
        )
    return f"+1{digits}"


class ConsentForm(forms.Form):
    contact_name = forms.CharField(
        label=_("First name or initials (optional)"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Please check the email address, like name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    best_time = forms.CharField(
        label=_("Best time to reach you (optional)"),
        help_text=_("For example: weekdays after 5 pm."),
        max_length=100,
        required=False,
    )
    preferred_language = forms.CharField(
        label=_("Preferred language (optional)"), max_length=40, required=False
    )
    ok_to_leave_message = forms.ChoiceField(
        label=_("Is it OK to leave a message?"),
        help_text=_("A voicemail or text would only say the admissions team called."),
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I agree to send my screening and these contact details to the admissions team."),
        error_messages={"required": _("Please tick the box to agree, or go back.")},
    )

    def clean_contact_phone(self) -> str:
        raw = self.cleaned_data["contact_phone"].strip()
        return normalise_phone(raw) if raw else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            not cleaned.get("contact_phone")
            and not cleaned.get("contact_email")
            and "contact_phone" not in self.errors
            and "contact_email" not in self.errors
        ):
            raise ValidationError(
                _("Please give a phone number or an email address, so the team can reach you."),
                code="no_contact",
            )
        return cleaned

    def contact(self) -> Contact:
        data = self.cleaned_data
        return Contact(
            name=data["contact_name"].strip(),
            phone=data["contact_phone"],
            email=data["contact_email"].strip(),
            best_time=data["best_time"].strip(),
            preferred_language=data["preferred_language"].strip(),
            ok_to_leave_message=data["ok_to_leave_message"] == "yes",
        )


class LookupForm(forms.Form):
    not_found_message = _(
        "We could not find a screening sent with that reference. Check it and try again."
    )

    reference = forms.CharField(
        label=_("Your reference"),
        max_length=REFERENCE_LENGTH + 10,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip()


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand this deletes my contact details and answers for good."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


# Staff side.


def admissions_staff():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name="admissions")
        .order_by("username")
        .distinct()
    )


class QueueFilterForm(forms.Form):
    STATUS_OPEN = "open"
    STATUS_ALL = "all"

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(STATUS_OPEN, _("Open (new, contacted, scheduled)")), (STATUS_ALL, _("All"))]
        + list(Status.choices),
    )
    care_level = forms.ChoiceField(
        label=_("Care level"),
        required=False,
        choices=[("", _("Any"))] + [(c, care_level_name(c)) for c in CARE_LEVELS],
    )
    red_flag = forms.BooleanField(label=_("Red flags only"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, allowed: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in allowed]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = admissions_staff()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise ValidationError(_("The code is made of digits only."), code="digits")
        return token
