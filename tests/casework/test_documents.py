"""Documents: accepted by content (never by name), size-limited, hashed, versioned, and
downloaded only by people who may see the case, after the hash still matches."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework import documents
from casework.models import AccessAction, AccessLog, Document
from tests.conftest import make_case

from .ui_fixtures import *  # noqa: F403
from .ui_fixtures import login

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT_BYTES = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def post_upload(client, case, name: str, data: bytes, **extra):
    return client.post(
        reverse("cases:document_upload", kwargs={"reference": case.reference}),
        {
            "title": extra.pop("title", "Decision of the district court"),
            "kind": "decision",
            "language": "ru",
            "confidentiality": "normal",
            "upload": upload(name, data),
            **extra,
        },
    )


def download_url(document: Document, case=None) -> str:
    case = case or document.case
    return reverse(
        "cases:document_download", kwargs={"reference": case.reference, "pk": document.pk}
    )


@pytest.mark.parametrize(
    "data, mime",
    [
        (PDF_BYTES, "application/pdf"),
        (PNG_BYTES, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        (DOCX_BYTES, documents.DOCX.mime),
        (ODT_BYTES, documents.ODT.mime),
        (zip_bytes({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), documents.XLSX.mime),
        ("Решение суда от 2 июня\n".encode(), "text/plain"),
    ],
)
def test_allowed_types_are_recognised_by_content(data, mime):
    assert documents.sniff_type(io.BytesIO(data)).mime == mime


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
        b"\x7fELF\x02\x01\x01",  # a Linux executable
        zip_bytes({"evil.sh": b"rm -rf /"}),  # a plain zip archive
        zip_bytes(
            {
                "[Content_Types].xml": b"",
                "word/document.xml": b"",
                "word/vbaProject.bin": b"macro",
            }
        ),  # a macro-enabled Word file
        b"text with a NUL\x00byte",
        b"\xc3\x28 invalid utf-8",
        b"",
    ],
)
def test_other_content_is_refused(data):
    assert documents.sniff_type(io.BytesIO(data)) is None


def test_upload_stores_hash_type_and_clean_name(client, org, case, media):
    response = post_upload(login(client, org.lawyer), case, "C:\\scans\\decision.pdf", PDF_BYTES)
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.content_type == "application/pdf"
    assert document.original_filename == "decision.pdf"
    assert document.size == len(PDF_BYTES)
    assert document.uploaded_by == org.lawyer
    assert "decision" not in document.file.name  # stored under its hash, not the client's name


def test_upload_with_wrong_content_is_refused_with_a_message(client, org, case, media):
    response = post_upload(login(client, org.lawyer), case, "report.pdf", b"MZ\x90\x00binary")
    assert response.status_code == 400
    assert "not a file type Remedy accepts" in response.content.decode()
    assert not Document.objects.exists()


def test_upload_over_the_size_limit_is_refused(client, org, case, media, settings):
    settings.REMEDY_MAX_UPLOAD_BYTES = 20
    response = post_upload(login(client, org.lawyer), case, "big.pdf", PDF_BYTES)
    assert response.status_code == 400
    assert "the limit is 20" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\boot.pdf", "a/../b.pdf", ".."])
def test_path_traversal_names_are_refused(client, org, case, media, name):
    with pytest.raises(ValidationError):
        documents.clean_filename(name)


def test_upload_with_traversal_name_shows_a_message(client, org, case, media):
    # Django's upload handler already strips directories; the service refuses them regardless.
    uploaded = upload("secret.pdf", PDF_BYTES)
    uploaded._name = "../../secret.pdf"
    with pytest.raises(ValidationError, match="contains a path"):
        documents.document_upload(
            case=case,
            by=org.lawyer,
            uploaded=uploaded,
            title="x",
            kind="other",
            language="ru",
            confidentiality="normal",
        )


def test_filename_is_cleaned_of_control_characters_and_directories():
    assert documents.clean_filename("/home/dir/re\x00port\n.pdf") == "report.pdf"
    assert documents.clean_filename('say "hi".txt') == "say 'hi'.txt"


def test_new_version_forms_a_chain(client, org, case, media):
    login(client, org.lawyer)
    post_upload(client, case, "v1.pdf", PDF_BYTES)
    first = Document.objects.get()
    response = post_upload(client, case, "v2.pdf", PDF_BYTES + b"% v2\n", previous_version=first.pk)
    assert response.status_code == 302
    second = Document.objects.exclude(pk=first.pk).get()
    assert second.previous_version == first
    assert second.version_number == 2
    html = client.get(reverse("cases:documents", kwargs={"reference": case.reference}))
    assert "v2" in html.content.decode() and "superseded" in html.content.decode()


def test_a_version_cannot_be_superseded_twice(org, case, media):
    first = documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="A",
        kind="other",
        language="ru",
        confidentiality="normal",
    )
    documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("b.pdf", PDF_BYTES),
        title="A",
        kind="other",
        language="ru",
        confidentiality="normal",
        previous_version=first,
    )
    with pytest.raises(ValidationError, match="already has a newer version"):
        documents.document_upload(
            case=case,
            by=org.lawyer,
            uploaded=upload("c.pdf", PDF_BYTES),
            title="A",
            kind="other",
            language="ru",
            confidentiality="normal",
            previous_version=first,
        )


def test_translation_of_a_document(client, org, case, media):
    login(client, org.lawyer)
    post_upload(client, case, "ru.pdf", PDF_BYTES, title="Decision")
    original = Document.objects.get()
    post_upload(
        client,
        case,
        "en.txt",
        b"Decision (English)",
        title="Decision EN",
        translation_of=original.pk,
    )
    translation = Document.objects.get(title="Decision EN")
    assert translation.translation_of == original
    page = client.get(reverse("cases:documents", kwargs={"reference": case.reference}))
    assert "Translation of" in page.content.decode()


def test_download_returns_the_bytes_as_attachment(client, org, case, media):
    login(client, org.lawyer)
    post_upload(client, case, "решение суда.pdf", PDF_BYTES)
    document = Document.objects.get()
    response = client.get(download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert not AccessLog.objects.exists()  # a normal case: downloads are not logged


def test_download_of_a_secret_case_document_is_logged(client, org, secret_case, media):
    login(client, org.lawyer)
    post_upload(client, secret_case, "a.pdf", PDF_BYTES)
    document = Document.objects.get()
    b"".join(client.get(download_url(document)).streaming_content)
    assert AccessLog.objects.filter(
        case=secret_case, action=AccessAction.DOWNLOAD, user=org.lawyer
    ).exists()


def test_download_is_404_without_permission(client, org, case, secret_case, media):
    document = documents.document_upload(
        case=secret_case,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="T",
        kind="other",
        language="ru",
        confidentiality="secret",
    )
    for user in (org.supervisor, org.branch_head, org.other_lawyer, org.analyst):
        assert login(client, user).get(download_url(document)).status_code == 404


def test_download_through_another_case_is_404(client, org, case, media):
    other = make_case(by=org.lawyer, branch=org.almaty, title="Other")
    document = documents.document_upload(
        case=other,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="T",
        kind="other",
        language="ru",
        confidentiality="normal",
    )
    response = login(client, org.lawyer).get(download_url(document, case=case))
    assert response.status_code == 404


def test_download_is_refused_when_the_hash_does_not_match(client, org, case, media):
    document = documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="Evidence",
        kind="evidence",
        language="ru",
        confidentiality="normal",
    )
    Document.objects.filter(pk=document.pk).update(sha256="0" * 64)
    response = login(client, org.lawyer).get(download_url(document))
    assert response.status_code == 409
    assert "Download refused" in response.content.decode()


def test_download_is_refused_when_the_stored_file_was_altered(client, org, case, media):
    document = documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="Evidence",
        kind="evidence",
        language="ru",
        confidentiality="normal",
    )
    path = document.file.path
    with open(path, "r+b") as handle:
        handle.seek(-5, 2)
        handle.write(b"XXXXX")
    response = login(client, org.lawyer).get(download_url(document))
    assert response.status_code == 409


def test_documents_tab_and_upload_are_404_for_others(client, org, case, media):
    login(client, org.other_lawyer)
    tab = reverse("cases:documents", kwargs={"reference": case.reference})
    assert client.get(tab).status_code == 404
    assert post_upload(client, case, "a.pdf", PDF_BYTES).status_code == 404
    assert not Document.objects.exists()


def test_document_with_a_newer_version_cannot_be_removed(client, org, case, media):
    first = documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="A",
        kind="other",
        language="ru",
        confidentiality="normal",
    )
    documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("b.pdf", PDF_BYTES),
        title="A",
        kind="other",
        language="ru",
        confidentiality="normal",
        previous_version=first,
    )
    response = login(client, org.lawyer).post(
        reverse("cases:document_delete", kwargs={"reference": case.reference, "pk": first.pk}),
        {"reason": "cleanup"},
    )
    assert response.status_code == 200
    assert "still referenced" in response.content.decode()
    assert Document.objects.filter(pk=first.pk).exists()


def test_secret_document_of_a_normal_case_is_hidden_from_role_based_viewers(
    client, org, case, media
):
    secret = documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("m.pdf", PDF_BYTES),
        title="Medical report",
        kind="evidence",
        language="ru",
        confidentiality="secret",
    )
    documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("d.pdf", PDF_BYTES),
        title="Court decision",
        kind="decision",
        language="ru",
        confidentiality="normal",
    )
    ref = {"reference": case.reference}
    for user in (org.supervisor, org.branch_head):  # they see the normal case by role
        login(client, user)
        tab = client.get(reverse("cases:documents", kwargs=ref)).content.decode()
        assert "Court decision" in tab and "Medical report" not in tab
        assert client.get(download_url(secret)).status_code == 404
        history = client.get(reverse("cases:history", kwargs=ref)).content.decode()
        assert "Medical report" not in history
        overview = client.get(reverse("cases:detail", kwargs=ref))
        assert overview.context["counts"]["documents"] == 1
    login(client, org.lawyer)
    assert "Medical report" in client.get(reverse("cases:documents", kwargs=ref)).content.decode()
    assert client.get(download_url(secret)).status_code == 200


def test_edit_document_description_is_audited_and_keeps_the_bytes(client, org, case, media):
    document = documents.document_upload(
        case=case,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="Old title",
        kind="other",
        language="ru",
        confidentiality="normal",
    )
    response = login(client, org.lawyer).post(
        reverse("cases:document_edit", kwargs={"reference": case.reference, "pk": document.pk}),
        {
            "title": "Decision of 2 June",
            "kind": "decision",
            "language": "ru",
            "confidentiality": "restricted",
            "annex_order": "1",
            "reason": "annexed",
        },
    )
    document.refresh_from_db()
    assert response.status_code == 302
    assert document.title == "Decision of 2 June" and document.annex_order == 1
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.history.first().history_change_reason == "annexed"


def test_a_document_cannot_be_a_translation_of_another_cases_document(client, org, case, media):
    other = make_case(by=org.lawyer, branch=org.almaty, title="Other")
    foreign = documents.document_upload(
        case=other,
        by=org.lawyer,
        uploaded=upload("a.pdf", PDF_BYTES),
        title="Foreign",
        kind="other",
        language="ru",
        confidentiality="normal",
    )
    response = post_upload(
        login(client, org.lawyer), case, "t.txt", b"translation", translation_of=foreign.pk
    )
    assert response.status_code == 400
    assert not Document.objects.filter(case=case).exists()
