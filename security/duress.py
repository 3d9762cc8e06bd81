"""The duress login: a second password that opens an empty Remedy and raises the alarm.

A staff member forced to open Remedy (at a border, during a search) types their duress password
instead of the real one. To whoever watches, everything looks like a normal login; behind it:

1. **Password step** (`DuressAwareModelBackend`). Every login attempt on an existing account
   verifies the password against the real hash *and* against the duress hash (or a stand-in
   when the person has none): always two hash computations, so neither the step's timing nor
   its queries tell which one matched. The real password wins if both would match. A match of
   the duress password marks the wizard's server-side storage; as soon as the step's answer
   has been sent, a "duress login" incident (time, IP address) is opened and the
   administrators are notified — the alarm goes out even if the watcher stops here.
2. **Second step** (TOTP or a backup code) behaves exactly as for a normal login: the same form,
   checked against the person's real devices, which still exist at this point. A wrong code is
   refused as usual; that is what the watcher would expect.
3. **Done**: Django's `login()` runs as always (same cookies, same redirect to the case list)
   and the new session is marked as a duress session (server-side only, in the session row;
   the cookie is an ordinary session id). Once the answer has been sent, `lockdown_user` locks
   the account as the emergency lockdown does: account disabled, password scrubbed, every
   other session ended, calendar feeds revoked, two-factor devices deleted.

   Why after the answer: the alarm and the lockdown are tens of milliseconds of writes (and
   ending sessions reads every stored session) that a normal login does not make; done inside
   the request they made the duress login measurably slower (bench/duress_timing.py). The
   WSGI server (gunicorn, runserver, the ASGI handler alike) calls the response's `close()`
   after the last byte has gone out (PEP 3333), so work attached there costs the watcher
   nothing they could time.
4. **The duress session** (`DuressSessionMiddleware`) keeps looking normal for its lifetime:
   the locked-down account is loaded as the request's user (its name in the top bar, its
   roles and model permissions for the navigation and buttons), treated as verified, but
   inactive in memory, so every data check (`cases_visible_to`, `case_permissions`, identity,
   guardian, the selectors of the contacts, incidents, notifications, access log and staff lists)
   answers "nothing". Every page a person of that role opens answers as it always does, and
   empty: the lists, the account and two-factor pages, the emergency directory, search. A
   case, task or other object the empty account cannot see answers 404, as it does to any
   colleague without access. Each request runs inside a transaction that is rolled back, so
   nothing it does is kept; the account's two-factor devices (deleted by the lockdown) are
   put back as stand-ins inside that transaction only, so the account pages show them as
   before. A form sent (POST) is not run: the answer is the redirect a saved form gives. Only
   logout and the language switch run for real.
   The session ends like any other (idle timeout, absolute lifetime, logout).

Nothing of this reaches the browser: no page, header, cookie or redirect differs, and no e-mail
is sent (the alarm is an in-app-only notification to administrators, never to the person's own
account: security/alarms.py).
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.apps import apps as django_apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from casework.models import Branch, User
from casework.services import delete_audited, save_audited
from notifications.models import Kind

from . import incidents
from .alarms import alert_administrators
from .models import DuressCredential, Incident, IncidentKind
from .services import lockdown_user

logger = logging.getLogger("remedy.security")

# Server-side markers: in the login wizard's storage, then in the signed-in session.
WIZARD_DURESS_KEY = "remedy_duress_incident"
SESSION_DURESS_KEY = "remedy_duress_incident"
# What the account's two-factor pages showed before the lockdown deleted its devices.
SESSION_DEVICES_KEY = "remedy_duress_devices"

# An unusable hash: checking against it still runs the default hasher once (Django's
# verify_password "fake runtime"), so a person without a duress password costs the same.
_NO_DURESS_HASH = make_password(None)


# --- setting the duress password -------------------------------------------------------------


def has_duress_password(user: User) -> bool:
    return DuressCredential.objects.filter(user=user).exists()


def duress_password_set(*, user: User, password: str, current_password: str) -> DuressCredential:
    """Set (or replace) `user`'s duress password after checking their real one.

    It must differ from the real password and pass the same validators as a real password
    (a short duress password would be easy to stumble on).
    """
    if not user.check_password(current_password or ""):
        raise ValidationError({"current_password": _("This is not your current password.")})
    if user.check_password(password):
        raise ValidationError(
            {"password": _("The duress password must be different from your real password.")}
        )
    validate_password(password, user)
    with transaction.atomic():
        credential = DuressCredential.objects.filter(user=user).first()
        reason = _("Duress password changed") if credential else _("Duress password set")
        credential = credential or DuressCredential(user=user)
        credential.password = make_password(password)
        credential.set_at = timezone.now()
        return save_audited(credential, by=user, reason=reason)


def duress_password_remove(*, user: User, current_password: str) -> None:
    if not user.check_password(current_password or ""):
        raise ValidationError({"current_password": _("This is not your current password.")})
    credential = DuressCredential.objects.filter(user=user).first()
    if credential is not None:
        with transaction.atomic():
            delete_audited(credential, by=user, reason=_("Duress password removed"))


# --- the password step ----------------------------------------------------------------------


class DuressAwareModelBackend(ModelBackend):
    """Django's ModelBackend that also recognises the duress password, in constant work.

    Existing account: one verification against the real hash and one against the duress hash
    (or the unusable stand-in, which Django answers with one run of the default hasher), one
    query for the credential — whatever the outcome. Unknown account: Django's own stand-in
    hash plus the duress stand-in, again two hash computations.
    """

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        """Django's answer, from the one query that also reads the roles."""
        wanted = user_obj.is_active and not user_obj.is_anonymous and obj is None
        if wanted and not user_obj.is_superuser and not hasattr(user_obj, "_perm_cache"):
            user_obj.load_roles_and_permissions()
        return super().get_all_permissions(user_obj, obj)

    def authenticate(self, request, username=None, password=None, **kwargs):
        UserModel = get_user_model()
        if username is None:
            username = kwargs.get(UserModel.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = UserModel._default_manager.get_by_natural_key(username)
        except UserModel.DoesNotExist:
            UserModel().set_password(password)  # Django's stand-in (#20760)
            check_password(password, _NO_DURESS_HASH)
            return None
        real = user.check_password(password)
        credential = DuressCredential.objects.filter(user_id=user.pk).only("password").first()
        duress = check_password(password, credential.password if credential else _NO_DURESS_HASH)
        if not self.user_can_authenticate(user):
            return None
        if real:
            return user
        if duress and _handles_duress(request):
            user.remedy_duress = True
            return user
        return None


def _handles_duress(request) -> bool:
    """Only a login view that finishes the duress path may accept the duress password.

    Anywhere else (another login form, `Client.login`, an API) it is simply a wrong password:
    it must never become a second real password.
    """
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, DuressLoginMixin)


