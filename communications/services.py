"""Generating filings: the submission package to the Committee and a draft domestic appeal.

Both are filings of the case that carry names (they are filed, not published), so only users with
the case's "view identity" permission may build them; each build is kept as a versioned `Filing`
with its hash and written to the access log.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import services as case_services
from casework.audit import delete_audited, save_audited
from casework.models import AccessAction, Case, Document, Proceeding, User
from casework.selectors import can_view_identity, case_team
from casework.services import log_access
from deadlines import selectors as deadline_selectors
from deadlines import services as deadline_services
from deadlines.models import Deadline, Trigger
from notifications.models import Kind
from notifications.services import notify

from . import appeal, package, selectors
from .models import (
    AllegedEvent,
    CommitteeOutcome,
    Communication,
    Filing,
    FilingKind,
    FollowUpAssessment,
    OtherProcedure,
    ReviewDecision,
    StateParty,
    SubmissionReview,
)
from .package import PackageRefused
from .texts import PACKAGE_LANGUAGES


def _require_identity(user: User, case: Case) -> None:
    if not can_view_identity(user, case):
        raise PermissionDenied(
            _(
                "Building a filing needs permission to see the identity of the client and the "
                "victim of this case."
            )
        )


def _save_filing(
    *,
    case: Case,
    kind: str,
    by: User,
    body: bytes,
    extension: str,
    language: str,
    is_final: bool,
    manifest: dict,
    generated_at: dt.datetime,
) -> Filing:
    sha256 = hashlib.sha256(body).hexdigest()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                Case.objects.select_for_update().filter(pk=case.pk).first()
                latest = Filing.objects.filter(case=case, kind=kind).aggregate(v=Max("version"))
                filing = Filing(
                    case=case,
                    kind=kind,
                    version=(latest["v"] or 0) + 1,
                    language=language,
                    is_final=is_final,
                    sha256=sha256,
                    bytes=len(body),
                    generated_at=generated_at,
                    generated_by=by,
                    manifest=manifest,
                )
                filing.file.save(f"{kind}.{extension}", ContentFile(body), save=False)
                save_audited(filing, by=by, reason=_("Filing generated"))
                return filing
        except IntegrityError:  # another build took the same version number: take the next
            continue
    raise PackageRefused([_("Could not allocate a filing version; please try again.")])


def build_hrc_package(
    *, case: Case, by: User, lang: str = "ru", final: bool = False, on: dt.date | None = None
) -> tuple[Filing, package.PackageResult]:
    """Build, keep and log the submission package; PackageRefused lists what is missing."""
    _require_identity(by, case)
    if lang not in PACKAGE_LANGUAGES:
        raise PackageRefused([_("Unsupported package language: %(lang)s.") % {"lang": lang}])
    if final and not selectors.submission_approved(case):
        raise PackageRefused(
            [_("A final package needs the supervisor's approval of the submission first.")]
        )
    on = on or timezone.localdate()
    data = package.collect(case, lang=lang, final=final, on=on)
    generated_at = timezone.now()
    result = package.render(data, generated_at=generated_at)
    filing = _save_filing(
        case=case,
        kind=FilingKind.HRC_PACKAGE,
        by=by,
        body=result.zip_bytes,
        extension="zip",
        language=lang,
        is_final=final,
        manifest=result.manifest,
        generated_at=generated_at,
    )
    log_access(user=by, case=case, action=AccessAction.BUILD_PACKAGE, obj=filing)
    return filing, result


def build_appeal_draft(*, case: Case, by: User, on: dt.date | None = None) -> tuple[Filing, bytes]:
    """Draft the next domestic appeal (in Russian) from the case's latest decision."""
    _require_identity(by, case)
    on = on or timezone.localdate()
    data = appeal.collect(case, on=on)
    body = appeal.render(data)
    generated_at = timezone.now()
    filing = _save_filing(
        case=case,
        kind=FilingKind.DOMESTIC_APPEAL_DRAFT,
        by=by,
        body=body,
        extension="pdf",
        language="ru",
        is_final=False,
        manifest={
            "case": case.reference,
            "generated_at": generated_at.isoformat(),
            "generator": appeal.GENERATOR,
            "files": [
                {
                    "name": "appeal_draft.pdf",
                    "sha256": hashlib.sha256(body).hexdigest(),
                    "bytes": len(body),
                }
            ],
        },
        generated_at=generated_at,
    )
    log_access(user=by, case=case, action=AccessAction.BUILD_PACKAGE, obj=filing)
    return filing, body


