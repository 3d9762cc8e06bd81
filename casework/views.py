"""The case file in the browser: thin views over `selectors`, `search`, `services`, `documents`.

Every case page starts with `selectors.get_case_for` (404 when the user may not see the case or
lacks the permission the page needs; existence is never confirmed) and renders through
`case_page.case_context`, which decides identity masking for the page and logs the read.
Pages that only show the case answer GET and HEAD alone (`require_safe`).

"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.forms import Form
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import documents, exports, forms, selectors, services
from .case_page import case_context, client_ip
from .history import case_timeline
from .identity import IdentityMask, cases_with_identity_for, masks_for, people_visible_to
from .models import (
    PROTECTED_PARTY_ROLES,
    AccessAction,
    Case,
    CaseParty,
    Document,
    PartyRole,
    Person,
    Role,
)
from .search import CaseFilters, search_cases
from .signals import case_team_viewed

logger = logging.getLogger(__name__)

CASES_PER_PAGE = 25
# Columns the case list can be sorted by (?o=field or ?o=-field); default: newest opened first.
SORTABLE = ("reference", "title", "stage", "opened_on")
HISTORY_PER_PAGE = 50


# --- Helpers ----------------------------------------------------------------------------------


def _apply_errors(form: Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _tab_url(case: Case, tab: str) -> str:
    return reverse(f"cases:{tab}", kwargs={"reference": case.reference})


def _model_data(form: Form) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.fields}


def _related_form(
    request: HttpRequest,
    case: Case,
    *,
    tab: str,
    form: Form,
    title: str,
    save: Callable[[Form], Any],
    success: str,
    template: str = "casework/related_form.html",
    extra: dict[str, Any] | None = None,
    ctx: dict[str, Any] | None = None,
) -> HttpResponse:
    """Render a form for a record of the case; on a valid POST call `save` and go to the tab."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_tab_url(case, tab))
    context = ctx or case_context(request, case, tab)
    context.update({"form": form, "form_title": title, "cancel_url": _tab_url(case, tab)})
    context.update(extra or {})
    return render(request, template, context, status=400 if form.errors else 200)


def _delete(
    request: HttpRequest,
    case: Case,
    obj: models.Model,
    *,
    tab: str,
    label: str,
    refusal: str | None = None,
) -> HttpResponse:
    """Confirm and remove `obj`; with a `refusal` the page says why not and offers no button."""
    form = forms.DeleteForm(request.POST or None, case=case)
    if refusal:
        context = case_context(request, case, tab)
        context.update({"object_label": label, "cancel_url": _tab_url(case, tab)})
        context["refusal"] = refusal
        status = 400 if request.method == "POST" else 200
        return render(request, "casework/confirm_delete.html", context, status=status)
    if request.method == "POST" and form.is_valid():
        try:
            services.related_remove(obj, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("%(label)s removed.") % {"label": label})
            return redirect(_tab_url(case, tab))
    context = case_context(request, case, tab)
    context.update({"form": form, "object_label": label, "cancel_url": _tab_url(case, tab)})
    return render(request, "casework/confirm_delete.html", context)


# --- Case list, create, edit, overview ----------------------------------------------------------


def _may_open_cases(user) -> bool:
    return user.has_role(Role.LAWYER, Role.SUPERVISOR, Role.BRANCH_HEAD, Role.ADMINISTRATOR)


def _listed_cases(request: HttpRequest):
    """The case list's filter form, filters, order and cases, for the page and its export."""
    form = forms.CaseFilterForm(request.GET or None)
    filters = CaseFilters()
    if form.is_bound:
        form.is_valid()  # a filter that is not understood is dropped; the others still apply
        filters = CaseFilters(**{k: v for k, v in form.cleaned_data.items() if v})
    order = request.GET.get("o", "")
    if order.lstrip("-") not in SORTABLE:
        order = ""
    cases = search_cases(request.user, filters)
    if order:
        cases = cases.order_by(order, "-id")
    return form, filters, order, cases


