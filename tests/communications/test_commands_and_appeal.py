"""The build commands, the domestic appeal draft, the demo data, fonts and the State-party seed."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from casework.models import Instance, Stage, User
from communications import appeal, services
from communications.models import Filing, FilingKind, StateParty
from communications.package import PackageRefused
from communications.pdf import FONT_DIR

from .conftest import KAZAKH_LETTERS


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_build_command_writes_the_zip_and_keeps_the_filing(org, ready_case, tmp_path):
    out = tmp_path / "package.zip"
    code, stdout, err = run(
        "build_hrc_package",
        ready_case.reference,
        "--out",
        str(out),
        "--user",
        "lawyer",
        "--lang",
        "en",
        "--date",
        "2026-03-01",
    )
    assert code == 0, err
    filing = Filing.objects.get()
    assert filing.sha256 in stdout
    with zipfile.ZipFile(out) as archive:
        assert "manifest.json" in archive.namelist()


def test_build_command_lists_what_is_missing_and_exits_2(org, case, tmp_path):
    from communications.models import Communication

    Communication.objects.create(case=case, state=StateParty.objects.get(code="KZ"))
    out = tmp_path / "package.zip"
    code, _, err = run("build_hrc_package", case.reference, "--out", str(out), "--user", "lawyer")
    assert code == 2
    assert "Victim: add the victim as a party of the case." in err
    assert "Traceback" not in err
    assert not out.exists()
    assert not Filing.objects.exists()


def test_build_command_refuses_a_user_without_identity_permission(org, ready_case, tmp_path):
    code, _, err = run(
        "build_hrc_package",
        ready_case.reference,
        "--out",
        str(tmp_path / "p.zip"),
        "--user",
        "supervisor",
    )
    assert code == 2
    assert "identity" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["KIBHR-2099-0001", "--user", "lawyer"], "no case"),
        (["{ref}", "--user", "nobody"], "no active user"),
        (["{ref}", "--user", "lawyer", "--date", "2026-02-30"], "--date"),
    ],
)
def test_build_command_bad_arguments_exit_2(org, ready_case, tmp_path, args, message):
    args = [a.replace("{ref}", ready_case.reference) for a in args]
    code, _, err = run("build_hrc_package", *args, "--out", str(tmp_path / "p.zip"))
    assert code == 2
    assert message in err


def test_final_from_the_command_without_a_recorded_approval_is_refused(org, ready_case, tmp_path):
    code, _, err = run(
        "build_hrc_package",
        ready_case.reference,
        "--out",
        str(tmp_path / "p.zip"),
        "--user",
        "lawyer",
        "--final",
    )
    assert code == 2
    assert "approval of the submission first" in err


# --- appeal draft -------------------------------------------------------------------------------


def test_appeal_draft_is_a_cassation_complaint_after_an_appellate_decision(org, ready_case):
    ready_case.proceedings.filter(level=Instance.CASSATION).delete()
    filing, body = services.build_appeal_draft(
        case=ready_case, by=org.lawyer, on=dt.date(2026, 3, 1)
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())
    assert "КАССАЦИОННАЯ ЖАЛОБА" in text
    assert "Almaty City Court" in text
    assert "статьёй 19 (пункт 2)" in text
    assert "ПРОЕКТ" in text
    assert "Нұрлан Әбдіғалиұлы Қасымов" in text
    assert filing.kind == FilingKind.DOMESTIC_APPEAL_DRAFT
    assert filing.language == "ru"


def test_appeal_draft_after_first_instance_is_an_appeal(org, ready_case):
    ready_case.proceedings.exclude(level=Instance.FIRST_INSTANCE).delete()
    data = appeal.collect(ready_case, on=dt.date(2026, 3, 1))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(appeal.render(data))).pages)
    assert "АПЕЛЛЯЦИОННАЯ ЖАЛОБА" in text


def test_appeal_draft_is_deterministic(org, ready_case):
    ready_case.proceedings.filter(level=Instance.CASSATION).delete()
    data = appeal.collect(ready_case, on=dt.date(2026, 3, 1))
    assert appeal.render(data) == appeal.render(data)


def test_no_appeal_draft_after_cassation(org, ready_case):
    with pytest.raises(PackageRefused, match="Cassation"):
        services.build_appeal_draft(case=ready_case, by=org.lawyer)


def test_no_appeal_draft_without_a_decision(org, case):
    with pytest.raises(PackageRefused, match="No decided proceeding"):
        services.build_appeal_draft(case=case, by=org.lawyer)


def test_appeal_command(org, ready_case, tmp_path):
    ready_case.proceedings.filter(level=Instance.CASSATION).delete()
    out = tmp_path / "appeal.pdf"
    code, stdout, err = run(
        "build_appeal_draft", ready_case.reference, "--out", str(out), "--user", "lawyer"
    )
    assert code == 0, err
    assert PdfReader(out).pages


# --- demo, fonts, seed ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_seed_makes_a_complete_drafting_case_and_is_idempotent(tmp_path):
    from demo import casework as case_demo
    from demo import communications as demo

    case_demo.seed_organisation(io.StringIO())
    spec = next(c for c in case_demo.CASES if c.reference == demo.DEMO_REFERENCE)
    case_demo.seed_case(spec, {u.username: u for u in User.objects.all()})
    demo.seed(io.StringIO())
    from casework.models import Case, Document

    case = Case.objects.get(reference=demo.DEMO_REFERENCE)
    counts = (Document.objects.count(), case.proceedings.count(), case.authorisations.count())
    demo.seed(io.StringIO())
    assert (
        Document.objects.count(),
        case.proceedings.count(),
        case.authorisations.count(),
    ) == counts
    assert case.stage == Stage.DRAFTING
    filing, result = services.build_hrc_package(case=case, by=case.responsible_lawyer, lang="ru")
    # Three decisions, the photograph and the signed authorisation.
    assert len([n for n in result.files if n.startswith("annexes/")]) == 5
    # Complete in both languages: nothing missing, nothing shown in the other language.
    assert result.notes == []
    _, english = services.build_hrc_package(case=case, by=case.responsible_lawyer, lang="en")
    assert english.notes == []


@pytest.mark.django_db
def test_demo_seed_opens_its_own_case_when_the_casework_demo_has_none():
    from demo import casework as case_demo
    from demo import communications as demo

    case_demo.seed_organisation(io.StringIO())
    demo.seed(io.StringIO())
    from casework.models import Case

    case = Case.objects.get(reference=demo.DEMO_REFERENCE)
    services.build_hrc_package(case=case, by=case.responsible_lawyer)


def test_fonts_are_shipped_static_ttfs_with_their_licence_and_cover_kazakh():
    from reportlab.pdfbase.ttfonts import TTFont

    assert (FONT_DIR / "LICENSE").read_text().startswith("Fonts are (c) Bitstream")
    for name in ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"):
        data = (FONT_DIR / name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outlines
        assert b"fvar" not in data[:1024]  # not a variable font
        font = TTFont(name, str(FONT_DIR / name))
        for letter in KAZAKH_LETTERS + KAZAKH_LETTERS.upper():
            assert ord(letter) in font.face.charToGlyph, (name, letter)


@pytest.mark.django_db
def test_state_party_table_is_seeded_with_central_asia_and_belarus():
    rows = {s.code: s for s in StateParty.objects.all()}
    assert {"KZ", "KG", "UZ", "TM", "TJ", "RU", "BY"} <= set(rows)
    assert rows["KZ"].op_in_force_on == dt.date(2009, 9, 30) and rows["KZ"].verified
    assert not rows["KG"].verified and "verify" in rows["KG"].source.lower()
    assert rows["BY"].op_ceased_on == dt.date(2023, 2, 8)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_renders_to_a_png_with_ink(org, ready_case, tmp_path):
    from PIL import Image

    _, result = services.build_hrc_package(case=ready_case, by=org.lawyer, on=dt.date(2026, 3, 1))
    source = tmp_path / "communication.pdf"
    source.write_bytes(result.files["communication.pdf"])
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 500  # text was drawn, not an empty page


def test_build_command_without_user_acts_as_the_responsible_lawyer(org, ready_case, tmp_path):
    """The issue's plain form `build_hrc_package REF --out PATH` works; the filing names who."""
    ready_case.responsible_lawyer = org.lawyer
    ready_case.save()
    out = tmp_path / "package.zip"
    code, _, err = run("build_hrc_package", ready_case.reference, "--out", str(out))
    assert code == 0, err
    assert "building as lawyer" in err
    assert Filing.objects.get().generated_by == org.lawyer


def test_build_command_without_user_needs_a_responsible_lawyer(org, ready_case, tmp_path):
    ready_case.responsible_lawyer = None
    ready_case.save()
    code, _, err = run("build_hrc_package", ready_case.reference, "--out", str(tmp_path / "p.zip"))
    assert code == 2
    assert "responsible lawyer" in err
