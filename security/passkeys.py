"""Passkeys and security keys (WebAuthn) beside the authenticator app.

django-two-factor-auth's enrolment wizard enrols one "default" device; a member of staff who
already has TOTP adds passkeys here. At login the TOTP step then offers "Authenticate using a
WebAuthn-compatible device" (two_factor.plugins.webauthn). A passkey cannot be phished: the
browser signs only for the host it was registered on. Adding and removing one is recorded in
the account's history and the security log; emergency lockdown deletes passkeys with every
other device.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from two_factor.plugins.webauthn.models import WebauthnDevice
from two_factor.plugins.webauthn.utils import verify_registration_response
from webauthn.helpers.exceptions import InvalidRegistrationResponse

from casework.models import User
from casework.services import save_audited

logger = logging.getLogger("remedy.security")


def passkeys_of(user: User):
    return WebauthnDevice.objects.filter(user=user).order_by("created_at", "id")


def add_passkey(*, user: User, registration: dict, name: str = "") -> WebauthnDevice:
    """Verify a `navigator.credentials.create` result (the plugin form's cleaned data) and keep
    it as one of `user`'s devices."""
    try:
        public_key, key_handle, sign_count = verify_registration_response(
            registration["expected_rp_id"],
            registration["expected_origin"],
            registration["expected_challenge"],
            registration["token"],
        )
    except InvalidRegistrationResponse as exc:
        raise ValidationError(_("The passkey could not be verified; nothing was saved.")) from exc
    name = (name or "").strip()[:64] or _("Passkey added %(date)s") % {
        "date": timezone.localdate().isoformat()
    }
    with transaction.atomic():
        if WebauthnDevice.objects.filter(user=user, key_handle=key_handle).exists():
            raise ValidationError(_("This passkey is already registered."))
        device = WebauthnDevice.objects.create(
            user=user,
            # Not "default": the authenticator app stays the login's first choice.
            name=name,
            public_key=public_key,
            key_handle=key_handle,
            sign_count=sign_count,
            confirmed=True,
        )
        save_audited(
            user, by=user, reason=_("Passkey added: %(name)s") % {"name": name}, validate=False
        )
    logger.warning("PASSKEY_ADDED user=%s (id %s) device=%s", user.username, user.pk, device.pk)
    return device


def remove_passkey(*, user: User, device_pk: int) -> bool:
    with transaction.atomic():
        device = WebauthnDevice.objects.filter(user=user, pk=device_pk).first()
        if device is None:
            return False
        name = device.name
        device.delete()
        save_audited(
            user, by=user, reason=_("Passkey removed: %(name)s") % {"name": name}, validate=False
        )
    logger.warning("PASSKEY_REMOVED user=%s (id %s)", user.username, user.pk)
    return True
