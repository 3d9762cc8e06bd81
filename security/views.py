"""The administrators' security pages: the access log and the emergency lockdown.

Only the administrator role reaches them; everybody else gets 404, like any page that is not
theirs (we do not confirm that a security page exists).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from two_factor.views import LoginView as TwoFactorLoginView

from casework.models import Role

from . import selectors, services
from .duress import DuressLoginMixin
from .forms import AccessLogFilterForm, BoundedAuthenticationForm, LockdownForm

ACCESS_LOG_PAGE_SIZE = 50


def administrator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_role(Role.ADMINISTRATOR):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapper


@administrator_required
@require_http_methods(["GET"])
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    entries = selectors.access_log_entries(form.to_filter(), viewer=request.user)
    page = Paginator(entries, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "security/access_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def lockdown(request: HttpRequest) -> HttpResponse:
    form = LockdownForm(
        request.POST or None, initial={"user": request.GET.get("user")}, viewer=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.lockdown_user(
                user=form.cleaned_data["user"], by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "%(user)s is locked down. Sessions ended: %(sessions)d; two-factor devices "
                    "revoked: %(devices)d; calendar links revoked: %(tokens)d."
                )
                % {
                    "user": result.user.username,
                    "sessions": result.sessions_ended,
                    "devices": result.devices_deleted,
                    "tokens": result.calendar_tokens_revoked,
                },
            )
            return redirect("security:lockdown")
    return render(request, "security/lockdown.html", {"form": form})


class LoginView(DuressLoginMixin, TwoFactorLoginView):
    """django-two-factor-auth's login wizard with a password step that bounds its input.

    DuressLoginMixin recognises a duress password at the password step (security/duress.py).
    """

    form_list = (
        (TwoFactorLoginView.AUTH_STEP, BoundedAuthenticationForm),
        *TwoFactorLoginView.form_list[1:],
    )
