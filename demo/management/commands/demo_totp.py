"""manage.py demo_totp USERNAME : the current 2FA code of a DEMO user (development only).

Prints a code only for devices carrying the public demo secret that seed_demo installs
(demo.security); it refuses for any real user's device.
"""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.security import DEMO_BACKUP_CODES, DEMO_TOTP_SECRET_BASE32, is_demo_device


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo user created by seed_demo."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        device = (
            TOTPDevice.objects.filter(user__username=username, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None or not is_demo_device(device):
            raise CommandError(
                f"{username!r} has no demo two-factor device. This command only works for the "
                "demo users of seed_demo; real users read their code from their own app."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        if options["verbosity"] > 1:
            self.stdout.write(
                f"(demo secret {DEMO_TOTP_SECRET_BASE32}; backup codes: "
                f"{', '.join(DEMO_BACKUP_CODES)})"
            )
