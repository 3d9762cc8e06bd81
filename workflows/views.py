"""Pages of the litigation flow: the task pages viewflow routes to, and our own lists.

Task pages are viewflow views (they run inside viewflow's lock and `request.activation`) rendered
with our Bootstrap templates; inbox, queue, archive and workload are plain views over
`workflows.selectors`, which filter every task by the cases the user may see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import generic
from django.views.decorators.http import require_POST
from viewflow.workflow.exceptions import FlowLockFailed, FlowRuntimeError
from viewflow.workflow.flow.views import AssignTaskView, DetailTaskView, UnassignTaskView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from casework import selectors as case_selectors
from casework import services as case_services
from casework.models import AccessAction, User

from . import selectors, services
from .context import acting_as
from .forms import IntakeForm, ReassignForm, StopForm

BUSY = _lazy(
    "Someone else is saving a step of this case right now. Nothing was changed; please try again."
)


def _case_url(request) -> str:
    return request.activation.process.case.get_absolute_url()


def _form_errors_from(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for item in errors:
                form.add_error(name if name in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


class TaskContextMixin:
    def get(self, request, *args, **kwargs):
        # Opening a task of a restricted or secret case is a read of that case: log it.
        case_services.log_access(
            user=request.user,
            case=request.activation.process.case,
            action=AccessAction.VIEW_CASE,
            obj=request.activation.task.flow_task.task_title,
            ip=request.META.get("REMOTE_ADDR"),
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activation = self.request.activation
        case = activation.process.case
        context.update(
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
        return services.form_for(self.request.activation, self.request.user, data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["warnings"] = admissibility_warnings(self.request.activation)
        if self.request.activation.flow_task.name == "screen":
            context["hidden_conflicts"] = selectors.hidden_conflicts(
                self.request.activation.process
            )
        return context

    def form_valid(self, form):
        activation = self.request.activation
        try:
            completed = services.run_step(activation, form, self.request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
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


def admissibility_warnings(activation) -> list[str]:
    """Warnings of #4's admissibility self-check, shown while drafting and approving."""
    if activation.flow_task.name not in (
        "argue_exhaustion",
        "confirm_exhaustion",
        "draft_communication",
        "approve_submission",
    ):
        return []
    try:
        from communications.selectors import assess_case
    except ImportError:
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
    template_name = "workflows/task_assign.html"

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
                case = services.intake_case(data, by=user)
                report = form.conflicts
                activation.process.case = case
                activation.task.data = services.intake_task_data(report)
                activation.execute()
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Case %(ref)s opened and sent for screening.") % {"ref": case.reference},
        )
        return HttpResponseRedirect(case.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, conflicts=form.conflicts))


# --- Lists ------------------------------------------------------------------------------------


