"""The submission package: contents, sections, fonts, stamps, manifest, determinism, page rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from casework.models import AccessLog, DocumentKind
from casework.services import grant_case_access
from communications import selectors, services
from communications.models import Communication, Filing, FilingKind
from communications.package import PackageRefused

from .conftest import KAZAKH_LETTERS, VICTIM_NAME, add_document, make_pdf, make_ready_case

ON = dt.date(2026, 3, 1)
PDF_NAMES = [
    "annex_index.pdf",
    "annexes/annex-01.pdf",
    "annexes/annex-02.pdf",
    "annexes/annex-03.pdf",
    "annexes/annex-04.pdf",
    "authorization.pdf",
    "communication.pdf",
    "cover_letter.pdf",
]


def build(case, user, **kwargs):
    kwargs.setdefault("on", ON)
    return services.build_hrc_package(case=case, by=user, **kwargs)


def text_of(data: bytes) -> str:
    """The extracted text with whitespace collapsed (table cells wrap lines)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def long_facts(pages: int) -> str:
    sentence = (
        "On that day the police officers approached the author, who stood alone with a poster, "
        "and took him to the district police station without explaining the reason. "
    )
    return "\n\n".join(sentence * 6 for _ in range(pages * 4))


@pytest.fixture
def built(org, ready_case):
    filing, result = build(ready_case, org.lawyer)
    return filing, result


def test_zip_holds_exactly_the_package_files_sorted_with_fixed_timestamps(built):
    filing, result = built
    with zipfile.ZipFile(io.BytesIO(result.zip_bytes)) as archive:
        names = archive.namelist()
        assert names == sorted(PDF_NAMES + ["manifest.json"])
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 1, 0, 0, 0)}


def test_every_generated_pdf_parses(built):
    _, result = built
    for name in PDF_NAMES:
        reader = PdfReader(io.BytesIO(result.files[name]))
        assert len(reader.pages) >= 1, name


