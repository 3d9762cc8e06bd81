"""A damaged image annex is a listed problem, never a 500 or a traceback (issue 10, item 11).

A truncated PNG passes Pillow's header check (`getSize`) but fails when reportlab decodes it in
`drawImage` (OSError). It must be reported like every other unreadable annex.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from communications import services
from communications.models import Filing
from communications.package import PackageRefused

from .conftest import add_document, make_png

PROBLEM = "Annex 4 (“Photo of the injuries”): the image cannot be read"


@pytest.fixture
def truncated_png_annex(org, ready_case):
    png = make_png()
    return add_document(
        ready_case,
        by=org.lawyer,
        title="Photo of the injuries",
        data=png[: len(png) // 2],
        annex_order=4,
        name="photo.png",
        content_type="image/png",
    )


def test_truncated_png_is_a_listed_problem(org, ready_case, truncated_png_annex):
    with pytest.raises(PackageRefused) as exc:
        services.build_hrc_package(case=ready_case, by=org.lawyer)
    assert any(problem.startswith(PROBLEM) for problem in exc.value.problems), exc.value.problems
    assert not Filing.objects.exists()


def test_truncated_png_on_the_page_lists_the_problem(client, org, ready_case, truncated_png_annex):
    client.force_login(org.lawyer)
    url = reverse("cases:package_build", kwargs={"reference": ready_case.reference})
    response = client.post(url, {"lang": "ru"})
    assert response.status_code == 400
    assert PROBLEM in response.content.decode()


def test_truncated_png_in_the_command_exits_2_without_a_traceback(
    org, ready_case, truncated_png_annex, tmp_path
):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "build_hrc_package",
            ready_case.reference,
            "--out",
            str(tmp_path / "p.zip"),
            "--user",
            "lawyer",
            stdout=out,
            stderr=err,
        )
    assert exit_.value.code == 2
    assert PROBLEM in err.getvalue()
    assert "Traceback" not in err.getvalue()
