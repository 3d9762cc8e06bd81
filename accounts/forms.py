from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from casework.models import Branch, Role

from .selectors import StaffFilter

STATUS_CHOICES = [
    ("", _("Any status")),
    ("active", _("Active")),
    ("inactive", _("Deactivated")),
    ("locked", _("Locked out")),
]


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    branch = forms.ModelChoiceField(
        label=_("Branch"), required=False, queryset=Branch.objects.all(), empty_label=_("Any")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def criteria(self) -> StaffFilter:
        if not self.is_valid():
            return StaffFilter()
        data = self.cleaned_data
        return StaffFilter(
            text=data["q"].strip(),
            role=data["role"],
            branch_id=data["branch"].pk if data["branch"] else None,
            status=data["status"],
        )


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reason"))
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", _("Recorded in the person's history with your name."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if "\x00" in value:
            raise forms.ValidationError(_("The reason contains a NUL character."))
        return value.strip()


class OnboardForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The one-time link to set a password is sent here and shown to you once."),
    )
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class RoleBranchForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.all())
    reason = ReasonField()


class ReasonForm(forms.Form):
    reason = ReasonField()


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Interface language"),
        choices=[("", _("As the browser asks")), *settings.LANGUAGES],
        required=False,
    )
