"""Procedural deadlines: the rules (data), the calendar overrides, the deadlines in each case.

Rules are rows an administrator edits; `calculation` holds the arithmetic. A deadline remembers
which rule and which recorded event produced it, so correcting the event moves the deadline and
the history shows both dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.fields import LongTextField
from casework.models import Case, Instance, ProcedureType, Proceeding
from casework.names import Localized, localized

from .calculation import PeriodUnit as _PeriodUnit
from .calculation import Rollover as _Rollover


class Trigger(models.TextChoices):
    """The recorded event that starts a period."""

    DECISION_FINAL_FORM = "decision_final_form", _("Decision made in final form")
    RULING_DELIVERED = "ruling_delivered", _("Ruling delivered")
    APPELLATE_ACT_IN_FORCE = "appellate_act_in_force", _("Appellate act entered into force")
    DECISION_COPY_DELIVERED = "decision_copy_delivered", _("Copy of the decision delivered")
    VERDICT_PRONOUNCED = "verdict_pronounced", _("Verdict pronounced")
    ADMINISTRATIVE_ACT_RECEIVED = (
        "administrative_act_received",
        _("Administrative act received or learned of"),
    )
    HRC_SUBMISSION = "hrc_submission", _("Communication submitted to the HRC")
    HRC_TRANSMITTAL = "hrc_transmittal", _("Communication transmitted to the State by the HRC")
    DOMESTIC_EXHAUSTION = "domestic_exhaustion", _("Domestic remedies exhausted")
    OTHER_PROCEDURE_CONCLUDED = (
        "other_procedure_concluded",
        _("Other international procedure concluded"),
    )
    HRC_VIEWS_ADOPTED = "hrc_views_adopted", _("Views adopted by the HRC")
    # Urgent interim measures (rule 94): each request is its own event (source "interim:<pk>").
    INTERIM_OPENED = "interim_opened", _("Interim-measures request opened")
    INTERIM_SENT = "interim_sent", _("Interim-measures request sent to the Committee")
    INTERIM_GRANTED = "interim_granted", _("Interim measures granted by the Committee")
    MANUAL = "manual", _("Set by hand")


class Party(models.TextChoices):
    """Who must act by the date. Only our own deadlines can be "overdue" for a lawyer; the
    State's and the Committee's are awaited, and the lawyer follows up when they pass."""

    OURS = "ours", _("Us (the author and counsel)")
    STATE = "state", _("The State party (awaited)")
    COMMITTEE = "committee", _("The Committee (awaited)")


# A rule marked verified must not still say that it needs checking.
UNVERIFIED_MARKERS = ("to verify", "unverified")


class PeriodUnit(models.TextChoices):
    HOURS = _PeriodUnit.HOURS.value, _("hours")
    DAYS = _PeriodUnit.DAYS.value, _("calendar days")
    WORKING_DAYS = _PeriodUnit.WORKING_DAYS.value, _("working days")
    MONTHS = _PeriodUnit.MONTHS.value, _("months")
    YEARS = _PeriodUnit.YEARS.value, _("years")


class Rollover(models.TextChoices):
    NEXT_WORKING_DAY = _Rollover.NEXT_WORKING_DAY.value, _("Move to the next working day")
    NONE = _Rollover.NONE.value, _("Do not move (UN rules)")


class WorkCalendar(models.TextChoices):
    KAZAKHSTAN = "KZ", _("Kazakhstan")


class DeadlineRule(models.Model):
    """A time limit as the law (or the Committee's rules) states it. Data, editable in admin."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(
        _("name"),
        max_length=160,
        help_text=_("Shown to staff and in calendar feeds; never put a person's name here."),
    )
    name_ru = models.CharField(_("name (Russian)"), max_length=160, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=160, blank=True)
    trigger = models.CharField(_("starts with"), max_length=40, choices=Trigger.choices)
    applies_to_procedure = models.CharField(
        _("created for decisions in procedure"),
        max_length=20,
        choices=ProcedureType.choices,
        blank=True,
        help_text=_(
            "With the instance below: recording a decision of this kind creates the deadline. "
            "Leave empty for rules started by other events."
        ),
    )
    applies_to_instance = models.CharField(
        _("created for decisions of instance"), max_length=30, choices=Instance.choices, blank=True
    )
    fulfilled_by_instance = models.CharField(
        _("met by filing at instance"),
        max_length=30,
        choices=Instance.choices,
        blank=True,
        help_text=_("Recording a filing at this instance marks the deadline as met."),
    )
    fulfilled_by_trigger = models.CharField(
        _("met by the event"),
        max_length=40,
        choices=Trigger.choices,
        blank=True,
        help_text=_("Recording this event on or before the due date marks the deadline as met."),
    )
    party = models.CharField(
        _("who must act"),
        max_length=12,
        choices=Party.choices,
        default=Party.OURS,
        help_text=_("Deadlines of the State party or the Committee are awaited, not ours."),
    )
    date_set_per_case = models.BooleanField(
        _("date set in each case"),
        default=False,
        help_text=_(
            "The date is not computed: the Committee (or a court) sets it in each case and the "
            "lawyer enters it. No period applies."
        ),
    )
    period_amount = models.PositiveSmallIntegerField(_("period"), null=True, blank=True)
    period_unit = models.CharField(_("unit"), max_length=20, choices=PeriodUnit.choices)
    trigger_day_counts = models.BooleanField(
        _("the trigger day counts"),
        default=False,
        help_text=_("Normally a period starts on the day after the event."),
    )
    calendar = models.CharField(
        _("calendar"), max_length=8, choices=WorkCalendar.choices, default=WorkCalendar.KAZAKHSTAN
    )
    rollover = models.CharField(
        _("last day on a non-working day"),
        max_length=20,
        choices=Rollover.choices,
        default=Rollover.NEXT_WORKING_DAY,
    )
    article = models.CharField(
        _("article"),
        max_length=120,
        blank=True,
        help_text=_("The article and paragraph that state the period, e.g. art. 436(1)."),
    )
    legal_source = LongTextField(_("legal source"))
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_(
            "Only with its article and a source checked against the current text. Unverified "
            "rules are shown with a warning: check the law before relying."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_amount__gte=1), name="deadline_rule_period_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.localized_name()}"

    def localized_name(self, lang: str | None = None) -> Localized:
        """The rule's name in `lang` (default: the active language), English when missing."""
        return localized(self, "name", lang)

    @property
    def period_label(self) -> str:
        if self.date_set_per_case or not self.period_amount:
            return str(_("set in each case"))
        return f"{self.period_amount} {self.get_period_unit_display()}"

    @property
    def is_awaited(self) -> bool:
        """The State party or the Committee must act by the date, not the organisation."""
        return self.party != Party.OURS

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if bool(self.applies_to_procedure) != bool(self.applies_to_instance):
            errors["applies_to_instance"] = _(
                "Give both the procedure and the instance, or neither of them."
            )
        if not self.date_set_per_case and not self.period_amount:
            errors["period_amount"] = _("Give the period, or mark the date as set in each case.")
        if self.verified:
            source = (self.legal_source or "").strip()
            if not (self.article or "").strip():
                errors["article"] = _(
                    "A verified rule names its article: give the article that states the "
                    "period, or leave the rule unverified."
                )
            if not source:
                errors["legal_source"] = _(
                    "A verified rule names its source: give the law or rules it comes from, or "
                    "leave the rule unverified."
                )
            elif any(marker in source.lower() for marker in UNVERIFIED_MARKERS):
                errors["verified"] = _(
                    "The source still says the rule must be verified: check the current text, "
                    "correct the source, then mark the rule verified."
                )
        if errors:
            raise ValidationError(errors)


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Day off (holiday or transferred day off)")
    WORKING_DAY = "working_day", _("Working day (e.g. a Saturday made a working day)")


