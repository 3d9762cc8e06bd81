"""The road to Geneva: States party to the Optional Protocol, communications and their stages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models import Case, Document


class StateParty(models.Model):
    """When the First Optional Protocol was in force for a State (OP art. 1; ratione temporis).

    Data, not code: seeded by a data migration, editable in admin, unverified rows flagged.
    """

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("State"), max_length=100)
    op_in_force_on = models.DateField(_("Optional Protocol in force from"))
    op_ceased_on = models.DateField(
        _("denunciation effective on"),
        null=True,
        blank=True,
        help_text=_("Set when the State denounced the Protocol (e.g. Belarus, 8 Feb 2023)."),
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Checked against the UN Treaty Collection."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("State party to the Optional Protocol")
        verbose_name_plural = _("States party to the Optional Protocol")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        if self.code:
            self.code = self.code.upper()
        if self.op_ceased_on and self.op_in_force_on and self.op_ceased_on <= self.op_in_force_on:
            raise ValidationError(
                {"op_ceased_on": _("A denunciation takes effect after entry into force.")}
            )


class SubmissionChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    COURIER = "courier", _("Courier")
    FAX = "fax", _("Fax")


class CommitteeOutcome(models.TextChoices):
    VIEWS = "views", _("Views adopted (OP art. 5(4))")
    INADMISSIBLE = "inadmissible", _("Declared inadmissible")
    DISCONTINUED = "discontinued", _("Discontinued")


class Communication(models.Model):
    """An individual communication to the UN Human Rights Committee, from filing to Views."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="communication")
    state = models.ForeignKey(
        StateParty, verbose_name=_("State party"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=SubmissionChannel.choices, blank=True
    )
    proof_of_submission = models.ForeignKey(
        Document,
        verbose_name=_("proof of submission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    number = models.CharField(
        _("communication number"), max_length=20, blank=True, help_text=_("e.g. 2827/2016")
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    transmitted_on = models.DateField(
        _("transmitted to the State on"), null=True, blank=True, help_text=_("Rule 92.")
    )
    interim_measures_requested_on = models.DateField(
        _("interim measures requested on"), null=True, blank=True
    )
    interim_measures_granted_on = models.DateField(
        _("interim measures granted on"), null=True, blank=True, help_text=_("Rule 94.")
    )
    state_observations_on = models.DateField(
        _("State observations received on"), null=True, blank=True
    )
    author_comments_on = models.DateField(_("author's comments sent on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=CommitteeOutcome.choices, blank=True
    )
    decided_on = models.DateField(_("adopted on"), null=True, blank=True)
    document_symbol = models.CharField(
        _("document symbol"), max_length=60, blank=True, help_text=_("CCPR/C/<session>/D/<n>/<y>")
    )
    remedies_ordered = models.TextField(_("remedies ordered"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")

    def __str__(self) -> str:
        return self.number or _("Communication for %(case)s") % {"case": self.case.reference}

    def clean(self) -> None:
        errors = {}
        today = timezone.localdate()
        order = [
            ("submitted_on", self.submitted_on),
            ("registered_on", self.registered_on),
            ("transmitted_on", self.transmitted_on),
            ("state_observations_on", self.state_observations_on),
            ("author_comments_on", self.author_comments_on),
        ]
        previous = None
        for name, value in order:
            if value and value > today:
                errors[name] = _("This date cannot be in the future.")
            elif value and previous and value < previous[1]:
                errors[name] = _("This step cannot come before the previous one.")
            if value:
                previous = (name, value)
        if self.decided_on and self.submitted_on and self.decided_on < self.submitted_on:
            errors["decided_on"] = _("The Committee cannot decide before the submission.")
        if self.outcome and not self.decided_on:
            errors["decided_on"] = _("Give the date the Committee adopted its decision.")
        if errors:
            raise ValidationError(errors)


class FollowUpGrade(models.TextChoices):
    """Grades of the Special Rapporteur for follow-up (DOMAIN.md)."""

    A = "A", _("A — largely satisfactory")
    B = "B", _("B — partially satisfactory")
    C = "C", _("C — not satisfactory")
    D = "D", _("D — no cooperation")
    E = "E", _("E — measures contrary to the Views")


class FollowUpAssessment(models.Model):
    """One assessment of how the State implements the Committee's Views."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="follow_ups"
    )
    assessed_on = models.DateField(_("assessed on"))
    grade = models.CharField(_("grade"), max_length=1, choices=FollowUpGrade.choices, blank=True)
    state_reply_summary = models.TextField(_("State's reply"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("follow-up assessment")
        verbose_name_plural = _("follow-up assessments")

    def __str__(self) -> str:
        return f"{self.assessed_on:%Y-%m-%d} {self.grade}"
