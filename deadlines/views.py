"""Deadline pages. Thin: parse input, call one selector or service, render.

Every deadline reaches a page through `selectors.deadlines_visible_to` (itself built on
`casework.selectors.cases_visible_to`); anything else is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from casework import exports
from casework.case_page import case_context, log_case_read
from casework.identity import masks_for
from casework.selectors import can_change_case, get_case_for

from . import selectors, services
from .forms import CancelDeadlineForm, ManualDeadlineForm
from .ical import FeedEvent, render_calendar
from .models import CalendarFeedToken, Deadline

SCOPES = {
    "mine": (gettext_lazy("My deadlines"), selectors.my_deadlines),
    "branch": (gettext_lazy("My branch"), selectors.branch_deadlines),
    "overdue": (gettext_lazy("Overdue"), selectors.overdue_deadlines),
    "upcoming": (gettext_lazy("Next 14 days"), selectors.upcoming_deadlines),
}


def _rows(request: HttpRequest, deadlines) -> list[dict]:
    """Display rows; a hand-written title shows only to users who may see the case's identity."""
    today = timezone.localdate()
    identity = selectors.identity_case_ids(request.user)
    rows = []
    for deadline in deadlines:
        label = deadline.kind_label
        if not deadline.rule_id and deadline.case_id in identity:
            label = deadline.title
        days_left = deadline.days_left(today)
        rows.append(
            {
                "deadline": deadline,
                "label": label,
                "days_left": days_left,
                "overdue_days": max(0, -days_left),
                # Free text (hand-written titles, notes) may name people: identity holders only.
                "free_text": deadline.case_id in identity,
            }
        )
    return rows


@login_required
@require_safe
def deadline_list(request: HttpRequest, scope: str = "mine") -> HttpResponse:
    if scope not in SCOPES:
        raise Http404("No such list.")
    title, selector = SCOPES[scope]
    deadlines = selector(request.user).order_by("due_date", "id")[:500]
    return render(
        request,
        "deadlines/deadline_list.html",
        {
            "title": title,
            "scope": scope,
            "scopes": [(key, label) for key, (label, _selector) in SCOPES.items()],
            "rows": _rows(request, deadlines),
            "oversees_everyone": selectors.oversees_everyone(request.user),
            "export_url": exports.export_url(
                reverse("deadlines:export", kwargs={"scope": scope}), request
            ),
        },
    )


