from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import IN_APP_ONLY, Channel, Kind


class PreferencesForm(forms.Form):
    """One choice per kind of event."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            if kind in IN_APP_ONLY:
                continue
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=Channel.choices, initial=current[kind]
            )


class MarkReadForm(forms.Form):
    notification = forms.IntegerField(required=False, min_value=1, label=_("notification"))
