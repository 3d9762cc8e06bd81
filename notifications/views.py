"""The notification centre (/notifications/) and each person's choice of channels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import MarkReadForm, PreferencesForm
from .models import IN_APP_ONLY, Kind, Notification

PAGE_SIZE = 30


@login_required
@require_GET
def centre(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.centre_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/centre.html", {"page": page})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one (and follow its link) or all as read."""
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That notification could not be found."))
        return redirect("notifications:centre")
    pk = form.cleaned_data["notification"]
    if pk is None:
        services.mark_read(user=request.user)
        return redirect("notifications:centre")
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        messages.error(request, _("That notification could not be found."))
        return redirect("notifications:centre")
    services.mark_read(user=request.user, ids=[pk])
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = {kind: services.channel_for(request.user, kind) for kind in Kind.values}
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, channels=form.cleaned_data)
        messages.success(request, _("Notification settings saved."))
        return redirect("notifications:preferences")
    always_in_app = [label for kind, label in Kind.choices if kind in IN_APP_ONLY]
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "always_in_app": always_in_app},
    )