@login_required
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    form, filters, order, cases = _listed_cases(request)
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    # Names typed into titles are masked where the reader may not see identities.
    masks = masks_for(request.user, list(page.object_list))
    for listed in page.object_list:
        listed.display_title = masks[listed.pk].text(listed.title)
    sort = {
        field: {"next": field if order != field else f"-{field}", "current": order}
        for field in SORTABLE
    }
    return render(
        request,
        "casework/case_list.html",
        {
            "form": form,
            "page": page,
            "sort": sort,
            "order": order,
            "filtered": any(filters.__dict__.values()),
            "may_open_cases": _may_open_cases(request.user),
            "export_url": exports.export_url(reverse("cases:export"), request),
        },
    )


@login_required
@require_safe
def case_list_export(request: HttpRequest) -> HttpResponse:
    """The case list as CSV or XLSX: the page's filters and order, titles masked as there."""
    fmt = exports.parse_format(request.GET.get("format"))
    if fmt is None:
        messages.error(request, _("Choose CSV or XLSX to export."))
        return redirect("cases:list")
    _form, filters, order, cases = _listed_cases(request)
    cases = list(cases.select_related("branch", "theme", "responsible_lawyer"))
    masks = masks_for(request.user, cases)
    return exports.export_response(
        request,
        what="case list",
        fmt=fmt,
        headers=[
            _("Reference"),
            _("Title"),
            _("Branch"),
            _("Stage"),
            _("Theme"),
            _("Responsible lawyer"),
            _("Confidentiality"),
            _("Opened"),
        ],
        rows=[
            [
                case.reference,
                masks[case.pk].text(case.title),
                case.branch.city,
                case.get_stage_display(),
                str(case.theme) if case.theme_id else "",
                str(case.responsible_lawyer) if case.responsible_lawyer_id else "",
                case.get_confidentiality_display(),
                case.opened_on,
            ]
            for case in cases
        ],
        filters={**{k: str(v) for k, v in filters.__dict__.items() if v}, "o": order},
        cases=cases,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    """One way in: a case is opened at intake (client, consent, conflict check), on the route.

    The old address stays for bookmarks and answers with the intake page.
    """
    if not _may_open_cases(request.user):
        raise PermissionDenied
    return redirect("workflows:litigation:intake:execute")


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    # The form works on its own copy: the page header keeps showing the case as saved.
    form = forms.CaseForm(request.POST or None, instance=Case.objects.get(pk=case.pk))
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                case=case,
                by=request.user,
                data=form.changed_data_dict(),
                expected_version=form.cleaned_data.get("version"),
                reason=form.cleaned_data["reason"],
            )
        except services.StaleObjectError as error:
            # Keep everything the user typed; show what is saved now; the next save is theirs.
            saved = Case.objects.select_related("branch", "theme", "responsible_lawyer")
            fresh = saved.get(pk=case.pk)
            current = _stale_differences(form, fresh)
            data = request.POST.copy()
            data["version"] = str(fresh.version)
            form = forms.CaseForm(data, instance=saved.get(pk=case.pk))
            form.is_valid()
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Case saved."))
            return redirect(case)
    context = case_context(request, case, "overview")
    context.update(
        {
            "form": form,
            "form_title": _("Edit case %(reference)s") % {"reference": case.reference},
            "stale": current,
        }
    )
    return render(request, "casework/case_form.html", context, status=400 if form.errors else 200)


def _stale_differences(form: forms.CaseForm, current: Case) -> list[dict[str, Any]]:
    """Fields where the saved case now differs from what the user submitted."""
    rows = []
    cleaned = getattr(form, "cleaned_data", {})
    for name in forms.CaseForm.Meta.fields:
        saved = getattr(current, name)
        if name in cleaned and cleaned[name] != saved:
            field = Case._meta.get_field(name)
            shown = getattr(current, f"get_{name}_display")() if field.choices else (saved or "—")
            rows.append({"label": field.verbose_name, "saved": shown})
    return rows


