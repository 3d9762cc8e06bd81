"""Hostile input to every form of Remedy: never a 500, never a half-saved change.

The forms are found, not listed: every page the permission matrix lets the case's lawyer (and,
for workflow pages, the supervisor) open is fetched, and every POST form on it is filled by
hypothesis with hostile values for each of its fields. A response that re-renders the form or
refuses the request (200/400) must leave every history table as it was: a validation error in
one part of a form may not leave another part saved. Uploads, the command-line tools and the
security pages have their own tests below and in test_hostile_input_security.py.
"""

from __future__ import annotations

import io
import os
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.models import Document

from .matrix_world import World, build_world, iter_url_names
from .test_permission_matrix import (
    FLOW_TASK_PATTERN,
    Scenario,
    _fingerprint,
    _url,
    expectation_for,
)

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "0",
            "-1",
            "1e309",
            "NaN",
            "99999999999999999999999",
            "2026-02-30",
            "0001-01-01",
            "9999-12-31",
            "31.12.2026",
            "../../../etc/passwd",
            "<script>alert(document.cookie)</script>",
            "' OR '1'='1",
            "{{ 7*7 }}",
            "%s%s%s%n",
            "\u202eevil",
            "𝕳𝖊𝖑𝖑𝖔" * 50,
            "x" * 5000,
            "on",
            "true",
        ]
    ),
)
FAST = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ATTR_RE = re.compile(r'(\w[\w-]*)\s*=\s*"([^"]*)"')
FIELD_RE = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
SKIPPED_ACTIONS = ("/accounts/logout/", "/i18n/setlang/")


def _forms(html: str, page_url: str) -> list[tuple[str, list[str]]]:
    """(action, field names) of each POST form on the page."""
    found = []
    for attrs_text, inner in FORM_RE.findall(html):
        attrs = dict(ATTR_RE.findall(attrs_text))
        if attrs.get("method", "get").lower() != "post":
            continue
        action = unescape(attrs.get("action") or page_url)
        if action.startswith(SKIPPED_ACTIONS):
            continue
        names = []
        for _tag, field_attrs in FIELD_RE.findall(inner):
            name = dict(ATTR_RE.findall(field_attrs)).get("name")
            if name and name not in SKIPPED_FIELDS and name not in names:
                names.append(name)
        found.append((action, names))
    return found


def _pages_with_forms(world: World, user: str, *, names) -> list[tuple[str, str, list[str]]]:
    client = Client()
    client.force_login(getattr(world.org, user))
    scenario = Scenario(user, user, "own")
    pages = []
    for name, route in sorted(set(iter_url_names())):
        expect = expectation_for(name)
        if not names(name) or expect is None or expect.post or not expect.allowed(scenario):
            continue
        url = _url(name, route, world, scenario, expect)
        if url is None:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for action, fields in _forms(response.content.decode("utf-8", "replace"), url):
            if fields:  # a bare button (delete, unassign) takes no input to be hostile with
                pages.append((name, action, fields))
    return pages


def _is_case_page(name: str) -> bool:
    return name.split(":")[0] in {"cases", "communications", "deadlines"}


def _is_workflow_page(name: str) -> bool:
    return name.startswith("workflows:") and not name.endswith(":intake:execute")


@pytest.fixture
def world(org, media_root) -> World:
    """The matrix world, with the open screening task taken by the supervisor (its form shows)."""
    world = build_world(org)
    from viewflow.workflow.models import Task

    from workflows.services import task_assign

    task = Task.objects.get(pk=world.targets["own"].objects["task"])
    task_assign(task=task, to=org.supervisor, by=org.supervisor)
    return world


def _hostile_posts(world: World, user: str, pages, data) -> None:
    client = Client()
    client.force_login(getattr(world.org, user))
    for name, action, fields in pages:
        payload = {field: data.draw(HOSTILE_TEXT, label=f"{name} {field}") for field in fields}
        before = _fingerprint()
        response = client.post(action, payload)
        assert response.status_code in {200, 302, 400, 403, 404, 405}, (
            name,
            response.status_code,
        )
        if response.status_code in {200, 400}:
            assert _fingerprint() == before, f"{name}: refused form saved something: {payload}"


@pytest.fixture
def case_forms(world):
    return _pages_with_forms(world, "lawyer", names=_is_case_page)


@pytest.fixture
def workflow_forms(world):
    def wanted(name: str) -> bool:
        return _is_workflow_page(name) and (
            not FLOW_TASK_PATTERN.match(name) or name.endswith((":execute", ":assign"))
        )

    return {user: _pages_with_forms(world, user, names=wanted) for user in ("lawyer", "supervisor")}


def test_the_case_pages_have_forms_to_attack(case_forms):
    assert len(case_forms) >= 10, case_forms


@FAST
@given(data=st.data())
def test_hostile_input_to_every_case_form(world, case_forms, data):
    _hostile_posts(world, "lawyer", case_forms, data)


@FAST
@given(data=st.data())
def test_hostile_input_to_every_workflow_form(world, workflow_forms, data):
    for user, pages in workflow_forms.items():
        _hostile_posts(world, user, pages, data)


@FAST
@given(data=st.data())
def test_hostile_input_to_the_intake_form(world, data):
    pages = _INTAKE_PAGES.setdefault(
        id(world), _pages_with_forms(world, "lawyer", names=lambda n: n.endswith(":intake:execute"))
    )
    assert pages
    _hostile_posts(world, "lawyer", pages, data)


_INTAKE_PAGES: dict[int, list] = {}


