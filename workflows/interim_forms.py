"""Forms of the urgent interim-measures flow (rule 94): opening a request and its four steps.

A module of its own beside `forms.py` (the litigation route's task forms): the urgent path is a
separate flow with its own inputs, and keeping them apart keeps each file one screen of purpose.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.forms import NamesCheckMixin
from communications.models import (
    InterimCompliance,
    InterimGrounds,
    InterimResponse,
    StateParty,
    SubmissionChannel,
)
from communications.selectors import default_state_for

from .forms import DateInput, TaskForm


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _not_in_future_day(value: dt.date | None) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("This date cannot be in the future."))


class OpenInterimRequestForm(NamesCheckMixin, forms.Form):
    """A supervisor opens an urgent request: why the harm is irreparable, what to ask."""

    name_check_fields = ("explanation", "explanation_en", "measures_sought", "measures_sought_en")

    state = forms.ModelChoiceField(label=_("State party"), queryset=StateParty.objects.all())
    grounds = forms.ChoiceField(
        label=_("Grounds"), choices=InterimGrounds.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("The danger and why it is irreparable (Russian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("e.g. the date set for the extradition and the risk of torture on return."),
    )
    explanation_en = forms.CharField(
        label=_("The danger and why it is irreparable (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    measures_sought = forms.CharField(
        label=_("Measures asked of the State (Russian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. not to extradite the author while the communication is examined."),
    )
    measures_sought_en = forms.CharField(
        label=_("Measures asked of the State (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        state = default_state_for(case)
        if state is not None:
            self.fields["state"].initial = state.pk
        self.enable_names_check(case)

    def clean(self):
        data = super().clean()
        if not any((data.get(n) or "").strip() for n in ("explanation", "explanation_en")):
            self.add_error("explanation", _("Explain the danger in Russian or in English."))
        if not any((data.get(n) or "").strip() for n in ("measures_sought", "measures_sought_en")):
            self.add_error("measures_sought", _("Say what the State should be asked to do."))
        return data


class SendInterimRequestForm(TaskForm):
    sent_at = forms.DateTimeField(
        label=_("Sent at (date and time)"),
        widget=DateTimeInput(),
        help_text=_("When the request left for the Petitions Team; hours count from here."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=SubmissionChannel.choices)

    def clean_sent_at(self) -> dt.datetime:
        sent_at = self.cleaned_data["sent_at"]
        if sent_at > timezone.now():
            raise ValidationError(_("This moment cannot be in the future."))
        return sent_at


class InterimResponseForm(TaskForm):
    name_check_fields = ("note",)

    response = forms.ChoiceField(
        label=_("The Committee's response"),
        choices=InterimResponse.choices,
        widget=forms.RadioSelect,
    )
    response_on = forms.DateField(label=_("Response on"), required=False, widget=DateInput())
    committee_reference = forms.CharField(
        label=_("The Committee's reference"), max_length=80, required=False
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. followed up with the Petitions Team by phone; still no answer."),
    )

    def clean(self):
        data = super().clean()
        _not_in_future_day(data.get("response_on"))
        response = data.get("response")
        if response and response != InterimResponse.PENDING and not data.get("response_on"):
            self.add_error("response_on", _("Give the date of the Committee's response."))
        if response == InterimResponse.PENDING and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what was done while no answer has come."))
        return data


class InterimComplianceForm(TaskForm):
    name_check_fields = ("note",)

    compliance = forms.ChoiceField(
        label=_("Does the State comply?"),
        choices=InterimCompliance.choices,
        widget=forms.RadioSelect,
    )
    compliance_on = forms.DateField(label=_("Known on"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    end_watch = forms.BooleanField(
        label=_("Stop watching: the measures were lifted or the Committee has decided"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        _not_in_future_day(data.get("compliance_on"))
        compliance = data.get("compliance")
        if compliance and compliance != InterimCompliance.UNKNOWN and not data.get("compliance_on"):
            self.add_error("compliance_on", _("Give the date the compliance was known."))
        return data


class InterimBreachForm(TaskForm):
    name_check_fields = ("note",)

    note = forms.CharField(
        label=_("What the State did despite the measures"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A breach of the State's obligations under OP art. 1 (cf. Valetov v. Kazakhstan, "
            "CCPR/C/110/D/2104/2011). Tell the Committee at once."
        ),
    )