def client_ip(request: HttpRequest) -> str | None:
    # The same address django-axes keys lockouts on (honours REMEDY_TRUSTED_PROXY_COUNT).
    from axes.helpers import get_client_ip_address  # axes reads settings at import time

    return get_client_ip_address(request)


def after_response(request: HttpRequest, work) -> None:
    """Run `work()` once the answer to `request` has been sent (see the module docstring).

    `DuressLoginMixin.post` hands the queued work to the response; failures are logged by the
    work itself (Django swallows a closer's exception)."""
    request.__dict__.setdefault("_remedy_after_response", []).append(work)


def raise_alarm(*, user: User, request: HttpRequest, ip: str | None = None) -> Incident:
    """The duress password was typed: open the incident and tell the administrators."""
    now = timezone.now()
    ip = ip if ip is not None else client_ip(request)
    branch = user.branch or Branch.objects.filter(is_head_office=True).first()
    with transaction.atomic():
        incident = incidents.incident_open(
            by=None,
            kind=IncidentKind.DURESS_LOGIN,
            branch=branch,
            occurred_at=now,
            staff_member=user,
            ip_address=ip,
            description=_(
                "%(user)s entered the duress password at the login page from %(ip)s. Someone "
                "may be forcing them to open Remedy."
            )
            % {"user": user.get_full_name() or user.username, "ip": ip or "?"},
            reason=_("Duress password entered at login"),
        )
        alert_administrators(
            kind=Kind.DURESS_ALARM,
            about=user,
            url=reverse("security:incident_detail", kwargs={"pk": incident.pk}),
            params={"ip": ip or "?", "incident": incident.pk},
        )
    return incident


