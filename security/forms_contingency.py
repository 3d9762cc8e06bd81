"""Forms of the contingency pages: emergency contacts, incidents, the duress password."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Branch, User

from . import incidents
from .models import EmergencyContact, Incident, IncidentKind, IncidentStatus

NO_NUL = _("The text contains a NUL character.")


def _no_nul(value):
    # PostgreSQL text cannot hold NUL; a pasted one must be a clear error, not a 500.
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(NO_NUL)


class ContactForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=300,
        required=False,
        help_text=_("Recorded in the directory's history."),
    )

    class Meta:
        model = EmergencyContact
        fields = [
            "category",
            "name",
            "organisation",
            "role",
            "phones",
            "email",
            "languages",
            "notes",
            "last_checked_on",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "last_checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(_no_nul)


class IncidentForm(forms.ModelForm):
    """Record or change an incident. Linked cases are typed as references and resolved through
    `cases_visible_to`; the person concerned is a staff member or a party of a linked case."""

    case_references = forms.CharField(
        label=_("Linked cases"),
        required=False,
        max_length=2000,
        help_text=_("Case references as shown on the case pages, separated by commas."),
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)

    class Meta:
        model = Incident
        fields = [
            "kind",
            "branch",
            "occurred_at",
            "place",
            "staff_member",
            "party",
            "description",
            "follow_up",
            "status",
        ]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        # Remedy itself opens "duress login" incidents; nobody records one by hand.
        if self.instance.kind != IncidentKind.DURESS_LOGIN:
            self.fields["kind"].choices = [
                c for c in self.fields["kind"].choices if c[0] != IncidentKind.DURESS_LOGIN
            ]
        offices = incidents.offices_for_reporting(user)
        self.fields["branch"].queryset = offices
        self.fields["branch"].required = not user.has_role("administrator", "supervisor")
        # An inactive account (a duress session) is shown no colleague to choose.
        staff = User.objects.all() if user.is_active else User.objects.none()
        self.fields["staff_member"].queryset = staff.order_by("last_name", "first_name", "username")
        self.fields["staff_member"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.username})" if u.get_full_name() else u.username
        )
        parties = incidents.parties_for_linking(self.instance, user)
        self.fields["party"].queryset = parties
        self.fields["party"].label_from_instance = lambda p: incidents.party_label(p, user)
        self.fields["party"].help_text = _(
            "A party of a linked case. Link the case first, save, then choose the person."
        )
        if self.instance.pk:
            self.fields["case_references"].initial = ", ".join(
                incidents.linked_cases_visible_to(self.instance, user).values_list(
                    "reference", flat=True
                )
            )
        else:
            self.fields.pop("status")
            self.fields.pop("party")
            if not incidents.may_use_register(user):
                # A reporter outside the register's readers never sees the follow-up again.
                self.fields.pop("follow_up")
        for field in self.fields.values():
            field.validators.append(_no_nul)

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError(_("An incident cannot be dated in the future."))
        return value

    def clean_case_references(self):
        raw = self.cleaned_data["case_references"]
        references = [r for r in raw.replace(";", ",").replace("\n", ",").split(",") if r.strip()]
        return incidents.resolve_case_references(self.user, references)

    def clean(self):
        data = super().clean()
        if data.get("staff_member") and data.get("party"):
            raise ValidationError(
                _("Name either a staff member or a case party as the person concerned, not both.")
            )
        party = data.get("party")
        cases = data.get("case_references")
        if party is not None and cases is not None and party.case_id not in {c.pk for c in cases}:
            self.add_error("party", _("The person concerned must be a party of a linked case."))
        return data

    def fields_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("case_references", None)
        data.pop("reason", None)
        return data


class StepForm(forms.Form):
    done = forms.BooleanField(required=False)
    note = forms.CharField(max_length=300, required=False, validators=[_no_nul])


class IncidentFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *IncidentKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *IncidentStatus.choices], required=False
    )
    branch = forms.ModelChoiceField(
        label=_("Office"), queryset=Branch.objects.all(), required=False
    )


class DuressPasswordForm(forms.Form):
    current_password = forms.CharField(
        label=_("Your current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        validators=[MaxLengthValidator(4096)],
    )
    password = forms.CharField(
        label=_("Duress password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[MaxLengthValidator(4096)],
        help_text=_(
            "Different from your real password; at least 12 characters. Learn it by heart: it "
            "is never shown or sent anywhere."
        ),
    )
    password_again = forms.CharField(
        label=_("Duress password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[MaxLengthValidator(4096)],
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two duress passwords differ."))
        return data


class DuressRemoveForm(forms.Form):
    current_password = forms.CharField(
        label=_("Your current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        validators=[MaxLengthValidator(4096)],
    )
