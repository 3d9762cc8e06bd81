"""The only writer of the monitoring tables: recommendations, remedies, assessments, dialogue.

Register writes need an analyst or a supervisor (`can_edit_register`); a case's remedies and its
follow-up need the right to change the case. The flow's follow-up step calls
`follow_up_round`; the follow-up deadlines are kept through `deadlines.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.audit import save_audited
from casework.models import Case, Document, User
from casework.selectors import can_change_case, cases_visible_to
from deadlines import services as deadline_services
from deadlines.models import Deadline, DeadlineRule

from .models import (
    Assessment,
    AssessmentSource,
    DialogueStatus,
    DialogueStatusChange,
    FollowUpGrade,
    Mechanism,
    Recommendation,
    RemedyKind,
)
from .selectors import can_edit_register

VIEWS_MECHANISM = "hrc-views"
STATE_REPLY_RULE = "hrc-follow-up-state-reply"
AUTHOR_COMMENTS_RULE = "hrc-follow-up-author-comments"


def _require_register_editor(by: User) -> None:
    if not can_edit_register(by):
        raise PermissionDenied(_("Only analysts and supervisors edit the register."))


def _require_case_change(by: User, case: Case) -> None:
    if not can_change_case(by, case):
        raise PermissionDenied(_("You may not change the follow-up of this case."))


# --- the register ------------------------------------------------------------------------


@transaction.atomic
def recommendation_save(
    *, recommendation: Recommendation, by: User, themes=None, articles=None, reason: str = ""
) -> Recommendation:
    """Create or change a register recommendation (not a Views' remedy: see `remedy_add`)."""
    _require_register_editor(by)
    if recommendation.case_id is not None:
        raise ValidationError(_("A Views' remedy is changed on its case's follow-up page."))
    creating = recommendation.pk is None
    save_audited(
        recommendation,
        by=by,
        reason=reason or (_("Recommendation added") if creating else _("Recommendation changed")),
    )
    if themes is not None:
        recommendation.themes.set(themes)
    if articles is not None:
        recommendation.articles.set(articles)
    return recommendation


def _linkable(recommendation: Recommendation, by: User) -> None:
    _require_register_editor(by)
    if recommendation.case_id is not None:
        raise ValidationError(_("A Views' remedy belongs to its case; link the recommendation."))


@transaction.atomic
def recommendation_link_case(*, recommendation: Recommendation, case: Case, by: User) -> None:
    """Link a register recommendation to a case the editor may open.

    The history row says that a link changed, never which case: every member of staff reads
    the register, and a reference of a case they may not open would tell them it exists.
    """
    _linkable(recommendation, by)
    if not cases_visible_to(by).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not open this case."))
    recommendation.related_cases.add(case)
    save_audited(recommendation, by=by, reason=_("Link to a case added"))


@transaction.atomic
def recommendation_unlink_case(*, recommendation: Recommendation, case: Case, by: User) -> None:
    """Remove a link to a case the editor may open (links to other cases are kept)."""
    _linkable(recommendation, by)
    if not cases_visible_to(by).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not open this case."))
    recommendation.related_cases.remove(case)
    save_audited(recommendation, by=by, reason=_("Link to a case removed"))


@transaction.atomic
def recommendation_link_remedy(
    *, recommendation: Recommendation, remedy: Recommendation, by: User, linked: bool = True
) -> None:
    """Link (or unlink) a register recommendation and a Views' remedy it echoes, whose case the
    editor may open."""
    _linkable(recommendation, by)
    if remedy.case_id is None or not cases_visible_to(by).filter(pk=remedy.case_id).exists():
        raise PermissionDenied(_("You may not open this case."))
    if linked:
        recommendation.related_remedies.add(remedy)
    else:
        recommendation.related_remedies.remove(remedy)
    reason = _("Link to a Views' remedy added") if linked else _("Link to a Views' remedy removed")
    save_audited(recommendation, by=by, reason=reason)


def _check_documents(recommendation: Recommendation, documents: Iterable[Document]) -> list:
    """Evidence documents are the remedy's own case's. Whoever may change the case holds an
    explicit grant on it, so every document of the case is one they may open."""
    documents = list(documents or [])
    for document in documents:
        if recommendation.case_id is None or document.case_id != recommendation.case_id:
            raise ValidationError(
                {"documents": _("Evidence documents come from the remedy's own case.")}
            )
    return documents


@transaction.atomic
def assessment_add(
    *,
    recommendation: Recommendation,
    by: User,
    assessed_on: dt.date,
    status: str,
    grade: FollowUpGrade | None = None,
    source_kind: str = AssessmentSource.OWN,
    source_reference: str = "",
    evidence: str = "",
    notes: str = "",
    documents: Iterable[Document] = (),
) -> Assessment:
    """Record how far a recommendation (or a Views' remedy) was implemented on a date."""
    if recommendation.case_id is not None:
        _require_case_change(by, recommendation.case)
        views_on = recommendation.issued_on
        if views_on and assessed_on < views_on:
            raise ValidationError(
                {"assessed_on": _("A follow-up assessment cannot precede the Views.")}
            )
    else:
        _require_register_editor(by)
    if grade is not None and not status:
        status = grade.status
    documents = _check_documents(recommendation, documents)
    assessment = save_audited(
        Assessment(
            recommendation=recommendation,
            assessed_on=assessed_on,
            status=status,
            grade=grade,
            source_kind=source_kind,
            source_reference=source_reference.strip(),
            evidence=evidence.strip(),
            notes=notes.strip(),
            assessed_by=by,
        ),
        by=by,
        reason=_("Assessment recorded"),
    )
    if documents:
        assessment.documents.set(documents)
    return assessment


# --- a case's remedies and follow-up -----------------------------------------------------


def _views_mechanism() -> Mechanism:
    return Mechanism.objects.get(code=VIEWS_MECHANISM)


@transaction.atomic
def remedy_add(
    *,
    case: Case,
    by: User,
    title: str,
    remedy_kind: str,
    text_ru: str = "",
    text_en: str = "",
    symbol: str = "",
    paragraph: str = "",
    issued_on: dt.date | None = None,
) -> Recommendation:
    """A remedy the Views ordered, as its own item (issue 16)."""
    _require_case_change(by, case)
    title = title.strip()
    remedy = Recommendation(
        mechanism=_views_mechanism(),
        case=case,
        title=title,
        remedy_kind=remedy_kind or RemedyKind.OTHER,
        text_ru=text_ru.strip() or (title if not text_en.strip() else ""),
        text_en=text_en.strip(),
        symbol=symbol.strip(),
        paragraph=paragraph.strip(),
        issued_on=issued_on,
        # Views are public documents, but what we record is our own summary of them.
        verified=False,
        source=symbol.strip(),
    )
    return save_audited(remedy, by=by, reason=_("Remedy of the Views added"))


REMEDY_FIELDS = ("title", "remedy_kind", "text_ru", "text_en", "text_kk", "paragraph", "monitored")


@transaction.atomic
def remedy_change(
    *, remedy: Recommendation, by: User, reason: str = "", **changes
) -> Recommendation:
    """Correct a Views' remedy: its words, its kind, its paragraph of the Views, or whether it is
    still followed (`monitored` off: recorded by mistake, or folded into another remedy; its
    assessments stay in the history and it leaves the dashboard's counts)."""
    if remedy.case_id is None:
        raise ValidationError(_("Only a Views' remedy is changed on its case."))
    _require_case_change(by, remedy.case)
    unknown = set(changes) - set(REMEDY_FIELDS)
    if unknown:
        raise TypeError(f"remedy_change() got unexpected fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(remedy, name, value.strip() if isinstance(value, str) else value)
    if not remedy.title:
        raise ValidationError({"title": _("Name the remedy in a few words.")})
    return save_audited(remedy, by=by, reason=reason.strip() or _("Remedy of the Views changed"))


@transaction.atomic
def dialogue_status_set(
    *,
    case: Case,
    by: User,
    status: str,
    changed_on: dt.date,
    source_reference: str = "",
    notes: str = "",
) -> DialogueStatusChange:
    """A new step in the follow-up dialogue's history (unchanged status: nothing written)."""
    _require_case_change(by, case)
    current = case.follow_up_dialogue.first()
    if current is not None and current.status == status:
        return current
    if current is not None and changed_on < current.changed_on:
        raise ValidationError(
            {"changed_on": _("The dialogue's status cannot change before its last change.")}
        )
    if status not in DialogueStatus.values:
        raise ValidationError({"status": _("Choose the dialogue's status.")})
    return save_audited(
        DialogueStatusChange(
            case=case,
            status=status,
            changed_on=changed_on,
            source_reference=source_reference.strip(),
            notes=notes.strip(),
            recorded_by=by,
        ),
        by=by,
        reason=_("Follow-up dialogue status"),
    )


@dataclass(frozen=True)
class RemedyGrade:
    """What one follow-up round says about one remedy."""

    remedy: Recommendation
    grade: FollowUpGrade | None
    status: str
    notes: str = ""


def author_comments_deadline(
    *, case: Case, by: User, due_on: dt.date, notes: str = ""
) -> Deadline | None:
    """The date the Committee set for the author's comments on the State's follow-up reply."""
    rule = DeadlineRule.objects.filter(code=AUTHOR_COMMENTS_RULE, is_active=True).first()
    if rule is None:
        return None
    already = Deadline.objects.filter(case=case, rule=rule, due_date=due_on).first()
    if already is not None:
        return already
    return deadline_services.deadline_add_manual(
        case=case,
        by=by,
        title=rule.name,
        due_date=due_on,
        notes=notes,
        rule=rule,
        reason=_("Date set by the Committee for the author's comments"),
    )


@transaction.atomic
def follow_up_round(
    *,
    case: Case,
    by: User,
    assessed_on: dt.date,
    source_kind: str,
    source_reference: str = "",
    grades: Iterable[RemedyGrade] = (),
    new_remedies: Iterable[tuple[str, str, FollowUpGrade | None]] = (),
    dialogue: str = "",
    author_comments_due: dt.date | None = None,
    notes: str = "",
    documents: Iterable[Document] = (),
) -> list[Assessment]:
    """One round of follow-up: new remedies, an assessment per remedy, the dialogue, deadlines.

    The flow's follow-up task records through here. The State's reply (source `state`) meets
    the 180-day reply deadline; a date the Committee set for the author's comments becomes a
    deadline.
    """
    _require_case_change(by, case)
    communication = getattr(case, "communication", None)
    views_on = communication.decided_on if communication else None
    symbol = communication.document_symbol if communication else ""
    grades = list(grades)
    for title, kind, grade in new_remedies:
        remedy = remedy_add(
            case=case, by=by, title=title, remedy_kind=kind, symbol=symbol, issued_on=views_on
        )
        if grade is not None:
            grades.append(RemedyGrade(remedy, grade, grade.status))
    documents = list(documents)
    assessments = [
        assessment_add(
            recommendation=item.remedy,
            by=by,
            assessed_on=assessed_on,
            status=item.status,
            grade=item.grade,
            source_kind=source_kind,
            source_reference=source_reference,
            notes="\n\n".join(part for part in (item.notes.strip(), notes.strip()) if part),
            documents=documents,
        )
        for item in grades
    ]
    if dialogue:
        dialogue_status_set(
            case=case,
            by=by,
            status=dialogue,
            changed_on=assessed_on,
            source_reference=source_reference,
        )
    if source_kind == AssessmentSource.STATE:
        deadline_services.deadlines_complete_for_rules(
            case=case, rule_codes=[STATE_REPLY_RULE], by=by, reason=_("The State replied")
        )
    if author_comments_due is not None:
        author_comments_deadline(case=case, by=by, due_on=author_comments_due)
    return assessments
