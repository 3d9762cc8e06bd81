"""Two-factor devices for the demo users created by `manage.py seed_demo`.

DEMONSTRATION ONLY. Every demo user gets the same, publicly documented TOTP secret and the same
backup codes (docs/security.md, README), so a newcomer can log in:

- with an authenticator app or `oathtool --totp -b REMEDYDEMOTOTPKEYREMEDYDEMOTOTPK`,
- with `python manage.py demo_totp USERNAME` (prints the current code; demo devices only),
- or with one of the backup codes DEMO_BACKUP_CODES (each works once; seed_demo restores them).

Never run seed_demo on a server holding real cases: these secrets are public.
"""

from __future__ import annotations

import base64

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_TOTP_SECRET_BASE32 = "REMEDYDEMOTOTPKEYREMEDYDEMOTOTPK"  # noqa: S105  (public, demo)
DEMO_TOTP_KEY_HEX = base64.b32decode(DEMO_TOTP_SECRET_BASE32).hex()
DEMO_BACKUP_CODES = (
    "demo1111",
    "demo2222",
    "demo3333",
    "demo4444",
    "demo5555",
)
DEMO_DEVICE_NAME = "default"
BACKUP_DEVICE_NAME = "backup"


def setup_demo_2fa(user) -> TOTPDevice:
    """Give `user` the demo TOTP device and backup codes. Idempotent."""
    with transaction.atomic():
        totp, _created = TOTPDevice.objects.get_or_create(
            user=user,
            name=DEMO_DEVICE_NAME,
            defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
        )
        if totp.key != DEMO_TOTP_KEY_HEX or not totp.confirmed:
            totp.key = DEMO_TOTP_KEY_HEX
            totp.confirmed = True
            totp.save(update_fields=["key", "confirmed"])
        static, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        existing = set(static.token_set.values_list("token", flat=True))
        StaticToken.objects.bulk_create(
            StaticToken(device=static, token=code)
            for code in DEMO_BACKUP_CODES
            if code not in existing
        )
    return totp


def is_demo_device(device: TOTPDevice) -> bool:
    return device.key == DEMO_TOTP_KEY_HEX
