"""The communication tab of a case: admissibility self-check, the filing's text, generated filings.

Thin views: every case is fetched through `casework.selectors.get_case_for` (404 when the user may
not see it or lacks the permission the action needs); building and saving go through services.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework import selectors as case_selectors
from casework.case_page import case_context
from casework.models import AccessAction, Case
from casework.services import log_access

from . import selectors, services
from .forms import AllegedEventForm, BuildPackageForm, CommunicationForm, OtherProcedureForm
from .models import AllegedEvent, Filing, FilingKind, OtherProcedure
from .package import PackageRefused


def _tab_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    context = case_context(request, case, "communication")
    communication = selectors.communication_for(case)
    context.update(
        {
            "communication": communication,
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


@login_required
@require_POST
def package_build(request: HttpRequest, reference: str) -> HttpResponse:
    # The package carries names: only users who may see the identities may build it (else 404).
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.VIEW_IDENTITY)
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
