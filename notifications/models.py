"""What a person is told, and how they want to be told (in Remedy, by e-mail, or both).

A notification holds no case fact and no name: the kind of event, the case's reference, a short
neutral detail ("in 3 days") and a link. The case page behind the link decides, as always, what
the reader may see. The one exception never leaves Remedy: an in-app-only alert (a break-glass
grant) names the colleague who acted and, for a recipient who may open the case, their reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", _("Task assigned to you")
    TASK_REASSIGNED_AWAY = "task_reassigned_away", _("Task reassigned to someone else")
    DRAFT_RETURNED = "draft_returned", _("Draft returned with comments")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested")
    DEADLINE_REMINDER = "deadline_reminder", _("Deadline reminder")
    INTERIM_MEASURES_GRANTED = "interim_measures_granted", _("Interim measures granted")
    ACCESS_GRANTED = "access_granted", _("Access granted on a case")
    BREAK_GLASS = "break_glass", _("Break-glass access to a case")


# Told in Remedy only, whatever the person chose, and shown as a banner on every page until
# reviewed: an alert about who opened which case must not travel through a mail provider the
# State can compel (security/notices.py says the same of reading alerts).
IN_APP_ONLY = frozenset({Kind.BREAK_GLASS})


class Channel(models.TextChoices):
    BOTH = "both", _("In Remedy and by e-mail")
    IN_APP = "in_app", _("In Remedy only")
    EMAIL = "email", _("By e-mail only")


DEFAULT_CHANNEL = Channel.BOTH


class EmailStatus(models.TextChoices):
    NOT_WANTED = "not_wanted", _("not wanted")
    NO_ADDRESS = "no_address", _("no e-mail address")
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    case = models.ForeignKey(
        "casework.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    # Who did it, where that is the point (a break-glass grant): a colleague's name, never the
    # case's people.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # An in-app-only alert's words from the actor (a break-glass reason): kept only for a
    # recipient who may open the case, never e-mailed (IN_APP_ONLY).
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Deadline reminders: days left on the day it was sent (0 = today), shown in the reader's
    # language; nothing else about the case is kept here.
    days_left = models.SmallIntegerField(_("days left"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    in_app = models.BooleanField(_("shown in Remedy"), default=True)
    email_status = models.CharField(
        _("e-mail"), max_length=12, choices=EmailStatus.choices, default=EmailStatus.NOT_WANTED
    )
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "in_app", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()

    @property
    def detail(self) -> str:
        if self.days_left is None:
            return ""
        if self.days_left == 0:
            return gettext("due today")
        if self.days_left < 0:
            return ngettext(
                "%(days)d day past the awaited date",
                "%(days)d days past the awaited date",
                -self.days_left,
            ) % {"days": -self.days_left}
        return ngettext("due in %(days)d day", "due in %(days)d days", self.days_left) % {
            "days": self.days_left
        }


class Preference(models.Model):
    """One person's channel for one kind of event; no row means `DEFAULT_CHANNEL`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.channel}"
