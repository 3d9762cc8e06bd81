"""/staff/: the administrators' pages for staff accounts (everybody else gets 404).

Thin views: a form, one service of `accounts.services`, a message. The one-time link of an
onboarding or reactivation is shown once, in that response only (never in a message or a log).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.models import User
from security.sessions import active_sessions
from security.views import administrator_required

from . import selectors, services
from .forms import OnboardForm, ReasonForm, RoleBranchForm, StaffFilterForm

PAGE_SIZE = 50


@administrator_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    users = selectors.staff_list(form.criteria(), reader=request.user)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    locked = selectors.locked_usernames()
    rows = [(user, user.username.lower() in locked) for user in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/staff_list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def staff_onboard(request: HttpRequest) -> HttpResponse:
    form = OnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.onboard(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "accounts/staff_invited.html", {"invitation": invitation})
    return render(request, "accounts/staff_onboard.html", {"form": form})


def _detail(request: HttpRequest, account: User, **forms) -> HttpResponse:
    role = next(iter(account.roles), "")
    context = {
        "account": account,
        "locked": selectors.lockouts_of(account),
        "logins": selectors.last_logins(account),
        "sessions": active_sessions(account),
        "devices": selectors.second_factors(account),
        "history": selectors.history_of(account),
        "own": account.pk == request.user.pk,
        "change_form": forms.get("change")
        or RoleBranchForm(initial={"role": role, "branch": account.branch_id}, prefix="change"),
        "deactivate_form": forms.get("deactivate") or ReasonForm(prefix="deactivate"),
        "reactivate_form": forms.get("reactivate") or ReasonForm(prefix="reactivate"),
        "reset_form": forms.get("reset") or ReasonForm(prefix="reset"),
        "unlock_form": forms.get("unlock") or ReasonForm(prefix="unlock"),
    }
    return render(request, "accounts/staff_detail.html", context)


@administrator_required
@require_GET
def staff_detail(request: HttpRequest, user_pk: int) -> HttpResponse:
    if not request.user.is_active:
        raise Http404  # a duress session: as for a person nobody may look up
    return _detail(request, get_object_or_404(User, pk=user_pk))


def _act(request: HttpRequest, user_pk: int, name: str, form_class, action) -> HttpResponse:
    """Validate the action's form, run the service, say what happened (or show the errors)."""
    account = get_object_or_404(User, pk=user_pk)
    form = form_class(request.POST, prefix=name)
    if form.is_valid():
        try:
            outcome = action(account, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if isinstance(outcome, services.Invitation):
                return render(request, "accounts/staff_invited.html", {"invitation": outcome})
            messages.success(request, outcome)
            return redirect("staff:detail", user_pk=account.pk)
    return _detail(request, account, **{name: form})


@administrator_required
@require_POST
def staff_change(request: HttpRequest, user_pk: int) -> HttpResponse:
    def action(account, data):
        services.change_role_and_branch(user=account, by=request.user, **data)
        return _("Role and branch saved.")

    return _act(request, user_pk, "change", RoleBranchForm, action)


@administrator_required
@require_POST
def staff_deactivate(request: HttpRequest, user_pk: int) -> HttpResponse:
    def action(account, data):
        services.deactivate(user=account, by=request.user, reason=data["reason"])
        return _("The account is deactivated and its sessions ended.")

    return _act(request, user_pk, "deactivate", ReasonForm, action)


@administrator_required
@require_POST
def staff_reactivate(request: HttpRequest, user_pk: int) -> HttpResponse:
    def action(account, data):
        return services.reactivate(user=account, by=request.user, reason=data["reason"])

    return _act(request, user_pk, "reactivate", ReasonForm, action)


@administrator_required
@require_POST
def staff_reset_factor(request: HttpRequest, user_pk: int) -> HttpResponse:
    def action(account, data):
        count = services.reset_second_factor(user=account, by=request.user, reason=data["reason"])
        return _(
            "%(count)d second-factor devices removed. The person enrols a new one at the next "
            "login."
        ) % {"count": count}

    return _act(request, user_pk, "reset", ReasonForm, action)


@administrator_required
@require_POST
def staff_unlock(request: HttpRequest, user_pk: int) -> HttpResponse:
    def action(account, data):
        services.unlock(user=account, by=request.user, reason=data["reason"])
        return _("The login lockout is lifted.")

    return _act(request, user_pk, "unlock", ReasonForm, action)
