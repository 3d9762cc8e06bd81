"""The publication pages of a case (/cases/<reference>/publication/…): prepare, check, approve,
publish, unpublish. Thin: each view parses, calls one service or selector, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework import selectors as case_selectors
from casework.case_page import case_context
from casework.models import Confidentiality

from . import selectors, services
from .forms import PublicationForm, PublicDocumentForm, RouteStepForm

TAB = "publication"
HIT_KINDS = {
    "name": gettext_lazy("name"),
    "iin": gettext_lazy("IIN"),
    "phone": gettext_lazy("phone number"),
    "email": gettext_lazy("e-mail"),
    "address": gettext_lazy("street address"),
}


def _back(case) -> HttpResponse:
    return redirect("cases:publication", reference=case.reference)


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _publication_or_404(case):
    publication = selectors.publication_for(case)
    if publication is None:
        raise Http404("No publication.")
    return publication


@login_required
@require_safe
def publication_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference)
    ctx = case_context(request, case, TAB)
    publication = selectors.publication_for(case)
    if publication is not None:
        gates = selectors.gates_for(publication)
        ctx.update(
            publication=publication,
            gates=gates,
            hits=[(hit, HIT_KINDS.get(hit.kind, hit.kind)) for hit in gates.hits],
            route=list(publication.route.all()),
            documents=list(publication.documents.all()),
            steps=list(publication.steps.select_related("by").order_by("-at", "-id")[:50]),
            snapshots=list(publication.snapshots.order_by("-version")),
            live=selectors.live_snapshot(publication),
            may_approve=selectors.is_supervisor(request.user)
            and request.user.pk not in selectors.preparers_of(publication),
            may_admin_approve=case.confidentiality == Confidentiality.RESTRICTED
            and selectors.is_administrator(request.user),
            public_url=f"/public/ru/cases/{publication.slug}/",
        )
    ctx["is_secret"] = case.confidentiality == Confidentiality.SECRET
    return render(request, "publication/publication.html", ctx)


@login_required
@require_POST
def publication_start(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    try:
        services.publication_start(case=case, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    return _back(case)


def _form_page(request, case, ctx, form, title, cancel):
    ctx.update(form=form, form_title=title, cancel_url=cancel)
    return render(request, "publication/form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    ctx = case_context(request, case, TAB)
    form = PublicationForm(request.POST or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.publication_update(publication=publication, by=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Publication saved. Run the residue check again."))
            return _back(case)
    return _form_page(
        request, case, ctx, form, _("Edit the publication"), f"/cases/{reference}/publication/"
    )


@login_required
@require_http_methods(["GET", "POST"])
def route_step_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    step = get_object_or_404(publication.route, pk=pk) if pk else None
    ctx = case_context(request, case, TAB)
    form = RouteStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        services.route_step_save(
            publication=publication, by=request.user, step=step, **form.cleaned_data
        )
        messages.success(request, _("Route saved."))
        return _back(case)
    title = _("Edit a step of the route") if step else _("Add a step of the route")
    return _form_page(request, case, ctx, form, title, f"/cases/{reference}/publication/")


@login_required
@require_POST
def route_step_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    services.route_step_remove(step=get_object_or_404(publication.route, pk=pk), by=request.user)
    messages.success(request, _("Step removed from the route."))
    return _back(case)


@login_required
@require_http_methods(["GET", "POST"])
def document_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    document = get_object_or_404(publication.documents, pk=pk) if pk else None
    ctx = case_context(request, case, TAB)
    form = PublicDocumentForm(request.POST or None, instance=document, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if document:
                services.document_update(
                    document=document, by=request.user, title=data["title"], text=data["text"]
                )
            else:
                services.document_add(
                    publication=publication,
                    by=request.user,
                    source=data.get("source"),
                    title=data["title"],
                    language=data["language"],
                    text=data.get("text") or "",
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Document saved. Check its text, then run the residue check.")
            )
            return _back(case)
    title = _("Edit a public document") if document else _("Choose a document to publish")
    return _form_page(request, case, ctx, form, title, f"/cases/{reference}/publication/")


@login_required
@require_POST
def document_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    services.document_remove(
        document=get_object_or_404(publication.documents, pk=pk), by=request.user
    )
    messages.success(request, _("Document removed from the publication."))
    return _back(case)


@login_required
@require_POST
def publication_check(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference)
    publication = _publication_or_404(case)
    hits = services.residue_check(publication=publication, by=request.user)
    if hits:
        messages.error(
            request,
            _("The residue check found %(count)s identifying details.") % {"count": len(hits)},
        )
    else:
        messages.success(request, _("The residue check found nothing identifying."))
    return _back(case)


@login_required
@require_POST
def publication_approve(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference)
    publication = _publication_or_404(case)
    try:
        services.publication_approve(publication=publication, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Approved (this revision)."))
    return _back(case)


@login_required
@require_POST
def publication_admin_approve(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference)
    publication = _publication_or_404(case)
    try:
        services.publication_admin_approve(publication=publication, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Approved for a restricted case (this revision)."))
    return _back(case)


@login_required
@require_POST
def publication_publish(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    try:
        snapshot = services.publication_publish(publication=publication, by=request.user)
    except ValidationError as error:
        messages.error(request, _("Not published:"))
        _errors(request, error)
    else:
        messages.success(
            request, _("Published as version %(version)s.") % {"version": snapshot.version}
        )
    return _back(case)


@login_required
@require_POST
def publication_unpublish(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.get_case_for(request.user, reference, perm=case_selectors.CHANGE)
    publication = _publication_or_404(case)
    try:
        services.publication_unpublish(
            publication=publication, by=request.user, reason=request.POST.get("reason", "")[:500]
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("Unpublished: the next export shows a 'withdrawn' page at its address.")
        )
    return _back(case)
