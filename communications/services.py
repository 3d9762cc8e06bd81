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

from . import appeal, interim, package, selectors
from .models import (
    AllegedEvent,
    CommitteeOutcome,
    Communication,
    Filing,
    FilingKind,
    InterimCompliance,
    InterimMeasuresRequest,
    InterimResponse,
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
    interim_request: InterimMeasuresRequest | None = None,
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
                    interim_request=interim_request,
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
    fingerprint = package.data_fingerprint(data)
    review = selectors.approved_review(case) if final else None
    # Approvals recorded before approvals named their draft (filing empty) approve the case.
    if review is not None and review.filing_id:
        if lang != review.filing.language:
            raise PackageRefused(
                [
                    _("The supervisor approved the package in %(lang)s; build the final one in it.")
                    % {"lang": review.filing.language}
                ]
            )
        if fingerprint != selectors.filing_fingerprint(review.filing):
            raise PackageRefused(
                [
                    _(
                        "The communication changed after the supervisor approved draft version "
                        "%(version)s: the final package would not say what was approved. It goes "
                        "back for approval (complete “Submit to the Committee” to send it back)."
                    )
                    % {"version": review.filing.version}
                ]
            )
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
        manifest={**result.manifest, "data_sha256": fingerprint},
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
    filing: Filing | None = None,
) -> SubmissionReview:
    """A supervisor's decision on the draft communication: approve it, or return it.

    An approval names the exact draft package approved (`filing`): the latest draft of the case,
    still saying what the case file says now. Four eyes: whoever drafted the communication,
    changed it last or built the draft may not approve it, and the approver must be able to
    read it (the identities it names).
    """
    if decision == ReviewDecision.APPROVE:
        if filing is None or filing.case_id != case.pk or filing.is_final:
            raise ValidationError(
                _(
                    "There is no draft package to approve: the lawyer builds it by completing "
                    "“Draft the communication”."
                )
            )
        latest = selectors.latest_draft_package(case)
        if latest is None or latest.pk != filing.pk:
            raise ValidationError(
                _("A newer draft package was built since this page was opened: review that one.")
            )
        communication = selectors.communication_for(case)
        last_editor = selectors.last_editor_of(communication) if communication else None
        authors = {getattr(drafted_by, "pk", None), getattr(last_editor, "pk", None)}
        if by.pk in authors | {filing.generated_by_id}:
            raise ValidationError(
                _(
                    "You drafted or last changed this communication, so someone else must "
                    "approve it (four eyes)."
                )
            )
        if not can_view_identity(by, case):
            # The draft names the author and the victim: an approval of a text its approver
            # could not read would be a signature, not a review.
            raise ValidationError(
                _(
                    "The draft names the author and the victim, and you may not see their "
                    "identity in this case: ask for that access on the case's Team page, or "
                    "leave the approval to a supervisor who has it."
                )
            )
        if not selectors.draft_is_current(case, filing):
            raise ValidationError(
                _(
                    "The case file changed after draft version %(version)s was built, so the "
                    "draft no longer shows what would be filed. Return it to the lawyer for a "
                    "new draft."
                )
                % {"version": filing.version}
            )
    else:
        filing = None
    review = SubmissionReview(
        case=case,
        decision=decision,
        comments=comments,
        reviewer=by,
        drafted_by=drafted_by,
        filing=filing,
    )
    with transaction.atomic():
        return save_audited(review, by=by, reason=_("Submission reviewed"))


