"""The road to Geneva: States party to the Optional Protocol, communications and their stages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.fields import LongTextField
from casework.models import Case, Document, Region
from casework.names import Localized, localized
from casework.storage import get_document_storage


class StateParty(models.Model):
    """When the First Optional Protocol was in force for a State (OP art. 1; ratione temporis).

    Data, not code: seeded by a data migration, editable in admin, unverified rows flagged.
    """

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    # Names per language (casework.names); Russian and Kazakh decline, and filings need the
    # genitive: "Нурланов против Казахстана".
    name = models.CharField(_("State (English)"), max_length=100)
    name_ru = models.CharField(_("State (Russian)"), max_length=100, blank=True)
    name_kk = models.CharField(_("State (Kazakh)"), max_length=100, blank=True)
    name_genitive_ru = models.CharField(_("State, genitive (Russian)"), max_length=100, blank=True)
    name_genitive_kk = models.CharField(_("State, genitive (Kazakh)"), max_length=100, blank=True)
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
        return f"{self.localized_name().marked} ({self.code})"

    def localized_name(self, lang: str | None = None) -> Localized:
        return localized(self, "name", lang)

    def localized_genitive(self, lang: str | None = None) -> Localized:
        """The genitive ("Казахстана"); English does not decline, so there it is the name."""
        name = localized(self, "name", lang)
        if name.lang == "en":
            return name
        genitive = (getattr(self, f"name_genitive_{name.lang}", "") or "").strip()
        return Localized(genitive, name.lang) if genitive else Localized(self.name, "en", True)

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


class ExhaustionBasis(models.TextChoices):
    """Why domestic remedies no longer stand in the way (OP art. 2 and art. 5(2)(b))."""

    EXHAUSTED = "exhausted", _("All available domestic remedies are exhausted")
    UNAVAILABLE = "unavailable", _("A remedy is unavailable")
    INEFFECTIVE = "ineffective", _("A remedy is ineffective (e.g. no suspensive effect)")
    UNREASONABLY_PROLONGED = "unreasonably_prolonged", _("Remedies are unreasonably prolonged")


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
    # The final package that was sent: built from the approved draft's data after the approval.
    submitted_filing = models.ForeignKey(
        "Filing",
        verbose_name=_("package submitted"),
        on_delete=models.PROTECT,
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
    # Interim measures (rule 94) are requests of their own (`InterimMeasuresRequest`): a case may
    # need several, from screening onward, long before the communication is registered.
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
    remedies_ordered = LongTextField(_("remedies ordered"), blank=True)

    # The text of the filing (OHCHR model complaint form), drafted by the lawyer in Russian (the
    # plain fields, the organisation's drafting language) and in English (the `_en` fields): a
    # package is written in one language and takes that language's texts (see `text`).
    facts = LongTextField(
        _("statement of facts"),
        blank=True,
        help_text=_("Section IV of the form. Separate paragraphs with a blank line."),
    )
    remedies_requested = LongTextField(
        _("remedies requested"),
        blank=True,
        help_text=_("What the author asks the Committee to find and the State to do."),
    )
    summary = LongTextField(
        _("summary"),
        blank=True,
        help_text=_("Short summary; the package adds it when the text exceeds 20 pages."),
    )
    exhaustion_notes = LongTextField(
        _("exhaustion of domestic remedies: explanation"),
        blank=True,
        help_text=_("Why the remedies are exhausted, or unavailable, ineffective or prolonged."),
    )
    exhaustion_basis = models.CharField(
        _("exhaustion of domestic remedies: basis"),
        max_length=30,
        choices=ExhaustionBasis.choices,
        blank=True,
        help_text=_(
            "Unavailable, ineffective or prolonged remedies are an argument the Committee "
            "weighs; explain it above. Not a justification of a late submission."
        ),
    )
    no_authorisation_reason = LongTextField(
        _("why there is no signed authorisation"),
        blank=True,
        help_text=_("Only when the victim cannot sign (rule 99(b)), e.g. held incommunicado."),
    )
    facts_en = LongTextField(_("statement of facts (English)"), blank=True)
    remedies_requested_en = LongTextField(_("remedies requested (English)"), blank=True)
    summary_en = LongTextField(_("summary (English)"), blank=True)
    exhaustion_notes_en = LongTextField(
        _("exhaustion of domestic remedies: explanation (English)"), blank=True
    )
    no_authorisation_reason_en = LongTextField(
        _("why there is no signed authorisation (English)"), blank=True
    )
    # OP art. 5(2)(a): the package says "not submitted to another procedure" only on counsel's
    # word, recorded with who gave it and when — never because no procedure happens to be listed.
    no_other_procedure_confirmed = models.BooleanField(
        _("counsel confirms: not submitted to another international procedure"),
        default=False,
        help_text=_(
            "Tick only after checking with the author that the same matter has not been "
            "submitted to another procedure of international investigation or settlement "
            "(other than those recorded below)."
        ),
    )
    no_other_procedure_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    no_other_procedure_confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    delay_justification = LongTextField(
        _("justification of a late submission"),
        blank=True,
        help_text=_(
            "Rule 99(c) only: why the communication comes more than 5 years after exhaustion "
            "(or 3 years after another international procedure). Why remedies are unavailable, "
            "ineffective or prolonged belongs to the exhaustion basis and its explanation."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")

    def __str__(self) -> str:
        return self.number or _("Communication for %(case)s") % {"case": self.case.reference}

    # The texts a package takes per language (Russian: the plain fields).
    TEXT_FIELDS = (
        "facts",
        "remedies_requested",
        "summary",
        "exhaustion_notes",
        "no_authorisation_reason",
    )

    def text(self, field: str, lang: str) -> str:
        """The communication's text `field` in `lang` ("" when it is not written in it)."""
        if field not in self.TEXT_FIELDS:
            raise ValueError(field)
        name = field if lang == "ru" else f"{field}_{lang}"
        return (getattr(self, name, "") or "").strip()

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


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return with comments")


