"""/public/: the public precedent database served by Django (preview, or hosting it here).

No login, no session, no cookie, nothing but the published snapshots: the page is the one the
static export writes (`publication.site`), answered with cache headers. A signed-in member of
staff previewing it still gets "no-store" (security.middleware), like every page they receive.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .models import SnapshotFile, SnapshotStatus
from .selectors import public_snapshots
from .site import PublicSite

CACHE_SECONDS = 300  # a withdrawn case leaves caches within five minutes


def load_snapshot_file(slug: str, version: int, name: str) -> bytes | None:
    file = (
        SnapshotFile.objects.filter(
            snapshot__slug=slug,
            snapshot__version=version,
            snapshot__status=SnapshotStatus.LIVE,
            name=name,
        )
        .only("data")
        .first()
    )
    return bytes(file.data) if file else None


@require_safe
def public_page(request: HttpRequest, path: str = "") -> HttpResponse:
    site = PublicSite(
        public_snapshots(),
        load_file=load_snapshot_file,
        base_url=request.build_absolute_uri(reverse("public:root")),
    )
    page = site.page(path)
    if page is None:
        return HttpResponseNotFound(b"Not found.", content_type="text/plain; charset=utf-8")
    response = HttpResponse(page.render(), content_type=page.content_type, status=page.status)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
