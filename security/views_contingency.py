"""Pages of the contingency plan: emergency contacts, their printable cards, incidents, the
duress password. Thin views: forms parse, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.models import Branch

from . import cards, contacts, incidents
from .duress import (
    client_ip,
    duress_password_remove,
    duress_password_set,
    has_duress_password,
)
from .forms_contingency import (
    ContactForm,
    DuressPasswordForm,
    DuressRemoveForm,
    IncidentFilterForm,
    IncidentForm,
    StepForm,
)
from .models import EmergencyContact, IncidentStep

INCIDENTS_PAGE_SIZE = 50


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render with what the contingency tabs need (is the register visible?)."""
    context = {
        "may_use_register": incidents.may_use_register(request.user),
        "may_report": incidents.may_report(request.user),
        **context,
    }
    return render(request, template, context)


def _apply(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- emergency contacts ----------------------------------------------------------------------


def _office(pk: int | None) -> Branch | None:
    return None if pk is None else get_object_or_404(Branch, pk=pk)


def _directory_url(branch: Branch | None) -> str:
    if branch is None:
        return reverse("security:contacts_organisation")
    return reverse("security:contacts_office", kwargs={"pk": branch.pk})


@login_required
@require_GET
def contacts_index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for branch in [None, *contacts.visible_offices(request.user)]:
        entries = list(contacts.contacts_visible_to(request.user).filter(branch=branch))
        rows.append(
            {
                "branch": branch,
                "url": _directory_url(branch),
                "count": len(entries),
                "unchecked": len(contacts.unchecked(entries, today)),
                "may_edit": contacts.can_edit_directory(request.user, branch),
            }
        )
    return _render(request, "security/contacts_index.html", {"rows": rows})


def _directory_page(request: HttpRequest, branch: Branch | None) -> HttpResponse:
    if not contacts.can_view_directory(request.user, branch):
        raise Http404("No such page.")
    today = timezone.localdate()
    groups = contacts.directory(branch, reader=request.user)
    unchecked_ids = {c.pk for _label, items in groups for c in contacts.unchecked(items, today)}
    return _render(
        request,
        "security/contacts_directory.html",
        {
            "branch": branch,
            "groups": groups,
            "unchecked_ids": unchecked_ids,
            "may_edit": contacts.can_edit_directory(request.user, branch),
            "languages": [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")],
            "months": contacts.CHECK_INTERVAL_MONTHS,
            "history_url": reverse("security:contacts_office_history", kwargs={"pk": branch.pk})
            if branch
            else reverse("security:contacts_organisation_history"),
            "add_url": reverse("security:contact_add_office", kwargs={"pk": branch.pk})
            if branch
            else reverse("security:contact_add_organisation"),
        },
    )


@login_required
@require_GET
def contacts_organisation(request: HttpRequest) -> HttpResponse:
    return _directory_page(request, None)


@login_required
@require_GET
def contacts_office(request: HttpRequest, pk: int) -> HttpResponse:
    return _directory_page(request, _office(pk))


def _history_page(request: HttpRequest, branch: Branch | None) -> HttpResponse:
    if not contacts.can_view_directory(request.user, branch):
        raise Http404("No such page.")
    rows = contacts.directory_history(branch, reader=request.user)[:300]
    return _render(
        request,
        "security/contacts_history.html",
        {"branch": branch, "rows": rows, "back_url": _directory_url(branch)},
    )


@login_required
@require_GET
def contacts_organisation_history(request: HttpRequest) -> HttpResponse:
    return _history_page(request, None)


@login_required
@require_GET
def contacts_office_history(request: HttpRequest, pk: int) -> HttpResponse:
    return _history_page(request, _office(pk))


def _contact_form_page(request, *, branch, contact=None) -> HttpResponse:
    if not contacts.can_edit_directory(request.user, branch):
        raise Http404("No such page.")
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            if contact is None:
                contacts.contact_create(
                    by=request.user, branch=branch, reason=form.cleaned_data["reason"], **fields
                )
            else:
                contacts.contact_update(
                    contact=form.instance,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    **fields,
                )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("The directory is saved."))
            return redirect(_directory_url(branch))
    return _render(
        request,
        "security/contact_form.html",
        {"form": form, "branch": branch, "contact": contact, "back_url": _directory_url(branch)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_add_organisation(request: HttpRequest) -> HttpResponse:
    return _contact_form_page(request, branch=None)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add_office(request: HttpRequest, pk: int) -> HttpResponse:
    return _contact_form_page(request, branch=_office(pk))


def _editable_contact(request: HttpRequest, pk: int) -> EmergencyContact:
    contact = contacts.contacts_visible_to(request.user).filter(pk=pk).first()
    if contact is None or not contacts.can_edit_directory(request.user, contact.branch):
        raise Http404("No such page.")
    return contact


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _editable_contact(request, pk)
    return _contact_form_page(request, branch=contact.branch, contact=contact)


@login_required
@require_POST
def contact_checked(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _editable_contact(request, pk)
    contacts.contact_mark_checked(contact=contact, by=request.user)
    messages.success(request, _("Marked as checked today: %(name)s.") % {"name": contact.name})
    return redirect(_directory_url(contact.branch))


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _editable_contact(request, pk)
    if request.method == "POST":
        reason = (request.POST.get("reason") or "").replace("\x00", "").strip()[:300]
        branch = contact.branch
        contacts.contact_remove(contact=contact, by=request.user, reason=reason)
        messages.success(request, _("The contact is removed; its history is kept."))
        return redirect(_directory_url(branch))
    return _render(
        request,
        "security/contact_delete.html",
        {"contact": contact, "back_url": _directory_url(contact.branch)},
    )


@login_required
@require_GET
def contacts_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page card of an office, built from the directory as it is now."""
    branch = _office(pk)
    if not contacts.can_view_directory(request.user, branch):
        raise Http404("No such page.")
    language = request.GET.get("lang") or translation.get_language() or "en"
    if language[:2] not in cards.CARD_LANGUAGES:
        language = "en"
    body = cards.office_card_pdf(branch, language=language[:2], reader=request.user)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="emergency-card-{branch.code}-{language[:2]}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


# --- incidents -------------------------------------------------------------------------------


def _require_reporter(request: HttpRequest) -> None:
    if not incidents.may_report(request.user):
        raise Http404("No such page.")


@login_required
@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    _require_reporter(request)
    form = IncidentFilterForm(request.GET or None)
    rows = incidents.incidents_visible_to(request.user).select_related("branch", "staff_member")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["branch"]:
            rows = rows.filter(branch=data["branch"])
    rows = rows.annotate(
        steps_total=Count("steps"),
        steps_done=Count("steps", filter=Q(steps__done_at__isnull=False)),
    ).order_by("-occurred_at", "-id")
    page = Paginator(rows, INCIDENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    if page.object_list:
        incidents.record_list_read(
            user=request.user,
            incident_ids=[incident.pk for incident in page.object_list],
            page=page.number,
            ip=client_ip(request),
        )
    query = request.GET.copy()
    query.pop("page", None)
    return _render(
        request,
        "security/incident_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_create(request: HttpRequest) -> HttpResponse:
    _require_reporter(request)
    initial = {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    if request.user.branch_id:
        initial["branch"] = request.user.branch_id
    form = IncidentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.fields_for_service()
        try:
            incident = incidents.incident_open(
                by=request.user,
                cases=form.cleaned_data["case_references"],
                reason=form.cleaned_data["reason"],
                **fields,
            )
        except (ValidationError, PermissionDenied) as exc:
            _apply(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, _("The incident is recorded with its checklist."))
            return redirect("security:incident_detail", pk=incident.pk)
    return _render(request, "security/incident_form.html", {"form": form, "incident": None})


@login_required
@require_GET
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incidents.get_incident_for(request.user, pk)
    incidents.record_read(incident=incident, user=request.user, ip=client_ip(request))
    context = {
        "incident": incident,
        "cases": incidents.linked_cases_visible_to(incident, request.user),
        "party_label": incidents.party_label(incident.party, request.user),
        "follows_up": False,
    }
    # Whoever only reported it sees what they reported, not what the register's readers add.
    if incidents.may_follow_up(request.user, incident):
        context |= {
            "follows_up": True,
            "steps": list(incident.steps.select_related("done_by")),
            "history": incidents.incident_history(incident)[:200],
            "reads": incidents.incident_reads(incident)[:20],
        }
    return _render(request, "security/incident_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incidents.get_incident_for(request.user, pk, to_follow_up=True)
    form = IncidentForm(request.POST or None, user=request.user, instance=incident)
    if request.method == "POST" and form.is_valid():
        try:
            incidents.incident_update(
                incident=form.instance,
                by=request.user,
                cases=form.cleaned_data["case_references"],
                reason=form.cleaned_data["reason"],
                **form.fields_for_service(),
            )
        except (ValidationError, PermissionDenied) as exc:
            _apply(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, _("The incident is saved."))
            return redirect("security:incident_detail", pk=incident.pk)
    # Showing the form (first time or again with errors) shows the incident: it is a read.
    incidents.record_read(incident=incident, user=request.user, ip=client_ip(request))
    return _render(request, "security/incident_form.html", {"form": form, "incident": incident})


@login_required
@require_POST
def incident_step(request: HttpRequest, pk: int) -> HttpResponse:
    step = IncidentStep.objects.filter(pk=pk).select_related("incident").first()
    if (
        step is None
        or not incidents.incidents_readable_by(request.user).filter(pk=step.incident_id).exists()
    ):
        raise Http404("No such page.")
    form = StepForm(request.POST)
    if form.is_valid():
        incidents.step_set_done(
            step=step,
            by=request.user,
            done=form.cleaned_data["done"],
            note=form.cleaned_data["note"],
        )
    else:
        messages.error(request, _("The note is too long or contains invalid characters."))
    return redirect(
        reverse("security:incident_detail", kwargs={"pk": step.incident_id}) + "#checklist"
    )


# --- the person's own pages ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def duress(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action") if request.method == "POST" else None
    form = DuressPasswordForm(request.POST if action == "set" else None)
    remove_form = DuressRemoveForm(request.POST if action == "remove" else None, prefix="remove")
    if action == "set" and form.is_valid():
        try:
            duress_password_set(
                user=request.user,
                password=form.cleaned_data["password"],
                current_password=form.cleaned_data["current_password"],
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Your duress password is set."))
            return redirect("security:duress")
    elif action == "remove" and remove_form.is_valid():
        try:
            duress_password_remove(
                user=request.user, current_password=remove_form.cleaned_data["current_password"]
            )
        except ValidationError as exc:
            _apply(remove_form, exc)
        else:
            messages.success(request, _("Your duress password is removed."))
            return redirect("security:duress")
    return _render(
        request,
        "security/duress.html",
        {"form": form, "remove_form": remove_form, "has_duress": has_duress_password(request.user)},
    )
