from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AllegedEvent, Communication, OtherProcedure, OtherProcedureKind
from .texts import PACKAGE_LANGUAGES


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = Communication
        fields = [
            "state",
            "facts",
            "remedies_requested",
            "summary",
            "exhaustion_notes",
            "exhaustion_basis",
            "no_authorisation_reason",
            "delay_justification",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "summary",
                "exhaustion_notes",
                "no_authorisation_reason",
                "delay_justification",
                "remedies_requested",
            )
        } | {"facts": forms.Textarea(attrs={"rows": 12})}


class AllegedEventForm(forms.ModelForm):
    class Meta:
        model = AllegedEvent
        fields = ["occurred_on", "description", "continuing"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}


class OtherProcedureForm(forms.ModelForm):
    class Meta:
        model = OtherProcedure
        fields = ["body", "kind", "reference", "status", "concluded_on"]
        widgets = {"concluded_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Not knowing the kind is recorded as "other", which bars like a treaty body: the safe side.
        self.fields["kind"].required = False

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or OtherProcedureKind.OTHER


class BuildPackageForm(forms.Form):
    lang = forms.ChoiceField(
        label=_("Language"),
        choices=[(code, code.upper()) for code in PACKAGE_LANGUAGES],
        initial="ru",
    )
    final = forms.BooleanField(label=_("Final package"), required=False)
