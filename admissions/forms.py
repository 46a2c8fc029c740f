import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from admissions.models import (
    ContactMethod,
    ContactOutcome,
    LovedOneKnows,
    MessageStyle,
    Status,
    Team,
)
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


WAYS = [
    ("call", _("A phone call")),
    ("text", _("A text message")),
    ("email", _("An email")),
]


def _team_label(team: Team, miles: float | None) -> str:
    if miles is None:
        return team.name
    return _("%(team)s (about %(miles)d miles away)") % {"team": team.name, "miles": round(miles)}


class ConsentForm(forms.Form):
    team = forms.ChoiceField(
        label=_("Which admissions team should get it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a team.")},
    )
    zip_code = forms.CharField(
        label=_("Your ZIP code (optional), to list the nearest team first"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
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
    ways = forms.MultipleChoiceField(
        label=_("How may the team reach you? Tick all that are OK."),
        choices=WAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message_style = forms.ChoiceField(
        label=_("If the team leaves a voicemail or sends a text, what may it say?"),
        choices=[
            (MessageStyle.NAMED, _("It may say it is from the admissions team")),
            (
                MessageStyle.DISCREET,
                _("Only the caller's first name: nothing about where it is from"),
            ),
        ],
        initial=MessageStyle.DISCREET,
        required=False,
        widget=forms.RadioSelect,
    )
    ok_to_leave_message = forms.ChoiceField(
        label=_("Is it OK to leave a voicemail?"),
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    best_time = forms.CharField(
        label=_("Best times to call (optional)"),
        help_text=_("For example: weekdays after 5 pm."),
        max_length=100,
        required=False,
    )
    preferred_language = forms.CharField(
        label=_("Language to speak with you (optional)"),
        help_text=_("For example: English, Spanish."),
        max_length=40,
        required=False,
    )
    loved_one_knows = forms.ChoiceField(
        label=_("Does your loved one know you are doing this?"),
        choices=LovedOneKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether they know, or choose Not sure.")},
    )
    consent = forms.BooleanField(
        label=_("I agree to send my screening and these contact details to the admissions team."),
        error_messages={"required": _("Please tick the box to agree, or go back.")},
    )

    def __init__(
        self, *args, teams: list[tuple[Team, float | None]], family: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.teams = {str(team.pk): team for team, _miles in teams}
        if len(teams) > 1:
            self.fields["team"].choices = [
                (str(team.pk), _team_label(team, miles)) for team, miles in teams
            ]
        else:
            # A single team needs no choice.
            del self.fields["team"]
            del self.fields["zip_code"]
        if not family:
            del self.fields["loved_one_knows"]
        else:
            self.fields["contact_name"].label = _("Your first name or initials (optional)")

    def clean_contact_phone(self) -> str:
        raw = self.cleaned_data["contact_phone"].strip()
        return normalise_phone(raw) if raw else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        phone, email = cleaned.get("contact_phone"), cleaned.get("contact_email")
        ways = set(cleaned.get("ways") or [])
        if "contact_phone" in self.errors or "contact_email" in self.errors:
            return cleaned
        if not phone and not email:
            raise ValidationError(
                _("Please give a phone number or an email address, so the team can reach you."),
                code="no_contact",
            )
        if ways & {"call", "text"} and not phone:
            self.add_error(
                "contact_phone", _("Please give a phone number for calls or texts, or untick them.")
            )
        if "email" in ways and not email:
            self.add_error("contact_email", _("Please give an email address, or untick email."))
        return cleaned

    def chosen_team(self) -> Team | None:
        if "team" not in self.fields:
            return next(iter(self.teams.values()), None)
        return self.teams.get(self.cleaned_data["team"])

    def contact(self) -> Contact:
        data = self.cleaned_data
        ways = set(data.get("ways") or [])
        return Contact(
            name=data["contact_name"].strip(),
            phone=data["contact_phone"],
            email=data["contact_email"].strip(),
            best_time=data["best_time"].strip(),
            preferred_language=data["preferred_language"].strip(),
            ok_to_leave_message=data["ok_to_leave_message"] == "yes",
            may_call="call" in ways,
            may_text="text" in ways,
            may_email="email" in ways,
            message_style=data.get("message_style") or MessageStyle.DISCREET,
            loved_one_knows=data.get("loved_one_knows", ""),
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
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All my teams")
    )

    def __init__(self, *args, teams=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if teams is not None and len(teams) > 1:
            self.fields["team"].queryset = teams
        else:
            del self.fields["team"]


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

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the case's own team: nobody outside it may be handed the case.
        self.fields["assignee"].queryset = members


class ContactAttemptForm(forms.Form):
    attempted_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    method = forms.ChoiceField(label=_("How"), choices=ContactMethod.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    next_attempt_at = forms.DateTimeField(
        label=_("Next attempt (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


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
