"""The public precedent database: a case's publication, its gates, and its immutable snapshots.

A lawyer prepares a `Publication` of a case (the working copy: anonymised texts per language,
articles, theme, region, the route taken, the Committee's outcome, chosen documents). Every
change bumps its `revision`; a supervisor's approval and a residue check hold for one revision
only. Publishing freezes the revision into a `Snapshot` (with its `SnapshotFile`s): immutable,
versioned, and the only thing the public site ever reads. Every step is a `PublicationStep`.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.fields import LongTextField
from casework.models import Case, Document, Instance, Outcome, ProcedureType, Region, Theme
from communications.models import CommitteeOutcome

PUBLIC_LANGUAGES = ("ru", "kk", "en")
PUBLIC_DOCUMENT_TEXT = 500_000  # characters


class Publication(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="publication")
    # The public address: random, never the case reference (which reveals the file numbering).
    slug = models.SlugField(_("public address"), max_length=40, unique=True, editable=False)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_ru = LongTextField(_("summary (Russian)"), blank=True)
    summary_kk = LongTextField(_("summary (Kazakh)"), blank=True)
    summary_en = LongTextField(_("summary (English)"), blank=True)
    article_numbers = models.JSONField(_("Covenant articles"), default=list, blank=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    # Where the violation took place, as the public may read it: a region, never a town.
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(
        _("Committee outcome"), max_length=20, choices=CommitteeOutcome.choices, blank=True
    )
    decided_on = models.DateField(_("adopted on"), null=True, blank=True)
    views_symbol = models.CharField(
        _("document symbol"), max_length=60, blank=True, help_text=_("CCPR/C/<session>/D/<n>/<y>")
    )
    views_url = models.URLField(_("official text (link)"), blank=True)
    # The Committee's scale is data (monitoring.FollowUpGrade); a publication shows a grade of
    # today's scale (CCPR/C/128/3, 2020), not the sub-grades of the earlier methodology.
    follow_up_grade = models.ForeignKey(
        "monitoring.FollowUpGrade",
        verbose_name=_("follow-up grade"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"current": True},
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.slug

    def title_in(self, lang: str) -> str:
        return getattr(self, f"title_{lang}", "")

    def summary_in(self, lang: str) -> str:
        return getattr(self, f"summary_{lang}", "")

    @property
    def languages(self) -> list[str]:
        """The languages the publication is written in (a title and a summary in each)."""
        return [
            lang
            for lang in PUBLIC_LANGUAGES
            if self.title_in(lang).strip() and self.summary_in(lang).strip()
        ]

    def clean(self) -> None:
        errors = {}
        for lang in PUBLIC_LANGUAGES:
            if bool(self.title_in(lang).strip()) != bool(self.summary_in(lang).strip()):
                errors[f"summary_{lang}"] = _("Give both the title and the summary, or neither.")
        if not errors and not self.languages:
            errors["title_ru"] = _("Write the title and summary in at least one language.")
        if self.views_symbol and not self.outcome:
            errors["outcome"] = _("Say what the Committee decided.")
        if errors:
            raise ValidationError(errors)


class RouteStep(models.Model):
    """One domestic instance of the route taken, as the public may read it: no judge, no town
    smaller than a region, dates to the month only."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="route")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    level = models.CharField(_("instance"), max_length=30, choices=Instance.choices)
    procedure_type = models.CharField(
        _("procedure"), max_length=20, choices=ProcedureType.choices, blank=True
    )
    body_en = models.CharField(_("court or body (English)"), max_length=200, blank=True)
    body_ru = models.CharField(_("court or body (Russian)"), max_length=200, blank=True)
    body_kk = models.CharField(_("court or body (Kazakh)"), max_length=200, blank=True)
    filed_month = models.DateField(_("filed (month)"), null=True, blank=True)
    decided_month = models.DateField(_("decided (month)"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("step of the route")
        verbose_name_plural = _("route")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.body_en or self.body_ru}"

    def save(self, *args, **kwargs):
        # Month precision: the day would help to find the court record, the month does not.
        for field in ("filed_month", "decided_month"):
            value = getattr(self, field)
            if value:
                setattr(self, field, value.replace(day=1))
        super().save(*args, **kwargs)


class PublicDocument(models.Model):
    """A document chosen for the public, published as text re-rendered by Remedy.

    The uploaded file itself is never published: its text (extracted, then anonymised by the
    preparer) is rendered anew into HTML and a fresh PDF, so no metadata, no file name, no hidden
    layer of the original can leave the organisation.
    """

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="documents")
    source = models.ForeignKey(
        Document,
        verbose_name=_("source document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("public title"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))],
    )
    # A published document is a whole text (Views, an anonymised communication): up to about
    # 250 pages, not a note's ceiling.
    text = LongTextField(_("text to publish"), max_length=PUBLIC_DOCUMENT_TEXT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("public document")
        verbose_name_plural = _("public documents")

    def __str__(self) -> str:
        return self.title


class StepKind(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    CHECKED = "checked", _("Residue check passed")
    CHECK_FAILED = "check_failed", _("Residue check found identifying details")
    APPROVED = "approved", _("Approved by a supervisor")
    ADMIN_APPROVED = "admin_approved", _("Restricted case: approved by an administrator")
    PUBLISHED = "published", _("Published")
    REFUSED = "refused", _("Publication refused")
    UNPUBLISHED = "unpublished", _("Unpublished")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Withdrawn: consent to publish ended")
    NOT_PUBLIC = "not_public", _("Withdrawn: the case is now secret or restricted")


class PublicationStep(models.Model):
    """One step of a publication, in order: who did what to which revision, and the result."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="steps")
    revision = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    # None: done by Remedy itself (a consent that expired, found by the export).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    # What the step found: residue hits, failed gates (no names: only where and what kind).
    detail = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("publication step")
        verbose_name_plural = _("publication steps")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (r{self.revision})"


class SnapshotStatus(models.TextChoices):
    LIVE = "live", _("Live")
    SUPERSEDED = "superseded", _("Superseded by a newer version")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ImmutableError(Exception):
    pass


class Snapshot(models.Model):
    """One published version, frozen: everything the public site shows about the case.

    `content` holds every text in every language and the names of the article, theme and region
    in ru/kk/en, so that the public site never reads a case table nor a reference table. Only the
    status fields may change (superseded, withdrawn); the content cannot, not even through the
    ORM's `save()`.
    """

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="snapshots")
    slug = models.SlugField(max_length=40, db_index=True)
    version = models.PositiveIntegerField()
    revision = models.PositiveIntegerField()
    content = models.JSONField()
    content_sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, choices=SnapshotStatus.choices)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    FROZEN = ("slug", "version", "revision", "content", "content_sha256", "published_at")

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "version"], name="one_snapshot_version")
        ]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored = Snapshot.objects.filter(pk=self.pk).values(*self.FROZEN).first()
            if stored and any(stored[f] != getattr(self, f) for f in self.FROZEN):
                raise ImmutableError("A published version cannot be changed; publish a new one.")
        elif self.content_sha256 != self.digest(self.content):
            raise ImmutableError("The snapshot's digest does not match its content.")
        super().save(*args, **kwargs)

    @staticmethod
    def digest(content: dict) -> str:
        return hashlib.sha256(
            json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()


class SnapshotFile(models.Model):
    """A file of a snapshot (a re-rendered document's PDF), stored with it, immutable."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="files")
    name = models.CharField(max_length=100)  # e.g. "document-1.pdf", chosen by Remedy
    content_type = models.CharField(max_length=60)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "name"], name="one_snapshot_file_name")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.pk:
            raise ImmutableError("A published file cannot be changed.")
        self.sha256 = hashlib.sha256(bytes(self.data)).hexdigest()
        super().save(*args, **kwargs)
