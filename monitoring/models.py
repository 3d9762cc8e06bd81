"""Recommendations addressed to the State and how it implements them, assessed over time.

A remedy ordered in the Committee's Views is a recommendation addressed to the State like a
paragraph of concluding observations or a UPR recommendation: one `Recommendation` table holds
both, and one `Assessment` table records, over time, how far each is implemented. A Views'
remedy belongs to its case (`case` is set; its mechanism is the Committee's Views); every other
recommendation is organisation knowledge, not case data (docs/monitoring.md).

The Committee's grading scale and the mechanisms are data (seeded by migrations, editable in
admin); the code holds only the order of things: a recommendation's current status is its latest
assessment.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.fields import LongTextField
from casework.models import Case, CovenantArticle, Document, Theme
from casework.names import Localized, localized


class MechanismKind(models.TextChoices):
    TREATY_BODY = "treaty_body", _("UN treaty body")
    UPR = "upr", _("Universal Periodic Review")
    SPECIAL_PROCEDURE = "special_procedure", _("UN special procedure")
    REGIONAL = "regional", _("Regional organisation")
    NATIONAL = "national", _("National body")
    VIEWS = "views", _("Views of the Human Rights Committee")


class Mechanism(models.Model):
    """Who addressed the recommendation (HRC concluding observations, CAT, UPR, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MechanismKind.choices)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)
    name = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")

    def __str__(self) -> str:
        return self.abbreviation

    def localized_name(self, lang: str | None = None) -> Localized:
        return localized(self, "name", lang)


