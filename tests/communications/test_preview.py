"""The supervisor sees the draft's first pages: PNGs rendered for those who may see names."""

from __future__ import annotations

import shutil

import pytest
from django.urls import reverse

from communications import services

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs Poppler's pdftoppm")


def preview_url(filing, page: int) -> str:
    return reverse(
        "cases:filing_preview",
        kwargs={"reference": filing.case.reference, "pk": filing.pk, "page": page},
    )


def test_the_first_pages_of_a_package_render_as_png(client, org, ready_case):
    filing, _ = services.build_hrc_package(case=ready_case, by=org.lawyer)
    client.force_login(org.lawyer)
    response = client.get(preview_url(filing, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]
    assert client.get(preview_url(filing, 3)).status_code == 404  # only the first pages


def test_no_preview_without_the_identity_permission(client, org, ready_case):
    filing, _ = services.build_hrc_package(case=ready_case, by=org.lawyer)
    client.force_login(org.branch_head)  # sees the case, not the names
    assert client.get(preview_url(filing, 1)).status_code == 404