def _latest_duress_incident(user: User) -> Incident | None:
    """The incident the password step of this login opened (none if its alarm failed)."""
    recent = timezone.now() - timedelta(hours=1)
    return (
        Incident.objects.filter(
            kind=IncidentKind.DURESS_LOGIN, staff_member=user, occurred_at__gte=recent
        )
        .order_by("-pk")
        .first()
    )


def complete_duress_login(*, request: HttpRequest, user: User) -> None:
    """After Django's login(): mark the session as a duress session; lock the account once
    the answer has gone out.

    The mark comes first and nothing here may fail the request: if the lockdown itself failed,
    the watcher must still get the empty session, never the real one (the failure is logged
    and the administrators already have the alarm). The lockdown ends every session of the
    account but this one, which by then is saved under its final key.
    """
    request.session[SESSION_DURESS_KEY] = -1
    try:
        request.session[SESSION_DEVICES_KEY] = device_snapshot(user)
    except Exception:  # the stand-ins are cosmetic; the lockdown must happen whatever
        logger.exception("DURESS device snapshot failed for user id %s", user.pk)
    after_response(request, lambda: _lock_down(user, keep_session=request.session.session_key))


def _lock_down(user: User, *, keep_session: str | None) -> None:
    try:
        incident = _latest_duress_incident(user)
        incident_id = incident.pk if incident else None
        result = lockdown_user(
            user=user,
            by=None,
            reason=_("Duress login (incident #%(id)s)") % {"id": incident_id},
            keep_session=keep_session,
        )
        if incident is not None:
            incident.follow_up = (
                incident.follow_up
                + ("\n" if incident.follow_up else "")
                + _(
                    "%(time)s: the login was completed; the account was locked down (sessions "
                    "ended: %(sessions)d, two-factor devices deleted: %(devices)d, calendar "
                    "links revoked: %(tokens)d). The duress session shows no data."
                )
                % {
                    "time": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                    "sessions": result.sessions_ended,
                    "devices": result.devices_deleted,
                    "tokens": result.calendar_tokens_revoked,
                }
            )
            save_audited(incident, by=None, reason=_("Duress login completed"))
    except Exception:  # the watcher must see a normal login whatever went wrong here
        logger.exception("DURESS lockdown failed for user id %s", user.pk)


def _alarm(user: User, request: HttpRequest, ip: str | None) -> None:
    try:
        raise_alarm(user=user, request=request, ip=ip)
    except Exception:  # never let the watcher see an error page
        logger.exception("DURESS alarm failed for user id %s", user.pk)