# --- uploads ---------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, case, *, name: str, content: bytes, content_type: str = "application/pdf"):
    return client.post(
        reverse("cases:document_upload", kwargs={"reference": case.reference}),
        {
            "upload": SimpleUploadedFile(name, content, content_type),
            "reason": "Evidence from the client",
            "title": "Upload",
            "kind": "evidence",
            "language": "ru",
            "confidentiality": "normal",
        },
    )


def test_upload_over_the_size_limit_is_refused(client, org, case, media_root, settings):
    settings.REMEDY_MAX_UPLOAD_BYTES = 1000
    client.force_login(org.lawyer)
    response = _upload(client, case, name="big.pdf", content=PDF + b"0" * 2000)
    assert response.status_code in {200, 400}
    assert "limit" in response.content.decode()
    assert not Document.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("decision.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a windows executable"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>\x00\x01"),
        ("letter.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_upload_type_is_judged_by_content_not_name(client, org, case, media_root, name, content):
    client.force_login(org.lawyer)
    response = _upload(client, case, name=name, content=content)
    assert response.status_code in {200, 400}
    assert "judged by its content" in response.content.decode()
    assert not Document.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    "name", ["../../../etc/passwd.pdf", "..\\..\\windows\\system32\\evil.pdf", "/etc/shadow.pdf"]
)
def test_traversal_filenames_never_reach_the_disk(client, org, case, media_root, name):
    client.force_login(org.lawyer)
    _upload(client, case, name=name, content=PDF)
    for document in Document.objects.filter(case=case):
        assert "/" not in document.original_filename and "\\" not in document.original_filename
        assert ".." not in document.original_filename
        path = document.file.path
        assert path.startswith(str(media_root)), path
    assert not (media_root.parent / "etc").exists()


@pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "..\\..\\evil.pdf", "a/../../b.pdf"])
def test_file_names_that_climb_directories_are_refused(name):
    """Django already strips directories from uploaded names; Remedy refuses them anyway."""
    from django.core.exceptions import ValidationError

    from casework.documents import clean_filename

    with pytest.raises(ValidationError, match="path"):
        clean_filename(name)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.one_of(st.text(max_size=80), st.sampled_from(["x.pdf", "", ".", "..", "a\x00.pdf"])),
    content=st.one_of(st.binary(max_size=300), st.just(PDF), st.just(b"")),
)
def test_hostile_uploads_never_crash_and_never_half_save(
    client, org, case, media_root, name, content
):
    client.force_login(org.lawyer)
    before = Document.objects.count()
    files_before = (
        sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    )
    if os.path.basename(name.replace("\\", "/")) in {"", ".", ".."}:
        name = "unnamed"  # a browser cannot send a file without a name: Django drops it
    response = _upload(client, case, name=name, content=content)
    assert response.status_code in {200, 302, 400}
    if response.status_code == 302:
        assert Document.objects.count() == before + 1
    else:
        assert Document.objects.count() == before
        files_after = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        assert files_after == files_before, "a refused upload left a file on disk"


# --- command-line tools ----------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | HOSTILE_TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["state", "events", "date", "articles", "proceedings", "x"])
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


def _run(command: str, *args: str) -> None:
    """Run a command: it must succeed or fail with CommandError (a clear message), nothing else."""
    from django.core.management import get_commands

    if command not in get_commands():
        pytest.skip(f"{command} is not installed")
    before = _fingerprint()
    stderr = io.StringIO()
    try:
        call_command(command, *args, stdout=io.StringIO(), stderr=stderr)
    except CommandError:
        assert _fingerprint() == before, f"{command} failed but changed data"
    except SystemExit as exc:  # the communications tools exit 2 after printing their errors
        assert exc.code not in (0, None), f"{command} exited {exc.code!r}"
        assert stderr.getvalue().strip(), f"{command} exited {exc.code} without saying why"
        assert _fingerprint() == before, f"{command} failed but changed data"


CLI = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NO_NUL = HOSTILE_TEXT.filter(lambda t: "\x00" not in t)


@CLI
@given(document=st.one_of(JSON_VALUES.map(lambda v: __import__("json").dumps(v)), NO_NUL))
def test_assess_admissibility_with_hostile_json(db, tmp_path_factory, document):
    path = tmp_path_factory.mktemp("admissibility") / "input.json"
    path.write_text(document, encoding="utf-8", errors="surrogatepass")
    _run("assess_admissibility", str(path))


@CLI
@given(rule=NO_NUL, start=NO_NUL)
def test_compute_deadline_with_hostile_arguments(db, rule, start):
    _run("compute_deadline", rule, "--from", start)


@CLI
@given(reference=NO_NUL, user=NO_NUL, date=NO_NUL, use_real_case=st.booleans())
def test_build_hrc_package_with_hostile_arguments(
    org, case, tmp_path_factory, reference, user, date, use_real_case
):
    out = tmp_path_factory.mktemp("package") / "package.zip"
    reference = case.reference if use_real_case else reference
    _run("build_hrc_package", reference, "--out", str(out), "--user", user, "--date", date)


@CLI
@given(reference=NO_NUL, user=NO_NUL, use_real_case=st.booleans())
def test_build_appeal_draft_with_hostile_arguments(
    org, case, tmp_path_factory, reference, user, use_real_case
):
    out = tmp_path_factory.mktemp("appeal") / "appeal.pdf"
    reference = case.reference if use_real_case else reference
    _run("build_appeal_draft", reference, "--out", str(out), "--user", user)
