"""Forms of the litigation flow's tasks. They validate input; flow handlers record it."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework.documents import documents_visible_to
from casework.fields import LONG_TEXT
from casework.forms import NamesCheckMixin, within_upload_limit
from casework.models import (
    ActivityKind,
    Branch,
    Case,
    Confidentiality,
    CovenantArticle,
    Document,
    Instance,
    Language,
    Outcome,
    ProcedureType,
    Proceeding,
    Role,
    Stage,
    Theme,
)
from communications import selectors as communication_selectors
from communications.models import (
    CommitteeOutcome,
    Filing,
    StateParty,
    SubmissionChannel,
)
from communications.texts import PACKAGE_LANGUAGES
from monitoring.forms import FollowUpRoundFields
from monitoring.models import DialogueStatus

from .models import AidOutcome, ExhaustionBasis, NextStep, ReviewDecision, ScreeningDecision
from .selectors import conflict_check

User = get_user_model()


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                form.add_error(name if name in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ChoicesByIdField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that treats an id beyond the database's integer range as
    an invalid choice. Django guards `exact` lookups against overflow but not `in`, so a hostile
    id crashed the query (a 500) instead of showing "Select a valid choice"."""

    def _check_values(self, value):
        field = self.queryset.model._meta.get_field(self.to_field_name or "id")
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        for item in value or ():
            try:
                number = int(str(item))
            except ValueError:
                continue  # Django's own check reports it as an invalid value
            if (low is not None and number < low) or (high is not None and number > high):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date cannot be in the future."))
    return value


def lawyers_qs():
    return (
        User.objects.filter(is_active=True, groups__name__in=[Role.LAWYER, Role.SUPERVISOR])
        .select_related("branch")
        .distinct()
        .order_by("branch__name", "last_name", "first_name", "username")
    )