def communication_save(
    *, case: Case, by: User, communication: Communication | None, data: dict
) -> Communication:
    """Create or update the case's communication (audited)."""
    communication = communication or Communication(case=case)
    was_confirmed = communication.no_other_procedure_confirmed
    for name, value in data.items():
        setattr(communication, name, value)
    # Counsel's confirmation is evidence: who gave it and when, cleared when it is withdrawn.
    if communication.no_other_procedure_confirmed and not was_confirmed:
        communication.no_other_procedure_confirmed_by = by
        communication.no_other_procedure_confirmed_on = timezone.localdate()
    elif not communication.no_other_procedure_confirmed:
        communication.no_other_procedure_confirmed_by = None
        communication.no_other_procedure_confirmed_on = None
    with transaction.atomic():
        return save_audited(communication, by=by, reason=_("Communication updated"))


def event_add(*, communication: Communication, by: User, data: dict) -> AllegedEvent:
    event = AllegedEvent(communication=communication, **data)
    return save_audited(event, by=by, reason=_("Alleged event recorded"))


def procedure_add(*, communication: Communication, by: User, data: dict) -> OtherProcedure:
    procedure = OtherProcedure(communication=communication, **data)
    return save_audited(procedure, by=by, reason=_("Other international procedure recorded"))


def record_delete(*, record: AllegedEvent | OtherProcedure, by: User) -> None:
    delete_audited(record, by=by, reason=_("Removed from the communication"))


# --- The road to Geneva: approval, submission and the Committee's stages --------------------
# The litigation flow's steps call these; each validates, saves audited, and raises
# ValidationError (nothing saved) when the recorded file does not allow the step.


def submission_review_record(
    *,
    case: Case,
    by: User,
    decision: str,
    comments: str = "",
    drafted_by: User | None,
) -> SubmissionReview:
    """A supervisor's decision on the draft communication: approve it, or return it.

    Four eyes: whoever drafted the communication, or changed it last, may not approve it.
    """
    if decision == ReviewDecision.APPROVE:
        communication = selectors.communication_for(case)
        last_editor = selectors.last_editor_of(communication) if communication else None
        if by.pk in {getattr(drafted_by, "pk", None), getattr(last_editor, "pk", None)}:
            raise ValidationError(
                _(
                    "You drafted or last changed this communication, so someone else must "
                    "approve it (four eyes)."
                )
            )
    review = SubmissionReview(
        case=case, decision=decision, comments=comments, reviewer=by, drafted_by=drafted_by
    )
    with transaction.atomic():
        return save_audited(review, by=by, reason=_("Submission reviewed"))


def communication_record_exhaustion_basis(*, case: Case, basis: str, by: User) -> None:
    """Record why domestic remedies no longer stand in the way, once the supervisor confirmed it.

    The admissibility check reads it (with the explanation in `exhaustion_notes`) as the
    argument for non-exhaustion (OP art. 5(2)(b)). A case without a communication yet has nothing
    to record it on: the lawyer chooses the basis on the communication's form when writing it.
    """
    with transaction.atomic():
        communication = Communication.objects.select_for_update().filter(case=case).first()
        if communication is None or communication.exhaustion_basis == basis:
            return
        communication.exhaustion_basis = basis
        save_audited(communication, by=by, reason=_("Exhaustion confirmed"))


def _existing(case: Case) -> Communication:
    """The case's communication, locked for the update; refused when none was submitted."""
    communication = Communication.objects.select_for_update().filter(case=case).first()
    if communication is None:
        raise ValidationError(_("The communication has not been submitted yet."))
    return communication