def test_communication_follows_the_ohchr_form_sections_in_order(org, ready_case):
    _, result = build(ready_case, org.lawyer, lang="en")
    text = text_of(result.files["communication.pdf"])
    headings = [
        "I. Information concerning the author",
        "II. State concerned and articles of the Covenant violated",
        "III. Exhaustion of domestic remedies",
        "IV. Facts of the complaint",
        "Remedies requested",
        "V. Checklist of supporting documents",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Supreme Court of the Republic of Kazakhstan" in text  # the exhaustion table
    assert "Article 19(2)" in text
    assert "Kazakhstan" in text


def test_russian_package_has_russian_sections(built):
    _, result = built
    text = text_of(result.files["communication.pdf"])
    for heading in ("I. Информация об авторе", "II. Соответствующее государство", "IV. Факты"):
        assert heading in text


def test_kazakh_letters_are_real_extractable_text(built):
    _, result = built
    text = text_of(result.files["communication.pdf"])
    assert VICTIM_NAME in text
    for letter in KAZAKH_LETTERS:
        assert letter in text, letter
    assert VICTIM_NAME in text_of(result.files["authorization.pdf"])


def test_fonts_are_embedded_dejavu_subsets(built):
    _, result = built
    reader = PdfReader(io.BytesIO(result.files["communication.pdf"]))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = (
            font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if ("/DescendantFonts" in font)
            else font.get("/FontDescriptor")
        )
        if descriptor is not None:
            descriptor = descriptor.get_object()
            embedded.append((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    assert embedded
    assert all(is_embedded for _, is_embedded in embedded)
    assert any("DejaVuSerif" in name for name, _ in embedded)


def test_every_annex_page_is_stamped(built):
    _, result = built
    first = PdfReader(io.BytesIO(result.files["annexes/annex-01.pdf"]))
    assert len(first.pages) == 2
    # The default package is Russian, and so are its stamps.
    assert "Приложение 1 — стр. 1/2" in first.pages[0].extract_text()
    assert "Приложение 1 — стр. 2/2" in first.pages[1].extract_text()
    assert "Decision - sheet 2" in first.pages[1].extract_text()  # the original text survives
    assert "Приложение 2 — стр. 1/1" in text_of(result.files["annexes/annex-02.pdf"])


def test_image_annex_becomes_a_stamped_pdf_page(built):
    _, result = built
    annex = PdfReader(io.BytesIO(result.files["annexes/annex-03.pdf"]))
    assert len(annex.pages) == 1
    assert "Приложение 3 — стр. 1/1" in annex.pages[0].extract_text()
    assert annex.pages[0].images  # the photograph itself


def test_index_lists_the_annexes_in_order(built):
    _, result = built
    text = text_of(result.files["annex_index.pdf"])
    assert text.index("First-instance decision") < text.index("Appeal ruling")
    assert text.index("Appeal ruling") < text.index("Photograph of the picket")


def test_cover_letter_is_addressed_to_the_petitions_team(built):
    _, result = built
    text = text_of(result.files["cover_letter.pdf"])
    assert "Petitions Team" in text
    assert "1211 Geneva 10" in text


def test_manifest_covers_every_other_file_with_its_hash(built):
    filing, result = built
    with zipfile.ZipFile(io.BytesIO(result.zip_bytes)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert set(manifest) == {"case", "generated_at", "generator", "files"}
        assert manifest["case"] == filing.case.reference
        listed = {entry["name"]: entry for entry in manifest["files"]}
        assert sorted(listed) == sorted(n for n in archive.namelist() if n != "manifest.json")
        for name, entry in listed.items():
            body = archive.read(name)
            assert entry["sha256"] == hashlib.sha256(body).hexdigest()
            assert entry["bytes"] == len(body)
    # The stored manifest adds what the package says (its data fingerprint, for four eyes).
    stored = dict(filing.manifest)
    assert len(stored.pop("data_sha256")) == 64
    assert stored == manifest


def test_same_case_data_gives_byte_identical_pdfs(org, ready_case):
    _, first = build(ready_case, org.lawyer)
    _, second = build(ready_case, org.lawyer)
    for name in PDF_NAMES:
        assert first.files[name] == second.files[name], name


def test_pdf_creation_date_is_the_date_of_the_communication(built):
    _, result = built
    info = PdfReader(io.BytesIO(result.files["communication.pdf"])).metadata
    assert str(info["/CreationDate"]).startswith("D:20260301")


def test_draft_is_watermarked(built):
    _, result = built
    assert "ПРОЕКТ" in text_of(result.files["communication.pdf"])


def test_final_package_needs_the_supervisors_approval(org, ready_case, monkeypatch):
    monkeypatch.setattr(selectors, "submission_approved", lambda case: False)
    with pytest.raises(PackageRefused, match="approval"):
        build(ready_case, org.lawyer, final=True)
    assert not Filing.objects.exists()


def test_final_package_refused_when_no_approval_is_recorded(org, ready_case):
    # The approval is a fact of the communications app; none recorded means none given.
    assert selectors.submission_approved(ready_case) is False
    with pytest.raises(PackageRefused, match="approval of the submission first"):
        build(ready_case, org.lawyer, final=True)


def test_approved_final_package_has_no_watermark(org, ready_case, monkeypatch):
    monkeypatch.setattr(selectors, "submission_approved", lambda case: True)
    filing, result = build(ready_case, org.lawyer, final=True, lang="en")
    assert filing.is_final
    text = text_of(result.files["communication.pdf"])
    assert "DRAFT" not in text
    assert "ПРОЕКТ" not in text


def test_short_communication_has_no_summary(org, ready_case):
    _, result = build(ready_case, org.lawyer, lang="en")
    assert "Summary of the communication" not in text_of(result.files["communication.pdf"])


def test_communication_over_20_pages_opens_with_a_summary(org, ready_case):
    Communication.objects.filter(case=ready_case).update(
        facts_en=long_facts(22), summary_en="The author was arrested for a solitary picket."
    )
    _, result = build(ready_case, org.lawyer, lang="en")
    assert result.communication_pages > 20
    text = text_of(result.files["communication.pdf"])
    assert text.index("Summary of the communication") < text.index("I. Information concerning")
    assert "The author was arrested for a solitary picket." in text


def test_final_communication_over_50_pages_is_refused(org, ready_case, monkeypatch):
    monkeypatch.setattr(selectors, "submission_approved", lambda case: True)
    Communication.objects.filter(case=ready_case).update(facts=long_facts(52))
    with pytest.raises(PackageRefused, match="at most 50 pages") as exc:
        build(ready_case, org.lawyer, final=True)
    assert len(exc.value.problems) == 1
    assert not Filing.objects.exists()


def test_draft_over_50_pages_is_built_with_a_note(org, ready_case):
    Communication.objects.filter(case=ready_case).update(facts=long_facts(52))
    _, result = build(ready_case, org.lawyer)
    assert result.communication_pages > 50
    assert any("at most 50 pages" in note for note in result.notes)


def test_each_build_is_kept_as_a_new_filing_version_with_its_hash(org, ready_case):
    first, result = build(ready_case, org.lawyer)
    second, _ = build(ready_case, org.lawyer, lang="en")
    assert (first.version, second.version) == (1, 2)
    assert first.kind == FilingKind.HRC_PACKAGE
    assert (first.language, second.language) == ("ru", "en")
    with first.file.open("rb") as handle:
        stored = handle.read()
    assert stored == result.zip_bytes
    assert first.sha256 == hashlib.sha256(stored).hexdigest()
    assert first.bytes == len(stored)
    assert first.generated_by == org.lawyer
    assert first.history.count() == 1
    assert ready_case.reference not in first.file.name or "/" in first.file.name


def test_user_without_identity_permission_cannot_build(org, ready_case):
    # A supervisor sees every normal case but not the identity of its client and victim.
    with pytest.raises(PermissionDenied):
        build(ready_case, org.supervisor)
    assert not Filing.objects.exists()


def test_building_is_written_to_the_access_log(org, secret_case):
    make_ready_case(secret_case, org.lawyer)
    filing, _ = build(secret_case, org.lawyer)
    entry = AccessLog.objects.get(case=secret_case, action="build_package")
    assert entry.user == org.lawyer
    assert str(filing) in entry.object_repr


# --- missing data: everything listed, nothing built -----------------------------------------


def test_case_without_communication_is_refused_with_the_reason(org, case):
    with pytest.raises(PackageRefused) as exc:
        build(case, org.lawyer)
    assert exc.value.problems == [
        "No communication is recorded for this case: record the State party first."
    ]


def test_missing_data_is_listed_exactly(org, case):
    from communications.models import StateParty

    Communication.objects.create(case=case, state=StateParty.objects.get(code="KZ"))
    with pytest.raises(PackageRefused) as exc:
        build(case, org.lawyer)
    assert exc.value.problems == [
        "Victim: add the victim as a party of the case.",
        "Author: add the author (or the client) as a party of the case.",
        "Counsel: assign a responsible lawyer (with a full name) to the case.",
        "Articles: record at least one alleged violation of the Covenant.",
        "Exhaustion: record the domestic proceedings (section III).",
        "Facts: write the statement of facts of the communication (section IV).",
        "Remedies: write the remedies requested from the Committee.",
        "Annexes: choose the case documents to annex (set their annex number).",
    ]
    assert not Filing.objects.exists()


def test_missing_personal_details_are_named(org, ready_case):
    victim = ready_case.parties.get(role="victim").person
    victim.nationality = ""
    victim.address = ""
    victim.save()
    with pytest.raises(PackageRefused) as exc:
        build(ready_case, org.lawyer)
    assert exc.value.problems == [
        "Author: nationality is missing.",
        "Author: address is missing.",
    ]


def test_final_needs_a_signed_authorisation_or_a_reason(org, ready_case, monkeypatch):
    monkeypatch.setattr(selectors, "submission_approved", lambda case: True)
    ready_case.authorisations.update(withdrawn_on=dt.date(2022, 1, 1))
    with pytest.raises(PackageRefused, match="Authorisation"):
        build(ready_case, org.lawyer, final=True)
    Communication.objects.filter(case=ready_case).update(
        no_authorisation_reason="The victim is held incommunicado."
    )
    filing, result = build(ready_case, org.lawyer, final=True)
    assert "held incommunicado" in text_of(result.files["communication.pdf"])


def test_annex_that_is_not_pdf_or_image_is_refused(org, ready_case):
    add_document(
        ready_case,
        by=org.lawyer,
        title="Word file",
        data=b"PK\x03\x04 not really a docx",
        annex_order=5,
        name="x.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    with pytest.raises(PackageRefused) as exc:
        build(ready_case, org.lawyer)
    assert exc.value.problems == [
        "Annex 5 (“Word file”): only PDF, PNG and JPEG files can be annexed."
    ]


def test_damaged_or_tampered_annex_is_refused(org, ready_case):
    document = ready_case.documents.get(annex_order=1)
    document.sha256 = "0" * 64
    document.save()
    with pytest.raises(PackageRefused, match="does not match its recorded hash"):
        build(ready_case, org.lawyer)


def test_annex_numbers_must_be_unique_and_without_gaps(org, ready_case):
    add_document(ready_case, by=org.lawyer, title="Extra", data=make_pdf(1), annex_order=3)
    add_document(
        ready_case, by=org.lawyer, title="Later", data=make_pdf(1, text="x"), annex_order=6
    )
    with pytest.raises(PackageRefused) as exc:
        build(ready_case, org.lawyer)
    assert "Annexes: two documents share annex number 3." in exc.value.problems
    assert any("without gaps" in p for p in exc.value.problems)


def test_kazakh_annex_needs_a_translation_for_a_final_package(org, ready_case, monkeypatch):
    monkeypatch.setattr(selectors, "submission_approved", lambda case: True)
    original = add_document(
        ready_case,
        by=org.lawyer,
        title="Хаттама",
        data=make_pdf(1, text="kk"),
        annex_order=5,
        language="kk",
    )
    _, draft = build(ready_case, org.lawyer)
    assert any("Annex 5 is not in English" in note for note in draft.notes)
    with pytest.raises(PackageRefused, match="Annex 5 is not in English"):
        build(ready_case, org.lawyer, final=True)
    add_document(
        ready_case,
        by=org.lawyer,
        title="Protocol (translation)",
        data=make_pdf(1, text="en"),
        annex_order=6,
        language="en",
        kind=DocumentKind.TRANSLATION,
        translation_of=original,
    )
    _, final = build(ready_case, org.lawyer, final=True, lang="en")
    assert "translation: annex 6" in text_of(final.files["annex_index.pdf"])


def test_a_superseded_annex_is_replaced_by_its_current_version(org, ready_case):
    old = ready_case.documents.get(annex_order=1)
    new = add_document(
        ready_case,
        by=org.lawyer,
        title="First-instance decision (certified copy)",
        data=make_pdf(3, text="Certified"),
        annex_order=1,
    )
    new.previous_version = old
    new.save()
    _, result = build(ready_case, org.lawyer, lang="en")
    annex = PdfReader(io.BytesIO(result.files["annexes/annex-01.pdf"]))
    assert len(annex.pages) == 3
    assert "Certified - sheet 1" in annex.pages[0].extract_text()


def test_user_text_is_text_never_markup_and_long_fields_do_not_break_the_layout(org, ready_case):
    victim = ready_case.parties.get(role="victim").person
    victim.address = "ул. Абая, 1 " * 600  # far longer than a page
    victim.save()
    Communication.objects.filter(case=ready_case).update(
        facts_en="<b>bold?</b> & <script>alert(1)</script> " + "x" * 3000
    )
    _, result = build(ready_case, org.lawyer, lang="en")
    text = text_of(result.files["communication.pdf"])
    assert "<b>bold?</b> & <script>alert(1)</script>" in text


def test_final_package_follows_the_recorded_approval(org, ready_case):
    """No monkeypatching: the latest recorded review of the submission decides."""
    with pytest.raises(PackageRefused, match="approval of the submission first"):
        build(ready_case, org.lawyer, final=True)
    draft, _ = build(ready_case, org.lawyer)
    with pytest.raises(ValidationError, match="no draft package to approve"):
        services.submission_review_record(
            case=ready_case, by=org.supervisor, decision="approve", drafted_by=org.lawyer
        )
    # The approver reads the draft, names included.
    grant_case_access(
        case=ready_case, user=org.supervisor, perms=["view_case_identity"], by=None, reason="t"
    )
    services.submission_review_record(
        case=ready_case, by=org.supervisor, decision="approve", drafted_by=org.lawyer, filing=draft
    )
    with pytest.raises(PackageRefused, match="approved the package in ru"):
        build(ready_case, org.lawyer, final=True, lang="en")
    filing, _ = build(ready_case, org.lawyer, final=True)
    assert filing.manifest["data_sha256"] == draft.manifest["data_sha256"]
    assert filing.is_final
    services.submission_review_record(
        case=ready_case,
        by=org.supervisor,
        decision="return",
        comments="Redo section III.",
        drafted_by=org.lawyer,
    )
    with pytest.raises(PackageRefused, match="approval of the submission first"):
        build(ready_case, org.lawyer, final=True)
