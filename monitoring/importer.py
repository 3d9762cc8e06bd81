"""Import of recommendations from CSV: all or nothing, each bad row named by its line.

Columns (docs/monitoring.md): mechanism, symbol, paragraph, date, text_en, text_ru, text_kk,
themes, articles, position, cycle, recommending_states, responsible_body, source, verified.
`text` is accepted for `text_en`. The key is (mechanism, symbol, paragraph): a row whose key is
already in the register updates it only where the file says something different, so importing
the same file twice changes nothing.

`parse_rows` is pure (it touches no model): it checks each row against the reference codes it
is given and returns clean rows or errors. `import_csv` adapts it to the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from casework.audit import save_audited
from casework.models import CovenantArticle, Theme

from .models import Mechanism, MechanismKind, Recommendation
from .selectors import can_edit_register

REQUIRED = ("mechanism", "symbol", "paragraph")
COLUMNS = (
    "mechanism",
    "symbol",
    "paragraph",
    "date",
    "text_en",
    "text_ru",
    "text_kk",
    "themes",
    "articles",
    "position",
    "cycle",
    "recommending_states",
    "responsible_body",
    "source",
    "verified",
)
ALIASES = {"text": "text_en"}
# The model's field → the file's column, where their names differ.
FIELD_COLUMNS = {"issued_on": "date", "state_position": "position", "upr_cycle": "cycle"}
TRUE = {"yes", "true", "1", "да", "иә", "verified"}
FALSE = {"", "no", "false", "0", "нет", "жоқ", "unverified"}
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class CleanRow:
    line: int
    mechanism: str
    symbol: str
    paragraph: str
    issued_on: dt.date | None
    text_en: str
    text_ru: str
    text_kk: str
    themes: list[str]
    articles: list[int]
    state_position: str
    upr_cycle: int | None
    recommending_states: str
    responsible_body: str
    source: str
    verified: bool
    # The file's columns: a column the file does not have leaves that field of an existing
    # recommendation as it is (a file of symbols and texts must not clear the themes).
    columns: frozenset[str] = frozenset(COLUMNS)


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def parse_rows(
    text: str,
    *,
    mechanisms: set[str],
    upr_mechanisms: set[str],
    themes: set[str],
    articles: set[int],
) -> tuple[list[CleanRow], list[RowError]]:
    """Check every row; line numbers count the header as line 1 (as a spreadsheet shows them)."""
    errors: list[RowError] = []
    rows: list[CleanRow] = []
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [
        ALIASES.get((h or "").strip().lower(), (h or "").strip().lower())
        for h in (reader.fieldnames or [])
    ]
    missing = [name for name in REQUIRED if name not in header]
    if not header:
        return [], [RowError(1, _("The file is empty."))]
    if missing:
        return [], [
            RowError(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        ]
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        return [], [
            RowError(1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
        ]
    reader.fieldnames = header
    seen: dict[tuple[str, str, str], int] = {}
    for raw in reader:
        line = reader.line_num
        if None in raw:
            errors.append(RowError(line, _("More cells than columns.")))
            continue
        row = {key: (value or "").strip() for key, value in raw.items()}
        if not any(row.values()):
            continue
        problems = []
        mechanism = row.get("mechanism", "").lower()
        if not mechanism:
            problems.append(_("the mechanism is empty"))
        elif mechanism not in mechanisms:
            problems.append(_("unknown mechanism “%(code)s”") % {"code": mechanism})
        for name in ("symbol", "paragraph"):
            if not row.get(name):
                problems.append(_("the %(column)s is empty") % {"column": name})
        if not (row.get("text_en") or row.get("text_ru")):
            problems.append(_("give the text in English or Russian"))
        issued_on = None
        if row.get("date"):
            try:
                issued_on = dt.date.fromisoformat(row["date"])
            except ValueError:
                problems.append(
                    _("the date “%(value)s” is not YYYY-MM-DD") % {"value": row["date"]}
                )
        row_themes = _split(row.get("themes", ""))
        bad_themes = [code for code in row_themes if code not in themes]
        if bad_themes:
            problems.append(_("unknown themes: %(codes)s") % {"codes": ", ".join(bad_themes)})
        row_articles = []
        for part in _split(row.get("articles", "")):
            number = part.lower().removeprefix("art.").removeprefix("article").strip()
            if not number.isdigit() or int(number) not in articles:
                problems.append(_("unknown Covenant article “%(value)s”") % {"value": part})
            else:
                row_articles.append(int(number))
        position = row.get("position", "").lower()
        if position and position not in {"supported", "noted"}:
            problems.append(_("the position must be supported or noted"))
        if position and mechanism in mechanisms and mechanism not in upr_mechanisms:
            problems.append(_("only UPR recommendations are supported or noted"))
        cycle = None
        if row.get("cycle"):
            if row["cycle"].isdigit() and 1 <= int(row["cycle"]) <= 20:
                cycle = int(row["cycle"])
            else:
                problems.append(_("the UPR cycle must be a number"))
        verified_text = row.get("verified", "").lower()
        if verified_text not in TRUE | FALSE:
            problems.append(_("verified must be yes or no"))
        key = (mechanism, row.get("symbol", ""), row.get("paragraph", ""))
        if all(key) and key in seen:
            problems.append(
                _("the same mechanism, symbol and paragraph as line %(line)s") % {"line": seen[key]}
            )
        limits = {
            "symbol": 80,
            "paragraph": 20,
            "responsible_body": 200,
            "source": 500,
            "recommending_states": 300,
        }
        for name, limit in limits.items():
            if len(row.get(name, "")) > limit:
                problems.append(
                    _("the %(column)s is longer than %(limit)s characters")
                    % {"column": name, "limit": limit}
                )
        if problems:
            errors.append(RowError(line, "; ".join(problems)))
            continue
        seen[key] = line
        rows.append(
            CleanRow(
                line=line,
                mechanism=mechanism,
                symbol=row["symbol"],
                paragraph=row["paragraph"],
                issued_on=issued_on,
                text_en=row.get("text_en", ""),
                text_ru=row.get("text_ru", ""),
                text_kk=row.get("text_kk", ""),
                themes=row_themes,
                articles=row_articles,
                state_position=position,
                upr_cycle=cycle,
                recommending_states=row.get("recommending_states", ""),
                responsible_body=row.get("responsible_body", ""),
                source=row.get("source", ""),
                verified=verified_text in TRUE,
                columns=frozenset(header),
            )
        )
    if not rows and not errors:
        errors.append(RowError(1, _("The file has no rows.")))
    return rows, errors


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM, as spreadsheets save it); anything else is refused."""
    if len(data) > MAX_BYTES:
        raise ValueError(_("The file is larger than 5 MB."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(_("The file is not UTF-8 text (save it as CSV UTF-8).")) from exc


@transaction.atomic
def import_csv(data: bytes, *, by) -> ImportResult:
    """Import `data`: nothing is written unless every row is valid."""
    result = ImportResult()
    if not can_edit_register(by):
        result.errors.append(RowError(0, _("Only analysts and supervisors edit the register.")))
        return result
    try:
        text = decode(data)
    except ValueError as exc:
        result.errors.append(RowError(0, str(exc)))
        return result
    mechanisms = {m.code: m for m in Mechanism.objects.exclude(kind=MechanismKind.VIEWS)}
    theme_rows = {t.code: t for t in Theme.objects.all()}
    article_rows = {a.number: a for a in CovenantArticle.objects.all()}
    rows, errors = parse_rows(
        text,
        mechanisms=set(mechanisms),
        upr_mechanisms={c for c, m in mechanisms.items() if m.kind == MechanismKind.UPR},
        themes=set(theme_rows),
        articles=set(article_rows),
    )
    if errors:
        result.errors = errors
        return result
    for row in rows:
        mechanism = mechanisms[row.mechanism]
        existing = Recommendation.objects.filter(
            mechanism=mechanism, symbol=row.symbol, paragraph=row.paragraph, case__isnull=True
        ).first()
        values = {
            "issued_on": row.issued_on,
            "text_en": row.text_en,
            "text_ru": row.text_ru,
            "text_kk": row.text_kk,
            "state_position": row.state_position,
            "upr_cycle": row.upr_cycle,
            "recommending_states": row.recommending_states,
            "responsible_body": row.responsible_body,
            "source": row.source,
            "verified": row.verified,
        }
        values = {
            name: value
            for name, value in values.items()
            if FIELD_COLUMNS.get(name, name) in row.columns
        }
        themes = [theme_rows[c] for c in row.themes]
        articles = [article_rows[n] for n in row.articles]
        recommendation = existing or Recommendation(
            mechanism=mechanism, symbol=row.symbol, paragraph=row.paragraph
        )
        changed = existing is None or any(
            getattr(existing, name) != value for name, value in values.items()
        )
        for name, value in values.items():
            setattr(recommendation, name, value)
        if changed:
            save_audited(
                recommendation,
                by=by,
                reason=_("Imported (line %(line)s)") % {"line": row.line},
            )
        same_themes = "themes" not in row.columns or (
            existing is not None and {t.pk for t in existing.themes.all()} == {t.pk for t in themes}
        )
        same_articles = "articles" not in row.columns or (
            existing is not None
            and {a.pk for a in existing.articles.all()} == {a.pk for a in articles}
        )
        same_links = existing is not None and same_themes and same_articles
        if not same_themes:
            recommendation.themes.set(themes)
        if not same_articles:
            recommendation.articles.set(articles)
        if existing is None:
            result.created += 1
        elif changed or not same_links:
            result.updated += 1
        else:
            result.unchanged += 1
    return result
