"""/account/: one person's own account — password, second factors, sessions, language, links.

The pages that already exist elsewhere are linked, not copied: second factors are
django-two-factor-auth's (/account/two_factor/) and security's passkeys; sessions are security's
(/security/sessions/); the calendar feed is the deadlines app's; the duress password is the
contingency plan's.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.passkeys import passkeys_of
from security.sessions import active_sessions

from . import services
from .forms import LanguageForm
from .models import Preference
from .signals import set_language_cookie


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    preference = Preference.objects.filter(user=user).first()
    backup = StaticDevice.objects.filter(user=user).first()
    context = {
        "totp_devices": TOTPDevice.objects.filter(user=user, confirmed=True),
        "backup_codes_left": backup.token_set.count() if backup else 0,
        "passkeys": passkeys_of(user),
        "sessions": active_sessions(user, current_key=request.session.session_key),
        "language_form": LanguageForm(initial={"language": getattr(preference, "language", "")}),
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    response = redirect("account:home")
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages offered."))
        return response
    try:
        chosen = services.set_language(user=request.user, language=form.cleaned_data["language"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return response
    if chosen.language:
        set_language_cookie(response, chosen.language)
    messages.success(request, _("Language preference saved."))
    return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, new twice, the validators), recorded."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account:home")

    def form_valid(self, form):
        # The form saves the user itself: the history row takes who and why from the instance.
        form.user._history_user = form.user
        form.user._change_reason = _("Password changed")
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The one-time link of an onboarding: set a password, then enrol a second factor.

    Django's password-reset confirmation (token checked, then moved out of the URL into the
    session); after the password is set the person is signed in with the password only, which
    the two-factor middleware turns into the enrolment page — there is no way around it.
    """

    template_name = "accounts/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "security.duress.DuressAwareModelBackend"
    success_url = reverse_lazy("two_factor:setup")
    title = gettext_lazy("Set your password")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        form.user._history_user = form.user
        form.user._change_reason = _("Password set through the one-time link")
        return super().form_valid(form)
