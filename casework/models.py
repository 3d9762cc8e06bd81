"""The case file of a strategic-litigation lawyer: cases, people, proceedings, documents.

Every domain model keeps a full history (django-simple-history): who changed what, when and why.
Access to a case is decided in one place, `casework.selectors`; models only describe data.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, router
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from guardian.models import (
    GroupObjectPermission,
    GroupObjectPermissionBase,
    UserObjectPermission,
    UserObjectPermissionBase,
)
from simple_history import register
from simple_history.models import HistoricalRecords

from . import access_chain
from .fields import LongTextField
from .names import localized, written_in
from .storage import get_document_storage


class Role(models.TextChoices):
    """Staff roles. Each role is a Django group carrying its model permissions."""

    LAWYER = "lawyer", _("Lawyer")
    SUPERVISOR = "supervisor", _("Supervisor")
    BRANCH_HEAD = "branch_head", _("Branch head")
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALYST = "analyst", _("Analyst")


class Branch(models.Model):
    """An office of the organisation: the Almaty head office or a regional branch."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    # Names per language (casework.names): the plain field is English, the others beside it.
    name = models.CharField(_("name (English)"), max_length=120, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120, blank=True)
    city = models.CharField(_("city (English)"), max_length=80)
    city_ru = models.CharField(_("city (Russian)"), max_length=80, blank=True)
    city_kk = models.CharField(_("city (Kazakh)"), max_length=80, blank=True)
    # Where the office is; the default region of the violations its cases record.
    region = models.ForeignKey(
        "Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        related_name="branches",
    )
    is_head_office = models.BooleanField(_("head office"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_head_office", "name"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")

    def __str__(self) -> str:
        # In the reader's language wherever a branch is printed (filters, lists, forms), the
        # English name marked "[en]" when the translation is missing (as Theme does).
        return self.localized_name().marked

    def localized_name(self, lang: str | None = None):
        return localized(self, "name", lang)

    def localized_city(self, lang: str | None = None):
        return localized(self, "city", lang)


class User(AbstractUser):
    """A member of staff. Roles are groups; the branch decides what a branch head oversees."""

    branch = models.ForeignKey(
        Branch,
        verbose_name=_("branch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    # Filings name counsel in the filing's script: "Dinara Seitkali" / "Динара Сейткали".
    full_name_latin = models.CharField(_("full name (Latin script)"), max_length=150, blank=True)
    full_name_cyrillic = models.CharField(
        _("full name (Cyrillic script)"), max_length=150, blank=True
    )

    # Role changes are permission changes: group membership is part of the history too.
    history = HistoricalRecords(
        excluded_fields=["password", "last_login"], m2m_fields=[AbstractUser.groups.field]
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, *roles: str) -> bool:
        """True when the user belongs to any of the given role groups (cached per instance)."""
        if not self.is_active:
            return False
        if not hasattr(self, "_role_cache"):
            self.load_roles_and_permissions()
        return any(role in self._role_cache for role in roles)

    def load_roles_and_permissions(self) -> tuple[set[str], set[str]]:
        """The role groups and the model permissions ("app.codename"), in one query.

        Every page asks both (the navigation, the buttons); Django's ModelBackend would ask the
        user's own and the groups' permissions in two more queries. The result is kept where
        Django's backend looks for it (`_perm_cache`), per instance, i.e. per request.
        """
        by_group = (
            Group.objects.filter(user=self)
            .order_by()
            .values_list("name", "permissions__content_type__app_label", "permissions__codename")
        )
        own = (
            Permission.objects.filter(user=self)
            .order_by()
            .values_list(models.Value(""), "content_type__app_label", "codename")
        )
        roles: set[str] = set()
        perms: set[str] = set()
        for group, app_label, codename in by_group.union(own, all=True):
            if group:
                roles.add(group)
            if codename:
                perms.add(f"{app_label}.{codename}")
        self._role_cache = roles
        if not self.is_superuser:  # a superuser's are every permission: Django's own rule
            self._perm_cache = perms
        return roles, perms

    def forget_roles_and_permissions(self) -> None:
        """After a change of groups in this request."""
        for name in ("_role_cache", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            self.__dict__.pop(name, None)

    def name_in(self, lang: str) -> str | None:
        """The full name in the script of a document in `lang`, or None when not recorded."""
        forms = {"en": self.full_name_latin, "ru": self.full_name_cyrillic}
        return written_in(self.get_full_name(), forms, lang, proper_name=True)

    @property
    def roles(self) -> list[str]:
        self.has_role()  # fills the cache
        return sorted(getattr(self, "_role_cache", set()))


class Theme(models.Model):
    """A monitoring theme (torture, peaceful assembly, ...). Reference data, editable in admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    # Names per language (casework.names): the plain field is English, the others beside it.
    name = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        # Shown in the reader's language wherever a theme is printed (lists, filters, the case
        # page); the English name, marked "[en]", when the translation is missing.
        return self.localized_name().marked

    def localized_name(self, lang: str | None = None):
        return localized(self, "name", lang)


class RegionKind(models.TextChoices):
    REGION = "region", _("Region (oblast)")
    CITY = "city", _("City of republican significance")


class Region(models.Model):
    """A first-level division of Kazakhstan, for the period it existed.

    Reference data (seeded by migration, editable in admin): the 17 regions and 3 cities of
    republican significance of the division in force since 8 June 2022 (Presidential Decree of
    3 May 2022 No. 887 created Abai, Zhetisu and Ulytau regions), and the regions as they were
    before that date. A case is counted in the region of its time; `successor` maps a former
    region to the one of today that continues it (same ISO code) and `split_from` records where
    a new region came from. Codes are ISO 3166-2:KZ (docs/statistics.md records the sources).
    """

    code = models.CharField(_("ISO 3166-2 code"), max_length=6)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    # Names per language (casework.names): the plain field is English, the others beside it.
    name = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120, blank=True)
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty: since before our records.")
    )
    valid_to = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: the region exists today.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("continued today by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="split_off",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "valid_from"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="region_code_once_per_period"
            ),
            # NULL valid_from ("since before our records") is not equal to itself in SQL.
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(valid_from__isnull=True),
                name="region_code_once_without_start",
            ),
        ]

    def __str__(self) -> str:
        return self.label()

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def localized_name(self, lang: str | None = None):
        return localized(self, "name", lang)

    def label(self, lang: str | None = None) -> str:
        """The name in `lang`, with the year a former region ceased ("… (until 2022)")."""
        name = self.localized_name(lang).marked
        if self.valid_to is None:
            return name
        return _("%(name)s (until %(year)s)") % {"name": name, "year": self.valid_to.year}

    def existed_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def on(self, day) -> Region:
        """The region of `day` that this region of today continues (itself when it existed).

        A case opened in 2020 at a branch in today's Karaganda region took place in the
        Karaganda region of 2020, which also held today's Ulytau region.
        """
        if self.existed_on(day):
            return self
        for predecessor in self.predecessors.all():
            if predecessor.existed_on(day):
                return predecessor
        return self

    def today(self) -> Region:
        """The region of today that continues this one (itself when it still exists)."""
        return self.successor or self


class CovenantArticle(models.Model):
    """An article of the International Covenant on Civil and Political Rights (arts 1-27)."""

    number = models.PositiveSmallIntegerField(_("article"), unique=True)
    # Descriptive titles (the Covenant itself has none), per language as in casework.names.
    title = models.CharField(_("title (English)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("Covenant article")
        verbose_name_plural = _("Covenant articles")

    def __str__(self) -> str:
        return _("Art. %(number)s — %(title)s") % {
            "number": self.number,
            "title": self.localized_title().marked,
        }

    def localized_title(self, lang: str | None = None):
        return localized(self, "title", lang)


class Person(models.Model):
    """A natural person in the organisation's records: client, victim, relative or witness.

    Identity fields are the most sensitive data Remedy holds; `casework.identity` masks them for
    users without the "view identity" permission on a case the person belongs to.
    """

    full_name = models.CharField(_("full name (as written)"), max_length=200)
    full_name_latin = models.CharField(_("full name (transliterated)"), max_length=200, blank=True)
    full_name_cyrillic = models.CharField(
        _("full name (Cyrillic script)"),
        max_length=200,
        blank=True,
        help_text=_("Only when the name as written is not in Cyrillic."),
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    birth_place_en = models.CharField(_("place of birth (English)"), max_length=200, blank=True)
    birth_place_ru = models.CharField(_("place of birth (Russian)"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    nationality_en = models.CharField(_("nationality (English)"), max_length=100, blank=True)
    nationality_ru = models.CharField(_("nationality (Russian)"), max_length=100, blank=True)
    address = LongTextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = LongTextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("A date of birth cannot be in the future.")})

    # The forms a filing in `lang` may print (casework.names.written_in); None when missing.
    def name_in(self, lang: str) -> str | None:
        forms = {"en": self.full_name_latin, "ru": self.full_name_cyrillic}
        return written_in(self.full_name, forms, lang, proper_name=True)

    def nationality_in(self, lang: str) -> str | None:
        forms = {"en": self.nationality_en, "ru": self.nationality_ru}
        return written_in(self.nationality, forms, lang)

    def birth_place_in(self, lang: str) -> str | None:
        forms = {"en": self.birth_place_en, "ru": self.birth_place_ru}
        return written_in(self.birth_place, forms, lang)


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("Normal")
    RESTRICTED = "restricted", _("Restricted")
    SECRET = "secret", _("Secret")


class Stage(models.TextChoices):
    """Where a case stands on the legal route (DOMAIN.md, "The life of a case")."""

    INTAKE = "intake", _("Intake")
    SCREENING = "screening", _("Screening")
    PRIMARY_AID = "primary_aid", _("Primary legal aid")
    DOMESTIC = "domestic", _("Domestic proceedings")
    EXHAUSTION = "exhaustion", _("Exhaustion assessment")
    DRAFTING = "drafting", _("Drafting the communication")
    SUBMITTED = "submitted", _("Submitted to the Committee")
    COMMITTEE = "committee", _("Before the Committee")
    FOLLOW_UP = "follow_up", _("Follow-up of Views")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    VIEWS_IMPLEMENTED = "views_followed_up", _("Views adopted and followed up")
    INADMISSIBLE = "inadmissible", _("Declared inadmissible")
    DECLINED = "declined", _("Declined at screening")
    REFERRED = "referred", _("Referred elsewhere")
    SETTLED = "settled", _("Settled or remedied domestically")
    WITHDRAWN = "withdrawn", _("Client withdrew")
    TRANSFERRED = "transferred", _("Transferred to another organisation")
    AID_COMPLETED = "aid_completed", _("Primary legal aid completed")


class Case(models.Model):
    reference = models.CharField(
        _("reference"),
        max_length=32,
        unique=True,
        help_text=_("Assigned automatically, e.g. KIBHR-2026-0001."),
    )
    title = models.CharField(_("title"), max_length=300)
    branch = models.ForeignKey(
        Branch, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="cases"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="cases"
    )
    # Statistics and the map count a case here (issue: "region where the violation took place").
    violation_region = models.ForeignKey(
        Region,
        verbose_name=_("region of the violation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        help_text=_("Where the violation took place. Empty: the branch's region at the time."),
    )
    summary = LongTextField(_("summary of facts"), blank=True)
    public_summary = LongTextField(
        _("anonymised public summary"),
        blank=True,
        help_text=_("Shown in the public precedent database only with consent to publish."),
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.NORMAL,
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.INTAKE)
    is_strategic = models.BooleanField(_("strategic case"), default=False)
    responsible_lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible lawyer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_cases",
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic locking: every save through a service bumps it; a stale form loses, clearly.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("manage_case_team", _("Can grant and revoke access to the case")),
            ("view_case_identity", _("Can see the identity of the case's client and victim")),
        ]
        indexes = [
            models.Index(fields=["stage"]),
            models.Index(fields=["confidentiality"]),
            # The case list's order, read backwards from the index (no sort of every case).
            models.Index(fields=["-opened_on", "-id"], name="case_list_order_idx"),
            # A branch head's rule: the normal cases of one branch.
            models.Index(fields=["branch", "confidentiality"], name="case_branch_conf_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"reference": self.reference})

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED

    def clean(self) -> None:
        errors = {}
        if self.closed_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A case cannot be closed before it was opened.")
        if self.closed_on and not self.closure_reason:
            errors["closure_reason"] = _("Say why the case was closed.")
        if errors:
            raise ValidationError(errors)


class PartyRole(models.TextChoices):
    CLIENT = "client", _("Client")
    VICTIM = "victim", _("Victim")
    AUTHOR = "author", _("Author of the communication")
    REPRESENTATIVE = "representative", _("Representative")
    RELATIVE = "relative", _("Relative")
    WITNESS = "witness", _("Witness")
    RESPONDENT = "respondent", _("Respondent authority")


# Roles whose identity is protected: masked without the case's "view identity" permission.
PROTECTED_PARTY_ROLES = {PartyRole.CLIENT, PartyRole.VICTIM, PartyRole.AUTHOR, PartyRole.RELATIVE}


class CaseParty(models.Model):
    """A person (or, for a respondent, an authority) and the role they play in one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_roles",
    )
    authority_name = models.CharField(
        _("authority"), max_length=200, blank=True, help_text=_("For a respondent authority.")
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "role"],
                condition=models.Q(person__isnull=False),
                name="unique_person_role_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person or self.authority_name}"

    def clean(self) -> None:
        if self.role == PartyRole.RESPONDENT:
            if not self.authority_name:
                raise ValidationError({"authority_name": _("Name the respondent authority.")})
        elif not self.person_id:
            raise ValidationError({"person": _("Choose the person who plays this role.")})


class AllegedViolation(models.Model):
    """A Covenant article (and paragraph) the case alleges was violated; Views may find it so."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="violations")
    article = models.ForeignKey(
        CovenantArticle, verbose_name=_("article"), on_delete=models.PROTECT, related_name="+"
    )
    paragraph = models.CharField(
        _("paragraph"), max_length=20, blank=True, help_text=_("e.g. 1, 3(b)")
    )
    read_with = models.ForeignKey(
        CovenantArticle,
        verbose_name=_("read in conjunction with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    found_violated = models.BooleanField(
        _("found violated by the Committee"), null=True, blank=True
    )
    notes = LongTextField(
        _("argument (Russian)"),
        blank=True,
        help_text=_("Why this is a violation; the package's section IV in Russian."),
    )
    notes_en = LongTextField(_("argument (English)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article__number", "paragraph"]
        verbose_name = _("alleged violation")
        verbose_name_plural = _("alleged violations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "article", "paragraph"], name="unique_violation_per_case"
            )
        ]

    def __str__(self) -> str:
        label = (
            f"{self.article.number}({self.paragraph})"
            if self.paragraph
            else str(self.article.number)
        )
        return _("Art. %(label)s") % {"label": label}


class Instance(models.TextChoices):
    """Domestic instances, in the order the law requires them (DOMAIN.md)."""

    ADMINISTRATIVE_COMPLAINT = "administrative_complaint", _("Administrative complaint")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    FIRST_INSTANCE = "first_instance", _("First instance")
    APPEAL = "appeal", _("Appeal")
    CASSATION = "cassation", _("Cassation")
    SUPERVISORY_REVIEW = "supervisory_review", _("Supervisory review")


# Which decided instance a filing presupposes: no appeal without a first-instance decision.
INSTANCE_PREREQUISITE = {
    Instance.APPEAL: Instance.FIRST_INSTANCE,
    Instance.CASSATION: Instance.APPEAL,
}


class ProcedureType(models.TextChoices):
    CIVIL = "civil", _("Civil")
    CRIMINAL = "criminal", _("Criminal")
    ADMINISTRATIVE = "administrative", _("Administrative procedure")
    ADMIN_OFFENCE = "admin_offence", _("Administrative offence")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    PARTLY_GRANTED = "partly_granted", _("Partly granted")
    DISMISSED = "dismissed", _("Dismissed")
    RETURNED = "returned", _("Returned without examination")
    DISCONTINUED = "discontinued", _("Discontinued")


_CLAIM = re.compile(r"(?<![\w(])(\d{1,2})((?:\([0-9a-z]{1,3}\))*)")


def normalise_claims(text: str) -> str:
    """Check and tidy a list of Covenant articles ("19 (2); 21" → "19(2), 21").

    Raises ValueError with a message for the user when an item is not an article of the Covenant
    (articles 1 to 27 hold the rights; 28 onwards are the Committee's and the final clauses).
    """
    items = [item.strip().replace(" ", "") for item in re.split(r"[,;]", text) if item.strip()]
    for item in items:
        match = _CLAIM.fullmatch(item)
        if not match or not 1 <= int(match.group(1)) <= 27:
            raise ValueError(
                _("“%(item)s” is not an article of the Covenant (1 to 27, e.g. 19(2)).")
                % {"item": item}
            )
    return ", ".join(dict.fromkeys(items))


class Proceeding(models.Model):
    """One step through a domestic body or court: filed on a date, decided on a date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proceedings")
    # Named `level`, not `instance`: simple-history's historical rows reserve `instance`.
    level = models.CharField(_("instance"), max_length=30, choices=Instance.choices)
    procedure_type = models.CharField(
        _("procedure"), max_length=20, choices=ProcedureType.choices, default=ProcedureType.CIVIL
    )
    body = models.CharField(_("court or body (as written)"), max_length=200)
    # The court's name for filings in another language than it was written in (casework.names).
    body_en = models.CharField(_("court or body (English)"), max_length=200, blank=True)
    body_ru = models.CharField(_("court or body (Russian)"), max_length=200, blank=True)
    body_kk = models.CharField(_("court or body (Kazakh)"), max_length=200, blank=True)
    court_case_number = models.CharField(_("court case number"), max_length=80, blank=True)
    filed_on = models.DateField(_("filed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decision_summary = LongTextField(_("decision summary"), blank=True)
    # What the Committee asks of exhaustion: was the substance of each claim raised before this
    # instance, and was the Covenant itself relied on (OP art. 5(2)(b); the package's section III).
    claims_raised = models.CharField(
        _("claims raised (Covenant articles)"),
        max_length=200,
        blank=True,
        help_text=_(
            "The Covenant rights whose substance was argued before this instance, as articles, "
            "e.g. 19(2), 21."
        ),
    )
    covenant_invoked = models.BooleanField(
        _("Covenant invoked"),
        null=True,
        blank=True,
        help_text=_("Whether the complaint or appeal relied on the Covenant expressly."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("proceeding")
        verbose_name_plural = _("proceedings")

    def __str__(self) -> str:
        return f"{self.get_level_display()} — {self.body}"

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    def body_in(self, lang: str) -> str | None:
        """The court's name for a filing in `lang`, or None when it has no form in that script."""
        return written_in(
            self.body, {"en": self.body_en, "ru": self.body_ru, "kk": self.body_kk}, lang
        )

    @property
    def body_shown(self) -> str:
        """The court's name in the reader's language where it is recorded, else as written."""
        lang = (get_language() or "en")[:2]
        return {"en": self.body_en, "ru": self.body_ru, "kk": self.body_kk}.get(lang) or self.body

    @property
    def claimed_articles(self) -> list[int]:
        """The article numbers of `claims_raised` ("19(2), 21" → [19, 21])."""
        return [int(match.group(1)) for match in _CLAIM.finditer(self.claims_raised or "")]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.claims_raised.strip():
            try:
                self.claims_raised = normalise_claims(self.claims_raised)
            except ValueError as exc:
                errors["claims_raised"] = str(exc)
        if self.covenant_invoked and not self.claims_raised.strip():
            errors["claims_raised"] = _("Say which Covenant articles were invoked.")
        if self.filed_on and self.filed_on > today:
            errors["filed_on"] = _("A filing date cannot be in the future.")
        if self.decided_on:
            if self.decided_on > today:
                errors["decided_on"] = _("A decision date cannot be in the future.")
            elif self.filed_on and self.decided_on < self.filed_on:
                errors["decided_on"] = _("A decision cannot be dated before the filing.")
            if self.outcome == Outcome.PENDING:
                errors["outcome"] = _("A decided proceeding needs its outcome.")
        elif self.outcome not in ("", Outcome.PENDING):
            errors["decided_on"] = _("Give the date of the decision.")
        prerequisite = INSTANCE_PREREQUISITE.get(self.level)
        if prerequisite and self.case_id and self.filed_on:
            earlier = Proceeding.objects.filter(
                case_id=self.case_id,
                level=prerequisite,
                decided_on__isnull=False,
                decided_on__lte=self.filed_on,
            ).exclude(pk=self.pk)
            if not earlier.exists():
                errors["level"] = _(
                    "%(instance)s needs a %(prerequisite)s decision recorded on or before the "
                    "filing date."
                ) % {
                    "instance": Instance(self.level).label,
                    "prerequisite": Instance(prerequisite).label.lower(),
                }
        if errors:
            raise ValidationError(errors)


class DocumentKind(models.TextChoices):
    AUTHORISATION = "authorisation", _("Authorisation / power of attorney")
    DECISION = "decision", _("Decision or judgment")
    COMPLAINT = "complaint", _("Complaint or appeal")
    EVIDENCE = "evidence", _("Evidence")
    CORRESPONDENCE = "correspondence", _("Correspondence")
    TRANSLATION = "translation", _("Translation")
    SUBMISSION = "submission", _("Submission to the Committee")
    COMMITTEE = "committee", _("Committee document")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    KAZAKH = "kk", _("Kazakh")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other")


def document_upload_to(instance: Document, filename: str) -> str:
    # Never the uploader's filename on disk: it can carry a name or a path traversal.
    return f"documents/{instance.case_id}/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.NORMAL,
    )
    file = models.FileField(
        _("file"), upload_to=document_upload_to, storage=get_document_storage, max_length=300
    )
    original_filename = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("replaces version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
    )
    proceeding = models.ForeignKey(
        Proceeding,
        verbose_name=_("proceeding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    annex_order = models.PositiveSmallIntegerField(
        _("annex number"),
        null=True,
        blank=True,
        help_text=_("Position among the annexes of the communication; empty if not annexed."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def version_number(self) -> int:
        number, doc = 1, self
        while doc.previous_version_id:
            number += 1
            doc = doc.previous_version
        return number

    def clean(self) -> None:
        errors = {}
        if self.previous_version_id and self.previous_version.case_id != self.case_id:
            errors["previous_version"] = _("A new version must belong to the same case.")
        if self.translation_of_id:
            if self.translation_of.case_id != self.case_id:
                errors["translation_of"] = _("A translation must belong to the same case.")
            elif self.translation_of_id == self.pk:
                errors["translation_of"] = _("A document cannot translate itself.")
        if self.proceeding_id and self.proceeding.case_id != self.case_id:
            errors["proceeding"] = _("The proceeding belongs to another case.")
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def hash_bytes(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()


class AuthorisationKind(models.TextChoices):
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
    COMMITTEE_AUTHORISATION = "committee_authorisation", _("Authorisation to act before the HRC")
    CONSENT_TO_PUBLISH = "consent_to_publish", _("Consent to publish")
    CONSENT_DATA = "consent_data", _("Consent to process personal data")


class Authorisation(models.Model):
    """A power of attorney or consent given by a person, possibly withdrawn later."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="authorisations")
    person = models.ForeignKey(
        Person, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="authorisations"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AuthorisationKind.choices)
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("signed document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("authorisation or consent")
        verbose_name_plural = _("authorisations and consents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.signed_on:%Y-%m-%d})"

    def is_in_force(self, on=None) -> bool:
        on = on or timezone.localdate()
        if self.signed_on > on:
            return False
        if self.withdrawn_on and self.withdrawn_on <= on:
            return False
        return not (self.valid_until and self.valid_until < on)

    def clean(self) -> None:
        errors = {}
        if self.signed_on and self.signed_on > timezone.localdate():
            errors["signed_on"] = _("A signature date cannot be in the future.")
        if self.valid_until and self.signed_on and self.valid_until < self.signed_on:
            errors["valid_until"] = _("An authorisation cannot expire before it was signed.")
        if self.withdrawn_on and self.signed_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = _("A consent cannot be withdrawn before it was given.")
        if errors:
            raise ValidationError(errors)


class ActivityKind(models.TextChoices):
    NOTE = "note", _("Note")
    CONSULTATION = "consultation", _("Consultation")
    COMPLAINT = "complaint", _("Complaint to a state body")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Detention visit")


class Activity(models.Model):
    """What was done on a case: consultations, complaints to state bodies, notes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    text = LongTextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.occurred_on and self.occurred_on > timezone.localdate():
            raise ValidationError({"occurred_on": _("An activity cannot be dated in the future.")})


class AccessAction(models.TextChoices):
    VIEW_CASE = "view_case", _("Viewed case")
    VIEW_IDENTITY = "view_identity", _("Viewed identity")
    DOWNLOAD = "download", _("Downloaded document")
    EXPORT = "export", _("Exported")
    BUILD_PACKAGE = "build_package", _("Built a filing")
    GRANT_ACCESS = "grant_access", _("Granted access")
    BREAK_GLASS = "break_glass", _("Granted themselves access (break-glass)")
    # Written by security.alerts when one account reads or downloads unusually much.
    ALERT = "alert", _("Unusual reading alert")
    # Written by security.incidents: an incident (detentions, searches, threats) was opened.
    # Incidents belong to no case, so these rows have none; `object_repr` names the incident.
    VIEW_INCIDENT = "view_incident", _("Viewed incident")


class AccessLog(models.Model):
    """Who read what in restricted and secret cases, and every read of an incident.

    Append-only: see `save` and `delete`. A row without a case is a read of something that
    belongs to no case (an incident of the security register: `object_repr` is "incident #<id>").

    Tamper-evident: each new row's `hash` is chained to the previous row's (casework.access_chain);
    `manage.py verify_access_log` finds the first broken link. On PostgreSQL the runtime role may
    only INSERT and SELECT here (docs/security.md, "Database roles").
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Empty for a list exported across cases (casework.exports: one row says who exported which
    # list with which filters; the restricted and secret cases in it get a row each) and for an
    # incident read (security.incidents).
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    object_repr = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False, default="")
    hash = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        ordering = ["-at", "-id"]
        # The access-log page lists the latest rows, filtered by user or by case (issue 13).
        indexes = [
            models.Index(fields=["-at", "-id"], name="accesslog_latest_idx"),
            models.Index(fields=["user", "-at"], name="accesslog_user_latest_idx"),
        ]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.case_id or '-'}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("The access log is append-only.")
        using = kwargs.get("using") or router.db_for_write(AccessLog, instance=self)
        # The lock is held until the caller's transaction commits: the next writer chains onto
        # this row, never onto the same predecessor.
        with access_chain.chain_lock(using):
            head = AccessLog.objects.using(using).order_by("-id").values_list("hash", flat=True)
            self.prev_hash = head.first() or access_chain.GENESIS_HASH
            self.object_repr = (self.object_repr or "")[:200]
            # Stored to the millisecond, what a backup (dumpdata) keeps: restores are exact.
            self.at = self.at.replace(microsecond=self.at.microsecond // 1000 * 1000)
            self.hash = access_chain.entry_hash(
                self.prev_hash,
                **{name: getattr(self, name) for name in access_chain.CHAIN_FIELDS},
            )
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The access log is append-only.")


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A user's grant on one case, with a real foreign key to the case.

    guardian's generic table stores the object id as text, so the permission filter had to cast
    and scan every case; with this direct foreign key (django-guardian's "direct foreign keys",
    found by guardian itself for `Case`) `cases_visible_to` is an indexed join. The unique
    (user, permission, case) index serves "which cases may this user see"; the case's own index
    serves "who is on this team".
    """

    # A visible reverse name: guardian finds a direct model through the case's relations.
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="user_grants")

    # Grants and revocations are evidence: every row's creation and deletion is kept.
    history = HistoricalRecords()

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("case grant to a user")
        verbose_name_plural = _("case grants to users")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """A group's grant on one case (direct foreign key, as `CaseUserObjectPermission`)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="group_grants")

    history = HistoricalRecords()

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("case grant to a group")
        verbose_name_plural = _("case grants to groups")


def _register_permission_history() -> None:
    """Grants and revocations are evidence too: keep the history of guardian's permission rows."""
    for model in (UserObjectPermission, GroupObjectPermission):
        if not hasattr(model, "history"):
            register(
                model, app="casework", table_name=f"casework_historical{model._meta.model_name}"
            )


_register_permission_history()
