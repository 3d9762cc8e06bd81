"""The residue check: does a text meant for the public still identify someone? Pure: no ORM.

A publication is scanned, every text of it (titles, summaries, the route, every document's text,
file names, metadata), for:

- every name of every person of the case — each word of the name as written and of every
  recorded transliteration (`casework.name_finder` skeletons fold the spellings), with its
  Russian inflected forms from the OpenCorpora dictionary (pymorphy3: "Павел" → "Павла",
  "Лев" → "Льва", "Тұрлыбекова" → "Тұрлыбековой"), its Kazakh case forms (`kazakh.case_forms`:
  "Ерлан" → "Ерланның"), and short endings on the stem (`NameFinder`);
- IINs: 12 digits whose check digit is right (the algorithm of the national register, below);
- phone numbers, e-mail addresses, street addresses; and the recorded phone, e-mail and address
  of each person of the case.

Any hit blocks publication; each hit says where it is (which text, line, position). DOMAIN.md,
"Publishing and statistics": names inflect, people have several transliterations, and IINs,
phone numbers and addresses identify as surely as names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from casework.name_finder import MIN_TOKEN, NameFinder, skeleton

from .kazakh import case_forms

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Text:
    """One text of a publication, and where it is, as shown to the preparer."""

    where: str
    text: str


@dataclass(frozen=True)
class Hit:
    where: str
    kind: str  # "name", "iin", "phone", "email", "address"
    found: str  # the characters as they stand in the text
    line: int
    column: int
    context: str  # a few words around it, the hit in the middle

    def as_dict(self) -> dict:
        return asdict(self)


# --- Russian inflection -----------------------------------------------------------------------


@functools.cache
def _morph():
    # Loaded once per process: the dictionary takes ~15 MB and a second to open.
    import pymorphy3  # noqa: PLC0415 — heavy; only the residue check needs it

    return pymorphy3.MorphAnalyzer()


NAME_TAGS = ("Name", "Surn", "Patr")


@functools.lru_cache(maxsize=4096)
def russian_forms(word: str) -> frozenset[str]:
    """Every Russian inflected form of a (Cyrillic) name word, lower case.

    All readings of the word as a first name, surname or patronymic contribute their lexemes
    (masculine and feminine: "Иванова" is read both as the genitive of "Иванов" and as a woman's
    surname); a word the dictionary does not know as a name takes its most probable reading,
    whose paradigm pymorphy3 guesses from the ending.
    """
    word = word.strip().lower()
    if not _CYRILLIC.search(word):
        return frozenset({word})
    parses = _morph().parse(word)
    chosen = [p for p in parses if any(tag in p.tag for tag in NAME_TAGS)] or parses[:1]
    forms = {word}
    for parse in chosen:
        forms.update(form.word for form in parse.lexeme)
    return frozenset(form.replace("ё", "е") for form in forms) | frozenset(forms)


def name_forms(name: str) -> set[str]:
    """Skeletons of every form of every word of `name` (Russian and Kazakh inflection)."""
    skeletons = set()
    for word in _WORD.findall(name or ""):
        if len(word) < MIN_TOKEN or word.isdigit():
            continue
        forms = set(russian_forms(word)) | case_forms(word)
        skeletons.update(skeleton(form) for form in forms)
    return {s for s in skeletons if len(s) >= MIN_TOKEN}


# --- IIN (individual identification number) -------------------------------------------------

_IIN = re.compile(r"(?<!\d)(\d{6})[ \-]?(\d{6})(?!\d)")
_WEIGHTS_1 = range(1, 12)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_is_valid(digits: str) -> bool:
    """Whether 12 digits form an IIN: a date of birth (YYMMDD), a century/sex digit, a check digit.

    Check digit: the sum of the first 11 digits weighted 1…11, modulo 11; if that is 10, weighted
    3…11, 1, 2, modulo 11; if that is 10 again the number is never issued. (Rules of the national
    register of individual identification numbers, as implemented by common validators, e.g. the
    PyPI package kz-iin-validator.)
    """
    if len(digits) != 12 or not digits.isdigit():
        return False
    month, day, century = int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if not (1 <= month <= 12 and 1 <= day <= 31 and century <= 6):
        return False
    numbers = [int(d) for d in digits]
    check = sum(w * n for w, n in zip(_WEIGHTS_1, numbers, strict=False)) % 11
    if check == 10:
        check = sum(w * n for w, n in zip(_WEIGHTS_2, numbers, strict=False)) % 11
        if check == 10:
            return False
    return check == numbers[11]


# --- contacts and addresses -----------------------------------------------------------------

_PHONES = (
    # Kazakhstan and Russia: +7 / 8, a 3-digit code, 7 digits, in any usual grouping.
    re.compile(
        r"(?<![\d+])(?:\+\s?7|8)[\s\-.]*\(?\d{3}\)?[\s\-.]*\d{3}[\s\-.]*\d{2}[\s\-.]*\d{2}(?!\d)"
    ),
    # Any other international number: + and 8 to 14 digits.
    re.compile(r"(?<![\w+])\+\d{1,3}[\s\-.]*\(?\d{1,4}\)?(?:[\s\-.]*\d){6,10}(?!\d)"),
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
_CAPITAL = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_STREET_NAME = rf"[{_CAPITAL}0-9][\w\-.]*(?:\s+[\w\-.]+){{0,2}}"
# A house number has at most three digits (so "… в 2022 году" is a year, not a house).
_NUMBER = r",?\s*(?i:д\.|дом|үй|№|no\.?)?\s*(?<!\w)\d{1,3}(?:/\d{1,3})?(?!\d)(?![.,]\d)[a-zа-я]?\b"
_ADDRESSES = (
    # Russian: "ул. Толе би, д. 15", "пр. Абая 52", "мкр. Самал-2, 5", "переулок Тихий 3"
    re.compile(
        r"(?<!\w)(?i:ул\.|улиц[аеыу]|пр\.|пр-т|просп\.|проспект\w*|пер\.|переул\w*|бульвар\w*|"
        r"б-р|мкр\.?|микрорайон\w*|шоссе)\s*" + _STREET_NAME + _NUMBER
    ),
    # Russian flat and house numbers on their own: "д. 15, кв. 4", "кв. 12"
    re.compile(r"(?<!\w)(?:кв\.|квартира)\s*\d+", re.IGNORECASE),
    # Kazakh: "Абай даңғылы, 52", "Төле би көшесі 15", "Самал шағын ауданы, 5"
    re.compile(
        r"["
        + _CAPITAL
        + r"][\w\-]*(?:\s+[\w\-]+){0,2}\s+(?:көшесі|даңғылы|шағын\s+ауданы)"
        + _NUMBER
    ),
    re.compile(r"(?<!\w)пәтер\s*\d+", re.IGNORECASE),
    # English: "52 Abay Avenue", "Abay Avenue, 52", "apt. 4"
    re.compile(
        r"\b\d+\s+(?:[A-Z][\w\-]*\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Lane|Boulevard)"
    ),
    re.compile(
        r"\b(?:[A-Z][\w\-]*\s+){1,3}(?:Street|Str\.|St\.|Avenue|Ave\.|Road|Lane|Boulevard|"
        r"Microdistrict)\s*,?\s*\d+"
    ),
    re.compile(r"\b(?:apt\.|apartment|flat)\s*\d+", re.IGNORECASE),
)


def _position(text: str, start: int) -> tuple[int, int]:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[end : end + width].split("\n")[0]
    return f"{'…' if start > width else ''}{before}[{text[start:end]}]{after}…".strip()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class ResidueCheck:
    """What to look for in the texts of one case's publication. Build once, scan many texts."""

    names: Iterable[str]
    phones: Iterable[str] = ()
    emails: Iterable[str] = ()
    addresses: Iterable[str] = ()

    def __post_init__(self) -> None:
        self.names = [n for n in self.names if n and n.strip()]
        self._finder = NameFinder(self.names)
        self._forms: set[str] = set()
        for name in self.names:
            self._forms |= name_forms(name)
        self._phone_digits = {re.sub(r"\D", "", p)[-7:] for p in self.phones if p}
        self._phone_digits.discard("")
        self._emails = {e.strip().lower() for e in self.emails if e and e.strip()}
        self._addresses = {_normalise(a) for a in self.addresses if a and len(a.strip()) >= 6}

    def _hit(self, item: Text, kind: str, start: int, end: int) -> Hit:
        line, column = _position(item.text, start)
        context = _context(item.text, start, end)
        return Hit(item.where, kind, item.text[start:end], line, column, context)

    def scan(self, item: Text) -> list[Hit]:
        text = item.text or ""
        spans: dict[tuple[int, int], str] = {}
        whole: list[str] = []  # kinds found only in the text as a whole (no single position)
        for match in self._finder.find(text):
            spans[(match.start, match.end)] = "name"
        for word in _WORD.finditer(text):
            if skeleton(word.group()) in self._forms:
                spans.setdefault((word.start(), word.end()), "name")
        for match in _IIN.finditer(text):
            if iin_is_valid(match.group(1) + match.group(2)):
                spans[(match.start(), match.end())] = "iin"
        for pattern in _PHONES:
            for match in pattern.finditer(text):
                if not any(s <= match.start() < e for (s, e) in spans):
                    spans[(match.start(), match.end())] = "phone"
        digits_only = re.sub(r"\D", "", text)
        for digits in self._phone_digits:
            if len(digits) == 7 and digits in digits_only:
                whole.append("phone")  # a recorded number, in some grouping of its digits
        for match in _EMAIL.finditer(text):
            spans[(match.start(), match.end())] = "email"
        lowered = text.lower()
        for email in self._emails:
            start = lowered.find(email)
            if start >= 0:
                spans[(start, start + len(email))] = "email"
        for pattern in _ADDRESSES:
            for match in pattern.finditer(text):
                spans.setdefault((match.start(), match.end()), "address")
        normalised = _normalise(text)
        for address in self._addresses:
            if address in normalised:
                whole.append("address")  # a recorded address, verbatim
        hits = [self._hit(item, kind, start, end) for (start, end), kind in sorted(spans.items())]
        if whole and not any(hit.kind in whole for hit in hits):
            hits += [Hit(item.where, kind, "", 0, 0, "") for kind in dict.fromkeys(whole)]
        return hits

    def scan_all(self, items: Iterable[Text]) -> list[Hit]:
        return [hit for item in items for hit in self.scan(item)]
