"""Check the access log's hash chain: exit 0 with a summary when intact, 2 naming the first
broken row otherwise (casework.access_chain). Run it from cron and alert on a non-zero exit."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from casework.access_chain import verify_access_log

ANCHOR = re.compile(r"^(?P<id>\d+):(?P<hash>[0-9a-f]{64})$")


class Command(BaseCommand):
    help = "Verify the access log's hash chain and report the first broken link."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--anchor",
            help="ID:HASH printed by an earlier run and kept off the server: the row must "
            "still carry that hash (shows a rewritten or truncated log).",
        )

    def handle(self, *args, **options) -> None:
        anchor = None
        if options["anchor"]:
            match = ANCHOR.match(options["anchor"].strip().lower())
            if match is None:
                raise CommandError("--anchor must be ID:HASH, e.g. 41:3f9a… (64 hex digits).")
            anchor = (int(match["id"]), match["hash"])
        report = verify_access_log(using=options["database"], anchor=anchor)
        if report.broken is not None:
            self.stderr.write(report.broken.describe())
            raise SystemExit(2)
        head = f"{report.head_id}:{report.head_hash}" if report.head_id else "none (empty log)"
        self.stdout.write(f"access log intact: {report.rows} rows; head {head}")