def communication_submit(
    *,
    case: Case,
    by: User,
    state: StateParty,
    submitted_on: dt.date,
    channel: str,
    proof: Document | None,
    interim_measures: bool = False,
) -> Communication:
    if proof is not None and proof.case_id != case.pk:
        raise ValidationError({"proof": _("The proof must be a document of this case.")})
    with transaction.atomic():
        communication = Communication.objects.select_for_update().filter(
            case=case
        ).first() or Communication(case=case)
        communication.state = state
        communication.submitted_on = submitted_on
        communication.channel = channel
        communication.proof_of_submission = proof
        if interim_measures and not communication.interim_measures_requested_on:
            communication.interim_measures_requested_on = submitted_on
        return save_audited(communication, by=by, reason=_("Submitted to the Committee"))


def communication_register(
    *, case: Case, by: User, number: str, registered_on: dt.date, transmitted_on: dt.date
) -> Communication:
    with transaction.atomic():
        communication = _existing(case)
        clash = Communication.objects.filter(number=number).exclude(pk=communication.pk)
        if clash.exists():
            raise ValidationError({"number": _("Another case already has this number.")})
        communication.number = number
        communication.registered_on = registered_on
        communication.transmitted_on = transmitted_on
        return save_audited(communication, by=by, reason=_("Registered and transmitted"))


def communication_record_interim_measures(
    *, case: Case, by: User, requested_on: dt.date, granted_on: dt.date | None
) -> Communication:
    with transaction.atomic():
        communication = _existing(case)
        if granted_on and granted_on < requested_on:
            raise ValidationError(
                {"granted_on": _("Measures cannot be granted before they were requested.")}
            )
        newly_granted = bool(granted_on) and not communication.interim_measures_granted_on
        communication.interim_measures_requested_on = requested_on
        communication.interim_measures_granted_on = granted_on
        save_audited(communication, by=by, reason=_("Interim measures (rule 94)"))
        if newly_granted:
            # The State must act at once (rule 94): the whole team hears of it.
            notify(
                recipients=[case.responsible_lawyer, *(user for user, _p in case_team(case))],
                kind=Kind.INTERIM_MEASURES_GRANTED,
                case=case,
                url=reverse("cases:communication", kwargs={"reference": case.reference}),
                actor=by,
            )
        return communication


def communication_record_dates(*, case: Case, by: User, **dates: dt.date) -> Communication:
    allowed = {"state_observations_on", "author_comments_on"}
    if set(dates) - allowed:
        raise ValueError(f"unknown communication dates: {sorted(set(dates) - allowed)}")
    with transaction.atomic():
        communication = _existing(case)
        for name, value in dates.items():
            setattr(communication, name, value)
        return save_audited(communication, by=by, reason=_("Committee stage recorded"))


def communication_record_decision(
    *,
    case: Case,
    by: User,
    outcome: str,
    decided_on: dt.date,
    document_symbol: str,
    remedies_ordered: str,
    violation_ids: list[int],
) -> Communication:
    with transaction.atomic():
        communication = _existing(case)
        communication.outcome = outcome
        communication.decided_on = decided_on
        communication.document_symbol = document_symbol
        communication.remedies_ordered = remedies_ordered
        save_audited(communication, by=by, reason=_("Committee decision recorded"))
        if outcome == CommitteeOutcome.VIEWS:
            case_services.violations_found(
                case=case, violation_ids=violation_ids, by=by, reason=_("Views adopted")
            )
        return communication


def follow_up_record(
    *,
    case: Case,
    by: User,
    assessed_on: dt.date,
    grade: str,
    state_reply_summary: str,
    notes: str,
) -> FollowUpAssessment:
    with transaction.atomic():
        communication = _existing(case)
        if communication.decided_on and assessed_on < communication.decided_on:
            raise ValidationError(
                {"assessed_on": _("A follow-up assessment cannot precede the Views.")}
            )
        return save_audited(
            FollowUpAssessment(
                communication=communication,
                assessed_on=assessed_on,
                grade=grade,
                state_reply_summary=state_reply_summary,
                notes=notes,
                recorded_by=by,
            ),
            by=by,
            reason=_("Follow-up assessment"),
        )


# --- rule 99(c) deadlines ----------------------------------------------------------------------

