"""The public site: built from published snapshots only, no login, no cookie, cacheable; the
export holds nothing unpublished or withdrawn, and a withdrawn case leaves a tombstone."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.models import Authorisation
from publication import services

from .conftest import publish

SNAPSHOT_TABLES = {"publication_snapshot", "publication_snapshotfile"}
# Reference data, not case data: the map names today's regions from it.
REFERENCE_TABLES = {"casework_region"}


@pytest.fixture
def site(org, ready):
    """One live case with a document, one unpublished (tombstone), one never published."""
    services.document_add(
        publication=ready.publication,
        by=org.lawyer,
        source=None,
        title="Views of the Committee",
        language="en",
        text="The Committee found a violation of article 21.",
    )
    services.publication_update(
        publication=ready.publication, by=org.lawyer, data={"article_numbers": [21]}
    )
    live = publish(ready, org)
    return {"live": live, "slug": live.slug}


def tables_of(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', sql, re.IGNORECASE))


def test_public_pages_need_no_login_and_set_no_cookie(site):
    client = Client()
    for url in (
        "/public/",
        "/public/ru/",
        f"/public/kk/cases/{site['slug']}/",
        "/public/en/feed.atom",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_the_public_site_reads_nothing_but_snapshots(site):
    client = Client()
    urls = [
        "/public/en/",
        f"/public/en/cases/{site['slug']}/",
        "/public/ru/search-index.json",
        "/public/kk/regions/",
        f"/public/files/{site['slug']}/v1/document-1.pdf",
        "/public/sitemap.xml",
        "/public/en/regions/",
    ]
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            assert client.get(url).status_code == 200, url
    touched = set().union(*(tables_of(q["sql"]) for q in queries.captured_queries))
    assert touched and touched <= SNAPSHOT_TABLES | REFERENCE_TABLES, touched


def test_a_case_page_shows_the_snapshot_in_the_readers_language(site):
    body = Client().get(f"/public/en/cases/{site['slug']}/").content.decode()
    assert "Dispersal of a peaceful assembly" in body
    assert 'hreflang="ru"' in body and 'hreflang="kk"' in body
    kazakh = Client().get(f"/public/kk/cases/{site['slug']}/").content.decode()
    # Not written in Kazakh: the Russian text, marked as such.
    assert 'lang="ru"' in kazakh and "Разгон мирного собрания" in kazakh


def test_an_unpublished_case_leaves_a_tombstone_with_no_content(org, ready, site):
    services.publication_unpublish(publication=ready.publication, by=org.lawyer)
    response = Client().get(f"/public/en/cases/{site['slug']}/")
    assert response.status_code == 410
    body = response.content.decode()
    assert "withdrawn" in body
    assert "Dispersal of a peaceful assembly" not in body and "peaceful assembly;" not in body
    assert Client().get(f"/public/files/{site['slug']}/v1/document-1.pdf").status_code == 404


def test_the_region_map_suppresses_small_counts(site):
    body = Client().get("/public/en/regions/").content.decode()
    assert "fewer than 5" in body
    assert re.search(r'class="tile-count">1<', body) is None


def _export(tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "site"
    call_command("export_public_site", out=str(out), base_url="https://cases.example.org/")
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_the_export_is_a_complete_static_site(site, tmp_path):
    files = _export(tmp_path)
    slug = site["slug"]
    for lang in ("ru", "kk", "en"):
        for page in (
            "index.html",
            "cases/index.html",
            "articles/21/index.html",
            "search/index.html",
        ):
            assert f"{lang}/{page}" in files
        assert f"{lang}/cases/{slug}/index.html" in files
        assert json.loads(files[f"{lang}/search-index.json"])[0]["id"] == slug
        assert b"<feed" in files[f"{lang}/feed.atom"]
    assert f"files/{slug}/v1/document-1.pdf".encode() in b"".join(files.values())
    assert files[f"files/{slug}/v1/document-1.pdf"].startswith(b"%PDF")
    assert b"https://cases.example.org/en/cases/" in files["sitemap.xml"]
    assert "assets/minisearch.js" in files and "assets/minisearch-LICENSE.txt" in files
    assert b"Content-Security-Policy" in files["en/index.html"]


def test_the_export_contains_nothing_unpublished_or_withdrawn(org, ready, site, tmp_path):
    from tests.conftest import make_case  # noqa: PLC0415 — the shared factory

    draft_case = make_case(by=org.lawyer, branch=org.almaty, title="Draft only")
    draft = services.publication_start(case=draft_case, by=org.lawyer)
    services.publication_update(
        publication=draft,
        by=org.lawyer,
        data={"title_en": "A draft never published", "summary_en": "Secret draft text."},
    )
    files = _export(tmp_path)
    everything = b"".join(files.values())
    assert b"A draft never published" not in everything
    assert b"Dispersal of a peaceful assembly" in everything

    services.publication_unpublish(publication=ready.publication, by=org.lawyer)
    files = _export(tmp_path)
    everything = b"".join(files.values())
    assert b"Dispersal of a peaceful assembly" not in everything
    assert b"found a violation of article 21" not in everything
    assert not any(name.startswith("files/") for name in files)
    assert b"withdrawn" in files[f"en/cases/{site['slug']}/index.html"]


def test_the_export_withdraws_a_case_whose_consent_expired(ready, site, tmp_path):
    # An expiry changes no row through casework's services: the export catches it.
    Authorisation.objects.filter(case=ready.case).update(valid_until=dt.date(2026, 2, 2))
    everything = b"".join(_export(tmp_path).values())
    assert b"Dispersal of a peaceful assembly" not in everything


def test_the_export_never_empties_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_public_site", out=str(tmp_path))
    assert (tmp_path / "precious.txt").exists()


def test_the_case_list_costs_one_query_whatever_the_number_of_cases(
    org, site, django_assert_max_num_queries
):
    from tests.conftest import make_case  # noqa: PLC0415 — the shared factory
    from tests.publication.conftest import TEXTS  # noqa: PLC0415 — the same anonymised texts

    for number in range(3):
        other = make_case(by=org.lawyer, branch=org.almaty, title=f"Case {number}")
        Authorisation.objects.create(
            case=other,
            person=Authorisation.objects.first().person,
            kind="consent_to_publish",
            signed_on=dt.date(2026, 2, 1),
        )
        publication = services.publication_start(case=other, by=org.lawyer)
        services.publication_update(publication=publication, by=org.lawyer, data=TEXTS)
        services.publication_approve(publication=publication, by=org.supervisor)
        services.publication_publish(publication=publication, by=org.lawyer)
    with django_assert_max_num_queries(1):
        body = Client().get("/public/en/cases/").content.decode()
    assert body.count('class="card"') == 4


def test_the_public_map_names_regions_as_the_reference_table_does(site):
    from casework.models import Region

    Region.objects.filter(code="KZ-62", valid_to__isnull=True).update(name_kk="Ұлытау (түзетілді)")
    body = Client().get("/public/kk/regions/").content.decode()
    assert "Ұлытау (түзетілді)" in body
