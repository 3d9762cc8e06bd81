"""Forms of the register and of a case's follow-up.

`FollowUpRoundFields` builds the fields of one follow-up round — a grade per remedy of the case,
new remedies, the dialogue's status, the author's comments date — and turns the cleaned data
into `services.follow_up_round` arguments. The flow's follow-up task (workflows.forms) and the
case's follow-up tab both use it, so the two cannot drift apart.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.documents import documents_visible_to
from casework.fields import LONG_TEXT
from casework.forms import NamesCheckMixin
from casework.models import Case, CovenantArticle, Document, Theme, User
from casework.selectors import cases_visible_to

from .models import (
    AssessmentSource,
    DialogueStatus,
    FollowUpGrade,
    ImplementationStatus,
    Mechanism,
    Recommendation,
    RemedyKind,
    StatePosition,
)
from .services import RemedyGrade

NEW_REMEDY_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _grade_label(grade: FollowUpGrade) -> str:
    label = grade.localized_label()
    return f"{grade.code} — {label.text}"


def grade_field(**kwargs) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        queryset=FollowUpGrade.objects.all(), required=False, empty_label="—", **kwargs
    )
    field.label_from_instance = _grade_label
    return field


def evidence_documents_field(user: User, case: Case) -> forms.ModelMultipleChoiceField | None:
    """The case's documents `user` may open, to attach as evidence; None when there are none."""
    documents = documents_visible_to(user, case).order_by("-uploaded_at", "-id")
    if not documents.exists():
        return None
    field = forms.ModelMultipleChoiceField(
        label=_("Evidence documents"),
        queryset=documents,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Documents of this case the assessment relies on (e.g. the State's reply)."),
    )
    field.label_from_instance = _document_label
    return field


def _document_label(document: Document) -> str:
    return f"{document.title} ({document.get_kind_display()}, {document.uploaded_at:%Y-%m-%d})"


class FollowUpRoundFields:
    """Mixin: the fields of one follow-up round of `self.case` (call `add_round_fields`)."""

    case: Case
    # The task page and the case tab lay the round out as a table of remedies.
    fields_template = "monitoring/_round_fields.html"

    def remedy_rows(self) -> list:
        return [
            (r, self[f"grade_{r.pk}"], self[f"status_{r.pk}"], self[f"note_{r.pk}"])
            for r in self.remedies
        ]

    def new_rows(self) -> list:
        return [
            (self[f"new_title_{n}"], self[f"new_kind_{n}"], self[f"new_grade_{n}"])
            for n in range(1, NEW_REMEDY_ROWS + 1)
        ]

    def other_fields(self) -> list:
        """The round's fields that are not per remedy (date, source, dialogue, ...)."""
        per_remedy = ("grade_", "status_", "note_", "new_")
        return [f for f in self.visible_fields() if not f.name.startswith(per_remedy)]

    def add_round_fields(self, user: User) -> None:
        # A remedy no longer followed (monitoring.services.remedy_change) is not graded again.
        self.remedies = list(
            Recommendation.objects.filter(case=self.case, monitored=True).order_by("id")
        )
        f = self.fields
        f["assessed_on"] = forms.DateField(label=_("Assessed on"), widget=DateInput())
        f["source_kind"] = forms.ChoiceField(
            label=_("Source of the information"),
            choices=AssessmentSource.choices,
            initial=AssessmentSource.COMMITTEE,
        )
        f["source_reference"] = forms.CharField(
            label=_("Source reference"),
            required=False,
            max_length=200,
            help_text=_("E.g. the follow-up progress report's symbol (CCPR/C/…)."),
        )
        for remedy in self.remedies:
            f[f"grade_{remedy.pk}"] = grade_field(label=_("Grade: %(remedy)s") % {"remedy": remedy})
            f[f"status_{remedy.pk}"] = forms.ChoiceField(
                label=_("Status: %(remedy)s") % {"remedy": remedy},
                choices=[("", _("From the grade")), *ImplementationStatus.choices],
                required=False,
            )
            f[f"note_{remedy.pk}"] = forms.CharField(
                label=_("Notes: %(remedy)s") % {"remedy": remedy},
                required=False,
                max_length=LONG_TEXT,
            )
        for n in range(1, NEW_REMEDY_ROWS + 1):
            f[f"new_title_{n}"] = forms.CharField(
                label=_("New remedy %(n)s") % {"n": n},
                required=False,
                max_length=200,
                help_text=_("A remedy the Views order, in a few words (e.g. 'Compensation')."),
            )
            f[f"new_kind_{n}"] = forms.ChoiceField(
                label=_("Kind of remedy %(n)s") % {"n": n},
                choices=RemedyKind.choices,
                initial=RemedyKind.OTHER,
                required=False,
            )
            f[f"new_grade_{n}"] = grade_field(label=_("Grade of remedy %(n)s") % {"n": n})
        f["dialogue"] = forms.ChoiceField(
            label=_("Follow-up dialogue"),
            choices=[("", _("Unchanged")), *DialogueStatus.choices],
            required=False,
        )
        f["author_comments_due"] = forms.DateField(
            label=_("Author's comments due (date set by the Committee)"),
            required=False,
            widget=DateInput(),
        )
        f["round_notes"] = forms.CharField(
            label=_("Notes"),
            required=False,
            max_length=LONG_TEXT,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        documents = evidence_documents_field(user, self.case)
        if documents is not None:
            f["evidence_documents"] = documents
        for name, field in f.items():
            # Laid out in a table without <label>s: the label names the control for readers.
            if name.startswith(("grade_", "status_", "note_", "new_")):
                field.widget.attrs["aria-label"] = str(field.label)

    @property
    def round_text_fields(self) -> tuple[str, ...]:
        """The free-text fields a protected name must not slip into unnoticed."""
        return (
            "round_notes",
            "source_reference",
            *(f"note_{r.pk}" for r in self.remedies),
            *(f"new_title_{n}" for n in range(1, NEW_REMEDY_ROWS + 1)),
        )

    def clean_round(self, data: dict) -> None:
        assessed_on = data.get("assessed_on")
        if assessed_on and assessed_on > timezone.localdate():
            self.add_error("assessed_on", _("This date cannot be in the future."))
        communication = getattr(self.case, "communication", None)
        views_on = communication.decided_on if communication else None
        if assessed_on and views_on and assessed_on < views_on:
            self.add_error("assessed_on", _("A follow-up assessment cannot precede the Views."))
        graded = [
            r for r in self.remedies if data.get(f"grade_{r.pk}") or data.get(f"status_{r.pk}")
        ]
        new = [
            n for n in range(1, NEW_REMEDY_ROWS + 1) if (data.get(f"new_title_{n}") or "").strip()
        ]
        for n in range(1, NEW_REMEDY_ROWS + 1):
            if data.get(f"new_grade_{n}") and n not in new:
                self.add_error(f"new_title_{n}", _("Name the remedy you grade."))
        if not self.remedies and not new:
            self.add_error("new_title_1", _("List the remedies the Views order, one per row."))
        elif (
            not graded
            and not any(data.get(f"new_grade_{n}") for n in new)
            and not data.get("dialogue")
        ):
            self.add_error(
                None, _("Grade at least one remedy, or record the dialogue's new status.")
            )

    def round_kwargs(self) -> dict:
        data = self.cleaned_data
        grades = []
        for remedy in self.remedies:
            grade = data.get(f"grade_{remedy.pk}")
            status = data.get(f"status_{remedy.pk}") or (grade.status if grade else "")
            if status:
                grades.append(RemedyGrade(remedy, grade, status, data.get(f"note_{remedy.pk}", "")))
        new_remedies = []
        for n in range(1, NEW_REMEDY_ROWS + 1):
            title = (data.get(f"new_title_{n}") or "").strip()
            if title:
                kind = data.get(f"new_kind_{n}") or RemedyKind.OTHER
                new_remedies.append((title, kind, data.get(f"new_grade_{n}")))
        return {
            "assessed_on": data["assessed_on"],
            "source_kind": data["source_kind"],
            "source_reference": data.get("source_reference", ""),
            "grades": grades,
            "new_remedies": new_remedies,
            "dialogue": data.get("dialogue", ""),
            "author_comments_due": data.get("author_comments_due"),
            "notes": data.get("round_notes", ""),
            "documents": list(data.get("evidence_documents") or []),
        }


class FollowUpRoundForm(FollowUpRoundFields, NamesCheckMixin, forms.Form):
    """The case tab's form for a follow-up round (outside the flow, e.g. a case added late)."""

    def __init__(self, *args, case: Case, user: User, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.add_round_fields(user)
        self.name_check_fields = self.round_text_fields
        self.enable_names_check(case)

    def clean(self):
        data = super().clean()
        self.clean_round(data)
        return data


# --- the register ------------------------------------------------------------------------


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "mechanism",
            "symbol",
            "paragraph",
            "issued_on",
            "title",
            "text_en",
            "text_ru",
            "text_kk",
            "verified",
            "source",
            "themes",
            "articles",
            "responsible_body",
            "state_position",
            "upr_cycle",
            "recommending_states",
            "monitored",
        ]
        widgets = {
            "issued_on": DateInput(),
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "text_ru": forms.Textarea(attrs={"rows": 4}),
            "text_kk": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.SelectMultiple(attrs={"size": 6}),
            "articles": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mechanism"].queryset = Mechanism.objects.exclude(code="hrc-views")
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["articles"].queryset = CovenantArticle.objects.all()


class AssessmentForm(NamesCheckMixin, forms.Form):
    """One assessment of a register recommendation, or of a Views' remedy of a case.

    A remedy's assessment also takes the Committee's grade (the status follows from it unless
    chosen) and evidence documents of the case; its free text is case data, checked for the
    names the case protects.
    """

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ImplementationStatus.choices)
    source_kind = forms.ChoiceField(
        label=_("Source of the information"),
        choices=AssessmentSource.choices,
        initial=AssessmentSource.OWN,
    )
    source_reference = forms.CharField(
        label=_("Source reference"),
        required=False,
        max_length=200,
        help_text=_("E.g. the follow-up progress report's symbol (CCPR/C/…)."),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Links and documents relied on, one per line."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    name_check_fields = ("source_reference", "evidence", "notes")

    def __init__(self, *args, recommendation: Recommendation, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        if not recommendation.is_remedy:
            return
        f = self.fields
        f["grade"] = grade_field(label=_("Committee's grade"))
        f["status"] = forms.ChoiceField(
            label=_("Status"),
            choices=[("", _("From the grade")), *ImplementationStatus.choices],
            required=False,
        )
        f["source_kind"].initial = AssessmentSource.COMMITTEE
        documents = evidence_documents_field(user, recommendation.case)
        if documents is not None:
            f["documents"] = documents
        self.order_fields(["assessed_on", "grade", "status", "source_kind", "source_reference"])
        self.enable_names_check(recommendation.case)

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date cannot be in the future."))
        views_on = self.recommendation.issued_on if self.recommendation.is_remedy else None
        if views_on and value < views_on:
            raise forms.ValidationError(_("A follow-up assessment cannot precede the Views."))
        return value

    def clean(self):
        data = super().clean()
        if self.recommendation.is_remedy and not (data.get("status") or data.get("grade")):
            self.add_error("grade", _("Give the Committee's grade or choose a status."))
        return data

    def assessment_kwargs(self) -> dict:
        """The cleaned data as `services.assessment_add` arguments."""
        data = self.cleaned_data
        grade = data.get("grade")
        return {
            "assessed_on": data["assessed_on"],
            "status": data.get("status") or (grade.status if grade else ""),
            "grade": grade,
            "source_kind": data["source_kind"],
            "source_reference": data.get("source_reference", ""),
            "evidence": data.get("evidence", ""),
            "notes": data.get("notes", ""),
            "documents": list(data.get("documents") or []),
        }


class RemedyForm(NamesCheckMixin, forms.ModelForm):
    """Correct a Views' remedy of a case, or stop following it (`monitored` off)."""

    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=300,
        help_text=_("Kept in the remedy's history (e.g. 'paragraph 9 of the Views re-read')."),
    )
    name_check_fields = ("title", "text_ru", "text_en", "text_kk", "reason")

    class Meta:
        model = Recommendation
        fields = ["title", "remedy_kind", "paragraph", "text_ru", "text_en", "text_kk", "monitored"]
        labels = {"monitored": _("Still followed")}
        help_texts = {
            "monitored": _(
                "Untick for a remedy recorded by mistake or merged into another: its "
                "assessments stay in the history and it is no longer graded or counted."
            ),
            "text_ru": _("What the Views order, in our own words or quoted with the paragraph."),
        }
        widgets = {
            "text_ru": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_kk": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        self.fields["remedy_kind"].required = True
        self.enable_names_check(self.instance.case)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"), queryset=Mechanism.objects.all(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    article = forms.ModelChoiceField(
        label=_("Covenant article"), queryset=CovenantArticle.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "—"), *ImplementationStatus.choices],
        required=False,
    )
    body = forms.CharField(label=_("Responsible body"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    position = forms.ChoiceField(
        label=_("State's position"), choices=[("", "—"), *StatePosition.choices], required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class ReportForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("ru", "Русский"), ("en", "English")], initial="ru"
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("docx", "DOCX (Word)")], initial="pdf"
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("All themes"),
    )
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"),
        queryset=Mechanism.objects.all(),
        required=False,
        empty_label=_("All mechanisms"),
    )


