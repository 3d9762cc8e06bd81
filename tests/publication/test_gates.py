"""Each gate of publishing: consent, four eyes, residue check, secret and restricted cases; and
what follows: immutable versions, a new version needs the gates again, withdrawal of consent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from casework import services as case_services
from casework.documents import document_upload
from casework.models import Authorisation, AuthorisationKind, Confidentiality
from publication import selectors, services
from publication.models import ImmutableError, SnapshotStatus, StepKind

from .conftest import publish


def closed_gates(publication) -> set[str]:
    return {gate.key for gate in selectors.gates_for(publication).closed}


def steps(publication) -> list[str]:
    return list(publication.steps.order_by("at", "id").values_list("kind", flat=True))


def test_a_ready_publication_passes_every_gate_and_becomes_a_snapshot(org, ready):
    snapshot = publish(ready, org)
    assert snapshot.version == 1 and snapshot.status == SnapshotStatus.LIVE
    assert snapshot.content["title"]["ru"] == "Разгон мирного собрания"
    assert snapshot.content["languages"] == ["ru", "en"]
    assert snapshot.approved_by == org.supervisor and snapshot.published_by == org.lawyer
    assert steps(ready.publication)[-2:] == [StepKind.APPROVED, StepKind.PUBLISHED]


def test_no_consent_to_publish_means_no_publication(org, ready):
    Authorisation.objects.filter(case=ready.case).delete()
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    assert "consent" in closed_gates(ready.publication)
    with pytest.raises(ValidationError, match="consent to publish"):
        services.publication_publish(publication=ready.publication, by=org.lawyer)
    assert not ready.publication.snapshots.exists()
    refusal = ready.publication.steps.get(kind=StepKind.REFUSED)
    assert refusal.detail["gates"] == ["consent"]


def test_an_expired_consent_does_not_count(org, ready):
    Authorisation.objects.filter(case=ready.case).update(valid_until=dt.date(2026, 2, 2))
    assert "consent" in closed_gates(ready.publication)


def test_withdrawing_the_consent_withdraws_the_published_case_at_once(org, ready):
    snapshot = publish(ready, org)
    consent = Authorisation.objects.get(case=ready.case, kind=AuthorisationKind.CONSENT_TO_PUBLISH)
    case_services.authorisation_withdraw(
        authorisation=consent, by=org.lawyer, withdrawn_on=timezone.localdate()
    )
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN and snapshot.withdrawn_at
    assert steps(ready.publication)[-1] == StepKind.CONSENT_WITHDRAWN
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    with pytest.raises(ValidationError):
        services.publication_publish(publication=ready.publication, by=org.lawyer)


def test_a_client_withdrawing_from_the_case_withdraws_the_publication(org, ready):
    snapshot = publish(ready, org)
    case_services.consent_withdraw(case=ready.case, by=org.lawyer)
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN


def test_deleting_the_consent_withdraws_the_publication(org, ready):
    snapshot = publish(ready, org)
    consent = Authorisation.objects.get(case=ready.case, kind=AuthorisationKind.CONSENT_TO_PUBLISH)
    case_services.related_remove(consent, by=org.lawyer)
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN


def test_another_consent_still_in_force_keeps_the_case_published(org, ready):
    snapshot = publish(ready, org)
    case_services.authorisation_record(
        case=ready.case,
        by=org.lawyer,
        person=ready.victim,
        kind=AuthorisationKind.CONSENT_TO_PUBLISH,
        signed_on=dt.date(2026, 3, 1),
    )
    first = Authorisation.objects.filter(case=ready.case).order_by("signed_on").first()
    case_services.authorisation_withdraw(
        authorisation=first, by=org.lawyer, withdrawn_on=timezone.localdate()
    )
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.LIVE


def test_the_preparer_cannot_approve_their_own_publication(org, ready):
    # A supervisor who edited the working copy is one of its preparers.
    services.publication_update(
        publication=ready.publication, by=org.supervisor, data={"title_en": "Dispersal"}
    )
    with pytest.raises(ValidationError, match="another supervisor"):
        services.publication_approve(publication=ready.publication, by=org.supervisor)
    assert "approval" in closed_gates(ready.publication)


def test_only_a_supervisor_approves(org, ready):
    with pytest.raises(PermissionDenied):
        services.publication_approve(publication=ready.publication, by=org.branch_head)


def test_an_approval_holds_for_the_revision_it_approved(org, ready):
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    assert "approval" not in closed_gates(ready.publication)
    services.publication_update(
        publication=ready.publication, by=org.lawyer, data={"summary_en": "Changed after approval."}
    )
    assert "approval" in closed_gates(ready.publication)


@pytest.mark.parametrize(
    "field, text, where",
    [
        ("summary_ru", "Суд отклонил жалобу Жұмабековой.", "Summary (Russian)"),
        ("summary_ru", "Отец, Павла Гринько, не был допрошен.", "Summary (Russian)"),
        ("summary_en", "Ms Zhumabekova appealed.", "Summary (English)"),
        ("title_kk", "Жұмабекованың ісі", "Title (Kazakh)"),
        ("summary_en", "Reached at +7 701 555 12 34.", "Summary (English)"),
        ("summary_en", "She lives at ul. Timiryazeva. кв. 17.", "Summary (English)"),
    ],
)
def test_a_residue_blocks_publication_and_says_where(org, ready, field, text, where):
    data = {field: text}
    if field == "title_kk":
        data["summary_kk"] = "Сот шағымды қанағаттандырмады."
    services.publication_update(publication=ready.publication, by=org.lawyer, data=data)
    hits = services.residue_check(publication=ready.publication, by=org.lawyer)
    assert hits and hits[0].where == where
    assert ready.publication.steps.filter(kind=StepKind.CHECK_FAILED).exists()
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    with pytest.raises(ValidationError, match="residue check"):
        services.publication_publish(publication=ready.publication, by=org.lawyer)
    assert not ready.publication.snapshots.exists()


def test_a_document_text_is_scanned_and_its_pdf_too(org, ready):
    services.document_add(
        publication=ready.publication,
        by=org.lawyer,
        source=None,
        title="Views of the Committee",
        language="en",
        text="The author, IIN 790514300127, …\n\nThe Committee heard the author's counsel.",
    )
    assert selectors.residue_hits(ready.publication) == []  # 790514300127 fails the check digit
    services.document_update(
        document=ready.publication.documents.get(),
        by=org.lawyer,
        title="Views of the Committee",
        text="The author, Ms Zhumabekova, complained.",
    )
    wheres = {hit.where for hit in selectors.residue_hits(ready.publication)}
    assert wheres == {"Document 1: text", "Document 1: text of the PDF"}


def test_the_staff_who_worked_on_the_case_are_not_named_either(org, ready):
    services.publication_update(
        publication=ready.publication,
        by=org.lawyer,
        data={"summary_en": f"Represented by {org.lawyer.get_full_name()}."},
    )
    assert "residue" in closed_gates(ready.publication)


def test_a_secret_case_is_never_published(org, secret_case):
    with pytest.raises(ValidationError, match="secret"):
        services.publication_start(case=secret_case, by=org.lawyer)


def test_a_case_made_secret_after_preparation_cannot_be_published(org, ready):
    ready.case.confidentiality = Confidentiality.SECRET
    ready.case.save()
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    assert "confidentiality" in closed_gates(ready.publication)
    with pytest.raises(ValidationError, match="secret"):
        services.publication_publish(publication=ready.publication, by=org.lawyer)


def test_a_restricted_case_needs_an_administrators_approval(org, ready):
    ready.case.confidentiality = Confidentiality.RESTRICTED
    ready.case.save()
    services.publication_approve(publication=ready.publication, by=org.supervisor)
    assert closed_gates(ready.publication) == {"administrator"}
    with pytest.raises(PermissionDenied):
        services.publication_admin_approve(publication=ready.publication, by=org.supervisor)
    services.publication_admin_approve(publication=ready.publication, by=org.administrator)
    assert services.publication_publish(publication=ready.publication, by=org.lawyer).version == 1


def test_a_published_version_cannot_be_changed(org, ready):
    snapshot = publish(ready, org)
    snapshot.content = {**snapshot.content, "title": {"ru": "Другое"}}
    with pytest.raises(ImmutableError):
        snapshot.save()
    file_row = snapshot.files.first()
    assert file_row is None  # no document chosen: no file


def test_a_new_version_needs_the_gates_again_and_supersedes_the_old(org, ready):
    first = publish(ready, org)
    services.publication_update(
        publication=ready.publication, by=org.lawyer, data={"summary_en": "A better summary."}
    )
    with pytest.raises(ValidationError, match="supervisor"):
        services.publication_publish(publication=ready.publication, by=org.lawyer)
    second = publish(ready, org)
    first.refresh_from_db()
    assert (first.status, second.status, second.version) == (
        SnapshotStatus.SUPERSEDED,
        SnapshotStatus.LIVE,
        2,
    )
    assert first.content["summary"]["en"] != second.content["summary"]["en"]


def test_unpublishing_leaves_a_withdrawn_version_and_is_recorded(org, ready):
    snapshot = publish(ready, org)
    services.publication_unpublish(publication=ready.publication, by=org.lawyer, reason="asked")
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.WITHDRAWN
    assert steps(ready.publication)[-1] == StepKind.UNPUBLISHED
    with pytest.raises(ValidationError):
        services.publication_unpublish(publication=ready.publication, by=org.lawyer)


def test_every_step_is_in_the_history(org, ready):
    services.residue_check(publication=ready.publication, by=org.lawyer)
    publish(ready, org)
    services.publication_unpublish(publication=ready.publication, by=org.lawyer)
    recorded = set(steps(ready.publication))
    assert {
        StepKind.PREPARED,
        StepKind.CHECKED,
        StepKind.APPROVED,
        StepKind.PUBLISHED,
        StepKind.UNPUBLISHED,
    } <= recorded
    history = ready.publication.history.all()
    assert history.count() >= 2 and all(h.history_user_id for h in history)


def test_a_public_document_is_a_new_pdf_without_the_uploaded_files_metadata(org, ready):
    from publication.rendering import read_back  # noqa: PLC0415 — the test's own helper

    services.document_add(
        publication=ready.publication,
        by=org.lawyer,
        source=None,
        title="Views of the Committee",
        language="en",
        text="The Committee found a violation of article 21.",
    )
    snapshot = publish(ready, org)
    [file_row] = snapshot.files.all()
    assert file_row.name == "document-1.pdf"
    metadata, text = read_back(bytes(file_row.data))
    assert "article 21" in text
    assert metadata.get("/Author", "") in {"", "anonymous"}
    assert "/Title" in metadata and metadata["/Title"] == "Views of the Committee"


def test_an_uploaded_pdf_leaves_neither_its_metadata_nor_its_file_name(
    org, ready, settings, tmp_path
):
    """A real upload with a revealing author, title and file name: only its text is taken."""

    from publication.rendering import read_back  # noqa: PLC0415 — the test's own helper

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setAuthor("Aigerim Zhumabekova")
    pdf.setTitle("Zhumabekova v Kazakhstan, draft")
    pdf.setSubject("Client file 2026/17")
    pdf.drawString(72, 720, "The Committee found a violation of article 21.")
    pdf.save()
    upload = SimpleUploadedFile(
        "zhumabekova-views.pdf", buffer.getvalue(), content_type="application/pdf"
    )
    source = document_upload(
        case=ready.case,
        by=org.lawyer,
        uploaded=upload,
        title="Views",
        kind="other",
        language="en",
        confidentiality="normal",
    )
    services.document_add(
        publication=ready.publication, by=org.lawyer, source=source, title="Views", language="en"
    )
    snapshot = publish(ready, org)
    [file_row] = snapshot.files.all()
    assert file_row.name == "document-1.pdf"
    data = bytes(file_row.data)
    metadata, text = read_back(data)
    assert "article 21" in text
    assert b"Zhumabekova" not in data and b"zhumabekova" not in data
    assert b"Client file" not in data
    assert metadata.get("/Title") == "Views"
    assert "Zhumabekova" not in str(snapshot.content)
