"""No page seen by a signed-in user stays in the browser's cache (issue 10, item 12).

A seized laptop's browser cache would otherwise hold case pages with victims' names. The rule is
the simplest one that cannot be forgotten on a new page: every response to an authenticated
request carries `Cache-Control: no-store` (security.middleware.NoStoreForAuthenticatedMiddleware).
Proven over every URL of the URL configuration, as the lawyer of the matrix world's own case.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .matrix_world import build_world
from .test_permission_matrix import Scenario, _all_url_names, _url, expectation_for

LAWYER_ON_OWN_CASE = Scenario("lawyer on own case", "lawyer", "own")


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def world(org):
    return build_world(org)


def test_every_page_a_signed_in_user_receives_is_not_stored(world):
    client = Client()
    client.force_login(world.org.lawyer)
    checked, problems = [], []
    for name, route in _all_url_names():
        expect = expectation_for(name)
        url = _url(name, route, world, LAWYER_ON_OWN_CASE, expect)
        if url is None or name == "logout":
            continue
        response = client.get(url)
        checked.append(name)
        if not _no_store(response):
            problems.append(f"{name} ({response.status_code}): {response.get('Cache-Control')!r}")
    assert {"cases:detail", "cases:parties", "cases:history", "cases:list"} <= set(checked)
    assert {"cases:document_download", "deadlines:mine", "workflows:inbox"} <= set(checked)
    assert any(name.startswith("workflows:litigation:") for name in checked)  # task pages
    assert not problems, "\n".join(problems)


def test_case_page_and_download_headers(client, world):
    client.force_login(world.org.lawyer)
    own = world.targets["own"]
    page = client.get(reverse("cases:detail", kwargs={"reference": own.case.reference}))
    assert page.status_code == 200
    assert _no_store(page)
    assert "private" in page["Cache-Control"]
    download = client.get(
        reverse(
            "cases:document_download",
            kwargs={"reference": own.case.reference, "pk": own.objects["document"]},
        )
    )
    assert download.status_code == 200
    assert _no_store(download)


def test_a_post_redirect_and_an_error_page_are_not_stored_either(client, world):
    client.force_login(world.org.lawyer)
    missing = client.get("/cases/NO-SUCH-CASE/")
    assert missing.status_code == 404
    assert _no_store(missing)