class SubmissionReview(models.Model):
    """A supervisor's decision on the draft communication of a case (one row per round).

    The latest review decides whether a final package may be built: the communications app reads
    this fact of its own, never the workflow. `drafted_by` is kept for the four-eyes rule.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="submission_reviews")
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comments = LongTextField(_("comments"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    # The exact draft package the supervisor saw (approval only): the final package must say
    # the same (`package.data_fingerprint`, kept in the filing's manifest).
    filing = models.ForeignKey(
        "Filing",
        verbose_name=_("draft approved"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        verbose_name = _("submission review")
        verbose_name_plural = _("submission reviews")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.reviewed_at:%Y-%m-%d})"


class AllegedEvent(models.Model):
    """An act or omission complained of; its date decides competence ratione temporis."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="events"
    )
    occurred_on = models.DateField(_("date"))
    continuing = models.BooleanField(
        _("continuing"),
        default=False,
        help_text=_("The violation or its effects continue after the date."),
    )
    description = models.CharField(_("description"), max_length=300)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    # An event may happen elsewhere than the case's violation region (a transfer to a colony).
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("alleged event")
        verbose_name_plural = _("alleged events")

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.description[:60]}"


class OtherProcedureStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONCLUDED = "concluded", _("Concluded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OtherProcedureKind(models.TextChoices):
    """Which kind of body: treaty bodies and regional courts bar (OP art. 5(2)(a)), the special
    procedures of the Human Rights Council do not (Committee practice, DOMAIN.md)."""

    TREATY_BODY = "treaty_body", _("UN treaty body (e.g. Committee against Torture)")
    REGIONAL_COURT = "regional_court", _("Regional court or commission")
    SPECIAL_PROCEDURE = (
        "special_procedure",
        _("Special procedure of the Human Rights Council (rapporteur, working group)"),
    )
    OTHER = "other", _("Other international procedure")


class OtherProcedure(models.Model):
    """Another procedure of international investigation or settlement (OP art. 5(2)(a))."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="other_procedures"
    )
    body = models.CharField(_("international body"), max_length=200)
    kind = models.CharField(
        _("kind of body"),
        max_length=20,
        choices=OtherProcedureKind.choices,
        default=OtherProcedureKind.OTHER,
    )
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=OtherProcedureStatus.choices)
    concluded_on = models.DateField(_("concluded or withdrawn on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("other international procedure")
        verbose_name_plural = _("other international procedures")

    def __str__(self) -> str:
        return f"{self.body} ({self.get_status_display()})"

    def clean(self) -> None:
        if self.status == OtherProcedureStatus.CONCLUDED and not self.concluded_on:
            raise ValidationError({"concluded_on": _("Give the date of the conclusion.")})
        if self.status == OtherProcedureStatus.PENDING and self.concluded_on:
            raise ValidationError({"concluded_on": _("A pending procedure has no end date.")})


class FilingKind(models.TextChoices):
    HRC_PACKAGE = "hrc_package", _("Submission package to the Human Rights Committee")
    DOMESTIC_APPEAL_DRAFT = "domestic_appeal_draft", _("Draft domestic appeal")
    INTERIM_MEASURES_REQUEST = (
        "interim_measures_request",
        _("Request for interim measures (rule 94)"),
    )


class InterimGrounds(models.TextChoices):
    """Why the harm would be irreparable before the Committee can decide (rule 94)."""

    EXTRADITION = "extradition", _("Extradition or deportation")
    EXECUTION = "execution", _("Imminent execution")
    HEALTH_IN_DETENTION = "health_in_detention", _("Health in detention")
    OTHER = "other", _("Other irreparable harm")


class InterimResponse(models.TextChoices):
    PENDING = "pending", _("No response yet")
    GRANTED = "granted", _("Granted: the Committee asked the State to take interim measures")
    REFUSED = "refused", _("Refused")


class InterimCompliance(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    COMPLIED = "complied", _("The State complies")
    NOT_COMPLIED = "not_complied", _("The State does not comply")


class InterimMeasuresRequest(models.Model):
    """One urgent request to the Committee for interim measures (rule 94), and what followed.

    A case may have several (a request renewed after a refusal, a new danger). It belongs to the
    case, not to the communication: it is often sent before the communication is complete.
    Ignoring measures the Committee requested breaches the State's obligations under OP art. 1
    (Valetov v. Kazakhstan, CCPR/C/110/D/2104/2011): `breach_recorded_at` records that finding.
    """

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="interim_measures_requests"
    )
    state = models.ForeignKey(
        StateParty, verbose_name=_("State party"), on_delete=models.PROTECT, related_name="+"
    )
    grounds = models.CharField(_("grounds"), max_length=30, choices=InterimGrounds.choices)
    # Drafted in Russian (plain fields) and English (`_en`), like the communication's texts.
    explanation = LongTextField(
        _("explanation"),
        blank=True,
        help_text=_("The danger, its imminence and why it is irreparable."),
    )
    explanation_en = LongTextField(_("explanation (English)"), blank=True)
    measures_sought = LongTextField(
        _("measures asked of the State"),
        blank=True,
        help_text=_("e.g. not to extradite the author while the communication is examined."),
    )
    measures_sought_en = LongTextField(_("measures asked of the State (English)"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_time_known = models.BooleanField(
        _("time of sending known"),
        default=True,
        help_text=_("False for requests recorded before times were kept: only the day is known."),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=SubmissionChannel.choices, blank=True
    )
    response = models.CharField(
        _("Committee's response"),
        max_length=10,
        choices=InterimResponse.choices,
        default=InterimResponse.PENDING,
    )
    response_on = models.DateField(_("response on"), null=True, blank=True)
    committee_reference = models.CharField(
        _("Committee's reference"),
        max_length=80,
        blank=True,
        help_text=_("e.g. G/SO 215/51 KAZ (1)"),
    )
    response_note = LongTextField(_("notes on the response"), blank=True)
    compliance = models.CharField(
        _("State's compliance"),
        max_length=15,
        choices=InterimCompliance.choices,
        default=InterimCompliance.UNKNOWN,
    )
    compliance_on = models.DateField(_("compliance known on"), null=True, blank=True)
    compliance_note = LongTextField(_("notes on compliance"), blank=True)
    breach_recorded_at = models.DateTimeField(_("breach recorded at"), null=True, blank=True)
    breach_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("breach recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    breach_note = LongTextField(_("breach of OP art. 1: what happened"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("interim-measures request")
        verbose_name_plural = _("interim-measures requests")

    def __str__(self) -> str:
        return _("Interim measures %(date)s (%(response)s)") % {
            "date": f"{timezone.localtime(self.opened_at):%Y-%m-%d}",
            "response": self.get_response_display(),
        }

    TEXT_FIELDS = ("explanation", "measures_sought")

    def text(self, field: str, lang: str) -> str:
        """The request's text `field` in `lang` ("" when it is not written in it)."""
        if field not in self.TEXT_FIELDS:
            raise ValueError(field)
        name = field if lang == "ru" else f"{field}_{lang}"
        return (getattr(self, name, "") or "").strip()

    @property
    def source_key(self) -> str:
        """The event key of this request's deadlines."""
        return f"interim:{self.pk}"

    @property
    def breach_possible(self) -> bool:
        """OP art. 1: only measures the Committee requested and the State ignored are a breach."""
        return (
            self.response == InterimResponse.GRANTED
            and self.compliance == InterimCompliance.NOT_COMPLIED
        )

    def clean(self) -> None:
        errors = {}
        now = timezone.now()
        if self.sent_at and self.sent_at > now:
            errors["sent_at"] = _("This moment cannot be in the future.")
        elif (
            self.sent_at
            and self.opened_at
            and self.sent_at < self.opened_at.replace(second=0, microsecond=0)
            and self.sent_time_known
        ):
            errors["sent_at"] = _("A request cannot be sent before it was opened.")
        if self.response != InterimResponse.PENDING:
            if not self.sent_at:
                errors["response"] = _("Record when the request was sent first.")
            elif not self.response_on:
                errors["response_on"] = _("Give the date of the Committee's response.")
            elif self.response_on < timezone.localdate(self.sent_at):
                errors["response_on"] = _(
                    "The Committee cannot respond before the request was sent."
                )
            elif self.response_on > timezone.localdate():
                errors["response_on"] = _("This date cannot be in the future.")
        if self.compliance != InterimCompliance.UNKNOWN:
            if self.response != InterimResponse.GRANTED:
                errors["compliance"] = _(
                    "Compliance is recorded only for measures the Committee granted."
                )
            elif not self.compliance_on:
                errors["compliance_on"] = _("Give the date the compliance was known.")
            elif self.response_on and self.compliance_on < self.response_on:
                errors["compliance_on"] = _(
                    "Compliance cannot be known before the measures were granted."
                )
            elif self.compliance_on > timezone.localdate():
                errors["compliance_on"] = _("This date cannot be in the future.")
        if self.breach_recorded_at and not self.breach_possible:
            errors["breach_note"] = _(
                "A breach of OP art. 1 is recorded only when the Committee granted interim "
                "measures and the State did not comply."
            )
        if errors:
            raise ValidationError(errors)


def filing_upload_to(instance: Filing, filename: str) -> str:
    # Never a name on disk: the reference and the hash say enough.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    stem = f"{instance.kind}-v{instance.version}-{instance.sha256[:16]}"
    return f"filings/{instance.case_id}/{stem}.{extension}"


class Filing(models.Model):
    """A generated filing of a case, kept with its hash: what exactly was built, when, by whom."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="filings")
    kind = models.CharField(_("kind"), max_length=30, choices=FilingKind.choices)
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8)
    is_final = models.BooleanField(_("final"), default=False)
    file = models.FileField(
        _("file"), upload_to=filing_upload_to, storage=get_document_storage, max_length=300
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    bytes = models.PositiveBigIntegerField(_("size in bytes"))
    generated_at = models.DateTimeField(_("generated at"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    manifest = models.JSONField(_("manifest"), default=dict, blank=True)
    interim_request = models.ForeignKey(
        InterimMeasuresRequest,
        verbose_name=_("interim-measures request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-generated_at", "-id"]
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "version"], name="unique_filing_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def download_name(self) -> str:
        suffix = "final" if self.is_final else "draft"
        extension = "zip" if self.kind == FilingKind.HRC_PACKAGE else "pdf"
        return f"{self.case.reference}-{self.kind}-v{self.version}-{suffix}.{extension}"
