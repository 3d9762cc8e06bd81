"""Task pages of the litigation flow: the views viewflow routes a task's URLs to.

The flow's nodes (`workflows.nodes`) import these, so they never import the flow: a task page
gets its node from `request.activation.flow_task` and records the step through the node. They
run inside viewflow's lock and activation and render with our Bootstrap templates. Building a
task page's context writes the access-log row of the case it shows.
"""

from __future__ import annotations

import shutil

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from viewflow.workflow.flow.views import AssignTaskView, DetailTaskView, UnassignTaskView

from casework import selectors as case_selectors
from casework.case_page import client_ip, log_case_read
from casework.identity import IdentityMask
from casework.models import AccessAction
from casework.services import log_access
from communications import preview
from communications.selectors import assess_case, draft_is_current
from deadlines import selectors as deadline_selectors

from . import selectors, steps
from .context import acting_as
from .forms import IntakeForm, add_errors


def _case_url(request) -> str:
    return request.activation.process.case.get_absolute_url()


class TaskContextMixin:
    """What every task page shows of its case; building it logs the read (any HTTP method)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activation = self.request.activation
        case = activation.process.case
        log_case_read(self.request, case, str(activation.task.flow_task.task_title))
        reveal = case_selectors.VIEW_IDENTITY in case_selectors.case_permissions(
            self.request.user, case
        )
        context.update(
            mask=IdentityMask.for_case(case, reveal=reveal),
            activation=activation,
            task=activation.task,
            process=activation.process,
            case=case,
            node=activation.flow_task,
            flow_summary=selectors.case_flow_summary(case, self.request.user),
        )
        return context


class TaskFormView(TaskContextMixin, generic.FormView):
    """Execute a CaseTask: its form, its flow handler, then viewflow completes the task."""

    template_name = "workflows/task_form.html"

    def get_form(self, form_class=None):
        data = self.request.POST.copy() if self.request.method == "POST" else None
        if data is not None and "_action" in data:
            data["action"] = data["_action"]
        activation = self.request.activation
        files = self.request.FILES if self.request.method == "POST" else None
        return activation.flow_task.bind_form(activation, self.request.user, data, files)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(step_context(self.request, context, context["form"]))
        return context

    def form_valid(self, form):
        activation = self.request.activation
        try:
            completed = activation.flow_task.run(activation, form, self.request.user)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        if not completed:
            messages.success(self.request, _("Saved. The task stays open."))
            return HttpResponseRedirect(self.request.path)
        messages.success(
            self.request,
            _("“%(task)s” is done.") % {"task": activation.flow_task.task_title},
        )
        return HttpResponseRedirect(self._next_url())

    def _next_url(self) -> str:
        activation = self.request.activation
        if "_continue" in self.request.POST:
            for row in selectors.case_flow_summary(
                activation.process.case, self.request.user
            ).open_tasks:
                if row.url:
                    return row.url
        return _case_url(self.request)


def step_context(request, context: dict, form) -> dict:
    """What the person doing this step needs beside its form (`_step_context.html`)."""
    activation = request.activation
    case = context["case"]
    extra: dict = {"warnings": admissibility_warnings(activation)}
    name = activation.flow_task.name
    if name == "screen":
        extra["hidden_conflicts"] = selectors.hidden_conflicts(activation.process)
        extra.update(screening_context(request, case, context["mask"]))
    if name == "file_proceeding":
        extra["filing_deadlines"] = deadline_selectors.filing_deadlines(case)
    if name == "approve_submission":
        extra.update(approval_context(case, form, request.user))
    return extra


def screening_context(request, case, mask) -> dict:
    """What a supervisor decides on: facts, parties (masked as the case page masks them),
    alleged violations, consent, the intake conflict check and, when a communication is
    recorded, the admissibility self-check."""
    if mask.reveal:
        # Names shown unmasked: the read that can endanger someone, logged as its own row.
        log_access(
            user=request.user,
            case=case,
            action=AccessAction.VIEW_IDENTITY,
            obj=_("Screen the case"),
            ip=client_ip(request),
        )
    intake = selectors.intake_outcome(case)
    return {
        "screen_parties": list(case.parties.select_related("person")),
        "screen_violations": list(case.violations.select_related("article")),
        "screen_authorisations": list(case.authorisations.select_related("person")),
        "screen_conflicts": intake,
        "assessment": assess_case(case),
    }


def approval_context(case, form, user) -> dict:
    """What the supervisor approves: the exact draft, its first pages, the self-check.

    The draft carries names: its pages and download are for those who may see identities.
    """
    draft = getattr(form, "draft", None)
    can_read = case_selectors.can_view_identity(user, case)
    pages = []
    if draft is not None and can_read and shutil.which("pdftoppm"):
        pages = [
            reverse(
                "cases:filing_preview",
                kwargs={"reference": case.reference, "pk": draft.pk, "page": page},
            )
            for page in range(1, preview.PREVIEW_PAGES + 1)
        ]
    return {
        "draft": draft,
        "draft_current": draft is not None and draft_is_current(case, draft),
        "draft_pages": pages,
        "draft_readable": can_read,
        "assessment": assess_case(case),
    }


def admissibility_warnings(activation) -> list[str]:
    """Warnings of the admissibility self-check, shown while arguing, drafting and approving."""
    if activation.flow_task.name not in (
        "argue_exhaustion",
        "confirm_exhaustion",
        "draft_communication",
        "approve_submission",
    ):
        return []
    try:
        assessment = assess_case(activation.process.case)
    except Exception:  # noqa: BLE001 - a broken self-check must not block the task page
        return [_("The admissibility self-check could not run on this case.")]
    if assessment is None:
        return [
            _(
                "No communication draft on the case yet: fill it in on the case page to see the "
                "admissibility self-check here."
            )
        ]
    warnings = []
    for check in assessment.checks:
        if check.status in ("warn", "fail"):
            label = _("Fails") if check.status == "fail" else _("At risk")
            warnings.append(f"{label} — {check.reason} ({check.source})")
    return warnings


class TaskDetailView(TaskContextMixin, DetailTaskView):
    template_name = "workflows/task_detail.html"


class TaskAssignView(TaskContextMixin, AssignTaskView):
    """Take a task — or take it and complete it at once: the page shows the task's own form, so
    a supervisor who opens a screening or an assignment from the queue decides in one step."""

    template_name = "workflows/task_assign.html"

    def _task_form(self, data=None):
        activation = self.request.activation
        files = self.request.FILES if data is not None else None
        return activation.flow_task.bind_form(activation, self.request.user, data, files)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task_form = kwargs.get("task_form") or self._task_form()
        context["task_form"] = task_form
        context.update(step_context(self.request, context, task_form))
        return context

    def post(self, request, *args, **kwargs):
        wants_completion = (
            "_take_and_complete" in request.POST or request.POST.get("_action") == "complete"
        )
        if not wants_completion or "_take_only" in request.POST:
            return super().post(request, *args, **kwargs)
        data = request.POST.copy()
        if "_action" in data:
            data["action"] = data["_action"]
        task_form = self._task_form(data)
        if not task_form.is_valid():
            return self.render_to_response(self.get_context_data(task_form=task_form), status=400)
        activation = request.activation
        node = activation.flow_task
        try:
            # One savepoint: a rule of the case file that refuses the step leaves the task untaken.
            with transaction.atomic():
                with acting_as(request.user, reason=_("Task taken")):
                    activation.assign(request.user)
                completed = node.complete(
                    activation.task, by=request.user, data=data, files=request.FILES
                )
        except ValidationError as error:
            activation.task.refresh_from_db()
            add_errors(task_form, error)
            return self.render_to_response(self.get_context_data(task_form=task_form), status=400)
        if not completed:
            messages.success(request, _("The task is yours. Saved; the task stays open."))
            return HttpResponseRedirect(
                node.reverse("execute", args=[activation.process.pk, activation.task.pk])
            )
        messages.success(request, _("“%(task)s” is done.") % {"task": node.task_title})
        return HttpResponseRedirect(_case_url(request))

    def form_valid(self, *args, **kwargs):
        with acting_as(self.request.user, reason=_("Task taken")):
            self.request.activation.assign(self.request.user)
        messages.success(self.request, _("The task is yours."))
        activation = self.request.activation
        return HttpResponseRedirect(
            activation.flow_task.reverse(
                "execute", args=[activation.process.pk, activation.task.pk]
            )
        )


class TaskUnassignView(TaskContextMixin, UnassignTaskView):
    template_name = "workflows/task_unassign.html"

    def form_valid(self, *args, **kwargs):
        with acting_as(self.request.user, reason=_("Task returned to the queue")):
            self.request.activation.unassign()
        messages.success(self.request, _("The task is back in the queue."))
        return HttpResponseRedirect(_case_url(self.request))


class IntakeView(generic.FormView):
    """Start of the flow: open the case with its client, victim, articles and consent."""

    template_name = "workflows/intake.html"
    form_class = IntakeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user = self.request.user
        data = form.cleaned_data
        activation = self.request.activation
        try:
            with acting_as(user, reason=_("Intake")), transaction.atomic():
                case = steps.intake_case(data, by=user)
                activation.process.case = case
                activation.task.data = steps.intake_task_data(form.conflicts)
                activation.execute()
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Case %(ref)s opened and sent for screening.") % {"ref": case.reference},
        )
        return HttpResponseRedirect(case.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, conflicts=form.conflicts))