HRC_DELAY_RULE = "hrc-delay-5y"
HRC_DELAY_OTHER_PROCEDURE_RULE = "hrc-delay-3y-other-procedure"


def hrc_delay_source_key(case: Case, *, other_procedure: bool = False) -> str:
    return f"case:{case.pk}:rule-99c" + ("-other-procedure" if other_procedure else "")


@transaction.atomic
def sync_hrc_delay_deadline(
    case: Case, *, by: User | None, reason: str, only_existing: bool = False
) -> Deadline | None:
    """Create or move the case's `hrc-delay-5y` deadline from the admissibility check's dates.

    The 5 years run from the last *ordinary* decision (`admissibility.delay_limits`, the same
    arithmetic as the check's "last day to submit"), never from a prosecutor's refusal or a
    supervisory review. Where a barring international procedure concluded, the
    `hrc-delay-3y-other-procedure` deadline follows as well: the earlier of the two is the safe
    day, and both are on the list. Idempotent. `only_existing`: update a case that already
    tracks the limit, create nothing (used when proceedings change before exhaustion). None,
    touching nothing, when the case records no domestic decision at all.
    Call it when a case reaches exhaustion or joins the route at a later stage.
    """
    if only_existing and not deadline_selectors.case_has_rule_deadline(case, HRC_DELAY_RULE):
        return None
    limits = selectors.delay_limits_for(case)
    if limits.domestic is None:
        # No decision recorded (e.g. remedies argued unavailable): nothing to count from here;
        # a date recorded with the exhaustion event itself stands.
        return None
    deadline = deadline_services.sync_rule_deadline(
        case=case,
        rule_code=HRC_DELAY_RULE,
        event_date=limits.domestic.start,
        source_key=hrc_delay_source_key(case),
        by=by,
        reason=reason,
    )
    if limits.international or deadline_selectors.case_has_rule_deadline(
        case, HRC_DELAY_OTHER_PROCEDURE_RULE
    ):
        deadline_services.sync_rule_deadline(
            case=case,
            rule_code=HRC_DELAY_OTHER_PROCEDURE_RULE,
            event_date=limits.international.start if limits.international else None,
            source_key=hrc_delay_source_key(case, other_procedure=True),
            by=by,
            reason=reason,
        )
    return deadline


def follow_proceeding(*, proceeding: Proceeding, by: User | None, **_kwargs) -> None:
    """Receiver of `deadlines.services.proceeding_synced` and of a proceeding's deletion."""
    case = Case.objects.filter(pk=proceeding.case_id).first()
    if case is None:  # the case itself is being deleted
        return
    sync_hrc_delay_deadline(
        case,
        by=by,
        reason=_("Domestic proceedings changed: rule 99(c) limit re-derived"),
        only_existing=True,
    )


def exhaustion_start(
    *, case: Case, trigger: str, event_date: dt.date | None, **_kwargs
) -> dt.date | None:
    """Receiver of `deadlines.services.event_start`: exhaustion's 5-year period starts at the
    last ordinary decision (rule 99(c), safe rule), whatever date the caller recorded."""
    if trigger != Trigger.DOMESTIC_EXHAUSTION or event_date is None:
        return None
    limits = selectors.delay_limits_for(case)
    return limits.domestic.start if limits.domestic else None


def follow_exhaustion(
    *, case: Case, trigger: str, event_date: dt.date | None, by: User | None, **_kwargs
) -> None:
    """Receiver of `deadlines.services.event_synced`: whoever records exhaustion, with whatever
    date, the 5-year limit is counted from the last ordinary decision (rule 99(c), safe rule)."""
    if trigger != Trigger.DOMESTIC_EXHAUSTION or event_date is None:
        return
    sync_hrc_delay_deadline(
        case,
        by=by,
        reason=_("Exhaustion recorded: rule 99(c) counted from the last ordinary decision"),
    )


def follow_deleted_proceeding(sender, instance: Proceeding, **_kwargs) -> None:
    """post_delete receiver: who deleted it comes from `delete_audited`'s history user."""
    follow_proceeding(proceeding=instance, by=getattr(instance, "_history_user", None))