def limit_free_text(form: forms.Form) -> None:
    """Give every text field without a maximum the case file's ceiling (casework.fields)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = LONG_TEXT
            field.validators.append(MaxLengthValidator(LONG_TEXT))
            field.widget.attrs.setdefault("maxlength", str(LONG_TEXT))


class TaskForm(NamesCheckMixin, forms.Form):
    """Every task form knows its case, process and the user filling it in.

    Its free text (reasons, comments, arguments, notes) is shown to colleagues who may not see
    identities, on the task pages and in the route's history: a protected person's name typed
    there is warned about before it is saved (`name_check_fields`), and masked when read.
    """

    name_check_fields: tuple[str, ...] = ()

    def __init__(self, *args, case: Case, process=None, user=None, task=None, **kwargs):
        self.case, self.process, self.user, self.task = case, process, user, task
        super().__init__(*args, **kwargs)
        limit_free_text(self)
        if self.name_check_fields:
            self.enable_names_check(case)

    def clean_date_fields(self, *names):
        for name in names:
            _not_future(self.cleaned_data.get(name))


# --- 1. Intake --------------------------------------------------------------------------------


class IntakeForm(forms.Form):
    title = forms.CharField(label=_("Short title"), max_length=300)
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.all())
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all())
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"), choices=Confidentiality.choices, initial="normal"
    )
    summary = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 5}))
    client_name = forms.CharField(label=_("Client's full name"), max_length=200)
    client_birth_date = forms.DateField(
        label=_("Client's date of birth"), required=False, widget=DateInput()
    )
    client_phone = forms.CharField(label=_("Client's phone"), max_length=50, required=False)
    victim_is_client = forms.BooleanField(
        label=_("The client is the victim"), required=False, initial=True
    )
    victim_name = forms.CharField(
        label=_("Victim's full name"),
        max_length=200,
        required=False,
        help_text=_("Only when the victim is not the client (e.g. a detained relative)."),
    )
    articles = ChoicesByIdField(
        label=_("Alleged violations (ICCPR articles)"),
        queryset=CovenantArticle.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    consent_signed_on = forms.DateField(
        label=_("Consent to process personal data signed on"), widget=DateInput()
    )
    power_of_attorney_signed_on = forms.DateField(
        label=_("Power of attorney signed on"), required=False, widget=DateInput()
    )
    conflict_checked = forms.BooleanField(
        label=_("I have reviewed the possible conflicts listed above"),
        required=False,
        help_text=_("Needed only when the conflict check finds people with these names."),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        limit_free_text(self)
        if user is not None and user.branch_id:
            self.fields["branch"].initial = user.branch_id
        self.conflicts = None

    def clean(self):
        data = super().clean()
        for name in ("client_birth_date", "consent_signed_on", "power_of_attorney_signed_on"):
            if data.get(name) and data[name] > timezone.localdate():
                self.add_error(name, _("This date cannot be in the future."))
        if not data.get("victim_is_client") and not data.get("victim_name"):
            self.add_error("victim_name", _("Name the victim, or tick “the client is the victim”."))
        names = [data.get("client_name", "")]
        if not data.get("victim_is_client"):
            names.append(data.get("victim_name", ""))
        self.conflicts = conflict_check(self.user, [n for n in names if n])
        if self.conflicts.needs_confirmation and not data.get("conflict_checked"):
            self.add_error(
                "conflict_checked",
                _("Possible conflict: review the matches below and confirm before opening."),
            )
        return data


# --- 2-4. Screening, assignment, primary legal aid --------------------------------------------


class ScreenForm(TaskForm):
    name_check_fields = ("reason",)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ScreeningDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining or referring; the client will be told."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in (ScreeningDecision.DECLINE, ScreeningDecision.REFER)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Give the reasons for declining or referring the case."))
        return data


class AssignForm(TaskForm):
    lawyer = forms.ModelChoiceField(label=_("Responsible lawyer"), queryset=User.objects.none())
    team = ChoicesByIdField(
        label=_("Team (optional)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each candidate with their workload: open tasks and open cases they are responsible for.
        self.fields["lawyer"].queryset = lawyers_qs().annotate(
            open_tasks=Coalesce(
                Subquery(
                    Task.objects.filter(
                        owner=OuterRef("pk"), status__in=[STATUS.NEW, STATUS.ASSIGNED]
                    )
                    .values("owner")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
            open_cases=Coalesce(
                Subquery(
                    Case.objects.filter(responsible_lawyer=OuterRef("pk"))
                    .exclude(stage=Stage.CLOSED)
                    .values("responsible_lawyer")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
        )
        self.fields["team"].queryset = lawyers_qs()
        self.fields["lawyer"].label_from_instance = _candidate_label
        self.fields["team"].label_from_instance = _staff_label
        if self.case.responsible_lawyer_id:
            self.fields["lawyer"].initial = self.case.responsible_lawyer_id


def _staff_label(user) -> str:
    return f"{user.get_full_name() or user.username} — {user.branch or '—'}"


def _candidate_label(user) -> str:
    return _("%(person)s — open tasks: %(tasks)s, open cases: %(cases)s") % {
        "person": _staff_label(user),
        "tasks": user.open_tasks,
        "cases": user.open_cases,
    }


class PrimaryAidForm(TaskForm):
    name_check_fields = ("activity_text",)
    """Record a consultation or complaint (the task stays open), or finish primary legal aid."""

    RECORD, COMPLETE = "record", "complete"

    activity_kind = forms.ChoiceField(
        label=_("Activity"),
        choices=[("", "—")]
        + [
            (k, v)
            for k, v in ActivityKind.choices
            if k in ("consultation", "complaint", "call", "meeting", "visit")
        ],
        required=False,
    )
    activity_on = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    activity_text = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome of primary legal aid"),
        choices=[("", "—"), *AidOutcome.choices],
        required=False,
    )
    action = forms.ChoiceField(
        choices=[(RECORD, RECORD), (COMPLETE, COMPLETE)], widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        self.clean_date_fields("activity_on")
        if data.get("action") == self.RECORD:
            if not data.get("activity_kind"):
                self.add_error("activity_kind", _("Choose what kind of activity this was."))
            if not (data.get("activity_text") or "").strip():
                self.add_error("activity_text", _("Describe what was done."))
        elif data.get("action") == self.COMPLETE:
            outcome = data.get("outcome")
            if not outcome:
                self.add_error("outcome", _("Choose how primary legal aid ended."))
            elif outcome == AidOutcome.LITIGATE and not self.case.is_strategic:
                self.add_error(
                    "outcome",
                    _("The case was accepted for primary legal aid only; it cannot go to court."),
                )
        return data


# --- 5. Domestic proceedings ------------------------------------------------------------------


def _proceeding_field(name: str) -> forms.Field:
    """A field of the proceeding as the case page's proceeding form offers it (same labels)."""
    return Proceeding._meta.get_field(name).formfield()


