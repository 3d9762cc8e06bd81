"""Names per language: how reference data and people carry their names in English, Russian, Kazakh.

One mechanism, explicit per-language fields (docs/architecture.md, "Names per language"):

- **Reference data** (States, branches, and later themes, articles, regions, deadline rules): the
  plain field is the English form and is always filled (`name`); `name_ru` and `name_kk` sit
  beside it. `localized(obj, "name", lang)` returns the form in `lang`, or the English form marked
  as a fallback, so that a page can show it marked and a filing can list it as a problem.
- **What a person wrote** (a person's name, nationality, place of birth; a court as the lawyer
  recorded it): the plain field is the value as written, in whatever script; `*_en` / `*_ru` (and
  for names `full_name_latin` / `full_name_cyrillic`) hold the other forms. `written_in(...)`
  takes the explicit form for the language, else the value as written when its script suits the
  language, else nothing: a missing form is never silently replaced by another language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGES = ("en", "ru", "kk")
FALLBACK = "en"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Letters of the Kazakh alphabet that Russian does not have: a text with them is not Russian.
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


@dataclass(frozen=True)
class Localized:
    """A text in a language, and whether it is a fallback for the language that was asked for."""

    text: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def marked(self) -> str:
        """The text, with its language shown when it is a fallback ("Astana branch [en]")."""
        return f"{self.text} [{self.lang}]" if self.fallback else self.text


def _language(lang: str | None) -> str:
    lang = (lang or get_language() or FALLBACK).split("-")[0].lower()
    return lang if lang in LANGUAGES else FALLBACK


def localized(obj: object, field: str, lang: str | None = None) -> Localized:
    """`obj.<field>` in `lang` (default: the active language); English, marked, when missing."""
    lang = _language(lang)
    if lang != FALLBACK:
        value = (getattr(obj, f"{field}_{lang}", "") or "").strip()
        if value:
            return Localized(value, lang)
    english = (getattr(obj, field, "") or "").strip()
    return Localized(english, FALLBACK, fallback=lang != FALLBACK)


def script_suits(text: str, lang: str, *, proper_name: bool = False) -> bool:
    """Whether `text` can stand in a document in `lang` as it is written.

    English needs Latin script; Russian needs Cyrillic, and, except for a person's proper name
    (written as in the passport), no letters that only Kazakh has; Kazakh needs Cyrillic.
    """
    if not text.strip():
        return False
    if lang == "en":
        return bool(_LATIN.search(text)) and not _CYRILLIC.search(text)
    if not _CYRILLIC.search(text) or _LATIN.search(text):
        return False
    return lang != "ru" or proper_name or not _KAZAKH_ONLY.search(text)


def language_of_fragment(text: str, page_lang: str | None = None) -> str | None:
    """The `lang` a fragment needs on a page in `page_lang` so that a screen reader pronounces
    it right (WCAG 2.1 SC 3.1.2), or None when it reads as the page does.

    Decided by script, as `script_suits` does: Cyrillic on an English page is Kazakh when it has
    letters only Kazakh has, else Russian; on a Russian page, Cyrillic with those letters is
    Kazakh; Latin on a Russian or Kazakh page is English. (Russian on a Kazakh page cannot be
    told by its letters: Kazakh's alphabet has all of Russian's.)
    """
    page = _language(page_lang)
    if not (text or "").strip():
        return None
    if page == "en":
        if _CYRILLIC.search(text) and not _LATIN.search(text):
            return "kk" if _KAZAKH_ONLY.search(text) else "ru"
        return None
    if _LATIN.search(text) and not _CYRILLIC.search(text):
        return "en"
    if page == "ru" and _KAZAKH_ONLY.search(text) and not _LATIN.search(text):
        return "kk"
    return None


def written_in(
    as_written: str, forms: dict[str, str], lang: str, *, proper_name: bool = False
) -> str | None:
    """The form of a recorded value for a document in `lang`, or None when there is none.

    `forms` maps a language to the explicit form entered for it ("" when not entered).
    """
    explicit = (forms.get(lang) or "").strip()
    if explicit:
        return explicit
    value = (as_written or "").strip()
    return value if script_suits(value, lang, proper_name=proper_name) else None