def _can_intake(user) -> bool:
    return user.has_perm("workflows.intake_case")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    tasks = selectors.inbox(request.user)
    return render(
        request,
        "workflows/task_list.html",
        {"tasks": tasks, "tab": "inbox", "can_intake": _can_intake(request.user)},
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    tasks = selectors.queue(request.user)
    return render(
        request,
        "workflows/task_list.html",
        {"tasks": tasks, "tab": "queue", "can_intake": _can_intake(request.user)},
    )


@login_required
def archive(request: HttpRequest) -> HttpResponse:
    tasks = selectors.archive(request.user)[:200]
    return render(
        request,
        "workflows/task_list.html",
        {"tasks": tasks, "tab": "archive", "can_intake": _can_intake(request.user)},
    )


def _require_manager(user) -> None:
    from .flows import LitigationFlow

    if not LitigationFlow.instance.has_manage_permission(user):
        raise Http404("No such page.")


@login_required
def workload(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    return render(
        request,
        "workflows/workload.html",
        {
            "lawyers": selectors.workload_by_lawyer(),
            "branches": selectors.workload_by_branch(),
            "tab": "workload",
        },
    )


def _staff_member(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("branch"), pk=pk, is_active=True)


@login_required
def lawyer_tasks(request: HttpRequest, user_pk: int) -> HttpResponse:
    """One lawyer's open tasks (on cases the supervisor may see), with bulk actions."""
    _require_manager(request.user)
    lawyer = _staff_member(user_pk)
    form = ReassignForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "unassign":
            result = services.unassign_all(lawyer=lawyer, by=request.user)
        elif action == "reassign" and form.is_valid():
            result = services.reassign_all(
                lawyer=lawyer,
                to=form.cleaned_data["user"],
                by=request.user,
                grant_access=form.cleaned_data["grant_access"],
            )
        else:
            result = None
        if result is not None:
            messages.success(request, _("%(n)s task(s) changed.") % {"n": result.changed})
            if result.skipped:
                messages.warning(
                    request,
                    _(
                        "%(n)s task(s) were left unchanged: the new holder's role or case "
                        "access does not allow them, or you do not supervise those cases."
                    )
                    % {"n": result.skipped},
                )
            return redirect("workflows:lawyer_tasks", user_pk=lawyer.pk)
    tasks = selectors._visible(services.tasks_of(lawyer), request.user).order_by("created")
    hidden = services.tasks_of(lawyer).count() - tasks.count()
    return render(
        request,
        "workflows/lawyer_tasks.html",
        {"lawyer": lawyer, "tasks": tasks, "hidden": hidden, "form": form, "tab": "workload"},
    )


def _task_for_manager(request, task_pk: int) -> Task:
    task = Task.objects.select_related("process", "owner").filter(pk=task_pk).first()
    if task is None or task.process.flow_class is None:
        raise Http404("No such task.")
    from .flows import LitigationFlow

    if task.process.flow_class != LitigationFlow:
        raise Http404("No such task.")
    case = task.process.coerced.case
    if not case_selectors.can_view_case(request.user, case):
        raise Http404("No such task.")
    return task


@login_required
def task_reassign(request: HttpRequest, task_pk: int) -> HttpResponse:
    """A supervisor gives one task to someone (or back to the queue)."""
    _require_manager(request.user)
    task = _task_for_manager(request, task_pk)
    case = task.process.coerced.case
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        messages.error(request, _("This task is no longer open."))
        return redirect(case.get_absolute_url())
    form = ReassignForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "unassign":
                services.task_unassign(task=task, by=request.user)
                messages.success(request, _("The task is back in the queue."))
                return redirect(case.get_absolute_url())
            if form.is_valid():
                services.task_assign(
                    task=task,
                    to=form.cleaned_data["user"],
                    by=request.user,
                    grant_access=form.cleaned_data["grant_access"],
                )
                messages.success(
                    request,
                    _("Assigned to %(user)s.") % {"user": form.cleaned_data["user"]},
                )
                return redirect(case.get_absolute_url())
        except ValidationError as error:
            _form_errors_from(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not assign this task."))
        except FlowLockFailed:
            messages.error(request, BUSY)
    return render(
        request,
        "workflows/task_reassign.html",
        {"task": task, "case": case, "form": form, "tab": "workload"},
    )


@login_required
@require_POST
def case_start(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference)
    try:
        services.start_flow_for_case(case=case, by=request.user)
        messages.success(request, _("The case is on the litigation route: screening is next."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(case.get_absolute_url())


@login_required
def case_stop(request: HttpRequest, reference: str) -> HttpResponse:
    """Client withdrew, case transferred or settled: stop every open task at once."""
    case = case_selectors.get_case_for(request.user, reference)
    process = selectors.process_for(case)
    if process is None or not services.can_stop(request.user, case):
        raise Http404("No such page.")
    form = StopForm(request.POST or None, case=case, process=process, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.process_stop(
                process=process,
                exit=form.cleaned_data["exit"],
                by=request.user,
                effective_on=form.cleaned_data["effective_on"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
        except (FlowLockFailed, FlowRuntimeError):
            messages.error(request, BUSY)
        else:
            messages.success(request, _("The case is closed; all its open tasks were cancelled."))
            return redirect(case.get_absolute_url())
    return render(
        request, "workflows/case_stop.html", {"case": case, "process": process, "form": form}
    )


__all__ = [
    "IntakeView",
    "TaskAssignView",
    "TaskDetailView",
    "TaskFormView",
    "TaskUnassignView",
]