@login_required
@require_safe
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    parties = list(case.parties.select_related("person"))
    context = case_context(request, case, "overview", parties=parties)
    context.update(
        {
            "parties": parties,
            "violations": case.violations.select_related("article", "read_with"),
            "counts": selectors.count_each(
                proceedings=case.proceedings.all(),
                # The communication panel's "draft an appeal" needs a recorded decision.
                decided_proceedings=case.proceedings.filter(decided_on__isnull=False),
                documents=documents.documents_visible_to(request.user, case),
                authorisations=case.authorisations.all(),
                activities=case.activities.all(),
            ),
            "latest_activities": case.activities.select_related("author")[:5],
        }
    )
    return render(request, "casework/case_overview.html", context)


# --- Parties ------------------------------------------------------------------------------------


@login_required
@require_safe
def case_parties(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    parties = list(case.parties.select_related("person"))
    for party in parties:
        party.case = case  # the refusal reads the stage: not one query per party
        # "Remove" is offered only where it can succeed (the client stays from drafting on).
        party.removal_refusal = services.client_removal_refusal(party, request.user)
    context = case_context(request, case, "parties", parties=parties)
    context["parties"] = parties
    return render(request, "casework/case_parties.html", context)


def _similar_people(user, case: Case, name: str) -> list[Person]:
    """The conflict check: people with a similar name whose identity `user` may read."""
    tokens = sorted((t for t in name.replace(",", " ").split() if len(t) >= 3), key=len)
    if not tokens:
        return []
    needle = tokens[-1]
    # Only the roles on cases where the user may read identities: the others are not theirs
    # to know about, not even by reference.
    roles = CaseParty.objects.filter(case__in=cases_with_identity_for(user)).select_related("case")
    return list(
        people_visible_to(user)
        .filter(models.Q(full_name__icontains=needle) | models.Q(full_name_latin__icontains=needle))
        .prefetch_related(models.Prefetch("case_roles", queryset=roles, to_attr="visible_roles"))
        .order_by("full_name")[:10]
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    ctx = case_context(request, case, "parties")
    can_identity = ctx["can_view_identity"]
    people = people_visible_to(request.user) if can_identity else Person.objects.none()
    form = forms.PartyForm(request.POST or None, people=people, case=case)
    person_form = forms.PersonFieldsForm(request.POST or None, prefix="person")
    similar: list[Person] = []

    if request.method == "POST":
        valid = form.is_valid()
        role = form.cleaned_data.get("role") if valid else None
        chosen = form.cleaned_data.get("person") if valid else None
        needs_new = valid and role != PartyRole.RESPONDENT and chosen is None
        if needs_new:
            if not person_form.is_valid():
                valid = False
            elif not person_form.cleaned_data.get("full_name"):
                person_form.add_error(
                    "full_name", _("Choose an existing person or give the new person's name.")
                )
                valid = False
            elif can_identity and not request.POST.get("confirm_new"):
                similar = _similar_people(request.user, case, person_form.cleaned_data["full_name"])
                if similar:
                    valid = False
        if valid:
            try:
                services.party_add(
                    case=case,
                    by=request.user,
                    role=role,
                    person=chosen if role != PartyRole.RESPONDENT else None,
                    new_person=person_form.cleaned_data if needs_new else None,
                    authority_name=form.cleaned_data["authority_name"],
                    notes=form.cleaned_data["notes"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Party added."))
                return redirect(_tab_url(case, "parties"))
    ctx.update(
        {
            "form": form,
            "person_form": person_form,
            "similar": similar,
            "form_title": _("Add a party"),
            "cancel_url": _tab_url(case, "parties"),
        }
    )
    errors = form.errors or person_form.errors or similar
    return render(request, "casework/party_form.html", ctx, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    party = get_object_or_404(case.parties.select_related("person"), pk=pk)
    ctx = case_context(request, case, "parties")
    form = forms.PartyForm(
        request.POST or None,
        instance=party,
        can_view_identity=ctx["can_view_identity"],
        case=case,
    )
    del form.fields["person"]
    # Only users who may read the identity may see (and so edit) the person's details.
    person_form = None
    if party.person_id and ctx["can_view_identity"]:
        person_form = forms.PersonFieldsForm(
            request.POST or None, instance=party.person, prefix="person"
        )
    if (
        request.method == "POST"
        and form.is_valid()
        and (person_form is None or person_form.is_valid())
    ):
        try:
            services.party_update(
                party=party,
                by=request.user,
                data=_model_data(form),
                person_data=_model_data(person_form) if person_form else None,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Party saved."))
            return redirect(_tab_url(case, "parties"))
    ctx.update(
        {
            "form": form,
            "person_form": person_form,
            "party": party,
            "form_title": _("Edit party"),
            "cancel_url": _tab_url(case, "parties"),
        }
    )
    errors = form.errors or (person_form.errors if person_form else None)
    return render(request, "casework/party_form.html", ctx, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def party_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    party = get_object_or_404(case.parties.select_related("person"), pk=pk)
    if party.role in PROTECTED_PARTY_ROLES and not selectors.can_view_identity(request.user, case):
        raise PermissionDenied  # removing it would unmask the person (services refuse it too)
    mask = IdentityMask.for_case(case, reveal=selectors.can_view_identity(request.user, case))
    who = mask.name(party.person) if party.person_id else party.authority_name
    label = f"{party.get_role_display()}: {who}"
    refusal = services.client_removal_refusal(party, request.user)
    return _delete(request, case, party, tab="parties", label=label, refusal=refusal)


# --- Violations ---------------------------------------------------------------------------------


@login_required
@require_safe
def case_violations(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "violations")
    context["violations"] = case.violations.select_related("article", "read_with")
    return render(request, "casework/case_violations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def violation_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    violation = get_object_or_404(case.violations, pk=pk) if pk else None
    form = forms.ViolationForm(request.POST or None, instance=violation, case=case)

    def save(form):
        if violation:
            services.violation_update(
                violation=violation,
                by=request.user,
                data=_model_data(form),
                reason=form.cleaned_data["reason"],
            )
        else:
            services.violation_add(
                case=case, by=request.user, reason=form.cleaned_data["reason"], **_model_data(form)
            )

    return _related_form(
        request,
        case,
        tab="violations",
        form=form,
        save=save,
        title=_("Edit alleged violation") if violation else _("Allege a violation"),
        success=_("Violation saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def violation_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    violation = get_object_or_404(case.violations.select_related("article"), pk=pk)
    return _delete(request, case, violation, tab="violations", label=str(violation))


# --- Proceedings --------------------------------------------------------------------------------


@login_required
@require_safe
def case_proceedings(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "proceedings")
    context["proceedings"] = case.proceedings.all()
    return render(request, "casework/case_proceedings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    proceeding = get_object_or_404(case.proceedings, pk=pk) if pk else None
    form = forms.ProceedingForm(request.POST or None, instance=proceeding, case=case)

    def save(form):
        if proceeding:
            services.proceeding_update(
                proceeding=proceeding,
                by=request.user,
                data=_model_data(form),
                reason=form.cleaned_data["reason"],
            )
        else:
            services.proceeding_record(
                case=case, by=request.user, reason=form.cleaned_data["reason"], **_model_data(form)
            )

    return _related_form(
        request,
        case,
        tab="proceedings",
        form=form,
        save=save,
        title=_("Edit proceeding") if proceeding else _("Record a proceeding"),
        success=_("Proceeding saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    proceeding = get_object_or_404(case.proceedings, pk=pk)
    return _delete(request, case, proceeding, tab="proceedings", label=str(proceeding))


# --- Documents ----------------------------------------------------------------------------------


def _with_versions(docs: list[Document]) -> list[Document]:
    """Number each document in its version chain without a query per document."""
    by_pk = {doc.pk: doc for doc in docs}
    for doc in docs:
        number, current = 1, doc
        while current.previous_version_id and current.previous_version_id in by_pk:
            number += 1
            current = by_pk[current.previous_version_id]
        doc.version_no = number
        doc.has_newer = False
    for doc in docs:
        if doc.previous_version_id in by_pk:
            by_pk[doc.previous_version_id].has_newer = True
        doc.translation_title = (
            by_pk[doc.translation_of_id].title if doc.translation_of_id in by_pk else ""
        )
    return docs


@login_required
@require_safe
def case_documents(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "documents")
    docs = list(
        documents.documents_visible_to(request.user, case).select_related(
            "uploaded_by", "proceeding"
        )
    )
    context["documents"] = _with_versions(docs)
    return render(request, "casework/case_documents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    initial = {}
    previous = request.GET.get("previous")
    if previous and previous.isdigit():
        prior = case.documents.filter(pk=int(previous)).first()
        if prior:
            initial = {
                "previous_version": prior.pk,
                "title": prior.title,
                "kind": prior.kind,
                "language": prior.language,
                "confidentiality": prior.confidentiality,
            }
    form = forms.DocumentUploadForm(
        request.POST or None, request.FILES or None, case=case, initial=initial
    )

    def save(form):
        data = _model_data(form)
        documents.document_upload(
            case=case,
            by=request.user,
            uploaded=form.cleaned_data["upload"],
            reason=form.cleaned_data["reason"],
            **data,
        )

    return _related_form(
        request,
        case,
        tab="documents",
        form=form,
        save=save,
        title=_("Upload a document"),
        success=_("Document uploaded."),
        extra={"multipart": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    document = get_object_or_404(case.documents, pk=pk)
    form = forms.DocumentMetaForm(request.POST or None, instance=document, case=case)

    def save(form):
        documents.document_describe(
            document=document,
            by=request.user,
            data=_model_data(form),
            reason=form.cleaned_data["reason"],
        )

    return _related_form(
        request,
        case,
        tab="documents",
        form=form,
        save=save,
        title=_("Edit document description"),
        success=_("Document saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    document = get_object_or_404(case.documents, pk=pk)
    return _delete(request, case, document, tab="documents", label=document.title)


@login_required
@require_safe
def document_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    document = get_object_or_404(documents.documents_visible_to(request.user, case), pk=pk)
    try:
        chunks = documents.verified_chunks(document)
    except documents.IntegrityFailure:
        logger.error(
            "Refused download: document %s of case %s failed its SHA-256 check",
            document.pk,
            case.pk,
        )
        context = case_context(request, case, "documents", log=False)
        context["document"] = document
        return render(request, "casework/download_refused.html", context, status=409)
    services.log_access(
        user=request.user,
        case=case,
        action=AccessAction.DOWNLOAD,
        obj=document,
        ip=client_ip(request),
    )
    response = StreamingHttpResponse(chunks, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=documents.download_filename(document)
    )
    response["Content-Length"] = str(document.size)
    response["Cache-Control"] = "private, no-store"
    return response


# --- Authorisations and consents ----------------------------------------------------------------


def _person_label(mask: IdentityMask):
    return lambda person: mask.name(person)


@login_required
@require_safe
def case_authorisations(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "authorisations")
    context["authorisations"] = case.authorisations.select_related("person", "document")
    context["visible_document_ids"] = set(
        documents.documents_visible_to(request.user, case).values_list("pk", flat=True)
    )
    return render(request, "casework/case_authorisations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def authorisation_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    authorisation = get_object_or_404(case.authorisations, pk=pk) if pk else None
    ctx = case_context(request, case, "authorisations")
    form = forms.AuthorisationForm(
        request.POST or None,
        instance=authorisation,
        case=case,
        person_label=_person_label(ctx["mask"]),
    )

    def save(form):
        if authorisation:
            services.authorisation_update(
                authorisation=authorisation,
                by=request.user,
                data=_model_data(form),
                reason=form.cleaned_data["reason"],
            )
        else:
            services.authorisation_record(
                case=case, by=request.user, reason=form.cleaned_data["reason"], **_model_data(form)
            )

    return _related_form(
        request,
        case,
        tab="authorisations",
        form=form,
        save=save,
        ctx=ctx,
        title=_("Edit authorisation or consent")
        if authorisation
        else _("Record an authorisation or consent"),
        success=_("Authorisation saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def authorisation_withdraw(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    authorisation = get_object_or_404(case.authorisations, pk=pk)
    form = forms.WithdrawForm(request.POST or None, case=case)

    def save(form):
        services.authorisation_withdraw(
            authorisation=authorisation,
            by=request.user,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["reason"],
        )

    return _related_form(
        request,
        case,
        tab="authorisations",
        form=form,
        save=save,
        title=_("Record the withdrawal of %(what)s") % {"what": authorisation},
        success=_("Withdrawal recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def authorisation_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    authorisation = get_object_or_404(case.authorisations, pk=pk)
    return _delete(request, case, authorisation, tab="authorisations", label=str(authorisation))


# --- Activities ---------------------------------------------------------------------------------


@login_required
@require_safe
def case_activities(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "activities")
    context["activities"] = case.activities.select_related("author")
    return render(request, "casework/case_activities.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    activity = get_object_or_404(case.activities, pk=pk) if pk else None
    form = forms.ActivityForm(request.POST or None, instance=activity, case=case)

    def save(form):
        if activity:
            services.activity_update(
                activity=activity,
                by=request.user,
                data=_model_data(form),
                reason=form.cleaned_data["reason"],
            )
        else:
            services.activity_add(
                case=case, by=request.user, reason=form.cleaned_data["reason"], **_model_data(form)
            )

    return _related_form(
        request,
        case,
        tab="activities",
        form=form,
        save=save,
        title=_("Edit activity") if activity else _("Add an activity or note"),
        success=_("Activity saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.CHANGE)
    activity = get_object_or_404(case.activities, pk=pk)
    return _delete(request, case, activity, tab="activities", label=str(activity))


# --- Team ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case_team(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "team")
    # The team tab is where a break-glass alert about this case is reviewed: it has been seen.
    case_team_viewed.send(sender=Case, case=case, user=request.user)
    form = None
    if context["can_manage_team"]:
        form = forms.TeamGrantForm(request.POST or None, case=case)
        if request.method == "POST" and form.is_valid():
            try:
                services.grant_case_access(
                    case=case,
                    user=form.cleaned_data["user"],
                    perms=form.cleaned_data["permissions"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Access granted to %(user)s.") % {"user": form.cleaned_data["user"]},
                )
                return redirect(_tab_url(case, "team"))
    elif request.method == "POST":
        raise PermissionDenied  # unreachable through the UI; the case itself is visible
    context["team"] = [
        {
            "user": user,
            "perms": [
                (p, selectors.PERMISSION_LABELS[p])
                for p in selectors.CASE_PERMISSIONS
                if p in perms
            ],
        }
        for user, perms in selectors.case_team(case)
    ]
    context["form"] = form
    return render(
        request, "casework/case_team.html", context, status=400 if form and form.errors else 200
    )


@login_required
@require_POST
def team_revoke(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference, perm=selectors.MANAGE_TEAM)
    form = forms.TeamRevokeForm(request.POST)
    if form.is_valid():
        permission = form.cleaned_data["permission"]
        services.revoke_case_access(
            case=case,
            user=form.cleaned_data["user"],
            perms=None if permission == "all" else [permission],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request, _("Access revoked for %(user)s.") % {"user": form.cleaned_data["user"]}
        )
    else:
        messages.error(request, _("Give a reason for revoking access."))
    return redirect(_tab_url(case, "team"))


# --- History ------------------------------------------------------------------------------------


@login_required
@require_safe
def case_history(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    context = case_context(request, case, "history")
    hidden = case.documents.exclude(
        pk__in=documents.documents_visible_to(request.user, case).values("pk")
    ).values_list("pk", flat=True)
    entries = case_timeline(case, mask=context["mask"], hidden_documents=set(hidden))
    context["page"] = Paginator(entries, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "casework/case_history.html", context)
