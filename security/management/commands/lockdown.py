"""manage.py lockdown USERNAME --reason "..." : the emergency lockdown, from the server."""

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from casework.models import User
from security.services import lockdown_user


class Command(BaseCommand):
    help = (
        "Emergency lockdown of a staff account (detained colleague, seized device): disable it, "
        "scrub its password, end its sessions, revoke its calendar links and 2FA devices."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="Recorded in the account's history.")

    def handle(self, *args, username: str, reason: str, **options):
        user = None if "\x00" in username else User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account with username {username!r}.")
        try:
            operator = getpass.getuser()
        except (KeyError, OSError):
            operator = "unknown"
        reason = reason.strip()
        if reason:
            reason = f"{reason} [manage.py lockdown, OS user {operator}]"
        try:
            result = lockdown_user(user=user, by=None, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{user.username} is locked down: {result.sessions_ended} sessions ended, "
                f"{result.devices_deleted} two-factor devices deleted, "
                f"{result.calendar_tokens_revoked} calendar tokens revoked."
            )
        )
