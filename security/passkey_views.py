"""Your passkeys: list, add (the browser's WebAuthn ceremony), remove."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from two_factor.plugins.webauthn.forms import WebauthnDeviceValidationForm

from .passkeys import add_passkey, passkeys_of, remove_passkey


@login_required
@require_GET
def passkeys(request: HttpRequest) -> HttpResponse:
    return render(request, "security/passkeys.html", {"passkeys": passkeys_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def passkey_add(request: HttpRequest) -> HttpResponse:
    """GET starts the ceremony (options in the session, the script asks the authenticator and
    posts back); POST verifies and keeps the passkey."""
    data = request.POST if request.method == "POST" else None
    if data is not None and "webauthn_creation_challenge" not in request.session:
        messages.error(request, _("The passkey request expired. Please try again."))
        return redirect("security:passkey_add")
    # The plugin's script fills the field named "webauthn-token": hence the prefix.
    form = WebauthnDeviceValidationForm(None, request, data=data, prefix="webauthn")
    if data is not None and form.is_valid():
        try:
            add_passkey(user=request.user, registration=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Passkey added. You can use it at your next login."))
        return redirect("security:passkeys")
    return render(request, "security/passkey_add.html", {"form": form})


@login_required
@require_POST
def passkey_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if remove_passkey(user=request.user, device_pk=pk):
        messages.success(request, _("Passkey removed."))
    else:
        messages.info(request, _("That passkey no longer exists."))
    return redirect("security:passkeys")
