"""Annex stamping vs bare reportlab + pypdf, on the same 204 annex pages. Prints JSON.

"bare": reportlab renders the 204 pages and pypdf merges them into one file (what any PDF
pipeline pays). "stamped": Remedy's `communications.pdf.stamp_annex` on those pages (one
overlay canvas, parsed once, merged page by page), i.e. what the package adds on top.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader, PdfWriter  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from communications import pdf  # noqa: E402

PAGES = 204
REPEAT = 3


def bare_render_and_merge() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for n in range(PAGES):
        canvas.drawString(72, 720, f"Annex page {n + 1}: decision of the court, scanned text")
        canvas.showPage()
    canvas.save()
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(buffer.getvalue())).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _time(fn) -> float:
    fn()
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    annex = bare_render_and_merge()
    bare = _time(bare_render_and_merge)
    stamped = _time(lambda: pdf.stamp_annex(annex, 1))
    json.dump(
        {
            "pages": PAGES,
            "bare_ms": round(bare * 1000),
            "stamp_ms": round(stamped * 1000),
            "ratio": round(stamped / bare, 2),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