def communication_record_exhaustion_basis(
    *, case: Case, basis: str, by: User | None, explanation: str = ""
) -> None:
    """Record why domestic remedies no longer stand in the way, once the supervisor confirmed it.

    The admissibility check reads it (with the explanation in `exhaustion_notes`) as the
    argument for non-exhaustion (OP art. 5(2)(b)). The explanation fills the notes only where
    the lawyer has written none on the communication. A case without a communication yet has
    nothing to record it on: the route records it again when the communication is created.
    """
    with transaction.atomic():
        communication = Communication.objects.select_for_update().filter(case=case).first()
        if communication is None:
            return
        notes = communication.exhaustion_notes.strip() or explanation.strip()
        if communication.exhaustion_basis == basis and communication.exhaustion_notes == notes:
            return
        communication.exhaustion_basis = basis
        communication.exhaustion_notes = notes
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
    filing: Filing | None,
) -> Communication:
    """Record the submission: when, how, its proof, and the final package that was sent.

    The package must be final, built after the latest approval and say what the approved draft
    said (`package.data_fingerprint`), be sent no earlier than it was built, and against the
    State it names: what the file says was submitted could have been.
    """
    if proof is None or proof.case_id != case.pk:
        raise ValidationError({"proof": _("The proof must be a document of this case.")})
    if filing is None or not selectors.final_packages_after_approval(case).filter(pk=filing.pk):
        raise ValidationError(
            {
                "filing": _(
                    "Build the final package on the Communication page after the supervisor's "
                    "approval, and choose it here."
                )
            }
        )
    review = selectors.approved_review(case)
    if review.filing_id and selectors.filing_fingerprint(filing) != selectors.filing_fingerprint(
        review.filing
    ):
        raise ValidationError(
            {"filing": _("This final package does not say what the approved draft said.")}
        )
    built_on = timezone.localdate(filing.generated_at)
    if submitted_on < built_on:
        raise ValidationError(
            {
                "submitted_on": _(
                    "The final package was built on %(date)s: it cannot have been sent before "
                    "that. Give the day it was sent."
                )
                % {"date": built_on.isoformat()}
            }
        )
    with transaction.atomic():
        communication = Communication.objects.select_for_update().filter(
            case=case
        ).first() or Communication(case=case)
        if communication.state_id and communication.state_id != state.pk:
            # The package names the State; recording another would say we filed what we did not.
            raise ValidationError(
                {
                    "state": _(
                        "The package was built against %(state)s. To file against another "
                        "State, change the communication and build its package again."
                    )
                    % {"state": communication.state}
                }
            )
        communication.state = state
        communication.submitted_on = submitted_on
        communication.channel = channel
        communication.proof_of_submission = proof
        communication.submitted_filing = filing
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


def interim_measures_record_legacy(
    *, case: Case, by: User, requested_on: dt.date, granted_on: dt.date | None
) -> InterimMeasuresRequest:
    """The Committee-stage interim task of processes started before requests had their own flow.

    It records on the case's request sent with the communication (migrated from the old
    communication dates, or created here): the day it was sent (no time: `sent_time_known`
    False) and, when given, the day the Committee granted the measures.
    """
    if granted_on and granted_on < requested_on:
        raise ValidationError(
            {"granted_on": _("Measures cannot be granted before they were requested.")}
        )
    with transaction.atomic():
        communication = _existing(case)
        request = (
            InterimMeasuresRequest.objects.select_for_update()
            .filter(case=case, sent_time_known=False)
            .order_by("opened_at", "pk")
            .first()
        )
        moment = timezone.make_aware(dt.datetime.combine(requested_on, dt.time.min))
        if request is None:
            request = InterimMeasuresRequest(
                case=case, state=communication.state, grounds="other", opened_by=by
            )
        request.opened_at = moment
        request.sent_at = moment
        request.sent_time_known = False
        request.channel = request.channel or communication.channel
        request.response = InterimResponse.GRANTED if granted_on else InterimResponse.PENDING
        request.response_on = granted_on
        request.full_clean()
        return save_audited(request, by=by, reason=_("Interim measures (rule 94)"))


# --- Urgent interim measures (rule 94): each request from opening to a breach -------------------
# The interim-measures flow's steps call these; each validates the whole request and saves it
# audited. Deadlines follow: sending within hours, the Committee's answer awaited, compliance.

INTERIM_SEND_RULE = "hrc-interim-send"
INTERIM_RESPONSE_RULE = "hrc-interim-response-follow-up"
INTERIM_COMPLIANCE_RULE = "hrc-interim-compliance-check"
INTERIM_TEXT_FIELDS = ("explanation", "explanation_en", "measures_sought", "measures_sought_en")


