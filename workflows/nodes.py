"""Flow nodes bound to a case: a task needs its node's role permission AND access to its case.

viewflow decides who may execute, assign or unassign a task from the node's `.Permission(...)`
(a role permission: groups carry it). Remedy adds the other half: the guardian permission on
the task's case, read through `casework.selectors`, so a lawyer who loses access to a case loses
its tasks at once. Every task URL answers 404 when the user may not see the case (we never
confirm that a case exists), and turns viewflow's bare 403 into a message that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from viewflow.urls import Viewset
from viewflow.workflow import flow
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.flow import utils
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.status import STATUS

from casework import selectors
from casework import services as case_services
from casework.models import User

from .context import acting_as, current_actor
from .selectors import task_case
from .task_views import TaskAssignView, TaskDetailView, TaskFormView, TaskUnassignView


def user_may_act_on_case(user, case, case_permission: str | tuple[str, ...]) -> bool:
    """`user` holds the case permission a node needs (any one of them, for a tuple)."""
    wanted = (case_permission,) if isinstance(case_permission, str) else case_permission
    return bool(set(wanted) & selectors.case_permissions(user, case))


def _refusal_message(user, task) -> str:
    task.refresh_from_db()
    if task.status == STATUS.DONE:
        who = task.owner or _("someone else")
        when = date_format(localtime(task.finished), "DATETIME_FORMAT") if task.finished else ""
        return _(
            "“%(task)s” was already completed by %(who)s %(when)s. Nothing you entered was saved."
        ) % {"task": task.flow_task.task_title, "who": who, "when": when}
    if task.status == STATUS.CANCELED:
        return _("“%(task)s” was cancelled; the case left this step.") % {
            "task": task.flow_task.task_title
        }
    if task.owner_id and task.owner_id != user.pk:
        return _("“%(task)s” is assigned to %(who)s.") % {
            "task": task.flow_task.task_title,
            "who": task.owner,
        }
    return _("You may not do this on “%(task)s”.") % {"task": task.flow_task.task_title}


def guard_task_view(node, view):
    """404 unless the user may see the task's case; a refusal becomes a message, not a 403."""

    def guarded(request, process_pk: int, task_pk: int, **kwargs):
        task = (
            node.flow_class.task_class._default_manager.select_related("process", "owner")
            .filter(pk=task_pk, process_id=process_pk)
            .first()
        )
        if task is None or task.process.flow_class != node.flow_class:
            raise Http404("No such task.")
        case = task_case(task)
        if not selectors.can_view_case(request.user, case):
            raise Http404("No such task.")
        try:
            return view(request, process_pk=process_pk, task_pk=task_pk, **kwargs)
        except PermissionDenied:
            messages.error(request, _refusal_message(request.user, task))
        except FlowLockFailed:
            messages.error(
                request,
                _(
                    "Someone else is saving a step of this case right now. Nothing was saved; "
                    "please try again in a moment."
                ),
            )
        return redirect(case.get_absolute_url())

    update_wrapper(guarded, view)
    return login_required(guarded)


class CaseTaskActivation(ViewActivation):
    """A human task that, when it appears, moves its case to the node's stage."""

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        activation = super().create(flow_task, prev_activation, token, data=data, seed=seed)
        if activation.task.owner_id and not activation.task.assigned:
            activation.task.assigned = activation.task.created
            activation.task.save(update_fields=["assigned"])
        if flow_task.stage:
            case_services.case_set_stage(
                case=activation.process.case, stage=flow_task.stage, by=current_actor()
            )
        return activation