class CalendarDay(models.Model):
    """An administrator's correction of the public-holiday calendar (government transfers)."""

    calendar = models.CharField(
        _("calendar"), max_length=8, choices=WorkCalendar.choices, default=WorkCalendar.KAZAKHSTAN
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("name or reason"), max_length=160)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="unique_calendar_day")
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.name}"


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Met")
    CANCELLED = "cancelled", _("Cancelled")


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.ForeignKey(
        DeadlineRule,
        verbose_name=_("rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    title = models.CharField(
        _("title"),
        max_length=160,
        blank=True,
        help_text=_("For a deadline set by hand. Do not write a client's or victim's name."),
    )
    proceeding = models.ForeignKey(
        Proceeding,
        verbose_name=_("proceeding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    source_key = models.CharField(
        _("source"),
        max_length=120,
        blank=True,
        help_text=_("Which recorded event produced the deadline, e.g. proceeding:12."),
    )
    trigger_date = models.DateField(_("event date"), null=True, blank=True)
    due_date = models.DateField(_("due"), db_index=True)
    explanation = LongTextField(_("how the date was computed"), blank=True)
    # Only for periods in hours (urgent interim measures): the moment it ends; `due_date` is
    # that moment's local day, so every date-based list, badge and reminder keeps working.
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = LongTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            # One deadline per rule per recorded event: re-syncing an event updates, never adds.
            models.UniqueConstraint(
                fields=["case", "rule", "source_key"],
                condition=models.Q(rule__isnull=False),
                name="unique_deadline_per_rule_and_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.kind_label} ({self.due_date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("deadlines:detail", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        """What kind of deadline this is, without free text: safe for feeds and e-mails."""
        if self.rule_id:
            return self.rule.localized_name().text
        return str(_("Deadline set by hand"))

    @property
    def is_open(self) -> bool:
        return self.status == DeadlineStatus.OPEN

    @property
    def is_awaited(self) -> bool:
        """Due from the State party or the Committee: awaited, never "overdue" for us."""
        return bool(self.rule_id) and self.rule.is_awaited

    @property
    def awaited_label(self) -> str:
        if not self.is_awaited:
            return ""
        if self.rule.party == Party.STATE:
            return str(_("awaited from the State party"))
        return str(_("awaited from the Committee"))

    def is_past_due_at(self, now: dt.datetime | None = None) -> bool:
        """A period in hours has passed (its day may not be over yet)."""
        return bool(self.due_at) and self.due_at < (now or timezone.now())

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.due_date - (today or timezone.localdate())).days

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.rule_id and not self.title.strip():
            errors["title"] = _("Say what is due.")
        if self.due_at and self.due_date and timezone.localdate(self.due_at) != self.due_date:
            errors["due_date"] = _("The due day must be the day of the due moment.")
        if self.trigger_date and self.due_date and self.due_date < self.trigger_date:
            errors["due_date"] = _("A deadline cannot fall before the event that starts it.")
        if self.proceeding_id and self.case_id and self.proceeding.case_id != self.case_id:
            errors["proceeding"] = _("The proceeding belongs to another case.")
        if errors:
            raise ValidationError(errors)


class ReminderStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    NO_ADDRESS = "no_address", _("Not sent: no e-mail address")
    NO_ACCESS = "no_access", _("Not sent: the assignee can no longer open the case")


class ReminderLog(models.Model):
    """One row per reminder sent. The unique constraint is what makes sending idempotent."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    offset_days = models.SmallIntegerField(_("days before the deadline"))
    # A moved deadline earns fresh reminders for its new date; the same date never twice.
    due_date = models.DateField(_("due date reminded of"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=ReminderStatus.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "due_date", "offset_days"], name="unique_reminder_per_offset"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} −{self.offset_days}d {self.get_status_display()}"


class CalendarFeedToken(models.Model):
    """A secret calendar-feed address. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self) -> str:
        state = _("revoked") if self.revoked_at else _("active")
        return f"{self.user} ({state}, {self.created_at:%Y-%m-%d})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