def round_form_data(
    case: Case,
    *,
    assessed_on: str,
    grade: str = "",
    source_kind: str = AssessmentSource.COMMITTEE,
    remedies: tuple[tuple[str, str], ...] = (),
    dialogue: str = "",
    **extra,
) -> dict:
    """Form data of a follow-up round that gives every remedy of `case` the grade `grade`.

    When the case has no remedy yet, `remedies` ((title, kind), ...) are listed as new ones with
    that grade. For the demo (seed_demo) and the tests, which complete the flow's task as a user
    would.
    """
    grade_pk = str(FollowUpGrade.objects.get(code=grade).pk) if grade else ""
    data = {"assessed_on": assessed_on, "source_kind": source_kind, "dialogue": dialogue}
    existing = list(
        Recommendation.objects.filter(case=case, monitored=True).values_list("pk", flat=True)
    )
    for pk in existing:
        data[f"grade_{pk}"] = grade_pk
    if not existing:
        for n, (title, kind) in enumerate(remedies[:NEW_REMEDY_ROWS], start=1):
            data.update(
                {f"new_title_{n}": title, f"new_kind_{n}": kind, f"new_grade_{n}": grade_pk}
            )
    data.update(extra)
    return data


class RecommendationLinkForm(forms.Form):
    """One change to a register recommendation's links: a case (by its reference, as staff
    write it) or a Views' remedy. Only cases the editor may open can be named or unlinked;
    an unknown reference and a case the editor may not open get the same answer."""

    ACTIONS = (
        ("add_case", _("Link a case")),
        ("remove_case", _("Remove the link to a case")),
        ("add_remedy", _("Link a Views' remedy")),
        ("remove_remedy", _("Remove the link to a Views' remedy")),
    )
    action = forms.ChoiceField(choices=ACTIONS)
    reference = forms.CharField(label=_("Case reference"), max_length=40, required=False)
    case_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remedy = forms.ModelChoiceField(
        label=_("Views' remedy"), queryset=Recommendation.objects.none(), required=False
    )

    def __init__(self, *args, user, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.visible_cases = cases_visible_to(user)
        self.recommendation = recommendation
        self.fields["remedy"].queryset = Recommendation.objects.filter(
            case__in=self.visible_cases.values("pk")
        )

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "add_case":
            reference = (data.get("reference") or "").strip()
            case = self.visible_cases.filter(reference__iexact=reference).first()
            if not reference:
                raise forms.ValidationError(_("Give the reference of the case to link."))
            if case is None:
                raise forms.ValidationError(
                    _("No case you may open has the reference %(reference)s.")
                    % {"reference": reference}
                )
            data["case"] = case
        elif action == "remove_case":
            case = self.recommendation.related_cases.filter(
                pk=data.get("case_id"), pk__in=self.visible_cases.values("pk")
            ).first()
            if case is None:
                raise forms.ValidationError(_("This link is not there any more."))
            data["case"] = case
        elif action in ("add_remedy", "remove_remedy") and data.get("remedy") is None:
            raise forms.ValidationError(_("Choose a Views' remedy."))
        return data