def _locked_request(request: InterimMeasuresRequest) -> InterimMeasuresRequest:
    return InterimMeasuresRequest.objects.select_for_update().get(pk=request.pk)


def _save_request(request: InterimMeasuresRequest, *, by: User, reason: str):
    request.full_clean()
    return save_audited(request, by=by, reason=reason)


def interim_request_open(
    *, case: Case, by: User, state: StateParty, grounds: str, **texts: str
) -> InterimMeasuresRequest:
    """Open an urgent request (the caller checked who may). Starts the 24-hour sending period."""
    if set(texts) - set(INTERIM_TEXT_FIELDS):
        raise ValueError(f"unknown request texts: {sorted(set(texts) - set(INTERIM_TEXT_FIELDS))}")
    if case.is_closed:
        raise ValidationError(_("The case is closed."))
    if not any((texts.get(name) or "").strip() for name in ("explanation", "explanation_en")):
        raise ValidationError(
            {"explanation": _("Explain the danger (in Russian or English): the request needs it.")}
        )
    with transaction.atomic():
        request = InterimMeasuresRequest(
            case=case, state=state, grounds=grounds, opened_by=by, opened_at=timezone.now()
        )
        for name, value in texts.items():
            setattr(request, name, (value or "").strip())
        request = _save_request(request, by=by, reason=_("Interim-measures request opened"))
        deadline_services.sync_moment_deadlines(
            case=case,
            trigger=Trigger.INTERIM_OPENED,
            event_at=request.opened_at,
            source_key=request.source_key,
            by=by,
        )
        return request


def interim_request_sent(
    *, request: InterimMeasuresRequest, by: User, sent_at: dt.datetime, channel: str
) -> InterimMeasuresRequest:
    """Record when and how the request went to the Petitions Team; the answer is now awaited."""
    with transaction.atomic():
        request = _locked_request(request)
        if request.sent_at is not None:
            raise ValidationError(_("This request was already recorded as sent."))
        request.sent_at = sent_at
        request.sent_time_known = True
        request.channel = channel
        request = _save_request(request, by=by, reason=_("Interim-measures request sent"))
        deadline_services.deadlines_complete_for_rules(
            case=request.case,
            rule_codes=[INTERIM_SEND_RULE],
            source_key=request.source_key,
            by=by,
            reason=_("Met: the request was sent"),
        )
        deadline_services.sync_moment_deadlines(
            case=request.case,
            trigger=Trigger.INTERIM_SENT,
            event_at=sent_at,
            source_key=request.source_key,
            by=by,
        )
        return request


def interim_request_response(
    *,
    request: InterimMeasuresRequest,
    by: User,
    response: str,
    response_on: dt.date | None = None,
    committee_reference: str = "",
    note: str = "",
) -> InterimMeasuresRequest:
    """The Committee's answer (granted or refused), or a note while none has come."""
    with transaction.atomic():
        request = _locked_request(request)
        if request.response != InterimResponse.PENDING:
            raise ValidationError(_("The Committee's response is already recorded."))
        request.response = response
        request.response_on = response_on if response != InterimResponse.PENDING else None
        request.committee_reference = committee_reference.strip()
        if note.strip():
            stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
            request.response_note = "\n".join(
                line for line in (request.response_note, f"{stamp} {note.strip()}") if line
            )
        reason = {
            InterimResponse.PENDING: _("No response from the Committee yet"),
            InterimResponse.GRANTED: _("Interim measures granted"),
            InterimResponse.REFUSED: _("Interim measures refused"),
        }[InterimResponse(response)]
        request = _save_request(request, by=by, reason=reason)
        if response == InterimResponse.PENDING:
            return request
        deadline_services.deadlines_complete_for_rules(
            case=request.case,
            rule_codes=[INTERIM_RESPONSE_RULE],
            source_key=request.source_key,
            by=by,
            reason=_("Met: the Committee answered on %(date)s") % {"date": response_on.isoformat()},
        )
        if response == InterimResponse.GRANTED:
            deadline_services.sync_moment_deadlines(
                case=request.case,
                trigger=Trigger.INTERIM_GRANTED,
                event_at=timezone.make_aware(dt.datetime.combine(response_on, dt.time.min)),
                source_key=request.source_key,
                by=by,
            )
            # The State must act at once (rule 94): the whole team hears of it.
            case = request.case
            notify(
                recipients=[case.responsible_lawyer, *(user for user, _p in case_team(case))],
                kind=Kind.INTERIM_MEASURES_GRANTED,
                case=case,
                url=reverse("cases:communication", kwargs={"reference": case.reference}),
                actor=by,
            )
        return request