class ImplementationStatus(models.TextChoices):
    """How far the State has implemented a recommendation (issue 16)."""

    IMPLEMENTED = "implemented", _("Implemented")
    PARTIAL = "partial", _("Partially implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    NO_INFORMATION = "no_information", _("No information")
    REGRESSED = "regressed", _("Regressed")


class FollowUpGrade(models.Model):
    """One grade of the Committee's follow-up scale (data: the scale changed over time).

    Current scale A–E (CCPR/C/128/3, 2020); the two-round procedure of 2008–2017 used sub-grades
    B1/B2, C1/C2, D1/D2 (CCPR Centre, "Overview of the Follow-up Procedure of the Human Rights
    Committee"). Each grade maps to the implementation status the register counts.
    """

    code = models.CharField(_("code"), max_length=4, unique=True)
    label = models.CharField(_("label (English)"), max_length=200)
    label_ru = models.CharField(_("label (Russian)"), max_length=200, blank=True)
    label_kk = models.CharField(_("label (Kazakh)"), max_length=200, blank=True)
    description = LongTextField(_("criterion"), blank=True)
    current = models.BooleanField(
        _("current scale"),
        default=True,
        help_text=_("Off for the sub-grades of the earlier methodology (kept for old reports)."),
    )
    status = models.CharField(_("counts as"), max_length=20, choices=ImplementationStatus.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("follow-up grade")
        verbose_name_plural = _("follow-up grades")

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    def localized_label(self, lang: str | None = None) -> Localized:
        return localized(self, "label", lang)


class StatePosition(models.TextChoices):
    """The State's response to a UPR recommendation (Human Rights Council res. 5/1, annex 32)."""

    SUPPORTED = "supported", _("Supported")
    NOTED = "noted", _("Noted")


class RemedyKind(models.TextChoices):
    """What a Views' remedy asks of the State (the usual heads of "effective remedy", art. 2(3))."""

    QUASH = "quash", _("Quash the conviction / release")
    RETRIAL = "retrial", _("Review or retrial")
    INVESTIGATION = "investigation", _("Investigation and prosecution")
    COMPENSATION = "compensation", _("Compensation")
    RESTITUTION = "restitution", _("Restitution / reinstatement")
    LAW_REVIEW = "law_review", _("Review of the law")
    NON_REPETITION = "non_repetition", _("Non-repetition")
    PUBLICATION = "publication", _("Publication of the Views")
    OTHER = "other", _("Other")


class Recommendation(models.Model):
    """A recommendation addressed to the State, or a remedy the Committee ordered in its Views."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="+"
    )
    symbol = models.CharField(_("document symbol"), max_length=80, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(
        _("short title"),
        max_length=200,
        blank=True,
        help_text=_("A few words to name it in tables (e.g. 'Compensation')."),
    )
    text_en = LongTextField(_("text (English)"), blank=True)
    text_ru = LongTextField(_("text (Russian)"), blank=True)
    text_kk = LongTextField(_("text (Kazakh)"), blank=True)
    verified = models.BooleanField(
        _("quoted verbatim"),
        default=False,
        help_text=_(
            "Ticked only when the text was checked word for word against the source; "
            "otherwise the text is a paraphrase and is shown as unverified."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=1000,  # a URL and how the text was read there (e.g. an excerpt, a page break)
        blank=True,
        help_text=_("URL or document it was read from."),
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    articles = models.ManyToManyField(
        CovenantArticle, verbose_name=_("Covenant articles"), blank=True, related_name="+"
    )
    responsible_body = models.CharField(_("responsible State body"), max_length=200, blank=True)
    state_position = models.CharField(
        _("State's position"), max_length=10, choices=StatePosition.choices, blank=True
    )
    upr_cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    recommending_states = models.CharField(_("recommending States"), max_length=300, blank=True)
    # A Views' remedy: the case whose Views ordered it (case data, shown only to those who may
    # see the case).
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remedies",
    )
    remedy_kind = models.CharField(
        _("kind of remedy"), max_length=20, choices=RemedyKind.choices, blank=True
    )
    # Links: a concluding observation about the cases it concerns and the Views' remedies it
    # echoes. Shown only to users who may see the linked case.
    related_cases = models.ManyToManyField(
        Case, verbose_name=_("related cases"), blank=True, related_name="+"
    )
    related_remedies = models.ManyToManyField(
        "self",
        verbose_name=_("related Views' remedies"),
        blank=True,
        symmetrical=False,
        related_name="+",
        limit_choices_to={"case__isnull": False},
    )
    monitored = models.BooleanField(
        _("monitored"), default=True, help_text=_("Counted in the dashboard and the report.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["mechanism__position", "-issued_on", "symbol", "paragraph", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            # The import key (issue 16): a register row is one paragraph of one document.
            models.UniqueConstraint(
                fields=["mechanism", "symbol", "paragraph"],
                condition=Q(case__isnull=True),
                name="unique_recommendation_per_paragraph",
            ),
        ]

    def __str__(self) -> str:
        if self.case_id:
            return self.title or self.get_remedy_kind_display()
        where = f"{self.symbol}, para. {self.paragraph}" if self.paragraph else self.symbol
        return f"{self.mechanism} {where}".strip()

    @property
    def is_remedy(self) -> bool:
        return self.case_id is not None

    def text(self, lang: str) -> str:
        """The text in `lang`, or the English one (the register's working language)."""
        value = (getattr(self, f"text_{lang}", "") or "").strip()
        return value or (self.text_en or self.text_ru).strip()

    def clean(self) -> None:
        errors = {}
        if not (self.text_en.strip() or self.text_ru.strip()):
            errors["text_en"] = _("Give the text in English or Russian.")
        if self.case_id is None and not self.symbol.strip():
            errors["symbol"] = _("Give the document symbol.")
        if self.case_id is not None and not self.remedy_kind:
            errors["remedy_kind"] = _("Say what the remedy asks of the State.")
        if self.state_position and self.mechanism_id and self.mechanism.kind != MechanismKind.UPR:
            errors["state_position"] = _("Only UPR recommendations are supported or noted.")
        if errors:
            raise ValidationError(errors)


class AssessmentSource(models.TextChoices):
    """Where the information of an assessment comes from."""

    COMMITTEE = "committee", _("Committee follow-up report")
    STATE = "state", _("State's reply")
    AUTHOR = "author", _("Author's comments")
    NGO = "ngo", _("NGO information")
    OWN = "own", _("Our own monitoring")


class Assessment(models.Model):
    """How far the State had implemented one recommendation, as of one date."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessed on"))
    status = models.CharField(_("status"), max_length=20, choices=ImplementationStatus.choices)
    grade = models.ForeignKey(
        FollowUpGrade,
        verbose_name=_("Committee's grade"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_kind = models.CharField(
        _("source"), max_length=12, choices=AssessmentSource.choices, default=AssessmentSource.OWN
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the follow-up progress report's symbol (CCPR/C/…)."),
    )
    evidence = LongTextField(
        _("evidence"), blank=True, help_text=_("Links and documents relied on, one per line.")
    )
    documents = models.ManyToManyField(
        Document, verbose_name=_("evidence documents"), blank=True, related_name="+"
    )
    notes = LongTextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.assessed_on:%Y-%m-%d} {self.get_status_display()}"

    def evidence_links(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.assessed_on and self.assessed_on > timezone.localdate():
            raise ValidationError({"assessed_on": _("This date cannot be in the future.")})


class DialogueStatus(models.TextChoices):
    """The state of the Committee's follow-up dialogue on one case's Views."""

    ONGOING = "ongoing", _("Ongoing")
    CLOSED_SATISFACTORY = "closed_satisfactory", _("Closed: satisfactory implementation")
    CLOSED_UNSATISFACTORY = "closed_unsatisfactory", _("Closed: unsatisfactory implementation")


class DialogueStatusChange(models.Model):
    """One step in the follow-up dialogue's history; the latest is its current status."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="follow_up_dialogue")
    status = models.CharField(_("dialogue"), max_length=24, choices=DialogueStatus.choices)
    changed_on = models.DateField(_("since"))
    source_reference = models.CharField(_("source reference"), max_length=200, blank=True)
    notes = LongTextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("follow-up dialogue status")
        verbose_name_plural = _("follow-up dialogue statuses")

    def __str__(self) -> str:
        return f"{self.changed_on:%Y-%m-%d} {self.get_status_display()}"
