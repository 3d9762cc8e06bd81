"""Pages of the recommendations register (/monitoring/) and of a case's follow-up tab.

The register is organisation knowledge: staff read it, analysts and supervisors edit it (403 for
others). A Views' remedy is case data: a hidden case's remedy answers 404 like the case itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework.case_page import case_context, log_case_read
from casework.selectors import CHANGE, can_change_case, get_case_for

from . import importer, report, selectors, services
from .forms import (
    AssessmentForm,
    FollowUpRoundForm,
    ImportForm,
    RecommendationForm,
    RecommendationLinkForm,
    RegisterFilterForm,
    RemedyForm,
    ReportForm,
)
from .models import ImplementationStatus, Recommendation

PAGE_SIZE = 50


def _require_editor(request: HttpRequest) -> None:
    if not selectors.can_edit_register(request.user):
        raise PermissionDenied(_("Only analysts and supervisors edit the register."))


def _visible_recommendation(request: HttpRequest, pk: int) -> Recommendation:
    return get_object_or_404(selectors.recommendations_visible_to(request.user), pk=pk)


def filtered_register(request: HttpRequest, form: RegisterFilterForm):
    rows = selectors.recommendations_visible_to(request.user)
    if not form.is_valid():
        return rows
    data = form.cleaned_data
    if data.get("q"):
        q = data["q"]
        rows = rows.filter(
            Q(text_en__icontains=q)
            | Q(text_ru__icontains=q)
            | Q(text_kk__icontains=q)
            | Q(symbol__icontains=q)
            | Q(title__icontains=q)
        )
    if data.get("mechanism"):
        rows = rows.filter(mechanism=data["mechanism"])
    if data.get("theme"):
        rows = rows.filter(themes=data["theme"])
    if data.get("article"):
        rows = rows.filter(articles=data["article"])
    if data.get("status"):
        status = data["status"]
        if status == ImplementationStatus.NO_INFORMATION:
            rows = rows.filter(Q(current_status=status) | Q(current_status__isnull=True))
        else:
            rows = rows.filter(current_status=status)
    if data.get("body"):
        rows = rows.filter(responsible_body__icontains=data["body"])
    if data.get("year"):
        rows = rows.filter(issued_on__year=data["year"])
    if data.get("position"):
        rows = rows.filter(state_position=data["position"])
    return rows.distinct()


@login_required
@require_safe
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    rows = filtered_register(request, form).prefetch_related("themes")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/register.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_edit": selectors.can_edit_register(request.user),
            "statuses": dict(ImplementationStatus.choices),
        },
    )


@login_required
@require_safe
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _visible_recommendation(request, pk)
    if recommendation.is_remedy:
        # A Views' remedy is case data: its page is a read of the case (restricted and secret
        # cases go to the access log like every other page showing them).
        log_case_read(request, recommendation.case, "follow_up")
    return render(
        request,
        "monitoring/recommendation.html",
        {
            "rec": recommendation,
            "timeline": selectors.timeline(recommendation, request.user),
            "case_links": selectors.visible_case_links(request.user, recommendation),
            "remedy_links": selectors.visible_remedy_links(request.user, recommendation),
            "can_edit": (can_edit := selectors.can_edit_register(request.user))
            and not recommendation.is_remedy,
            "linkable_remedies": (
                selectors.linkable_remedies(request.user, recommendation)
                if can_edit and not recommendation.is_remedy
                else []
            ),
            "can_assess": (
                can_change_case(request.user, recommendation.case)
                if recommendation.is_remedy
                else selectors.can_edit_register(request.user)
            ),
            "statuses": dict(ImplementationStatus.choices),
        },
    )


@login_required
@require_POST
def recommendation_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or remove a link from a register recommendation to a case or a Views' remedy.

    Not there (404) for anyone but an editor: a write about cases, answered like one."""
    if not selectors.can_edit_register(request.user):
        raise Http404("No such page.")
    recommendation = _visible_recommendation(request, pk)
    if recommendation.is_remedy:
        raise Http404("A Views' remedy is linked from the recommendation.")
    form = RecommendationLinkForm(request.POST, user=request.user, recommendation=recommendation)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("monitoring:recommendation", pk=pk)
    data = form.cleaned_data
    try:
        if data.get("case"):
            case_action = (
                services.recommendation_unlink_case
                if data["action"] == "remove_case"
                else services.recommendation_link_case
            )
            case_action(recommendation=recommendation, case=data["case"], by=request.user)
        else:
            services.recommendation_link_remedy(
                recommendation=recommendation,
                remedy=data["remedy"],
                by=request.user,
                linked=data["action"] == "add_remedy",
            )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Links saved."))
    return redirect("monitoring:recommendation", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_editor(request)
    instance = _visible_recommendation(request, pk) if pk else None
    if instance is not None and instance.is_remedy:
        raise Http404("A Views' remedy is edited on its case.")
    form = RecommendationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        recommendation = form.save(commit=False)
        try:
            services.recommendation_save(
                recommendation=recommendation,
                by=request.user,
                themes=form.cleaned_data["themes"],
                articles=form.cleaned_data["articles"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Recommendation saved."))
            return redirect("monitoring:recommendation", pk=recommendation.pk)
    return render(request, "monitoring/recommendation_form.html", {"form": form, "rec": instance})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _visible_recommendation(request, pk)
    if recommendation.is_remedy:
        if not can_change_case(request.user, recommendation.case):
            raise Http404("No such recommendation.")
        log_case_read(request, recommendation.case, "follow_up")
    else:
        _require_editor(request)
    form = AssessmentForm(request.POST or None, recommendation=recommendation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_add(
                recommendation=recommendation, by=request.user, **form.assessment_kwargs()
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("monitoring:recommendation", pk=recommendation.pk)
    return render(request, "monitoring/assessment_form.html", {"form": form, "rec": recommendation})


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    board = selectors.dashboard(request.user)
    statuses = ImplementationStatus.choices
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "board": board,
            "statuses": statuses,
            "theme_rows": [
                (name, [counts.get(value, 0) for value, _label in statuses], sum(counts.values()))
                for name, counts in board.by_theme
            ],
            "mechanism_rows": [
                (name, [counts.get(value, 0) for value, _label in statuses], sum(counts.values()))
                for name, counts in board.by_mechanism
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = importer.import_csv(form.cleaned_data["file"].read(), by=request.user)
        if result.ok:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("monitoring:register")
    status = 400 if result is not None and not result.ok else 200
    return render(
        request,
        "monitoring/import.html",
        {"form": form, "result": result, "columns": importer.COLUMNS},
        status=status,
    )


@login_required
@require_safe
def report_page(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.GET or None)
    if request.GET and form.is_valid():
        rows = selectors.recommendations_visible_to(request.user)
        subtitle = []
        if form.cleaned_data["theme"]:
            rows = rows.filter(themes=form.cleaned_data["theme"])
            subtitle.append(form.cleaned_data["theme"].name)
        if form.cleaned_data["mechanism"]:
            rows = rows.filter(mechanism=form.cleaned_data["mechanism"])
            subtitle.append(str(form.cleaned_data["mechanism"]))
        lang, kind = form.cleaned_data["language"], form.cleaned_data["format"]
        if kind == "pdf":
            body = report.render_pdf(rows, lang=lang, subtitle=", ".join(subtitle))
            content_type = "application/pdf"
        else:
            body = report.render_docx(rows, lang=lang, subtitle=", ".join(subtitle))
            content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, report.report_filename(lang, kind)
        )
        return response
    return render(request, "monitoring/report.html", {"form": form})


# --- a case's follow-up tab -----------------------------------------------------------------


@login_required
@require_safe
def case_follow_up(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    remedies = selectors.case_remedies(case)
    context = case_context(request, case, "follow_up")
    context.update(
        {
            "matrix": selectors.follow_up_matrix(remedies),
            "dialogue": selectors.dialogue_history(case),
            "communication": getattr(case, "communication", None),
        }
    )
    return render(request, "monitoring/case_follow_up.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_follow_up_record(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference, perm=CHANGE)
    form = FollowUpRoundForm(request.POST or None, case=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_round(case=case, by=request.user, **form.round_kwargs())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("Follow-up recorded."))
            return redirect("cases:follow_up", reference=case.reference)
    context = case_context(request, case, "follow_up")
    context["form"] = form
    return render(request, "monitoring/case_follow_up_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_remedy_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Correct one remedy of the Views, or stop following it."""
    case = get_case_for(request.user, reference, perm=CHANGE)
    remedy = get_object_or_404(Recommendation, case=case, pk=pk)
    form = RemedyForm(request.POST or None, instance=remedy)
    if request.method == "POST" and form.is_valid():
        try:
            services.remedy_change(
                remedy=remedy,
                by=request.user,
                reason=form.cleaned_data.get("reason", ""),
                **form.changes(),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("Remedy saved."))
            return redirect("cases:follow_up", reference=case.reference)
    context = case_context(request, case, "follow_up")
    context.update({"form": form, "remedy": remedy})
    return render(request, "monitoring/remedy_form.html", context)
