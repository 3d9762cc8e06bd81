"""The litigation flow's own list pages and a case's route actions.

Inbox, queue and archive (one view, three lists), the workload of supervisors, reassigning
tasks, and putting a case on the route or stopping it. These may import the flow; the task pages
themselves live in `workflows.task_views`, which the flow imports.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe
from viewflow.workflow.exceptions import FlowLockFailed, FlowRuntimeError
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casework import selectors as case_selectors
from casework.case_page import case_context
from casework.identity import masks_for
from casework.models import Role, User

from . import selectors, services, worklists
from .flows import CASE_FLOWS, LitigationFlow
from .forms import ReassignForm, StopForm, add_errors
from .interim_forms import OpenInterimRequestForm

BUSY = _lazy(
    "Someone else is saving a step of this case right now. Nothing was changed; please try again."
)


def _can_intake(user) -> bool:
    return user.has_perm("workflows.intake_case")


# The task lists: the user's inbox, the queue of tasks they may take, what they completed.
TASK_LISTS = {
    "inbox": worklists.inbox,
    "queue": worklists.queue,
    "archive": worklists.archive,
}
TASKS_PER_PAGE = 50


@login_required
@require_safe
def task_list(request: HttpRequest, tab: str) -> HttpResponse:
    # One page of the list: a count and the page's rows, whatever the number of tasks.
    page = Paginator(TASK_LISTS[tab](request.user), TASKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    tasks = list(page.object_list)
    # Outcomes may quote reasons and comments: names in them are masked per case for the reader.
    masks = masks_for(request.user, list({t.process.caseprocess.case for t in tasks}))
    return render(
        request,
        "workflows/task_list.html",
        {
            "tasks": tasks,
            "page": page,
            "masks": masks,
            "tab": tab,
            "can_intake": _can_intake(request.user),
        },
    )


def _require_manager(user) -> None:
    if not LitigationFlow.instance.has_manage_permission(user):
        raise Http404("No such page.")


@login_required
@require_safe
def workload(request: HttpRequest) -> HttpResponse:
    """Open tasks per lawyer and per branch: for supervisors, and for a branch head their branch
    (numbers on the cases they may see; reassigning stays with those who manage the flow)."""
    user = request.user
    can_manage = LitigationFlow.instance.has_manage_permission(user)
    if not can_manage and not (user.has_role(Role.BRANCH_HEAD) and user.branch_id):
        raise Http404("No such page.")
    return render(
        request,
        "workflows/workload.html",
        {
            "lawyers": worklists.workload_by_lawyer(user),
            "branches": worklists.workload_by_branch(user),
            "can_manage": can_manage,
            "tab": "workload",
        },
    )


def _staff_member(pk: int, *, viewer: User) -> User:
    """An active colleague; an inactive viewer (a duress session) finds none."""
    if not viewer.is_active:
        raise Http404("No such page.")
    return get_object_or_404(User.objects.select_related("branch"), pk=pk, is_active=True)


@login_required
def lawyer_tasks(request: HttpRequest, user_pk: int) -> HttpResponse:
    """One lawyer's open tasks (on cases the supervisor may see), with bulk actions."""
    _require_manager(request.user)
    lawyer = _staff_member(user_pk, viewer=request.user)
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
    # Only tasks on cases the supervisor may see: not even how many others there are.
    tasks = worklists.visible_tasks(services.tasks_of(lawyer), request.user).order_by("created")
    return render(
        request,
        "workflows/lawyer_tasks.html",
        {"lawyer": lawyer, "tasks": tasks, "form": form, "tab": "workload"},
    )


def _task_for_manager(request, task_pk: int) -> Task:
    task = Task.objects.select_related("process", "owner").filter(pk=task_pk).first()
    if task is None or task.process.flow_class not in CASE_FLOWS:
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
            add_errors(form, error)
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
    if process is None or not selectors.can_stop(request.user, case):
        raise Http404("No such page.")
    if process.status != PROCESS.NEW:
        messages.info(
            request, _("The litigation of this case has already ended: there is nothing to stop.")
        )
        return redirect(case.get_absolute_url())
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
            add_errors(form, error)
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


@login_required
def interim_open(request: HttpRequest, reference: str) -> HttpResponse:
    """A supervisor opens an urgent interim-measures request (rule 94) on the case."""
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.MANAGE_TEAM)
    if not request.user.has_perm(services.SUPERVISE_PERMISSION):
        raise Http404("No such page.")
    refusal = services.interim_measures_refusal(case)
    form = OpenInterimRequestForm(request.POST or None, case=case)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            services.interim_measures_open(case=case, by=request.user, data=request.POST)
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
        except (FlowLockFailed, FlowRuntimeError):
            messages.error(request, BUSY)
        else:
            messages.success(
                request,
                _("Interim-measures request opened: send it within the hours shown below."),
            )
            return redirect("cases:communication", reference=case.reference)
    context = case_context(request, case, "communication")
    context.update(form=form, refusal=refusal)
    status = 400 if request.method == "POST" else 200
    return render(request, "workflows/interim_open.html", context, status=status)
