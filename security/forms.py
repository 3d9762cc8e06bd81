from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from casework.models import AccessAction, User

from .selectors import AccessLogFilter


class AccessLogFilterForm(forms.Form):
    user = forms.CharField(label=_("User"), max_length=150, required=False)
    case_reference = forms.CharField(label=_("Case reference"), max_length=32, required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("Any action")), *AccessAction.choices],
        required=False,
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(_("The start date is after the end date."))
        return data

    def to_filter(self) -> AccessLogFilter:
        if not self.is_valid():
            return AccessLogFilter()
        data = self.cleaned_data
        return AccessLogFilter(
            user=data["user"].strip(),
            case_reference=data["case_reference"].strip(),
            action=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


class LockdownForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Account to lock down"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        to_field_name="username",
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the account's history, e.g. 'detained on 3 March, phone seized'."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand: the account is disabled, its password scrubbed, all its sessions "
            "ended, its calendar links and two-factor devices revoked."
        ),
    )

    def __init__(self, *args, viewer: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if viewer is not None and not viewer.is_active:
            # A locked-down administrator's duress session names no colleague.
            self.fields["user"].queryset = User.objects.none()

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the account is being locked down."))
        return reason


def _user_label(user: User) -> str:
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


LockdownForm.base_fields["user"].label_from_instance = _user_label


class BoundedAuthenticationForm(AuthenticationForm):
    """Django's login form sets the username's max_length after the field is built, so no
    length validator exists: a 300-character name reached authenticate() and django-axes,
    whose failure record (varchar 255) then crashed on PostgreSQL. Validate it first."""

    def __init__(self, request=None, *args, **kwargs) -> None:
        # `request` named in the signature: the login wizard passes it only to forms that ask.
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
        self.fields["password"].validators.append(MaxLengthValidator(4096))


class EndSessionForm(forms.Form):
    """Which session to sign out: its digest (security.sessions.session_id) or "others"."""

    session = forms.RegexField(regex=r"^([0-9a-f]{32}|others)$", max_length=32)
