"""Workflow data: viewflow's Process and Task, and the litigation process that links them to a case.

The business data of a case lives in `casework` and `communications`; the process only records
where the case stands on the legal route and the decisions taken at each gateway (screening,
next domestic step, exhaustion, approval), so the route can be replayed and audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords
from viewflow.workflow.models import Process, Task

from casework.fields import LongTextField
from casework.models import Case, Proceeding
from communications.models import InterimMeasuresRequest, ReviewDecision

# Every step of the legal route is evidence: who took, assigned, completed or cancelled a task.
for _model in (Process, Task):
    if not hasattr(_model, "history"):
        register(
            _model, app="workflows", table_name=f"workflows_historical{_model._meta.model_name}"
        )


class ScreeningDecision(models.TextChoices):
    STRATEGIC = "strategic", _("Accept as a strategic case")
    PRIMARY_AID = "primary_aid", _("Primary legal aid only")
    DECLINE = "decline", _("Decline")
    REFER = "refer", _("Refer elsewhere")


class AidOutcome(models.TextChoices):
    LITIGATE = "litigate", _("Go to court: start domestic proceedings")
    COMPLETED = "completed", _("Primary legal aid completed: close the case")
    SETTLED = "settled", _("Settled or remedied: close the case")


class NextStep(models.TextChoices):
    """What the lawyer decides after a domestic decision."""

    NEXT_INSTANCE = "next_instance", _("File at the next instance (appeal, cassation, ...)")
    EXHAUSTED = "exhausted", _("Stop: remedies are exhausted or ineffective — assess exhaustion")
    SETTLED = "settled", _("Stop: settled or remedied domestically — close the case")


class ExhaustionBasis(models.TextChoices):
    # OP art. 2 and art. 5(2)(b): exhausted, or unavailable / ineffective / unreasonably prolonged.
    EXHAUSTED = "exhausted", _("All available domestic remedies are exhausted")
    UNAVAILABLE = "unavailable", _("Remedies are unavailable or ineffective")
    PROLONGED = "prolonged", _("Remedies are unreasonably prolonged")


class CaseProcess(Process):
    """One run of the litigation flow for one case."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="processes"
    )
    screening_decision = models.CharField(
        _("screening decision"), max_length=20, choices=ScreeningDecision.choices, blank=True
    )
    screening_reason = LongTextField(_("screening reason"), blank=True)
    aid_outcome = models.CharField(
        _("primary legal aid outcome"), max_length=20, choices=AidOutcome.choices, blank=True
    )
    current_proceeding = models.ForeignKey(
        Proceeding,
        verbose_name=_("current proceeding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_step = models.CharField(
        _("next domestic step"), max_length=20, choices=NextStep.choices, blank=True
    )
    next_instance = models.CharField(_("next instance"), max_length=30, blank=True)
    exhaustion_basis = models.CharField(
        _("exhaustion basis"), max_length=20, choices=ExhaustionBasis.choices, blank=True
    )
    exhaustion_argument = LongTextField(_("exhaustion argument"), blank=True)
    exhaustion_confirmed = models.BooleanField(_("exhaustion confirmed"), null=True, blank=True)
    exhaustion_comments = LongTextField(_("supervisor's comments on exhaustion"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who completed the latest drafting step (four eyes: not the approver)."),
    )
    review_decision = models.CharField(
        _("last review decision"), max_length=10, choices=ReviewDecision.choices, blank=True
    )
    review_comments = LongTextField(_("last review comments"), blank=True)
    review_rounds = models.PositiveSmallIntegerField(_("review rounds"), default=0)
    submission_approved = models.BooleanField(_("submission approved"), default=False)
    interim_measures = models.BooleanField(_("interim measures requested"), default=False)
    follow_up_done = models.BooleanField(_("follow-up concluded"), default=False)
    exit_reason = models.CharField(_("exit"), max_length=20, blank=True)
    # Facts the gateways read, recorded when the step that decides them completes.
    entry_step = models.CharField(
        _("joined the route at"),
        max_length=30,
        blank=True,
        help_text=_("For a case put on the route mid-way: the first step it takes."),
    )
    committee_step = models.CharField(_("Committee stage waiting"), max_length=30, blank=True)
    committee_outcome = models.CharField(_("Committee outcome"), max_length=20, blank=True)
    # Set only on a run of the urgent interim-measures flow (`InterimMeasuresFlow`): the request
    # it carries. Such a run shares the case link every task list and permission check reads;
    # the litigation route of the case is the process without one (`selectors.process_for`).
    interim_request = models.OneToOneField(
        InterimMeasuresRequest,
        verbose_name=_("interim-measures request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="process",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("litigation process")
        verbose_name_plural = _("litigation processes")
        # "manage" is viewflow's permission to assign, reassign, unassign and cancel tasks.
        default_permissions = ("add", "change", "delete", "view", "manage")
        permissions = [
            ("intake_case", _("Can take in a new case")),
            ("litigate_case", _("Can work on litigation tasks")),
            ("supervise_case", _("Can screen, assign, confirm and approve")),
        ]

    def __str__(self) -> str:
        return _("Litigation of %(case)s") % {"case": self.case.reference}
