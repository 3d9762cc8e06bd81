"""PNG previews of a filing's first pages, so that a supervisor sees what they approve.

Rendered by Poppler's `pdftoppm` (Debian package poppler-utils) when it is installed; pypdf and
reportlab cannot rasterise a page, so without it `page_png` answers None and the page shows the
page's extracted text instead (`page_text`). Nothing is cached: previews carry names and are
rendered per request for a user who may see them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from pypdf import PdfReader

PREVIEW_PAGES = 2  # the first pages: the cover of the communication and the start of its facts
RESOLUTION = 60  # dots per inch: an A4 page ~500 px wide, readable, small
COMMUNICATION_FILE = "communication.pdf"


def communication_pdf(package_zip: bytes) -> bytes:
    """The communication itself out of a submission package."""
    with zipfile.ZipFile(io.BytesIO(package_zip)) as archive:
        return archive.read(COMMUNICATION_FILE)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_text(pdf: bytes, page: int) -> str:
    """The text of page `page` (1-based), for when no PNG can be rendered."""
    return PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text() or ""


def page_png(pdf: bytes, page: int) -> bytes | None:
    """Page `page` (1-based) as PNG, or None when pdftoppm is not installed."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        # Fixed arguments, no shell; the PDF is one Remedy generated itself.
        subprocess.run(  # noqa: S603
            [
                binary,
                "-png",
                "-r",
                str(RESOLUTION),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(Path(folder) / "out"),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
        return (Path(folder) / "out.png").read_bytes()
