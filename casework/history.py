"""The case history: one readable timeline over the case and everything that belongs to it.

Rows come from django-simple-history (the case, its parties and their people, violations,
proceedings, documents, consents, activities) and from the history of guardian's permission rows
on this case (grants and revocations). Each entry says who, when, why, and which fields changed.
Identifying fields of people are masked exactly as on the rest of the case file. Read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .identity import HIDDEN, IDENTIFYING_PERSON_FIELDS, IdentityMask
from .models import (
    Activity,
    AllegedViolation,
    Authorisation,
    Case,
    CaseParty,
    CaseUserObjectPermission,
    CovenantArticle,
    Document,
    Person,
    Proceeding,
    User,
)
from .selectors import PERMISSION_LABELS

# A case's history is bounded in practice; this cap keeps one page cheap even for a huge case.
MAX_ROWS_PER_MODEL = 1000

# Bookkeeping fields nobody needs to read in a diff.
SKIPPED_FIELDS = {"id", "version", "updated_at", "created_at", "uploaded_at", "case"}

ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class Entry:
    when: dt.datetime
    who: User | None
    reason: str
    kind: str
    action: str
    action_code: str
    label: str
    changes: list[Change] = field(default_factory=list)


def _display(model: type[models.Model], name: str, value: Any, resolve) -> Any:
    if value in (None, ""):
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since: show the raw value
        return value
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.ForeignKey):
        return resolve(model_field.related_model, value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except Exception:  # noqa: BLE001
        return name


class _Resolver:
    """Labels for foreign keys in diffs, masked for people; one query per distinct object."""

    def __init__(self, mask: IdentityMask):
        self.mask = mask
        self.cache: dict[tuple[type, Any], str] = {}

    def prefill_people(self, person_ids: set[int]) -> None:
        """Label every person of the case with one query instead of one each."""
        if not person_ids:
            return
        names = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "full_name"))
        for pk in person_ids:
            if self.mask.is_masked(pk):
                self.cache[(Person, pk)] = self.mask.name(None, person_id=pk)
            else:
                self.cache[(Person, pk)] = names.get(pk, f"#{pk}")

    def __call__(self, model: type[models.Model], pk: Any) -> str:
        key = (model, pk)
        if key not in self.cache:
            if model is Person:
                self.cache[key] = (
                    self.mask.name(None, person_id=pk)
                    if self.mask.is_masked(pk)
                    else str(Person.objects.filter(pk=pk).first() or f"#{pk}")
                )
            else:
                obj = model._default_manager.filter(pk=pk).first()
                self.cache[key] = str(obj) if obj is not None else f"#{pk} ({_('deleted')})"
        return self.cache[key]


def _rows(model: type[models.Model], **filters) -> list:
    history = model.history.model
    return list(
        history.objects.filter(**filters)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:MAX_ROWS_PER_MODEL]
    )


def _diff_entries(
    rows: list, model: type[models.Model], kind: str, label_of, mask: IdentityMask, resolve
) -> list[Entry]:
    """Turn history rows of one model into entries, diffing each row against the previous one."""
    by_object: dict[Any, list] = {}
    for row in rows:
        by_object.setdefault(row.id, []).append(row)
    entries = []
    for object_rows in by_object.values():
        object_rows.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for row in object_rows:
            changes: list[Change] = []
            if previous is not None and row.history_type == "~":
                delta = row.diff_against(previous, excluded_fields=SKIPPED_FIELDS)
                for change in delta.changes:
                    old, new = change.old, change.new
                    masked = model is Person and change.field in IDENTIFYING_PERSON_FIELDS
                    if masked and mask.is_masked(row.id):
                        old = new = HIDDEN
                    else:
                        old = _display(model, change.field, old, resolve)
                        new = _display(model, change.field, new, resolve)
                    changes.append(Change(_field_label(model, change.field), old, new))
            entries.append(
                Entry(
                    when=row.history_date,
                    who=row.history_user,
                    reason=row.history_change_reason or "",
                    kind=kind,
                    action=str(ACTIONS.get(row.history_type, row.history_type)),
                    action_code=row.history_type,
                    label=label_of(row),
                    changes=changes,
                )
            )
            previous = row
    return entries


def _article_numbers() -> dict[int, int]:
    return dict(CovenantArticle.objects.values_list("pk", "number"))


def case_timeline(
    case: Case, *, mask: IdentityMask, hidden_documents: set[int] | frozenset = frozenset()
) -> list[Entry]:
    """Every recorded change of `case` and its related records, newest first.

    `hidden_documents`: documents the reader may not see (documents.documents_visible_to);
    their history is left out too.
    """
    resolve = _Resolver(mask)
    entries: list[Entry] = []
    entries += _diff_entries(
        _rows(Case, id=case.pk), Case, _("Case"), lambda r: r.reference, mask, resolve
    )

    party_rows = _rows(CaseParty, case_id=case.pk)
    authorisation_rows = _rows(Authorisation, case_id=case.pk)
    person_ids = {r.person_id for r in party_rows if r.person_id}
    person_ids |= {r.person_id for r in authorisation_rows if r.person_id}
    resolve.prefill_people(person_ids)

    def party_label(row) -> str:
        who = resolve(Person, row.person_id) if row.person_id else row.authority_name
        return f"{_display(CaseParty, 'role', row.role, resolve)}: {who}"

    entries += _diff_entries(party_rows, CaseParty, _("Party"), party_label, mask, resolve)
    if person_ids:
        entries += _diff_entries(
            _rows(Person, id__in=person_ids),
            Person,
            _("Person"),
            lambda r: resolve(Person, r.id),
            mask,
            resolve,
        )

    articles = _article_numbers()
    entries += _diff_entries(
        _rows(AllegedViolation, case_id=case.pk),
        AllegedViolation,
        _("Violation"),
        lambda r: (
            _("Art. %(n)s") % {"n": articles.get(r.article_id, "?")}
            + (f"({r.paragraph})" if r.paragraph else "")
        ),
        mask,
        resolve,
    )
    entries += _diff_entries(
        _rows(Proceeding, case_id=case.pk),
        Proceeding,
        _("Proceeding"),
        lambda r: f"{_display(Proceeding, 'level', r.level, resolve)} — {r.body}",
        mask,
        resolve,
    )
    entries += _diff_entries(
        [r for r in _rows(Document, case_id=case.pk) if r.id not in hidden_documents],
        Document,
        _("Document"),
        lambda r: r.title,
        mask,
        resolve,
    )
    entries += _diff_entries(
        authorisation_rows,
        Authorisation,
        _("Authorisation"),
        lambda r: (
            f"{_display(Authorisation, 'kind', r.kind, resolve)} — {resolve(Person, r.person_id)}"
        ),
        mask,
        resolve,
    )
    entries += _diff_entries(
        _rows(Activity, case_id=case.pk),
        Activity,
        _("Activity"),
        lambda r: f"{_display(Activity, 'kind', r.kind, resolve)} {r.occurred_on:%Y-%m-%d}",
        mask,
        resolve,
    )
    entries += _permission_entries(case)
    entries.sort(key=lambda e: e.when, reverse=True)
    if not mask.reveal:
        _mask_free_text(entries, mask)
    return entries


def _mask_free_text(entries: list[Entry], mask: IdentityMask) -> None:
    """Names typed into reasons, labels and changed free-text values."""
    for entry in entries:
        entry.reason = mask.text(entry.reason)
        entry.label = mask.text(entry.label)
        for change in entry.changes:
            change.old = mask.text(change.old)
            change.new = mask.text(change.new)


def _permission_entries(case: Case) -> list[Entry]:
    history = CaseUserObjectPermission.history.model
    rows = (
        history.objects.filter(content_object_id=case.pk)
        .select_related("history_user", "user", "permission")
        .order_by("-history_date", "-history_id")[:MAX_ROWS_PER_MODEL]
    )
    entries = []
    for row in rows:
        granted = row.history_type != "-"
        perm = PERMISSION_LABELS.get(row.permission.codename, row.permission.name)
        entries.append(
            Entry(
                when=row.history_date,
                who=row.history_user,
                reason=row.history_change_reason or "",
                kind=_("Team"),
                action=_("granted") if granted else _("revoked"),
                action_code="+" if granted else "-",
                label=f"{perm} — {row.user}",
            )
        )
    return entries
