"""Finding people's names in free text, across scripts and spellings. Pure: no ORM, no Django.

A reason for a change, a note or a summary may name a victim. Remedy warns whoever types one
and masks known names for readers without the identity grant; a publication "residue check"
can reuse the same finder on an anonymised text.

A name and a text are compared as *skeletons*: lower case, Cyrillic (Russian and Kazakh letters)
transliterated to Latin, then the spellings that different transliteration systems give one
sound folded together (ж: zh/j, х: kh/h, й/ы: y/i, я: ya/ia/ja, Kazakh Latin ş/ç/ğ/q, doubled
letters). So "Жумабекова", "Zhumabekova", "Jumabekova" and "ZHUMABEKOVA" are one skeleton.
Matching is by whole words; a word also matches when it is the name with a short case ending
(Russian and Kazakh decline names: "Жумабековой", "Маратқа"), and only for names of at least
four letters, so that short words do not match by accident.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Cyrillic → Latin, one common (passport-like) system; the folding below absorbs the others.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Latin letters of Kazakh (2021) and Turkish-style spellings with their digraph equivalents.
_LATIN = {"ş": "sh", "ç": "ch", "ğ": "g", "ı": "i", "ñ": "n", "ä": "a", "q": "k", "w": "v"}
# Folds applied in order to the transliterated, diacritic-free text.
_FOLDS = (
    ("dzh", "zh"),
    ("dj", "zh"),
    ("j", "zh"),
    ("kh", "h"),
    ("x", "ks"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("yo", "e"),
    ("ye", "e"),
    ("y", "i"),
    ("ou", "u"),
    ("gh", "g"),
)
_REPEATS = re.compile(r"(.)\1+")
_WORD = re.compile(r"\w+", re.UNICODE)
_VOWELS = "aeiou"
# Case endings of Russian and Kazakh names are at most this long ("-ның", "-пен", "-ова-ға").
MAX_ENDING = 4
# Names shorter than this match only exactly; endings are allowed from this length on.
MIN_STEM = 4
MIN_TOKEN = 3


def skeleton(word: str) -> str:
    """The spelling-independent form of `word` (see the module docstring)."""
    text = unicodedata.normalize("NFKC", word).lower()
    text = "".join(_CYRILLIC.get(ch, _LATIN.get(ch, ch)) for ch in text)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    for old, new in _FOLDS:
        text = text.replace(old, new)
    return _REPEATS.sub(r"\1", text)


def _stem(token: str) -> str:
    return token[:-1] if len(token) > MIN_STEM and token[-1] in _VOWELS else token


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str  # the words as written in the text
    name: str  # which known name they match (as given to NameFinder)


class NameFinder:
    """Finds any of `names` in a text. Build once per case, use for many texts."""

    def __init__(self, names: Iterable[str]):
        self.names: dict[str, list[str]] = {}  # name token skeleton → names it belongs to
        for name in names:
            for token in _WORD.findall(name or ""):
                key = skeleton(token)
                if len(key) >= MIN_TOKEN and not key.isdigit():
                    self.names.setdefault(key, [])
                    if name not in self.names[key]:
                        self.names[key].append(name)
        self._stems = {_stem(key): key for key in self.names if len(key) >= MIN_STEM}

    def __bool__(self) -> bool:
        return bool(self.names)

    def _name_of(self, word_skeleton: str) -> str | None:
        if word_skeleton in self.names:
            return self.names[word_skeleton][0]
        if word_skeleton in self._stems:  # "Zhumabekov" for "Zhumabekova"
            return self.names[self._stems[word_skeleton]][0]
        for cut in range(1, MAX_ENDING + 1):
            stem = word_skeleton[:-cut]
            if len(stem) < MIN_STEM - 1:
                break
            key = self._stems.get(stem)
            if key is not None:
                return self.names[key][0]
        return None

    def find(self, text: str) -> list[Match]:
        """Every word of `text` that is (a declined form of) a part of a known name."""
        if not text or not self.names:
            return []
        found = []
        for word in _WORD.finditer(text):
            name = self._name_of(skeleton(word.group()))
            if name is not None:
                found.append(Match(word.start(), word.end(), word.group(), name))
        return found

    def mask(self, text: str, label_of=lambda name: "[…]") -> str:
        """`text` with every found word replaced by `label_of(name)` (adjacent words merged)."""
        matches = self.find(text)
        if not matches:
            return text
        out, position, previous = [], 0, None
        for match in matches:
            gap = text[position : match.start]
            if previous is not None and previous.name == match.name and not gap.strip():
                position = match.end  # "Aigerim Zhumabekova" → one label, not two
                continue
            out.append(gap)
            out.append(label_of(match.name))
            position, previous = match.end, match
        out.append(text[position:])
        return "".join(out)
