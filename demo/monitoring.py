"""The demo register: recommendations addressed to Kazakhstan, read from demo/data, and a few
assessments so that the timeline and the dashboard show something.

Every row of `data/recommendations_kz.jsonl` names the source it was read from. Only a text read
word for word is marked verified; the others are paraphrases marked unverified
(docs/monitoring.md, "Demo data"). Themes and articles are our own classification. The
assessments are the demo organisation's own, marked "Demo assessment", and cite public facts
(the Committee's concluding observations CCPR/C/KAZ/CO/3 of 2025, the Foreign Ministry's
statement of October 2024). Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TextIO

from django.utils import timezone

from casework.models import CovenantArticle, Theme, User
from monitoring import services
from monitoring.models import Mechanism, Recommendation

DATA = Path(__file__).resolve().parent / "data" / "recommendations_kz.jsonl"
CO3 = (
    "CCPR/C/KAZ/CO/3 (3 September 2025), para. 3: "
    "https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=dZtUvTHjszrWknFBgAB%2FzT5wDWKYb3"
    "j5C9rTDMR%2BwIve6js3WYtNMTibe4pPC1odBYeGUVG%2Fd0OJqhBGtgtCeA%3D%3D"
)
MFA_2024 = (
    "https://el.kz./en/implementation-of-received-by-kazakhstan-within-framework-of-upr-procedure-"
    "discussed-at-foreign-ministry_400000750"
)


def load_rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def _assessments(today: dt.date) -> list[tuple[str, str, dt.date, str, str, str, str]]:
    """(symbol, paragraph, date, status, source kind, evidence, notes)."""
    recent = today - dt.timedelta(days=30)
    rows = []
    # 95.15-95.17: the national human rights institution and the Paris Principles.
    for paragraph in ("95.15", "95.16", "95.17"):
        rows.append(
            (
                "A/HRC/14/10",
                paragraph,
                dt.date(2024, 10, 28),
                "partial",
                "state",
                MFA_2024,
                "Demo assessment. The Foreign Ministry reports that the Human Rights "
                "Commissioner's "
                "mandate was expanded in line with the Paris Principles.",
            )
        )
        rows.append(
            (
                "A/HRC/14/10",
                paragraph,
                recent,
                "partial",
                "own",
                CO3,
                "Demo assessment. The Committee welcomes the Constitutional Law on the "
                "Human Rights "
                "Commissioner (2022), CCPR/C/KAZ/CO/3 para. 3(d); full independence not shown.",
            )
        )
    uk = "UK statement, UPR WG 34th session (2019)"
    rows.append(
        (
            uk,
            "1",
            recent,
            "partial",
            "own",
            CO3,
            "Demo assessment. The Committee welcomes the Law on Combating Human "
            "Trafficking (2024), "
            "CCPR/C/KAZ/CO/3 para. 3(b); the freedom of association part is not assessed.",
        )
    )
    rows.append(
        (
            uk,
            "3",
            recent,
            "partial",
            "own",
            CO3,
            "Demo assessment. The Committee welcomes the Law on Women's Rights and Child Safety "
            "(2024), CCPR/C/KAZ/CO/3 para. 3(a).",
        )
    )
    rows.append(
        (
            "CCPR/C/KAZ/CO/2",
            "5",
            today - dt.timedelta(days=400),
            "not_implemented",
            "own",
            "",
            "Demo assessment: no general mechanism for implementing the Committee's Views is known "
            "to the demo organisation.",
        )
    )
    return rows


def seed(stdout: TextIO) -> None:
    editor = User.objects.get(username="analyst")
    themes = {t.code: t for t in Theme.objects.all()}
    articles = {a.number: a for a in CovenantArticle.objects.all()}
    mechanisms = {m.code: m for m in Mechanism.objects.all()}
    created = 0
    for row in load_rows():
        key = {
            "mechanism": mechanisms[row["mechanism"]],
            "symbol": row["symbol"],
            "paragraph": row["paragraph"],
            "case__isnull": True,
        }
        if Recommendation.objects.filter(**key).exists():
            continue
        source = row["source"] + (f" — {row['note']}" if row.get("note") else "")
        recommendation = Recommendation(
            mechanism=key["mechanism"],
            symbol=row["symbol"],
            paragraph=row["paragraph"],
            issued_on=dt.date.fromisoformat(row["date"]) if row.get("date") else None,
            text_en=row["text_en"],
            text_ru=row.get("text_ru", ""),
            verified=row["verified"],
            source=source[: Recommendation._meta.get_field("source").max_length],
            state_position=row.get("position", ""),
            upr_cycle=row.get("upr_cycle"),
            recommending_states=row.get("recommending_states", ""),
        )
        services.recommendation_save(
            recommendation=recommendation,
            by=editor,
            themes=[themes[c] for c in row.get("themes", []) if c in themes],
            articles=[articles[n] for n in row.get("articles", []) if n in articles],
            reason="Demo register",
        )
        created += 1
    assessed = 0
    for symbol, paragraph, on, status, source_kind, evidence, notes in _assessments(
        timezone.localdate()
    ):
        recommendation = Recommendation.objects.get(
            symbol=symbol, paragraph=paragraph, case__isnull=True
        )
        if recommendation.assessments.filter(assessed_on=on).exists():
            continue
        services.assessment_add(
            recommendation=recommendation,
            by=editor,
            assessed_on=on,
            status=status,
            source_kind=source_kind,
            evidence=evidence,
            notes=notes,
        )
        assessed += 1
    stdout.write(f"Recommendations: {created} added, {assessed} assessments.\n")
