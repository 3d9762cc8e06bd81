"""What a person is told, and how they want to be told (in Remedy, by e-mail, or both).

A notification holds no case fact and no name: the kind of event, the case's reference, a short
neutral detail ("in 3 days") and a link. The case page behind the link decides, as always, what
the reader may see. The one exception never leaves Remedy: an in-app-only alert (a break-glass
grant) names the colleague who acted and, for a recipient who may open the case, their reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext, ngettext
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
    # The security app's alarms and reminders (security/alarms.py), to administrators and
    # branch heads.
    DURESS_ALARM = "duress_alarm", _("Duress login")
    READING_ALERT = "reading_alert", _("Unusual reading")
    DOWNLOAD_ALERT = "download_alert", _("Unusual downloads")
    CONTACTS_TO_CHECK = "contacts_to_check", _("Emergency contacts to check")
    # A notice of the former `security.Notice` table, kept with its text as it was written
    # (migration 0005): those rows recorded a sentence, not the facts to rebuild one from.
    SECURITY_NOTICE = "security_notice", _("Security notice")


# Shown as a banner on every page until reviewed: someone used break-glass, someone is being
# forced to log in, an account reads like a copier.
BANNER = frozenset(
    {
        Kind.BREAK_GLASS,
        Kind.DURESS_ALARM,
        Kind.READING_ALERT,
        Kind.DOWNLOAD_ALERT,
        Kind.SECURITY_NOTICE,
    }
)
# Told in Remedy only, whatever the person chose: an alert about who opened which case, who
# typed a duress password or where the emergency directory is stale must not travel through a
# mail provider the State can compel.
IN_APP_ONLY = BANNER | {Kind.CONTACTS_TO_CHECK}


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
    # The facts an in-app-only alert's sentence is built from in the reader's language (the
    # duress login's IP address and incident, a count of reads and its window, the office whose
    # contacts are stale): never a case's facts or its people.
    params = models.JSONField(_("details"), default=dict, blank=True)
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

    @property
    def message(self) -> str:
        """An in-app-only alert's sentence, built in the active language; "" for other kinds."""
        p = self.params or {}
        actor = (self.actor.get_full_name() or self.actor.username) if self.actor else "?"
        if self.kind == Kind.BREAK_GLASS:
            if self.reference:
                return gettext(
                    "%(actor)s granted themselves access to case %(reference)s (break-glass)."
                ) % {"actor": actor, "reference": self.reference}
            return gettext(
                "%(actor)s granted themselves access to a case you cannot open (break-glass). "
                "Ask them or the case's team why."
            ) % {"actor": actor}
        if self.kind == Kind.DURESS_ALARM:
            return gettext(
                "%(user)s signed in with their duress password at %(time)s from %(ip)s. When "
                "the login completes, the account is locked down and the session shows nothing. "
                "Do not contact the person through Remedy or e-mail."
            ) % {
                "user": actor,
                "time": formats.date_format(localtime(self.created_at), "Y-m-d H:i"),
                "ip": p.get("ip") or "?",
            }
        if self.kind in (Kind.READING_ALERT, Kind.DOWNLOAD_ALERT):
            values = {
                "user": self.actor.username if self.actor else "?",
                "name": self.actor.get_full_name() if self.actor else "",
                "count": p.get("count", 0),
                "min": p.get("minutes", 0),
            }
            if self.kind == Kind.READING_ALERT:
                text = gettext(
                    "The account %(user)s (%(name)s) opened %(count)d different restricted or "
                    "secret cases or incidents within %(min)d minutes. Review this account's "
                    "entries in the access log; if the account may be compromised, lock it down."
                )
            else:
                text = gettext(
                    "The account %(user)s (%(name)s) downloaded %(count)d documents of "
                    "restricted or secret cases within %(min)d minutes. Review this account's "
                    "entries in the access log; if the account may be compromised, lock it down."
                )
            return text % values
        if self.kind == Kind.CONTACTS_TO_CHECK:
            count, months = p.get("count", 0), p.get("months", 0)
            office = _office_name(p.get("office"))
            return ngettext(
                "%(count)d emergency contact of %(office)s has not been checked for %(months)d "
                "months or was never checked. Call or write to it, then mark it checked in the "
                "directory.",
                "%(count)d emergency contacts of %(office)s have not been checked for "
                "%(months)d months or were never checked. Call or write to each, then mark it "
                "checked in the directory.",
                count,
            ) % {"count": count, "office": office, "months": months}
        if self.kind == Kind.SECURITY_NOTICE:
            return " — ".join(part for part in (p.get("subject"), p.get("body")) if part)
        return ""

    @property
    def action_label(self) -> str:
        """What following the alert's link opens, in the active language."""
        if self.kind == Kind.BREAK_GLASS:
            return gettext("Review the case team")
        if self.kind == Kind.DURESS_ALARM:
            return gettext("Open incident #%(id)s") % {"id": (self.params or {}).get("incident")}
        if self.kind in (Kind.READING_ALERT, Kind.DOWNLOAD_ALERT):
            return gettext("Review the access log")
        if self.kind == Kind.CONTACTS_TO_CHECK:
            return gettext("Open the directory")
        return gettext("Open")


def _office_name(names: dict | None) -> str:
    """The office's name in the active language, stored in all three when the alert was made."""
    if not names:
        return gettext("the whole organisation")
    lang = (get_language() or "en").split("-")[0]
    return names.get(lang) or names.get("en") or "?"


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
