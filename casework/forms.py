"""Forms of the case file. They parse and validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .identity import IDENTIFYING_PERSON_FIELDS, protected_names_of
from .models import (
    PROTECTED_PARTY_ROLES,
    Activity,
    AllegedViolation,
    Authorisation,
    Branch,
    Case,
    CaseParty,
    Confidentiality,
    CovenantArticle,
    Document,
    PartyRole,
    Person,
    Proceeding,
    Region,
    Role,
    Stage,
    Theme,
    User,
)
from .name_finder import NameFinder
from .selectors import CASE_PERMISSIONS, PERMISSION_LABELS, VIEW


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("label", _("Reason for the change"))
        kwargs.setdefault("help_text", _("Recorded in the case history."))
        super().__init__(**kwargs)


class NamesCheckMixin:
    """Warn before free text that names a protected person of the case is saved.

    Reasons, notes, titles and summaries are shown to readers who may not see identities. When
    one of `name_check_fields` contains a name (any script or spelling, `casework.name_finder`) of
    the case's client, victim, author or relative, the form is refused once with the words
    found, and a "save it anyway" checkbox appears; the second submit with it ticked saves.
    Readers without the identity grant see such names masked (`IdentityMask.text`).
    Call `enable_names_check(case)` in `__init__`, after the fields exist.
    """

    name_check_fields: tuple[str, ...] = ("reason",)
    names_found = False

    def enable_names_check(self, case: Case | None) -> None:
        self._names = protected_names_of(case) if case is not None and case.pk else {}
        self.fields["confirm_names"] = forms.BooleanField(
            required=False,
            widget=forms.HiddenInput,
            label=_("Save it anyway: the name is needed here"),
        )

    def clean(self):
        cleaned = super().clean()
        names = getattr(self, "_names", None)
        if not names:
            return cleaned
        finder = NameFinder(names)
        found = False
        for name in self.name_check_fields:
            value = cleaned.get(name)
            matches = finder.find(value) if isinstance(value, str) else []
            if matches:
                found = True
                if not cleaned.get("confirm_names"):
                    words = ", ".join(dict.fromkeys(match.text for match in matches))
                    self.add_error(
                        name,
                        _(
                            "“%(words)s” is the name of a person whose identity this case "
                            "protects. Colleagues without the identity permission may read "
                            "this text: remove the name, or tick “save it anyway” below."
                        )
                        % {"words": words},
                    )
        if found and not cleaned.get("confirm_names"):
            self.names_found = True
            self.fields["confirm_names"].widget = forms.CheckboxInput()
        return cleaned


def lawyers(*, for_user: User | None = None) -> QuerySet[User]:
    """Lawyers and supervisors to choose from; none for an inactive account (a locked-down
    account's duress session names no colleague)."""
    if for_user is not None and not for_user.is_active:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, groups__name__in=[Role.LAWYER, Role.SUPERVISOR])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class RegionChoiceField(forms.ModelChoiceField):
    """A region, today's first and former ones after them, named in the page's language."""

    def __init__(self, **kwargs) -> None:
        kwargs["queryset"] = Region.objects.order_by(F("valid_to").desc(nulls_first=True), "name")
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Region) -> str:
        return obj.label()


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    branch = forms.ModelChoiceField(
        label=_("Branch"), queryset=Branch.objects.all(), required=False, empty_label=_("All")
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All")
    )
    article = forms.ModelChoiceField(
        label=_("Covenant article"),
        queryset=CovenantArticle.objects.all(),
        required=False,
        empty_label=_("All"),
        to_field_name="number",
    )
    confidentiality = forms.ChoiceField(label=_("Confidentiality"), required=False)
    mine = forms.BooleanField(label=_("Only cases I am responsible for"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All")), *Stage.choices]
        self.fields["confidentiality"].choices = [("", _("All")), *Confidentiality.choices]
        self.fields["article"].label_from_instance = lambda a: _("Art. %(n)s") % {"n": a.number}


class CaseForm(NamesCheckMixin, forms.ModelForm):
    """Create or edit a case. `version` carries the optimistic lock through the round trip."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = ReasonField()

    class Meta:
        model = Case
        fields = [
            "title",
            "branch",
            "violation_region",
            "theme",
            "confidentiality",
            # No stage, closure or responsible lawyer: they follow the route (workflows: the
            # Assign and Stop steps, the closing ones) and the Team page, which also grants the
            # lawyer the case. A hand edit would leave a "closed" case open, or a responsible
            # lawyer who cannot open the case.
            "is_strategic",
            "opened_on",
            "summary",
            "public_summary",
        ]
        widgets = {
            "opened_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "public_summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation_region"] = RegionChoiceField(
            required=False,
            label=Case._meta.get_field("violation_region").verbose_name,
            help_text=Case._meta.get_field("violation_region").help_text,
        )
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.enable_names_check(self.instance if self.instance.pk else None)

    name_check_fields = ("title", "summary", "public_summary", "reason")

    def _update_errors(self, errors: ValidationError) -> None:
        # The model's closure checks name fields this form does not show (the route sets them,
        # e.g. an opening date moved after the closure): shown above the form, not a crash.
        if hasattr(errors, "error_dict"):
            shown: dict[str, list] = {}
            for name, messages in errors.error_dict.items():
                key = name if name in self.fields else NON_FIELD_ERRORS
                shown.setdefault(key, []).extend(messages)
            errors = ValidationError(shown)
        super()._update_errors(errors)

    def changed_data_dict(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonFieldsForm(forms.ModelForm):
    """A person's identifying fields: exactly the ones the identity mask hides."""

    class Meta:
        model = Person
        fields = list(IDENTIFYING_PERSON_FIELDS)
        widgets = {
            "birth_date": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = False


class PartyForm(NamesCheckMixin, forms.ModelForm):
    """A party: pick a person the user may see, describe a new one, or name an authority."""

    reason = ReasonField()
    name_check_fields = ("notes", "reason")

    class Meta:
        model = CaseParty
        fields = ["role", "person", "authority_name", "notes"]

    def __init__(
        self,
        *args,
        people: QuerySet[Person] | None = None,
        can_view_identity: bool = True,
        case: Case | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.enable_names_check(case)
        if (
            self.instance.pk
            and self.instance.role in PROTECTED_PARTY_ROLES
            and not can_view_identity
        ):
            # The role decides masking: whoever may not read the name may not change it
            # (services.party_update refuses it too; a disabled field ignores a forged value).
            self.fields["role"].disabled = True
            self.fields["role"].help_text = _(
                "Only a team member who may see identities can change the role of a client, "
                "victim, author or relative: the role decides whose name is hidden."
            )
        self.fields["person"].queryset = (
            people if people is not None else Person.objects.none()
        ).order_by("full_name")
        self.fields["person"].required = False
        self.fields["person"].empty_label = _("— a new person (fill in below) —")

    def _post_clean(self):
        # The person may be created in the same step; services.party_add validates the party.
        pass


class ViolationForm(NamesCheckMixin, forms.ModelForm):
    reason = ReasonField()
    name_check_fields = ("notes", "reason")

    class Meta:
        model = AllegedViolation
        fields = ["article", "paragraph", "read_with", "found_violated", "notes", "notes_en"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "notes_en": forms.Textarea(attrs={"rows": 3}),
            "found_violated": forms.Select(
                choices=[
                    ("", _("Not decided")),
                    ("true", _("Violation found")),
                    ("false", _("No violation found")),
                ]
            ),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.fields["found_violated"] = forms.NullBooleanField(
            label=self.fields["found_violated"].label,
            required=False,
            widget=self.Meta.widgets["found_violated"],
        )
        self.enable_names_check(case)


class ProceedingForm(NamesCheckMixin, forms.ModelForm):
    reason = ReasonField()
    name_check_fields = ("decision_summary", "reason")

    class Meta:
        model = Proceeding
        fields = [
            "level",
            "procedure_type",
            "body",
            "body_ru",
            "body_kk",
            "body_en",
            "court_case_number",
            "filed_on",
            "decided_on",
            "outcome",
            "decision_summary",
            "claims_raised",
            "covenant_invoked",
        ]
        widgets = {
            "filed_on": DateInput(),
            "decided_on": DateInput(),
            "decision_summary": forms.Textarea(attrs={"rows": 4}),
            "covenant_invoked": forms.Select(
                choices=[
                    ("", _("Not recorded")),
                    ("true", _("Yes: the Covenant was relied on")),
                    ("false", _("No")),
                ]
            ),
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # model clean() checks the order of instances against this case's other proceedings.
        self.instance.case = case
        self.enable_names_check(case)


class AuthorisationForm(NamesCheckMixin, forms.ModelForm):
    reason = ReasonField()
    name_check_fields = ("notes", "reason")

    class Meta:
        model = Authorisation
        fields = ["person", "kind", "signed_on", "valid_until", "withdrawn_on", "document", "notes"]
        widgets = {
            "signed_on": DateInput(),
            "valid_until": DateInput(),
            "withdrawn_on": DateInput(),
        }

    def __init__(self, *args, case: Case, person_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.fields["person"].queryset = Person.objects.filter(case_roles__case=case).distinct()
        self.fields["person"].label_from_instance = person_label
        self.fields["person"].help_text = _("The people listed as parties of this case.")
        self.fields["document"].queryset = case.documents.all()
        self.enable_names_check(case)


class WithdrawForm(NamesCheckMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput())
    reason = ReasonField()

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enable_names_check(case)


class ActivityForm(NamesCheckMixin, forms.ModelForm):
    reason = ReasonField()
    name_check_fields = ("text", "reason")

    class Meta:
        model = Activity
        fields = ["kind", "occurred_on", "text"]
        widgets = {"occurred_on": DateInput(), "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case
        self.enable_names_check(case)


class DocumentMetaForm(NamesCheckMixin, forms.ModelForm):
    """The editable description of a stored document (the bytes never change)."""

    reason = ReasonField()
    name_check_fields = ("title", "reason")

    class Meta:
        model = Document
        fields = [
            "title",
            "kind",
            "language",
            "confidentiality",
            "translation_of",
            "proceeding",
            "annex_order",
        ]

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.case = case
        docs = case.documents.all()
        if self.instance.pk:
            docs = docs.exclude(pk=self.instance.pk)
        self.fields["translation_of"].queryset = docs
        self.fields["proceeding"].queryset = case.proceedings.all()
        self.enable_names_check(case)


def within_upload_limit(upload):
    """A form's file field, refused with its size and the limit when it is too large."""
    if upload and upload.size > settings.REMEDY_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.REMEDY_MAX_UPLOAD_BYTES),
            }
        )
    return upload


class DocumentUploadForm(DocumentMetaForm):
    upload = forms.FileField(label=_("File"))

    class Meta(DocumentMetaForm.Meta):
        fields = [*DocumentMetaForm.Meta.fields, "previous_version"]

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["previous_version"].queryset = case.documents.filter(next_version__isnull=True)
        self.order_fields(["upload", "title", "kind", "language", "confidentiality"])
        self.fields["previous_version"].help_text = _(
            "Choose a document if this file is its new version."
        )
        self.fields["upload"].help_text = _(
            "PDF, PNG, JPEG, DOCX, ODT, XLSX or plain UTF-8 text; at most %(limit)s."
        ) % {"limit": filesizeformat(settings.REMEDY_MAX_UPLOAD_BYTES)}

    def clean_upload(self):
        return within_upload_limit(self.cleaned_data["upload"])

    def _post_clean(self):
        # The file is validated and stored by documents.document_upload, not by the model form.
        pass


class TeamGrantForm(NamesCheckMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())
    permissions = forms.MultipleChoiceField(
        label=_("Permissions"),
        choices=[(p, PERMISSION_LABELS[p]) for p in CASE_PERMISSIONS],
        widget=forms.CheckboxSelectMultiple,
        initial=[VIEW],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_(
            "Why this person needs access; recorded in the case history. Granting yourself "
            "more than viewing is a break-glass action: it is logged and the responsible "
            "lawyer and the administrators are told."
        ),
    )

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enable_names_check(case)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True)
            .exclude(groups__name=Role.ANALYST)
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.username})"


class TeamRevokeForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.all(), widget=forms.HiddenInput)
    permission = forms.ChoiceField(
        choices=[("all", _("All")), *[(p, PERMISSION_LABELS[p]) for p in CASE_PERMISSIONS]],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DeleteForm(NamesCheckMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, help_text=_("Recorded in the case history.")
    )

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enable_names_check(case)


__all__ = [
    "ActivityForm",
    "AuthorisationForm",
    "CaseFilterForm",
    "CaseForm",
    "DeleteForm",
    "DocumentMetaForm",
    "DocumentUploadForm",
    "PartyForm",
    "PartyRole",
    "PersonFieldsForm",
    "ProceedingForm",
    "TeamGrantForm",
    "TeamRevokeForm",
    "ViolationForm",
    "WithdrawForm",
]