def interim_request_compliance(
    *,
    request: InterimMeasuresRequest,
    by: User,
    compliance: str,
    compliance_on: dt.date | None = None,
    note: str = "",
) -> InterimMeasuresRequest:
    """What the State does with measures the Committee granted (recorded as often as it changes)."""
    with transaction.atomic():
        request = _locked_request(request)
        request.compliance = compliance
        request.compliance_on = compliance_on if compliance != InterimCompliance.UNKNOWN else None
        request.compliance_note = note.strip() or request.compliance_note
        request = _save_request(
            request,
            by=by,
            reason=_("State's compliance: %(state)s")
            % {"state": InterimCompliance(compliance).label},
        )
        if compliance != InterimCompliance.UNKNOWN:
            deadline_services.deadlines_complete_for_rules(
                case=request.case,
                rule_codes=[INTERIM_COMPLIANCE_RULE],
                source_key=request.source_key,
                by=by,
                reason=_("Met: compliance recorded"),
            )
        return request


def interim_request_breach(
    *, request: InterimMeasuresRequest, by: User, note: str
) -> InterimMeasuresRequest:
    """Record that the State breached OP art. 1 by ignoring granted measures (cf. Valetov)."""
    if not note.strip():
        raise ValidationError({"breach_note": _("Say what the State did despite the measures.")})
    with transaction.atomic():
        request = _locked_request(request)
        if request.breach_recorded_at is not None:
            raise ValidationError(_("The breach is already recorded."))
        request.breach_recorded_at = timezone.now()
        request.breach_recorded_by = by
        request.breach_note = note.strip()
        return _save_request(
            request, by=by, reason=_("Breach of OP art. 1: interim measures not respected")
        )


def interim_request_close_deadlines(
    *, request: InterimMeasuresRequest, by: User | None, reason: str
) -> int:
    """The request's flow ended or was stopped: its open deadlines no longer bind anyone."""
    return deadline_services.cancel_for_source(
        case=request.case, source_key=request.source_key, by=by, reason=reason
    )


def build_interim_request_document(
    *, request: InterimMeasuresRequest, by: User, lang: str
) -> tuple[Filing, bytes]:
    """Build, keep and log the short request document (PDF) in `lang` (ru or en)."""
    case = request.case
    _require_identity(by, case)
    if lang not in interim.LANGUAGES:
        raise PackageRefused([_("Unsupported language: %(lang)s.") % {"lang": lang}])
    generated_at = timezone.now()
    data = interim.collect(request, lang=lang, on=timezone.localdate(generated_at))
    body = interim.render(data)
    filing = _save_filing(
        case=case,
        kind=FilingKind.INTERIM_MEASURES_REQUEST,
        by=by,
        body=body,
        extension="pdf",
        language=lang,
        is_final=False,
        manifest={
            "case": case.reference,
            "interim_request": request.pk,
            "generated_at": generated_at.isoformat(),
            "generator": interim.GENERATOR,
            "notes": data.notes,
            "files": [
                {
                    "name": "interim_measures_request.pdf",
                    "sha256": hashlib.sha256(body).hexdigest(),
                    "bytes": len(body),
                }
            ],
        },
        generated_at=generated_at,
        interim_request=request,
    )
    log_access(user=by, case=case, action=AccessAction.BUILD_PACKAGE, obj=filing)
    return filing, body


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
