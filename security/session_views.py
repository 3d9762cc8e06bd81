"""Active sessions pages: your own (/security/sessions/) and, for administrators, anyone's
(/security/users/<id>/sessions/). Signing out is POST only; both are recorded (security.sessions).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from casework.models import User

from .forms import EndSessionForm
from .sessions import active_sessions, end_session, session_id
from .views import administrator_required


@login_required
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    sessions = active_sessions(request.user, current_key=request.session.session_key)
    return render(
        request,
        "security/sessions.html",
        {"account": request.user, "sessions": sessions, "own": True},
    )


@login_required
@require_POST
def my_session_end(request: HttpRequest) -> HttpResponse:
    return _end(request, request.user, redirect_to=("security:sessions", {}))


@administrator_required
@require_GET
def user_sessions(request: HttpRequest, user_pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_pk)
    own = account.pk == request.user.pk
    current = request.session.session_key if own else None
    sessions = active_sessions(account, current_key=current)
    return render(
        request,
        "security/sessions.html",
        {"account": account, "sessions": sessions, "own": own},
    )


@administrator_required
@require_POST
def user_session_end(request: HttpRequest, user_pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=user_pk)
    return _end(request, account, redirect_to=("security:user_sessions", {"user_pk": account.pk}))


def _end(request: HttpRequest, account: User, *, redirect_to: tuple[str, dict]) -> HttpResponse:
    form = EndSessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That session could not be found; nothing was changed."))
        return redirect(redirect_to[0], **redirect_to[1])
    keep = request.session.session_key if account.pk == request.user.pk else None
    target = form.cleaned_data["session"]
    if keep and target != "others" and target == _current_id(request):
        messages.error(request, _("To end this session, log out."))
        return redirect(redirect_to[0], **redirect_to[1])
    ended = end_session(user=account, session=target, by=request.user, keep_key=keep)
    if ended:
        messages.success(
            request,
            ngettext("%(count)d session signed out.", "%(count)d sessions signed out.", ended)
            % {"count": ended},
        )
    else:
        messages.info(request, _("That session has already ended."))
    return redirect(redirect_to[0], **redirect_to[1])


def _current_id(request: HttpRequest) -> str:
    return session_id(request.session.session_key or "")
