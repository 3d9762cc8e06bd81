"""Changing publications: prepare, check, approve, publish, unpublish — each step recorded.

Every change of the working copy bumps its revision, so an approval or an administrator's
approval given for an earlier revision no longer counts: what is published is exactly what was
approved and checked. Publishing freezes the revision into an immutable `Snapshot`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.audit import save_audited
from casework.models import (
    AllegedViolation,
    Case,
    Confidentiality,
    CovenantArticle,
    Document,
    Instance,
    Outcome,
    ProcedureType,
    Proceeding,
    Region,
    User,
)
from casework.names import localized, written_in
from communications.models import CommitteeOutcome
from communications.selectors import communication_for
from monitoring.models import Assessment

from . import rendering, selectors
from .models import (
    PUBLIC_LANGUAGES,
    Publication,
    PublicationStep,
    PublicDocument,
    RouteStep,
    Snapshot,
    SnapshotFile,
    SnapshotStatus,
    StepKind,
)
from .themes import theme_name

EDITABLE_FIELDS = (
    "title_ru",
    "title_kk",
    "title_en",
    "summary_ru",
    "summary_kk",
    "summary_en",
    "article_numbers",
    "theme",
    "region",
    "outcome",
    "decided_on",
    "views_symbol",
    "views_url",
    "follow_up_grade",
)


def _step(
    publication: Publication, kind: str, *, by: User | None, reason: str = "", detail=None
) -> PublicationStep:
    return save_audited(
        PublicationStep(
            publication=publication,
            revision=publication.revision,
            kind=kind,
            by=by,
            reason=reason[:500],
            detail=detail or {},
        ),
        by=by,
        reason=str(StepKind(kind).label),
    )


def _new_slug() -> str:
    while True:
        slug = f"case-{secrets.token_hex(4)}"
        if not Publication.objects.filter(slug=slug).exists():
            return slug


def _month(value: dt.date | None) -> dt.date | None:
    return value.replace(day=1) if value else None


def publication_start(*, case: Case, by: User) -> Publication:
    """The working copy of a case's publication, filled from the case file where it can be.

    What is taken is what the public may read anyway: articles, theme, the branch's region, the
    Committee's outcome and symbol, the last follow-up grade, the route (instances, months,
    courts). Titles and summaries are written by the preparer; the case's own anonymised public
    summary, if any, starts the English summary.
    """
    if case.confidentiality == Confidentiality.SECRET:
        raise ValidationError(_("A secret case is never published."))
    existing = selectors.publication_for(case)
    if existing is not None:
        return existing
    communication = communication_for(case)
    articles = sorted(
        set(AllegedViolation.objects.filter(case=case).values_list("article__number", flat=True))
    )
    publication = Publication(
        case=case,
        slug=_new_slug(),
        theme=case.theme,
        article_numbers=articles,
        summary_en=case.public_summary,
        region=case.violation_region or case.branch.region,
        created_by=by,
    )
    if communication is not None:
        publication.outcome = communication.outcome
        publication.decided_on = communication.decided_on
        publication.views_symbol = communication.document_symbol
        # The latest Committee grade of any remedy of the Views (monitoring), on today's scale.
        last = (
            Assessment.objects.filter(recommendation__case=case, grade__isnull=False)
            .select_related("grade")
            .order_by("-assessed_on", "-pk")
            .first()
        )
        publication.follow_up_grade = last.grade if last and last.grade.current else None
    with transaction.atomic():
        # Validated without the text rule: a new working copy has no title yet.
        save_audited(publication, by=by, reason=_("Publication started"), validate=False)
        for order, proceeding in enumerate(
            Proceeding.objects.filter(case=case).order_by("filed_on", "id")
        ):
            save_audited(
                RouteStep(
                    publication=publication,
                    order=order,
                    level=proceeding.level,
                    procedure_type=proceeding.procedure_type,
                    body_en=written_in(proceeding.body, {"en": proceeding.body_en}, "en") or "",
                    body_ru=written_in(proceeding.body, {"ru": proceeding.body_ru}, "ru") or "",
                    body_kk=written_in(proceeding.body, {"kk": proceeding.body_kk}, "kk") or "",
                    filed_month=_month(proceeding.filed_on),
                    decided_month=_month(proceeding.decided_on),
                    outcome=proceeding.outcome,
                ),
                by=by,
                reason=_("Publication started"),
            )
        _step(publication, StepKind.PREPARED, by=by, reason=_("Publication started"))
    return publication


def _bump(publication: Publication, *, by: User, reason: str) -> Publication:
    publication.revision += 1
    save_audited(publication, by=by, reason=reason, validate=False)
    _step(publication, StepKind.PREPARED, by=by, reason=reason)
    return publication


def publication_update(
    *, publication: Publication, by: User, data: dict[str, Any], reason: str = ""
) -> Publication:
    with transaction.atomic():
        for name in EDITABLE_FIELDS:
            if name in data:
                setattr(publication, name, data[name])
        publication.full_clean()
        return _bump(publication, by=by, reason=reason or _("Publication changed"))


def route_step_save(
    *, publication: Publication, by: User, step: RouteStep | None = None, **fields: Any
) -> RouteStep:
    step = step or RouteStep(publication=publication)
    for name, value in fields.items():
        setattr(step, name, value)
    with transaction.atomic():
        save_audited(step, by=by, reason=_("Route changed"))
        _bump(publication, by=by, reason=_("Route changed"))
    return step


def route_step_remove(*, step: RouteStep, by: User) -> None:
    publication = step.publication
    with transaction.atomic():
        step._history_user = by
        step.delete()
        _bump(publication, by=by, reason=_("Route changed"))


def document_add(
    *,
    publication: Publication,
    by: User,
    source: Document | None,
    title: str,
    language: str,
    text: str = "",
) -> PublicDocument:
    """Choose a document for the public; its text is extracted from the file unless given."""
    if source is not None and source.case_id != publication.case_id:
        raise ValidationError(_("The document belongs to another case."))
    if not text.strip() and source is not None:
        try:
            text = rendering.extract_text(source)
        except rendering.ExtractionError as exc:
            raise ValidationError(
                _("The text of this document could not be read (%(error)s); paste it instead.")
                % {"error": exc}
            ) from exc
    if not text.strip():
        raise ValidationError(
            _("This document has no text to take (a scan or an image): type or paste its text.")
        )
    with transaction.atomic():
        document = save_audited(
            PublicDocument(
                publication=publication,
                source=source,
                title=title,
                language=language,
                text=text,
                order=publication.documents.count(),
            ),
            by=by,
            reason=_("Document chosen for publication"),
        )
        _bump(publication, by=by, reason=_("Document chosen for publication"))
    return document


def document_update(*, document: PublicDocument, by: User, title: str, text: str) -> PublicDocument:
    document.title, document.text = title, text
    with transaction.atomic():
        save_audited(document, by=by, reason=_("Public document changed"))
        _bump(document.publication, by=by, reason=_("Public document changed"))
    return document


def document_remove(*, document: PublicDocument, by: User) -> None:
    publication = document.publication
    with transaction.atomic():
        document._history_user = by
        document.delete()
        _bump(publication, by=by, reason=_("Public document removed"))


# --- the gates -----------------------------------------------------------------------------


def residue_check(*, publication: Publication, by: User) -> list:
    """Scan the current revision; record the result (where and what kind, never the name)."""
    hits = selectors.residue_hits(publication)
    kind = StepKind.CHECK_FAILED if hits else StepKind.CHECKED
    _step(
        publication,
        kind,
        by=by,
        detail={"hits": [{"where": h.where, "kind": h.kind, "line": h.line} for h in hits]},
    )
    return hits


def publication_approve(*, publication: Publication, by: User, reason: str = "") -> PublicationStep:
    """A supervisor approves the current revision; never one who prepared it (four eyes)."""
    if not selectors.is_supervisor(by):
        raise PermissionDenied(_("Only a supervisor approves a publication."))
    if by.pk in selectors.preparers_of(publication):
        raise ValidationError(
            _("You prepared this publication: another supervisor must approve it.")
        )
    return _step(publication, StepKind.APPROVED, by=by, reason=reason)


def publication_admin_approve(
    *, publication: Publication, by: User, reason: str = ""
) -> PublicationStep:
    """An administrator allows a restricted case to be published (this revision only)."""
    if not selectors.is_administrator(by):
        raise PermissionDenied(_("Only an administrator approves publishing a restricted case."))
    if publication.case.confidentiality != Confidentiality.RESTRICTED:
        raise ValidationError(_("Only a restricted case needs an administrator's approval."))
    if by.pk in selectors.preparers_of(publication):
        raise ValidationError(
            _("You prepared this publication: another administrator must approve it.")
        )
    return _step(publication, StepKind.ADMIN_APPROVED, by=by, reason=reason)


def _labels(choices, value: str) -> dict[str, str]:
    label = dict(choices).get(value, "")
    out = {}
    for lang in PUBLIC_LANGUAGES:
        with translation.override(lang):
            out[lang] = str(label)
    return out


def _localized_all(obj, field: str) -> dict[str, str]:
    return {lang: localized(obj, field, lang).text for lang in PUBLIC_LANGUAGES}


def _region(region: Region | None) -> dict:
    """The region in every language; a former region keeps its name and the year it ended."""
    if region is None:
        return {"code": "", "name": dict.fromkeys(PUBLIC_LANGUAGES, "")}
    names = {}
    for lang in PUBLIC_LANGUAGES:
        with translation.override(lang):
            names[lang] = region.label(lang)
    return {"code": region.code, "current": region.is_current, "name": names}


def _content(publication: Publication, version: int) -> dict:
    """Everything the public site shows, in every language, frozen."""
    articles = {
        a.number: a for a in CovenantArticle.objects.filter(number__in=publication.article_numbers)
    }
    langs = publication.languages
    grade = publication.follow_up_grade
    content = {
        "slug": publication.slug,
        "version": version,
        "languages": langs,
        "published": timezone.localdate().isoformat(),
        "title": {lang: publication.title_in(lang).strip() for lang in langs},
        "summary": {lang: publication.summary_in(lang).strip() for lang in langs},
        "articles": [
            {"number": number, "title": _localized_all(articles[number], "title")}
            for number in sorted(articles)
        ],
        "theme": {
            "code": publication.theme.code,
            "name": {lang: theme_name(publication.theme, lang) for lang in PUBLIC_LANGUAGES},
        },
        "region": _region(publication.region),
        "route": [
            {
                "level": step.level,
                "level_label": _labels(Instance.choices, step.level),
                "procedure_label": _labels(ProcedureType.choices, step.procedure_type),
                "body": {
                    lang: getattr(step, f"body_{lang}") or step.body_en for lang in PUBLIC_LANGUAGES
                },
                "filed": step.filed_month.strftime("%Y-%m") if step.filed_month else "",
                "decided": step.decided_month.strftime("%Y-%m") if step.decided_month else "",
                "outcome_label": _labels(Outcome.choices, step.outcome),
            }
            for step in publication.route.all()
        ],
        "outcome": {
            "code": publication.outcome,
            "label": _labels(CommitteeOutcome.choices, publication.outcome),
            "decided": publication.decided_on.strftime("%Y-%m") if publication.decided_on else "",
            "symbol": publication.views_symbol,
            "url": publication.views_url,
        },
        "follow_up": {
            "grade": grade.code if grade else "",
            "label": {
                lang: grade.localized_label(lang).text if grade else "" for lang in PUBLIC_LANGUAGES
            },
        },
        "documents": [
            {
                "number": number,
                "title": document.title,
                "language": document.language,
                "text": document.text,
                "file": selectors.document_file_name(number),
            }
            for number, document in enumerate(publication.documents.all(), start=1)
        ],
    }
    return content


def publication_publish(*, publication: Publication, by: User) -> Snapshot:
    """Publish the current revision as a new immutable version, if every gate is open.

    A closed gate refuses, records the refusal (which gates, where the residue was found) and
    raises a ValidationError that says why; nothing is published.
    """
    with transaction.atomic():
        publication = Publication.objects.select_for_update().get(pk=publication.pk)
        rendered = selectors.render_documents(publication)
        gates = selectors.gates_for(publication, rendered=rendered)
        if gates.all_open:
            return _freeze(publication, by=by, rendered=rendered)
    # Recorded outside the locked block, which is left without writing anything.
    _step(
        publication,
        StepKind.REFUSED,
        by=by,
        detail={
            "gates": [g.key for g in gates.closed],
            "hits": [{"where": h.where, "kind": h.kind, "line": h.line} for h in gates.hits],
        },
    )
    raise ValidationError([f"{g.label}: {g.explanation}" for g in gates.closed])


def _freeze(publication: Publication, *, by: User, rendered: dict[int, bytes]) -> Snapshot:
    """The new immutable version (inside publication_publish's transaction, gates open)."""
    approval = selectors.approval_of(publication)
    previous = publication.snapshots.order_by("-version").first()
    version = (previous.version + 1) if previous else 1
    content = _content(publication, version)
    for old in publication.snapshots.filter(status=SnapshotStatus.LIVE):
        old.status = SnapshotStatus.SUPERSEDED
        save_audited(old, by=by, reason=_("Superseded by a new version"), validate=False)
    snapshot = save_audited(
        Snapshot(
            publication=publication,
            slug=publication.slug,
            version=version,
            revision=publication.revision,
            content=content,
            content_sha256=Snapshot.digest(content),
            published_by=by,
            approved_by=approval.by,
            status=SnapshotStatus.LIVE,
        ),
        by=by,
        reason=_("Published"),
        validate=False,
    )
    for number, data in rendered.items():
        SnapshotFile.objects.create(
            snapshot=snapshot,
            name=selectors.document_file_name(number),
            content_type="application/pdf",
            data=data,
        )
    _step(publication, StepKind.PUBLISHED, by=by, detail={"version": version})
    return snapshot


def _withdraw_live(publication: Publication, *, by: User | None, kind: str, reason: str) -> bool:
    live = list(publication.snapshots.select_for_update().filter(status=SnapshotStatus.LIVE))
    for snapshot in live:
        snapshot.status = SnapshotStatus.WITHDRAWN
        snapshot.withdrawn_at = timezone.now()
        save_audited(snapshot, by=by, reason=reason, validate=False)
    if live:
        _step(publication, kind, by=by, reason=reason)
    return bool(live)


def publication_unpublish(*, publication: Publication, by: User, reason: str = "") -> bool:
    """Take the case off the public site: the next export shows a tombstone at its address."""
    with transaction.atomic():
        done = _withdraw_live(
            publication, by=by, kind=StepKind.UNPUBLISHED, reason=reason or _("Unpublished")
        )
    if not done:
        raise ValidationError(_("This case is not published."))
    return done


def withdraw_if_no_longer_publishable(*, case: Case, by: User | None) -> bool:
    """A published case that no longer passes the case's gates leaves the public site at once:
    its consent to publish ended, it was made secret, or restricted without an administrator's
    approval of the published version (`selectors.why_not_publishable`).

    Called by casework's signals (same transaction) and, for what changes without a write (a
    consent that expires), by the daily jobs and by `export_public_site` before it builds.
    """
    publication = selectors.publication_for(case)
    if publication is None:
        return False
    live = publication.snapshots.filter(status=SnapshotStatus.LIVE).first()
    if live is None:
        return False
    kind, reason = selectors.why_not_publishable(publication, live)
    if not kind:
        return False
    with transaction.atomic():
        return _withdraw_live(publication, by=by, kind=kind, reason=reason)


def withdraw_unpublishable() -> int:
    """Every published case that no longer passes the case's gates: withdrawn. How many."""
    count = 0
    live = Publication.objects.filter(snapshots__status=SnapshotStatus.LIVE).select_related("case")
    for publication in live.distinct():
        count += withdraw_if_no_longer_publishable(case=publication.case, by=None)
    return count


def on_case_changed(sender, *, case: Case, by: User | None = None, **kwargs) -> None:
    """Receiver of casework's `consent_to_publish_changed` and `case_confidentiality_changed`
    (connected in apps.py)."""
    withdraw_if_no_longer_publishable(case=case, by=by)
