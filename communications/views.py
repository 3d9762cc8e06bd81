"""The communication tab of a case: admissibility self-check, the filing's text, generated filings.

Thin views: every case is fetched through `casework.selectors.get_case_for` (404 when the user may
not see it or lacks the permission the action needs); building and saving go through services.
"""

from __future__ import annotations

import hashlib
import zipfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from casework import exports
from casework import selectors as case_selectors
from casework.case_page import case_context
from casework.exports import export_url
from casework.identity import masks_for
from casework.models import AccessAction, Case, Stage
from casework.services import log_access

from . import preview, selectors, services
from .forms import (
    AllegedEventForm,
    BuildPackageForm,
    CommunicationForm,
    InterimDocumentForm,
    OtherProcedureForm,
)
from .models import (
    AllegedEvent,
    Filing,
    FilingKind,
    InterimMeasuresRequest,
    OtherProcedure,
    StateParty,
)
from .package import PackageRefused


def _tab_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    context = case_context(request, case, "communication")
    communication = selectors.communication_for(case)
    context.update(
        {
            "communication": communication,
            "buildable": selectors.buildable_filings(case, communication),
            "assessment": selectors.assess_case(case),
            "filings": selectors.filings_of(case),
            "build_form": BuildPackageForm(),
            "form": CommunicationForm(instance=communication),
            "event_form": AllegedEventForm(),
            "procedure_form": OtherProcedureForm(),
            "events": communication.events.select_related("region") if communication else [],
            "procedures": communication.other_procedures.all() if communication else [],
        }
    )
    context.update(extra)
    return context


def _tab_url(case: Case) -> str:
    return reverse("cases:communication", kwargs={"reference": case.reference})


@login_required
@require_safe
def case_communication(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference)
    return render(request, "communications/case_communication.html", _tab_context(request, case))