class DuressLoginMixin:
    """Mixed into the login wizard: recognise the duress password, then finish it silently."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        # Django runs a response's closers from close(), after the server sent it.
        response._resource_closers.extend(self.request.__dict__.pop("_remedy_after_response", []))
        return response

    def process_step(self, form):
        data = super().process_step(form)
        if self.steps.current == self.AUTH_STEP:
            user = getattr(form, "user_cache", None)
            if user is not None and getattr(user, "remedy_duress", False):
                self.storage.data[WIZARD_DURESS_KEY] = True
                # The address now: the request object is done with after the answer.
                ip = client_ip(self.request)
                after_response(self.request, lambda: _alarm(user, self.request, ip))
        return data

    def done(self, form_list, **kwargs):
        duress = WIZARD_DURESS_KEY in self.storage.data
        user = self.get_user()
        response = super().done(form_list, **kwargs)
        if duress:
            complete_duress_login(request=self.request, user=user)
        return response


# --- the duress session ---------------------------------------------------------------------

# Forms a duress session really sends: leaving, and the language of the empty pages.
DURESS_POSTS = frozenset({"logout", "set_language"})
# Fields never copied into a stand-in device: secrets (a stand-in gets fresh ones).
_SECRET_DEVICE_FIELDS = frozenset({"id", "user", "key", "throttling_failure_count"})


def device_snapshot(user: User) -> list[dict]:
    """The account's two-factor devices as the account pages show them: model, harmless
    fields (names, kinds, dates; never a secret), and the number of backup codes left."""
    snapshot = []
    for device in devices_for_user(user, confirmed=None):
        fields = {
            f.attname: None if getattr(device, f.attname) is None else f.value_to_string(device)
            for f in device._meta.concrete_fields
            if f.name not in _SECRET_DEVICE_FIELDS
        }
        tokens = device.token_set.count() if hasattr(device, "token_set") else 0
        snapshot.append({"model": device._meta.label, "fields": fields, "tokens": tokens})
    return snapshot


def _put_back_stand_in_devices(request: HttpRequest, user: User) -> None:
    """Inside the duress request's rolled-back transaction only: the devices the lockdown
    deleted, with fresh secrets, so the two-factor and passkey pages look as they did."""
    for entry in request.session.get(SESSION_DEVICES_KEY) or []:
        try:
            model = django_apps.get_model(entry["model"])
            device = model(user_id=user.pk)
            for attname, value in entry["fields"].items():
                field = next(f for f in model._meta.concrete_fields if f.attname == attname)
                setattr(device, attname, None if value is None else field.to_python(value))
            with transaction.atomic():  # a savepoint: a failure leaves the request usable
                device.save()
                for _n in range(entry.get("tokens", 0)):
                    device.token_set.create(token=secrets.token_hex(4))
        except Exception:  # a stand-in that cannot be rebuilt is left out, quietly
            logger.exception("DURESS stand-in device %s not rebuilt", entry.get("model"))


def is_duress_session(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_DURESS_KEY))


def _duress_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(SESSION_KEY)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return None
    roles, model_perms = user.load_roles_and_permissions()
    # Inactive in memory, whatever the database says later (even after reinstatement): every
    # data check (cases_visible_to, case_permissions, identity, guardian, the selectors of the
    # security pages) answers "nothing". The person's roles and model permissions are still
    # reported, so the navigation, the pages and the buttons look as they always do.
    user.is_active = False
    user._role_cache = roles
    user.has_role = lambda *names: any(name in roles for name in names)
    user.has_perm = lambda perm, obj=None: obj is None and perm in model_perms
    user.has_perms = lambda perms, obj=None: all(user.has_perm(p, obj) for p in perms)
    user.has_module_perms = lambda app_label: any(
        p.startswith(f"{app_label}.") for p in model_perms
    )
    user.is_verified = lambda: True
    user.otp_device = None
    user.save = _no_save
    return user


def _no_save(*args, **kwargs) -> None:
    """The account row is never written from a duress session (the request is rolled back
    anyway); saving quietly does nothing, as a page that saves would seem to succeed."""


def _view_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _as_if_saved(request: HttpRequest) -> HttpResponse:
    """The answer to a form a duress session sends: the redirect a saved form gives, back to
    the page the form was on; nothing runs."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = request.path
    return HttpResponseRedirect(back)


class DuressSessionMiddleware:
    """Serve a duress session as the empty account it pretends to be (see the module docstring).

    Placed after django-otp's middleware (it replaces the user that one prepared) and before the
    session-timeout and two-factor middleware (which then treat it as any verified session).
    The session middleware sits outside, so the session itself is still saved as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_duress_session(request):
            return self.get_response(request)
        user = _duress_user(request)
        if user is None:
            request.session.flush()
            return self.get_response(request)
        request.user = user
        request._cached_user = user
        if request.method == "POST" and _view_name(request) in DURESS_POSTS:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD", "OPTIONS"}:
            return _as_if_saved(request)
        with transaction.atomic():
            _put_back_stand_in_devices(request, user)
            response = self.get_response(request)
            if getattr(response, "streaming", False):
                # Read inside the transaction: the stand-ins and the rollback cover it too.
                response.streaming_content = [b"".join(response.streaming_content)]
            elif hasattr(response, "render") and not response.is_rendered:
                response.render()
            transaction.set_rollback(True)
        return response
