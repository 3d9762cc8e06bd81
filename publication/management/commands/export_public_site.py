"""Write the public precedent database as a static site: `export_public_site --out DIR`.

First every published case that no longer passes the case's gates (its consent expired, it was
made secret or restricted) is withdrawn (its page becomes a tombstone); then every page is
written from the published snapshots alone. The folder is replaced as a whole, so an unpublished
case's pages and files disappear from it; a folder that was not written by this command is never
emptied.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publication.public_views import load_snapshot_file
from publication.selectors import public_snapshots
from publication.services import withdraw_unpublishable
from publication.site import PublicSite

MARKER = ".remedy-public-site"


class Command(BaseCommand):
    help = "Export the public precedent database (published snapshots only) as a static site."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="Folder to write the site to.")
        parser.add_argument(
            "--base-url",
            default=settings.REMEDY_PUBLIC_SITE_URL,
            help="Absolute address the site will be served at (for the sitemap and the feed).",
        )

    def handle(self, *args, out: str, base_url: str, **options) -> None:
        target = Path(out)
        if target.exists() and any(target.iterdir()) and not (target / MARKER).exists():
            raise CommandError(
                f"{target} is not empty and was not written by export_public_site; "
                "choose an empty or new folder."
            )
        withdrawn = withdraw_unpublishable()
        if withdrawn:
            self.stdout.write(
                f"Withdrawn (no longer publishable: consent, confidentiality): {withdrawn}"
            )
        site = PublicSite(
            public_snapshots(), load_file=load_snapshot_file, base_url=base_url, static=True
        )
        staging = target.with_name(target.name + ".new")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        pages = site.pages()
        for path, page in pages.items():
            destination = staging / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(page.render())
        (staging / MARKER).write_text("Written by manage.py export_public_site.\n")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(pages)} files written to {target}: {len(site.live)} published cases, "
                f"{len(site.withdrawn)} withdrawn."
            )
        )
