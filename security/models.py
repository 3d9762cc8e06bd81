"""The security app's own data: the contingency plan.

- Emergency contacts: a directory per office and one for the whole organisation.
- Incidents against staff and clients, each with a checklist copied from data (`ChecklistItem`).
- Duress credentials: a second password that signs in to an empty session and raises the alarm.

Every domain row keeps its history (django-simple-history) with who and why.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.fields import LongTextField


class ContactCategory(models.TextChoices):
    """Whom staff call when something goes wrong (the organisation's contingency plan)."""

    STATE_BODY = "state_body", _("State bodies (prosecutor's office, ombudsman, police duty line)")
    LAWYER_ON_CALL = "lawyer_on_call", _("Lawyers on call")
    LOCAL_MEDIA = "local_media", _("Local media")
    FOREIGN_MEDIA = "foreign_media", _("Foreign media")
    EMBASSY = "embassy", _("Embassies")
    INTERNATIONAL_PARTNER = (
        "international_partner",
        _("International partners (OHCHR regional office, OSCE, NGOs)"),
    )


# The order in which categories appear in the directory and on the printed card: whom to call
# first when a colleague is detained.
CATEGORY_ORDER = [
    ContactCategory.LAWYER_ON_CALL,
    ContactCategory.STATE_BODY,
    ContactCategory.INTERNATIONAL_PARTNER,
    ContactCategory.EMBASSY,
    ContactCategory.LOCAL_MEDIA,
    ContactCategory.FOREIGN_MEDIA,
]


class EmergencyContact(models.Model):
    """One entry of an emergency directory. `branch` empty: the whole organisation's directory."""

    branch = models.ForeignKey(
        "casework.Branch",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emergency_contacts",
        help_text=_("Leave empty for the directory of the whole organisation."),
    )
    category = models.CharField(_("category"), max_length=30, choices=ContactCategory.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    phones = models.CharField(
        _("phones"), max_length=200, blank=True, help_text=_("Several numbers: separate by commas.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("e.g. Russian, Kazakh, English")
    )
    notes = LongTextField(_("notes"), blank=True)
    last_checked_on = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_("When someone last confirmed that the phone and e-mail still work."),
    )
    # Not evidence: which day the last "please check" reminder went out (kept out of history).
    check_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["check_reminder_sent_on", "updated_at"])

    class Meta:
        ordering = ["category", "name", "id"]
        verbose_name = _("emergency contact")
        verbose_name_plural = _("emergency contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def clean(self) -> None:
        if not (self.phones.strip() or self.email.strip()):
            raise ValidationError(_("Give at least a phone number or an e-mail address."))
        if self.last_checked_on and self.last_checked_on > timezone.localdate():
            raise ValidationError(
                {"last_checked_on": _("The date of the last check cannot be in the future.")}
            )

    @property
    def phone_list(self) -> list[str]:
        return [p.strip() for p in self.phones.split(",") if p.strip()]


class IncidentKind(models.TextChoices):
    STAFF_DETAINED = "staff_detained", _("Staff member detained")
    CLIENT_DETAINED = "client_detained", _("Client detained")
    SEARCH = "search", _("Search")
    SUMMONS = "summons", _("Summons for questioning")
    THREAT = "threat", _("Threat")
    EQUIPMENT_SEIZED = "equipment_seized", _("Equipment seized")
    EVENT_DISRUPTED = "event_disrupted", _("Event disrupted")
    OFFICE_INSPECTED = "office_inspected", _("Office inspected")
    DURESS_LOGIN = "duress_login", _("Duress login")


class ChecklistItem(models.Model):
    """One step of the checklist an incident of `kind` starts with. Data, editable in admin.

    The texts are kept in the three working languages; an incident copies them when it is
    opened, so editing the template later never rewrites what was done in a past incident.
    """

    kind = models.CharField(_("incident kind"), max_length=30, choices=IncidentKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_en = models.CharField(_("step (English)"), max_length=300)
    text_ru = models.CharField(_("step (Russian)"), max_length=300, blank=True)
    text_kk = models.CharField(_("step (Kazakh)"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position", "id"]
        verbose_name = _("checklist step")
        verbose_name_plural = _("checklist steps")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}: {self.text_en}"


def localized(obj, prefix: str = "text") -> str:
    """The Russian or Kazakh text of `obj` in the active language, English when missing."""
    language = (get_language() or "en")[:2]
    if language in {"ru", "kk"}:
        value = getattr(obj, f"{prefix}_{language}", "")
        if value:
            return value
    return getattr(obj, f"{prefix}_en")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Incident(models.Model):
    """Something the State (or someone) did to the organisation's people, clients or offices.

    Restricted: administrators, supervisors and the head of the incident's office read it, its
    reporter sees what they reported (`security.incidents.incidents_visible_to`); every read is
    in the access log (`security.incidents.record_read`).
    """

    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices)
    branch = models.ForeignKey(
        "casework.Branch",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        help_text=_("The office concerned; its head sees the incident."),
    )
    occurred_at = models.DateTimeField(_("date and time"), default=timezone.now)
    place = models.CharField(_("place"), max_length=300, blank=True)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents_concerning",
    )
    party = models.ForeignKey(
        "casework.CaseParty",
        verbose_name=_("case party concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = LongTextField(_("what happened"), blank=True)
    follow_up = LongTextField(_("follow-up actions"), blank=True)
    cases = models.ManyToManyField(
        "casework.Case", verbose_name=_("linked cases"), blank=True, related_name="+"
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[cases])

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    def clean(self) -> None:
        if self.occurred_at and self.occurred_at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError({"occurred_at": _("An incident cannot be dated in the future.")})


class IncidentStep(models.Model):
    """A checklist step of one incident, ticked with who and when (and kept in history)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    text_en = models.CharField(_("step"), max_length=300)
    text_ru = models.CharField(max_length=300, blank=True)
    text_kk = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("incident step")
        verbose_name_plural = _("incident steps")

    def __str__(self) -> str:
        return self.text_en

    @property
    def text(self) -> str:
        return localized(self)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class DuressCredential(models.Model):
    """A person's duress password, hashed with the project's password hasher.

    The hash is never copied into history; the history says who set or removed it, and when.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duress_credential"
    )
    password = models.CharField(max_length=256)
    set_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password"])

    class Meta:
        verbose_name = _("duress password")
        verbose_name_plural = _("duress passwords")

    def __str__(self) -> str:
        return f"duress credential of user {self.user_id}"