class FileProceedingForm(TaskForm):
    level = forms.ChoiceField(label=_("Instance"), choices=Instance.choices)
    procedure_type = forms.ChoiceField(label=_("Procedure"), choices=ProcedureType.choices)
    body = forms.CharField(label=_("Court or body"), max_length=200)
    # The court's name in the filings' languages, and what section III of the package states:
    # the claims argued before this instance and whether the Covenant was relied on.
    body_ru = _proceeding_field("body_ru")
    body_kk = _proceeding_field("body_kk")
    body_en = _proceeding_field("body_en")
    court_case_number = forms.CharField(label=_("Court case number"), max_length=80, required=False)
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput())
    claims_raised = _proceeding_field("claims_raised")
    covenant_invoked = _proceeding_field("covenant_invoked")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.process is not None and self.process.next_instance:
            self.fields["level"].initial = self.process.next_instance
        previous = self.case.proceedings.order_by("-filed_on", "-id").first()
        if previous is not None:
            self.fields["procedure_type"].initial = previous.procedure_type


class RecordDecisionForm(TaskForm):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in Outcome.choices if c[0] != Outcome.PENDING]
    )
    decision_summary = forms.CharField(
        label=_("Summary of the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Section III of the package: what was argued before this instance, and whether the
    # Covenant was relied on — often known only once the decision is read.
    claims_raised = _proceeding_field("claims_raised")
    covenant_invoked = _proceeding_field("covenant_invoked")
    # The decision itself: the package's annexes and the next instance need the document.
    decision_document = forms.FileField(
        label=_("Decision document"),
        required=False,
        help_text=_(
            "The decision as received (PDF, scan or text); it is added to the case's documents, "
            "linked to this proceeding."
        ),
    )
    decision_existing = forms.ModelChoiceField(
        label=_("…or the decision already among the case's documents"),
        queryset=Document.objects.none(),
        required=False,
    )
    # Courts often announce the operative part and hand out the reasoned text days later; the
    # decision is recorded at once all the same, so that its appeal period starts to run.
    decision_pending = forms.BooleanField(
        label=_("The written decision has not arrived yet"),
        required=False,
        help_text=_(
            "Only the operative part is known. The decision is recorded now so that its "
            "deadlines run; add the document to this proceeding on the Documents tab when it "
            "arrives."
        ),
    )
    decision_language = forms.ChoiceField(
        label=_("Language of the decision"),
        choices=Language.choices,
        initial=Language.RUSSIAN,
        required=False,  # only read with a document
    )
    decision_confidentiality = Document._meta.get_field("confidentiality").formfield()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        proceeding = getattr(self.process, "current_proceeding", None)
        if proceeding is not None:
            self.fields["claims_raised"].initial = proceeding.claims_raised
            self.fields["covenant_invoked"].initial = proceeding.covenant_invoked
        self.fields["decision_confidentiality"].label = _("Confidentiality of the document")
        self.fields["decision_confidentiality"].required = False
        self.fields["decision_confidentiality"].initial = self.case.confidentiality
        if self.user is not None:
            # Not another instance's decision: choosing it would move it off its proceeding.
            free = Q(proceeding__isnull=True)
            if proceeding is not None:
                free |= Q(proceeding=proceeding)
            self.fields["decision_existing"].queryset = (
                documents_visible_to(self.user, self.case).filter(free).order_by("-uploaded_at")
            )

    def clean_decision_document(self):
        return within_upload_limit(self.cleaned_data.get("decision_document"))

    def clean(self):
        data = super().clean()
        # The step holds its work: the decision's text, or the lawyer's word that it is awaited.
        given = [
            name
            for name in ("decision_document", "decision_existing", "decision_pending")
            if data.get(name)
        ]
        if not given and "decision_document" not in self.errors:
            self.add_error(
                "decision_document",
                _(
                    "Attach the decision, choose it among the case's documents, or tick that "
                    "the written decision has not arrived yet."
                ),
            )
        elif len(given) > 1:
            self.add_error(
                given[1],
                _(
                    "Give the decision one way only: a new file, a document of the case, or "
                    "neither with the box ticked."
                ),
            )
        # A submission without these fields (an older page, a programmatic completion) keeps
        # what the filing step recorded instead of erasing it.
        for name in ("claims_raised", "covenant_invoked"):
            if self.is_bound and name not in self.data:
                data[name] = self.fields[name].initial
        return data


class DecideNextForm(TaskForm):
    next_step = forms.ChoiceField(
        label=_("What next?"), choices=NextStep.choices, widget=forms.RadioSelect
    )
    next_instance = forms.ChoiceField(
        label=_("Next instance"), choices=[("", "—"), *Instance.choices], required=False
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = self.case.proceedings.order_by("-filed_on", "-id").first()
        if latest is not None:
            suggestion = {
                Instance.FIRST_INSTANCE: Instance.APPEAL,
                Instance.APPEAL: Instance.CASSATION,
                Instance.ADMINISTRATIVE_COMPLAINT: Instance.FIRST_INSTANCE,
            }.get(latest.level)
            if suggestion:
                self.fields["next_instance"].initial = suggestion

    def clean(self):
        data = super().clean()
        if data.get("next_step") == NextStep.NEXT_INSTANCE and not data.get("next_instance"):
            self.add_error("next_instance", _("Choose the instance to file at."))
        return data


# --- 6. Exhaustion ----------------------------------------------------------------------------


class ArgueExhaustionForm(TaskForm):
    name_check_fields = ("argument",)
    basis = forms.ChoiceField(
        label=_("Domestic remedies are"), choices=ExhaustionBasis.choices, widget=forms.RadioSelect
    )
    argument = forms.CharField(
        label=_("Argument (OP art. 2 and 5(2)(b))"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.process is not None:
            self.fields["basis"].initial = self.process.exhaustion_basis or None
            self.fields["argument"].initial = self.process.exhaustion_argument


class ConfirmExhaustionForm(TaskForm):
    name_check_fields = ("comments",)
    confirmed = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("yes", _("Confirm: domestic remedies are exhausted")),
            ("no", _("Not yet: return to domestic proceedings")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("confirmed") is False and not (data.get("comments") or "").strip():
            self.add_error("comments", _("Tell the lawyer what is missing."))
        return data


# --- 7. Drafting, approval, submission --------------------------------------------------------


class DraftForm(TaskForm):
    name_check_fields = ("notes",)
    notes = forms.CharField(
        label=_("Notes for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lang = forms.ChoiceField(
        label=_("Language of the draft package"),
        choices=[(code, code.upper()) for code in PACKAGE_LANGUAGES],
        initial="ru",
        required=False,  # Russian, the organisation's drafting language, when not chosen
        help_text=_(
            "Completing this task builds the draft package the supervisor will approve; it is "
            "refused, with the list of what is missing, while the package cannot be built."
        ),
    )
    ready = forms.BooleanField(label=_("The draft is ready for the supervisor's review"))


class ApproveSubmissionForm(TaskForm):
    name_check_fields = ("comments",)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # The draft shown on the page: approving approves exactly this one.
    filing = forms.ModelChoiceField(
        queryset=Filing.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filing"].queryset = Filing.objects.filter(case=self.case, is_final=False)
        self.draft = communication_selectors.latest_draft_package(self.case)
        if self.draft is not None:
            self.fields["filing"].initial = self.draft.pk

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") == ReviewDecision.RETURN
            and not (data.get("comments") or "").strip()
        ):
            self.add_error("comments", _("Say what must change before you can approve."))
        return data


class SubmitForm(TaskForm):
    state = forms.ModelChoiceField(label=_("State party"), queryset=StateParty.objects.all())
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Channel"), choices=SubmissionChannel.choices)
    proof = forms.ModelChoiceField(
        label=_("Proof of submission"),
        queryset=Document.objects.none(),
        help_text=_("Upload the e-mail, postal or courier receipt to the case first."),
    )
    filing = forms.ModelChoiceField(
        label=_("Final package sent"),
        queryset=Filing.objects.none(),
        required=False,
        help_text=_(
            "Build the final package on the Communication page after the supervisor's approval."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The communication changed after the approval: completing the step sends a new draft
        # back to the supervisor (steps.submitted), so nothing about a submission is asked.
        self.changed_since_approval = communication_selectors.changed_since_approval(self.case)
        if self.changed_since_approval:
            for name in ("state", "submitted_on", "channel", "proof", "filing"):
                self.fields[name].required = False
        finals = communication_selectors.final_packages_after_approval(self.case)
        self.fields["filing"].queryset = finals
        self.fields["filing"].initial = finals.values_list("pk", flat=True).first()
        self.fields["proof"].queryset = Document.objects.filter(case=self.case).order_by(
            "-uploaded_at"
        )
        # The State the package names; Kazakhstan for a communication that names none yet.
        named = communication_selectors.communication_for(self.case)
        state = (named and named.state) or StateParty.objects.filter(code="KZ").first()
        if state is not None:
            self.fields["state"].initial = state.pk

    def clean(self):
        data = super().clean()
        self.clean_date_fields("submitted_on")
        return data


# --- 8. Committee stages ----------------------------------------------------------------------

COMMUNICATION_NUMBER = re.compile(r"^\d{1,5}/\d{4}$")


class RegisterForm(TaskForm):
    number = forms.CharField(
        label=_("Communication number"), max_length=20, help_text=_("e.g. 2827/2016")
    )
    registered_on = forms.DateField(label=_("Registered on"), widget=DateInput())
    transmitted_on = forms.DateField(
        label=_("Transmitted to the State on (rule 92)"), widget=DateInput()
    )

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not COMMUNICATION_NUMBER.match(number):
            raise ValidationError(_("Write the number as the Committee does: 2827/2016."))
        return number

    def clean(self):
        data = super().clean()
        self.clean_date_fields("registered_on", "transmitted_on")
        if (
            data.get("registered_on")
            and data.get("transmitted_on")
            and data["transmitted_on"] < data["registered_on"]
        ):
            self.add_error("transmitted_on", _("Transmittal cannot come before registration."))
        return data


class InterimMeasuresForm(TaskForm):
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput())
    granted = forms.BooleanField(label=_("The Committee granted interim measures"), required=False)
    granted_on = forms.DateField(label=_("Granted on"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        self.clean_date_fields("requested_on", "granted_on")
        if data.get("granted") and not data.get("granted_on"):
            self.add_error("granted_on", _("Give the date the measures were granted."))
        return data


class StateObservationsForm(TaskForm):
    received_on = forms.DateField(label=_("State observations received on"), widget=DateInput())


class AuthorCommentsForm(TaskForm):
    sent_on = forms.DateField(label=_("Author's comments sent on"), widget=DateInput())


class CommitteeDecisionForm(TaskForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (CommitteeOutcome.VIEWS, CommitteeOutcome.VIEWS.label),
            (CommitteeOutcome.INADMISSIBLE, CommitteeOutcome.INADMISSIBLE.label),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Adopted on"), widget=DateInput())
    document_symbol = forms.CharField(
        label=_("Document symbol"), max_length=60, help_text=_("CCPR/C/<session>/D/<n>/<y>")
    )
    violations_found = forms.MultipleChoiceField(
        label=_("Articles found violated"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    remedies_ordered = forms.CharField(
        label=_("Remedies ordered"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violations_found"].choices = [
            (str(v.pk), str(v)) for v in self.case.violations.select_related("article")
        ]

    def clean_document_symbol(self):
        symbol = self.cleaned_data["document_symbol"].strip()
        if not re.match(r"^CCPR/C/\d+/D/\d+/\d{4}$", symbol):
            raise ValidationError(_("Write the symbol as CCPR/C/<session>/D/<number>/<year>."))
        return symbol

    def clean(self):
        data = super().clean()
        self.clean_date_fields("decided_on")
        if data.get("outcome") == CommitteeOutcome.VIEWS:
            if not data.get("violations_found"):
                self.add_error(
                    "violations_found", _("Tick the articles the Committee found violated.")
                )
            if not (data.get("remedies_ordered") or "").strip():
                self.add_error("remedies_ordered", _("Summarise the remedies the State must give."))
        return data


class FollowUpForm(FollowUpRoundFields, TaskForm):
    """One round of follow-up of the Views: a grade per remedy (issue 16), then go on or close.

    The remedies are the case's own items (monitoring); the first round lists them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_round_fields(self.user)
        self.fields["concluded"] = forms.BooleanField(
            label=_("Follow-up is concluded: close the case"),
            required=False,
            help_text=_("Only once the Committee has closed the follow-up dialogue."),
        )
        self.name_check_fields = self.round_text_fields
        self.enable_names_check(self.case)

    def clean(self):
        data = super().clean()
        self.clean_round(data)
        closing = data.get("dialogue") in {
            DialogueStatus.CLOSED_SATISFACTORY,
            DialogueStatus.CLOSED_UNSATISFACTORY,
        }
        if data.get("concluded") and not closing and not self._dialogue_closed():
            self.add_error(
                "dialogue",
                _("Record how the Committee closed the dialogue before closing the case."),
            )
        if not self.errors:
            data["round"] = self.round_kwargs()
        return data

    def _dialogue_closed(self) -> bool:
        latest = self.case.follow_up_dialogue.first()
        return latest is not None and latest.status != DialogueStatus.ONGOING


# --- Supervisor tools and exits ---------------------------------------------------------------


class ReassignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())
    grant_access = forms.BooleanField(
        label=_("Give them access to the case if they do not have it yet"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = lawyers_qs()
        self.fields["user"].label_from_instance = _staff_label


class StopForm(TaskForm):
    name_check_fields = ("notes",)
    WITHDRAWN, TRANSFERRED, SETTLED = "withdrawn", "transferred", "settled"
    exit = forms.ChoiceField(
        label=_("Why does the case stop?"),
        choices=[
            (WITHDRAWN, _("The client withdrew consent")),
            (TRANSFERRED, _("Transferred to another organisation")),
            (SETTLED, _("Settled or remedied domestically")),
        ],
        widget=forms.RadioSelect,
    )
    effective_on = forms.DateField(
        label=_("Effective on"), widget=DateInput(), initial=timezone.localdate
    )
    notes = forms.CharField(
        label=_("Notes (recorded in the audit trail)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        self.clean_date_fields("effective_on")
        return data
