from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.fields import LONG_TEXT
from casework.models import Case, Role, User
from casework.selectors import can_view_case

from .models import DeadlineRule
from .selectors import rules_entered_by_hand


class ManualDeadlineForm(forms.Form):
    rule = forms.ModelChoiceField(
        label=_("Kind"),
        queryset=DeadlineRule.objects.none(),
        required=False,
        empty_label=_("Other: say what is due"),
        help_text=_("A date the Committee sets in each case, such as the author's comments."),
    )
    title = forms.CharField(
        label=_("What is due"),
        max_length=160,
        required=False,
        help_text=_("e.g. A court's order to submit documents. Never a client's or victim's name."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Empty: the case's responsible lawyer."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=LONG_TEXT,
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["rule"].queryset = rules_entered_by_hand()
        candidates = User.objects.filter(is_active=True).exclude(groups__name=Role.ANALYST)
        if case.branch_id:
            candidates = candidates.filter(branch_id=case.branch_id) | candidates.filter(
                pk=case.responsible_lawyer_id or 0
            )
        self.fields["assignee"].queryset = candidates.distinct().order_by("last_name", "first_name")

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("rule") and not (data.get("title") or "").strip():
            self.add_error("title", _("Say what is due, or choose its kind."))
        return data

    def clean_due_date(self) -> dt.date:
        due = self.cleaned_data["due_date"]
        if due.year < 1990 or due.year > 2200:
            raise forms.ValidationError(_("Give a date between 1990 and 2200."))
        return due

    def clean_assignee(self) -> User | None:
        user = self.cleaned_data.get("assignee")
        if user is not None and not can_view_case(user, self.case):
            raise forms.ValidationError(_("This person cannot open the case."))
        return user


class CancelDeadlineForm(forms.Form):
    reason = forms.CharField(label=_("Why does it no longer apply?"), max_length=300)