@login_required
@require_safe
def deadline_export(request: HttpRequest, scope: str) -> HttpResponse:
    """A deadline list as CSV or XLSX: what the page shows (free text only where it shows)."""
    if scope not in SCOPES:
        raise Http404("No such list.")
    fmt = exports.parse_format(request.GET.get("format"))
    if fmt is None:
        messages.error(request, _("Choose CSV or XLSX to export."))
        return redirect(f"deadlines:{scope}")
    _title, selector = SCOPES[scope]
    deadlines = list(selector(request.user).order_by("due_date", "id"))
    cases = list({deadline.case_id: deadline.case for deadline in deadlines}.values())
    masks = masks_for(request.user, cases)
    return exports.export_response(
        request,
        what=f"deadlines {scope}",
        fmt=fmt,
        headers=[
            _("Due"),
            _("Days left"),
            _("Case"),
            _("Deadline"),
            _("Case title"),
            _("Assigned to"),
            _("Status"),
        ],
        rows=[
            [
                row["deadline"].due_date,
                row["days_left"],
                row["deadline"].case.reference,
                row["label"],
                masks[row["deadline"].case_id].text(row["deadline"].case.title),
                str(row["deadline"].assignee) if row["deadline"].assignee_id else "",
                row["deadline"].get_status_display(),
            ]
            for row in _rows(request, deadlines)
        ],
        filters={"scope": scope},
        cases=cases,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_deadlines(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    may_change = can_change_case(request.user, case)
    form = ManualDeadlineForm(request.POST or None, case=case)
    if request.method == "POST":
        if not may_change:
            raise Http404("No such case.")
        if form.is_valid():
            try:
                services.deadline_add_manual(
                    case=case,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    due_date=form.cleaned_data["due_date"],
                    assignee=form.cleaned_data["assignee"],
                    notes=form.cleaned_data["notes"],
                    rule=form.cleaned_data.get("rule"),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Deadline added."))
                return redirect("cases:deadlines", reference=case.reference)
    deadlines = selectors.case_deadlines(case).order_by("status", "due_date", "id")
    context = case_context(request, case, "deadlines")
    context.update({"rows": _rows(request, deadlines), "form": form, "may_change": may_change})
    return render(request, "deadlines/case_deadlines.html", context)


def _visible_deadline(request: HttpRequest, pk: int) -> Deadline:
    deadline = selectors.deadlines_visible_to(request.user).filter(pk=pk).first()
    if deadline is None:
        raise Http404("No such deadline.")
    return deadline


@login_required
@require_safe
def deadline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = _visible_deadline(request, pk)
    # A deadline page shows the case's reference, title and history: a read of the case.
    log_case_read(request, deadline.case, f"deadline {deadline.pk}")
    row = _rows(request, [deadline])[0]
    history = deadline.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "deadlines/deadline_detail.html",
        {
            "deadline": deadline,
            "row": row,
            "history": history,
            "may_change": can_change_case(request.user, deadline.case),
            "cancel_form": CancelDeadlineForm(),
        },
    )


@login_required
@require_POST
def deadline_complete(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = _visible_deadline(request, pk)
    try:
        services.deadline_complete(deadline=deadline, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deadline marked as met."))
    return redirect(deadline)


@login_required
@require_POST
def deadline_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = _visible_deadline(request, pk)
    form = CancelDeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the deadline no longer applies."))
        return redirect(deadline)
    try:
        services.deadline_cancel(
            deadline=deadline, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deadline cancelled."))
    return redirect(deadline)


@login_required
@never_cache
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Show the feed's state; create (rotate) or revoke the secret address."""
    new_url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "rotate":
            had_one = CalendarFeedToken.objects.filter(
                user=request.user, revoked_at__isnull=True
            ).exists()
            token = services.calendar_token_rotate(user=request.user)
            # Shown once, in this response only: only the token's hash is stored.
            new_url = request.build_absolute_uri(reverse("deadlines:feed", kwargs={"token": token}))
            messages.success(
                request,
                _("A new calendar address was created; the old one no longer works.")
                if had_one
                else _("Your calendar address was created."),
            )
        elif action == "revoke":
            services.revoke_calendar_tokens(
                request.user, by=request.user, reason=_("Revoked by the user")
            )
            messages.success(request, _("Your calendar address was revoked."))
            return redirect("deadlines:calendar")
        else:
            messages.error(request, _("Unknown action."))
            return redirect("deadlines:calendar")
    active = CalendarFeedToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    return render(
        request, "deadlines/calendar_settings.html", {"active": active, "new_url": new_url}
    )


@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The per-user iCalendar feed. The secret address is the only credential; no names."""
    user = services.calendar_token_user(token)
    if user is None:
        raise Http404("No such calendar.")
    events = [
        FeedEvent(
            uid=f"deadline-{deadline.pk}@remedy",
            day=deadline.due_date,
            summary=f"{deadline.case.reference}: {deadline.kind_label}",
            description=_feed_description(deadline),
            url=request.build_absolute_uri(deadline.get_absolute_url()),
            modified=deadline.updated_at,
            sequence=_sequence(deadline),
        )
        for deadline in selectors.feed_deadlines(user)
    ]
    body = render_calendar(events, name=_("Remedy deadlines"), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="remedy-deadlines.ics"'
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _feed_description(deadline: Deadline) -> str:
    lines = [f"{deadline.case.reference}: {deadline.kind_label}"]
    if deadline.explanation:
        lines.append(deadline.explanation)
    if deadline.rule_id and not deadline.rule.verified:
        lines.append(_("Unverified rule: check the law."))
    if deadline.is_awaited:
        lines.append(
            _("%(awaited)s: not ours to file; follow up with the Committee if nothing arrives.")
            % {"awaited": deadline.awaited_label}
        )
    return "\n".join(lines)


def _sequence(deadline: Deadline) -> int:
    # Seconds since creation grow whenever the deadline changes: clients then take the update.
    return max(0, int((deadline.updated_at - deadline.created_at).total_seconds()))
