"""Translations: the Kazakh and Russian catalogues are complete, clean and compiled.

The .po files are parsed with a tiny reader (no gettext or polib needed). The compiled .mo
files are checked through Django itself: every translated entry of a .po must come back from
gettext, so a .po edited without recompiling the .mo fails here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["kk", "ru"]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[^}]*\}")
# HTML tags only: "CCPR/C/<session>/D/..." is a document symbol, translated like any text.
TAG = re.compile(r"</?(?:a|abbr|b|br|code|em|i|kbd|p|span|strong)\b[^>]*>")
NPLURALS = {"kk": 2, "ru": 4}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text[1:-1])


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """Return (header fields, entries) of a .po file; obsolete (#~) entries are marked."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] = ("", 0)
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current = None
            continue
        if current is None:
            current = Entry()
        if line.startswith("#~"):
            current.obsolete = True
            line = line[2:].strip()
            if not line or line.startswith("|"):
                continue
        elif line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        elif line.startswith("#"):
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            keyword, index, value = match.groups()
            target = (keyword, int(index or 0))
            text = _unquote(value)
        else:
            text = _unquote(line)
        keyword, index = target
        if keyword == "msgstr":
            current.msgstr[index] = current.msgstr.get(index, "") + text
        elif keyword == "msgid":
            current.msgid += text
        elif keyword == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + text
        else:
            current.msgctxt = (current.msgctxt or "") + text
    header = next(e for e in entries if e.msgid == "" and not e.obsolete)
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    live = [e for e in entries if not e.obsolete and e.msgid != ""]
    return fields, live


def catalogue(lang: str, name: str = "django") -> tuple[dict[str, str], list[Entry]]:
    return read_po(LOCALE / lang / "LC_MESSAGES" / f"{name}.po")


# Every .po whose entries must be clean: the project's own catalogues, and the Kazakh strings of
# Django, two_factor and django_otp that their own kk catalogues lack.
CATALOGUES = [("kk", "django"), ("ru", "django"), ("kk", "third_party")]


@pytest.mark.parametrize(
    ("english", "kazakh"),
    [
        ("Cases", "Істер"),
        ("Deadlines", "Мерзімдер"),
        ("Log out", "Шығу"),
        ("Parties", "Тараптар"),
        ("Responsible lawyer", "Жауапты заңгер"),
        (
            "Communication to the Human Rights Committee",
            "Адам құқықтары жөніндегі комитетке хабарлама",
        ),
    ],
)
def test_key_strings_are_kazakh_when_kk_is_active(english, kazakh):
    with translation.override("kk"):
        assert gettext(english) == kazakh


def test_kazakh_plural_keeps_the_counter():
    with translation.override("kk"):
        assert ngettext("%(counter)s case", "%(counter)s cases", 1) % {"counter": 1} == "1 іс"
        assert ngettext("%(counter)s case", "%(counter)s cases", 5) % {"counter": 5} == "5 іс"


def test_kazakh_header_declares_language_and_two_plural_forms():
    header, _ = catalogue("kk")
    assert header["Language"] == "kk"
    assert header["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"


@pytest.mark.parametrize(("lang", "name"), CATALOGUES)
def test_catalogue_has_no_fuzzy_entry(lang, name):
    _, entries = catalogue(lang, name)
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []


@pytest.mark.parametrize(("lang", "name"), CATALOGUES)
def test_catalogue_has_no_empty_translation(lang, name):
    _, entries = catalogue(lang, name)
    empty = [
        e.msgid
        for e in entries
        if len(e.msgstr) != (NPLURALS[lang] if e.msgid_plural else 1) or not all(e.msgstr.values())
    ]
    assert empty == []


@pytest.mark.parametrize(("lang", "name"), CATALOGUES)
def test_translations_keep_placeholders_and_html(lang, name):
    _, entries = catalogue(lang, name)
    broken = []
    for e in entries:
        for index, text in e.msgstr.items():
            source = e.msgid_plural if (e.msgid_plural and index > 0) else e.msgid
            wanted = set(PLACEHOLDER.findall(source))
            if e.msgid_plural and index == 0:
                # "one code left" may drop the counter in the singular; never add one.
                ok = set(PLACEHOLDER.findall(text)) <= wanted | set(
                    PLACEHOLDER.findall(e.msgid_plural)
                )
            else:
                ok = sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))
            if not ok or sorted(TAG.findall(text)) != sorted(TAG.findall(source)):
                broken.append((e.msgid, index, text))
    assert broken == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_po(lang):
    """The committed .mo carries every translation of the .po (recompile after editing)."""
    _, entries = catalogue(lang)
    stale = []
    with translation.override(lang):
        for e in entries:
            if e.msgid_plural:
                got = ngettext(e.msgid, e.msgid_plural, 1)
            elif e.msgctxt is not None:
                got = pgettext(e.msgctxt, e.msgid)
            else:
                got = gettext(e.msgid)
            if got != e.msgstr[0]:
                stale.append(e.msgid)
    assert stale == []


def test_compiled_kazakh_catalogue_includes_third_party_strings():
    """django.mo is built from django.po + third_party.po (see locale/README.md).

    A plain `compilemessages` drops third_party.po and the login page turns English again.
    """
    _, own = catalogue("kk")
    own_ids = {(e.msgctxt, e.msgid) for e in own}
    _, entries = catalogue("kk", "third_party")
    missing = []
    with translation.override("kk"):
        for e in entries:
            if (e.msgctxt, e.msgid) in own_ids:
                continue
            if e.msgid_plural:
                got = ngettext(e.msgid, e.msgid_plural, 1)
            elif e.msgctxt is not None:
                got = pgettext(e.msgctxt, e.msgid)
            else:
                got = gettext(e.msgid)
            if got != e.msgstr[0]:
                missing.append(e.msgid)
    assert missing == []


def test_login_page_renders_in_kazakh(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    html = client.get(reverse("login")).content.decode()
    assert "Пайдаланушы аты мен құпиясөзді енгізіңіз." in html
    assert "Enter your credentials." not in html


def test_case_list_page_renders_in_kazakh(client, org, case):
    client.force_login(org.lawyer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.get(reverse("cases:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="kk">' in html
    assert "Шығу" in html and "Log out" not in html
