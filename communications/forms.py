from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import RegionChoiceField

from .models import AllegedEvent, Communication, OtherProcedure, OtherProcedureKind
from .texts import PACKAGE_LANGUAGES


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = Communication
        fields = [
            "state",
            "facts",
            "facts_en",
            "remedies_requested",
            "remedies_requested_en",
            "summary",
            "summary_en",
            "exhaustion_notes",
            "exhaustion_basis",
            "exhaustion_notes_en",
            "no_authorisation_reason",
            "no_authorisation_reason_en",
            "no_other_procedure_confirmed",
            "delay_justification",
        ]
        labels = {
            "facts": _("Statement of facts (Russian)"),
            "remedies_requested": _("Remedies requested (Russian)"),
            "summary": _("Summary (Russian)"),
            "exhaustion_notes": _("Exhaustion of domestic remedies: explanation (Russian)"),
            "no_authorisation_reason": _("Why there is no signed authorisation (Russian)"),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "summary",
                "summary_en",
                "exhaustion_notes",
                "exhaustion_notes_en",
                "no_authorisation_reason",
                "no_authorisation_reason_en",
                "delay_justification",
                "remedies_requested",
                "remedies_requested_en",
            )
        } | {name: forms.Textarea(attrs={"rows": 12}) for name in ("facts", "facts_en")}


class AllegedEventForm(forms.ModelForm):
    class Meta:
        model = AllegedEvent
        fields = ["occurred_on", "description", "description_en", "continuing", "region"]
        labels = {"description": _("Description (Russian)")}
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}
        field_classes = {"region": RegionChoiceField}


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