class CaseTask(flow.View):
    """A step a person performs on a case: a form, and the step handler that records it.

    `form_class` collects the input (it receives the case, process and user); `handler` is a
    function of `workflows.steps`, `(activation, cleaned_data, user) -> outcome text`; returning
    None keeps the task open (e.g. another activity recorded during primary legal aid).
    """

    activation_class = CaseTaskActivation
    # Task management happens on our pages; viewflow's admin-style actions are not exposed.
    cancel_view_class = None
    undo_view_class = None
    revive_view_class = None

    def __init__(
        self,
        form_class,
        handler: Callable[[Any, dict, User], Any],
        *,
        stage: str | None = None,
        case_permission: str | tuple[str, ...] = selectors.CHANGE,
    ):
        super().__init__(TaskFormView.as_view())
        self.form_class = form_class
        self._handler = handler
        self.stage = stage
        self.case_permission = case_permission
        self.assign_view_class = TaskAssignView
        self.unassign_view_class = TaskUnassignView
        self.detail_view_class = TaskDetailView

    def bind_form(self, activation, user: User, data: dict[str, Any] | None = None, files=None):
        """The step's form for `activation`, bound to `data` (and uploaded `files`) when given."""
        return self.form_class(
            data,
            files,
            case=activation.process.case,
            process=activation.process,
            user=user,
            task=activation.task,
        )

    def run(self, activation, form, user: User) -> bool:
        """Record a valid form through the step handler and complete the task.

        Returns False when the handler keeps the task open (e.g. another activity recorded).
        Raises ValidationError, with nothing saved, when the data breaks a rule of the case file.
        """
        with acting_as(user, reason=str(self.task_title)), transaction.atomic():
            outcome = self._handler(activation, form.cleaned_data, user)
            if outcome is None:
                return False
            activation.task.data = {**(activation.task.data or {}), "outcome": str(outcome)[:500]}
            activation.execute()
        return True

    def complete(self, task, *, by: User, data: dict[str, Any], files=None) -> bool:
        """Complete `task` as `by` with form `data`: the programmatic twin of the task page."""
        with self.flow_class.lock(task.process_id), transaction.atomic():
            task.refresh_from_db()
            if task.status == STATUS.DONE:
                raise PermissionDenied(_("This task was already completed."))
            activation = self.activation_class(task)
            if not self.can_execute(by, activation.task):
                raise PermissionDenied(_("%(user)s may not execute this task.") % {"user": by})
            activation.start(None)
            form = self.bind_form(activation, by, data, files)
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            return self.run(activation, form, by)

    # --- permissions: the node's role permission AND the guardian permission on the case ---

    def has_role(self, user) -> bool:
        return bool(
            user is not None
            and user.is_authenticated
            and user.is_active
            and (not self._owner_permission or user.has_perm(self._owner_permission))
        )

    def may_work_on(self, user, task) -> bool:
        """Role permission of this node and the case permission it needs (view+change...)."""
        return self.has_role(user) and user_may_act_on_case(
            user, task_case(task), self.case_permission
        )

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self.may_work_on(user, task)

    def can_assign(self, user, task):
        return super().can_assign(user, task) and self.may_work_on(user, task)

    def can_unassign(self, user, task):
        return super().can_unassign(user, task) and selectors.can_view_case(user, task_case(task))

    def can_view(self, user, task):
        return selectors.can_view_case(user, task_case(task))

    # --- URLs: viewflow's wrappers (lock, activation, permission) inside our case guard ---

    @property
    def view_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/execute/",
            guard_task_view(self, utils.wrap_view(self, self.view)),
            name="execute",
        )

    @property
    def index_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/",
            guard_task_view(self, utils.wrap_task_view(self, self.index_view)),
            name="index",
        )

    @property
    def detail_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/detail/",
            guard_task_view(
                self, utils.wrap_task_view(self, self.detail_view, permission=self.can_view)
            ),
            name="detail",
        )

    @property
    def assign_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/assign/",
            guard_task_view(
                self, utils.wrap_task_view(self, self.assign_view, permission=self.can_assign)
            ),
            name="assign",
        )

    @property
    def unassign_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/unassign/",
            guard_task_view(
                self,
                utils.wrap_task_view(self, self.unassign_view, permission=self.can_unassign),
            ),
            name="unassign",
        )


class Intake(flow.Start):
    """Start of the flow from the intake form; the case is created by the form."""

    index_view_class = None
    detail_view_class = None
    undo_view_class = None

    @property
    def start_view_path(self):
        view = utils.wrap_start_view(self, self.start_view)

        def guarded(request, **kwargs):
            try:
                return view(request, **kwargs)
            except PermissionDenied:
                messages.error(request, _("Your role does not take in new cases."))
                return redirect("workflows:inbox")

        update_wrapper(guarded, view)
        return path(f"{self.name}/", login_required(guarded), name="execute")


class CaseTaskUrls:
    """Flow mixin: only human steps get pages; gateways and exits are engine-internal."""

    def _get_urls(self):
        urlpatterns = Viewset._get_urls(self)
        for node in self.nodes():
            if isinstance(node, CaseTask | Intake):
                node.parent = self
                patterns, app_name, namespace = node.urls
                urlpatterns.append(path("", include((patterns, app_name), namespace=namespace)))
        return urlpatterns