@login_required
@require_POST
def communication_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    communication = selectors.communication_for(case)
    form = CommunicationForm(request.POST, instance=communication)
    if form.is_valid():
        try:
            services.communication_save(
                case=case, by=request.user, communication=communication, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The communication was saved."))
            return redirect(_tab_url(case))
    context = _tab_context(request, case, form=form)
    return render(request, "communications/case_communication.html", context, status=400)


@login_required
@require_POST
def record_add(request: HttpRequest, reference: str, what: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    communication = selectors.communication_for(case)
    if communication is None:
        messages.error(request, _("Save the communication (its State party) first."))
        return redirect(_tab_url(case))
    form_class, add, key = {
        "event": (AllegedEventForm, services.event_add, "event_form"),
        "procedure": (OtherProcedureForm, services.procedure_add, "procedure_form"),
    }[what]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(communication=communication, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect(_tab_url(case))
    context = _tab_context(request, case, **{key: form})
    return render(request, "communications/case_communication.html", context, status=400)


@login_required
@require_POST
def record_delete(request: HttpRequest, reference: str, what: str, pk: int) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    model = {"event": AllegedEvent, "procedure": OtherProcedure}[what]
    record = get_object_or_404(model, pk=pk, communication__case=case)
    services.record_delete(record=record, by=request.user)
    messages.success(request, _("Removed."))
    return redirect(_tab_url(case))


def _refused(request: HttpRequest, case: Case, problems: list[str], title: str) -> HttpResponse:
    context = _tab_context(request, case, problems=problems, problems_title=title)
    return render(request, "communications/case_communication.html", context, status=400)


def _not_buildable(case: Case) -> str:
    if case.stage == Stage.CLOSED:
        return _("The case is closed: no filing is built for it any more.")
    return _(
        "There is nothing to build from yet: record the communication (its State party) for a "
        "package, a domestic decision for an appeal draft."
    )


@login_required
@require_POST
def package_build(request: HttpRequest, reference: str) -> HttpResponse:
    # The package carries names: only users who may see the identities may build it (else 404).
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.VIEW_IDENTITY)
    if not selectors.buildable_filings(case, selectors.communication_for(case))["package"]:
        return _refused(request, case, [_not_buildable(case)], _("Not built"))
    form = BuildPackageForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, [_("Choose the package language.")], _("Not built"))
    try:
        filing, result = services.build_hrc_package(
            case=case,
            by=request.user,
            lang=form.cleaned_data["lang"],
            final=form.cleaned_data["final"],
        )
    except PermissionDenied as exc:
        return _refused(request, case, [str(exc)], _("Not built"))
    except PackageRefused as exc:
        return _refused(
            request, case, exc.problems, _("The package cannot be built yet. Missing or wrong:")
        )
    for note in result.notes:
        messages.warning(request, note)
    messages.success(
        request,
        _("Package version %(version)s built (%(pages)s pages).")
        % {"version": filing.version, "pages": result.communication_pages},
    )
    return redirect(_tab_url(case))


@login_required
@require_POST
def appeal_build(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.VIEW_IDENTITY)
    if not selectors.buildable_filings(case, selectors.communication_for(case))["appeal"]:
        return _refused(request, case, [_not_buildable(case)], _("Not built"))
    try:
        filing, _body = services.build_appeal_draft(case=case, by=request.user)
    except PermissionDenied as exc:
        return _refused(request, case, [str(exc)], _("Not built"))
    except PackageRefused as exc:
        return _refused(request, case, exc.problems, _("The appeal draft cannot be built:"))
    messages.success(
        request, _("Appeal draft version %(version)s built.") % {"version": filing.version}
    )
    return redirect(_tab_url(case))


@login_required
@require_POST
def interim_document_build(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Build the urgent request document (PDF) of one interim-measures request."""
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.VIEW_IDENTITY)
    interim_request = get_object_or_404(InterimMeasuresRequest.objects.filter(case=case), pk=pk)
    form = InterimDocumentForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, [_("Choose the language of the request.")], _("Not built"))
    try:
        filing, _body = services.build_interim_request_document(
            request=interim_request, by=request.user, lang=form.cleaned_data["lang"]
        )
    except PermissionDenied as exc:
        return _refused(request, case, [str(exc)], _("Not built"))
    except PackageRefused as exc:
        return _refused(
            request, case, exc.problems, _("The interim-measures request cannot be built:")
        )
    for note in filing.manifest.get("notes", []):
        messages.warning(request, note)
    messages.success(
        request,
        _("Interim-measures request version %(version)s built.") % {"version": filing.version},
    )
    return redirect(_tab_url(case))


@login_required
@require_safe
def filing_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.VIEW_IDENTITY)
    filing = get_object_or_404(Filing.objects.filter(case=case), pk=pk)
    try:
        with filing.file.open("rb") as handle:
            body = handle.read()
    except Exception:  # missing file or failed decryption: the storage's own error types
        body = b""
    if hashlib.sha256(body).hexdigest() != filing.sha256:
        messages.error(
            request,
            _("The stored file of this filing is missing or altered; it was not sent. Rebuild it."),
        )
        return redirect(_tab_url(case))
    log_access(
        user=request.user,
        case=case,
        action=AccessAction.DOWNLOAD,
        obj=filing,
        ip=request.META.get("REMOTE_ADDR") or None,
    )
    content_type = "application/zip" if filing.kind == FilingKind.HRC_PACKAGE else "application/pdf"
    response = FileResponse(
        iter([body]), as_attachment=True, filename=filing.download_name, content_type=content_type
    )
    response["Content-Length"] = str(len(body))
    response["Cache-Control"] = "private, no-store"
    return response


def _verified_body(filing: Filing) -> bytes | None:
    """The filing's stored bytes, or None when they are missing or no longer match its hash."""
    try:
        with filing.file.open("rb") as handle:
            body = handle.read()
    except Exception:  # missing file or failed decryption: the storage's own error types
        return None
    return body if hashlib.sha256(body).hexdigest() == filing.sha256 else None


@login_required
@require_safe
def filing_preview(request: HttpRequest, reference: str, pk: int, page: int) -> HttpResponse:
    """A PNG of one of the first pages of a submission package's communication.

    Like a download it shows names: only for those who may see identities (else 404), logged.
    """
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.VIEW_IDENTITY)
    filing = get_object_or_404(Filing.objects.filter(case=case, kind=FilingKind.HRC_PACKAGE), pk=pk)
    body = _verified_body(filing)
    if body is None or not 1 <= page <= preview.PREVIEW_PAGES:
        raise Http404
    try:
        pdf = preview.communication_pdf(body)
    except (zipfile.BadZipFile, KeyError):  # an appeal draft or a damaged package: no preview
        raise Http404 from None
    if page > preview.page_count(pdf):
        raise Http404
    png = preview.page_png(pdf, page)
    if png is None:
        raise Http404
    log_access(
        user=request.user,
        case=case,
        action=AccessAction.VIEW_CASE,
        obj=f"{filing} preview p{page}",
        ip=request.META.get("REMOTE_ADDR") or None,
    )
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def legacy_filing_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The old address of a filing (before every case page lived under /cases/<ref>/).

    It redirects only for a user who may download the filing: the new address names the case,
    and its reference must not leak to anyone else (404, as for every hidden case).
    """
    filing = get_object_or_404(Filing.objects.select_related("case"), pk=pk)
    case = case_selectors.get_case_for(
        request.user, filing.case.reference, perm=case_selectors.VIEW_IDENTITY
    )
    return HttpResponsePermanentRedirect(
        reverse("cases:filing_download", kwargs={"reference": case.reference, "pk": filing.pk})
    )


# --- The register of communications before the Committee ----------------------------------

REGISTER_PER_PAGE = 50


def _register_query(request: HttpRequest):
    """The register's filters and order as the user set them (unknown values are dropped)."""
    states = {state.code: state for state in StateParty.objects.order_by("name")}
    filters = selectors.RegisterFilters(
        state=request.GET.get("state", "") if request.GET.get("state") in states else "",
        stage=request.GET.get("stage", "")
        if request.GET.get("stage") in dict(selectors.REGISTER_STAGES)
        else "",
        q=request.GET.get("q", "").strip()[:50],
    )
    order = request.GET.get("o", "")
    if order.lstrip("-") not in selectors.REGISTER_ORDERS:
        order = ""
    return filters, order, states


def _register_rows(user, communications: list) -> list[dict]:
    masks = masks_for(user, [c.case for c in communications])
    stages = dict(REGISTER_STAGE_LABELS)
    rows = []
    for communication in communications:
        event = selectors.last_event(communication)
        rows.append(
            {
                "communication": communication,
                "case": communication.case,
                "title": masks[communication.case_id].text(communication.case.title),
                "stage": stages[selectors.register_stage(communication)],
                "last_event": (stages[event[0]], event[1]) if event else None,
                "next_deadline": communication.next_deadline,
            }
        )
    return rows


REGISTER_STAGE_LABELS = (
    ("submitted", gettext_lazy("Submitted")),
    ("registered", gettext_lazy("Registered")),
    ("observations", gettext_lazy("State's observations received")),
    ("comments", gettext_lazy("Author's comments sent")),
    ("decided", gettext_lazy("Decided")),
)


@login_required
@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """Every communication before the Committee in the cases the user may open."""
    filters, order, states = _register_query(request)
    communications = selectors.register_of(request.user, filters, order)
    page = Paginator(communications, REGISTER_PER_PAGE).get_page(request.GET.get("page"))
    sort = {
        key: {"next": key if order != key else f"-{key}", "current": order}
        for key in selectors.REGISTER_ORDERS
    }
    return render(
        request,
        "communications/register.html",
        {
            "page": page,
            "rows": _register_rows(request.user, list(page.object_list)),
            "filters": filters,
            "states": states.values(),
            "stages": REGISTER_STAGE_LABELS,
            "order": order,
            "sort": sort,
            "export_url": export_url(reverse("communications:register_export"), request),
        },
    )


@login_required
@require_safe
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as CSV or XLSX, with the page's filters and masking (casework.exports)."""
    fmt = exports.parse_format(request.GET.get("format"))
    if fmt is None:
        messages.error(request, _("Choose CSV or XLSX to export."))
        return redirect("communications:register")
    filters, order, _states = _register_query(request)
    communications = list(selectors.register_of(request.user, filters, order))
    rows = _register_rows(request.user, communications)
    return exports.export_response(
        request,
        what="register of communications",
        fmt=fmt,
        headers=[
            _("Number"),
            _("Case"),
            _("Case title"),
            _("State party"),
            _("Submitted on"),
            _("Stage"),
            _("Last event"),
            _("Last event on"),
            _("Next deadline"),
        ],
        rows=[
            [
                row["communication"].number,
                row["case"].reference,
                row["title"],
                str(row["communication"].state),
                row["communication"].submitted_on,
                str(row["stage"]),
                str(row["last_event"][0]) if row["last_event"] else "",
                row["last_event"][1] if row["last_event"] else None,
                row["next_deadline"],
            ]
            for row in rows
        ],
        filters={"state": filters.state, "stage": filters.stage, "q": filters.q, "o": order},
        cases=[c.case for c in communications],
    )
