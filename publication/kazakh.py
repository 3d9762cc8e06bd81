"""Kazakh case forms of a proper name, from a rule table. Pure: no ORM, no Django.

Why a rule table and not a library: PyPI has no Kazakh inflector that installs and runs from
the registry alone (checked December 2026). `kazstem` (GPL-3.0, 0.2.1, alpha) generates forms
from apertium-kaz, but needs an HFST/Constraint-Grammar toolchain and compiled resources that
its installer fetches outside PyPI; the `apertium*` packages need the Apertium binaries and
language data. So the residue check generates the forms itself, from the table below.

Kazakh is agglutinative: a case ending is added to the unchanged name (case endings begin with
a consonant, so the k/q/p voicing of possessive forms does not occur). The ending's vowel follows
the last vowel of the name (vowel harmony: back а о ұ ы у я ю ё → back ending; front ә ө ү і е и
э → front ending), its first consonant follows the name's last sound. The table is the one of
standard grammars of Kazakh (e.g. the school grammar "Қазақ тілі", the seven cases: атау,
ілік, барыс, табыс, жатыс, шығыс, көмектес); examples: Ерланның, Мараттың, Айгүлдің,
Қасымовтың; Маратқа, Ерланға; Ерланды, Маратты; Ерланда, Маратта; Ерланнан, Мараттан,
Айгүлден; Ерланмен, Маратпен. Where usage varies (the comitative after м, н, ң: -мен or -бен)
both forms are generated: a residue check must rather find too much than too little.
"""

from __future__ import annotations

BACK_VOWELS = set("аоұыуяюё")
FRONT_VOWELS = set("әөүіеиэ")
VOWELS = BACK_VOWELS | FRONT_VOWELS
NASALS = set("мнң")
SONORANTS_AND_VOICED = set("лрйужз")  # л р й у (and ж з, voiced): д- endings
VOICELESS = set("кқпстфхцчшщбвгд")  # voiceless, and б в г д, which are devoiced at the end

# case → (after a vowel, after м н ң, after л р й у ж з, after a voiceless consonant);
# each a pair (back, front); a tuple of several endings where usage varies.
CASE_ENDINGS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "genitive": ((("ның", "нің"),), (("ның", "нің"),), (("дың", "дің"),), (("тың", "тің"),)),
    "dative": ((("ға", "ге"),), (("ға", "ге"),), (("ға", "ге"),), (("қа", "ке"),)),
    "accusative": ((("ны", "ні"),), (("ды", "ді"),), (("ды", "ді"),), (("ты", "ті"),)),
    "locative": ((("да", "де"),), (("да", "де"),), (("да", "де"),), (("та", "те"),)),
    "ablative": ((("дан", "ден"),), (("нан", "нен"),), (("дан", "ден"),), (("тан", "тен"),)),
    "instrumental": (
        (("мен", "мен"),),
        (("мен", "мен"), ("бен", "бен")),
        (("мен", "мен"), ("бен", "бен")),
        (("пен", "пен"),),
    ),
}


def _is_front(word: str) -> bool:
    for letter in reversed(word):
        if letter in FRONT_VOWELS:
            return True
        if letter in BACK_VOWELS:
            return False
    return False


def _sound_class(word: str) -> int:
    last = word[-1]
    if last in VOWELS:
        return 0
    if last in NASALS:
        return 1
    if last in SONORANTS_AND_VOICED:
        return 2
    if last in "ьъ" and len(word) > 1:  # Russian soft sign: judge by the letter before it
        return _sound_class(word[:-1])
    return 3


def case_forms(name: str) -> set[str]:
    """The Kazakh case forms of one Cyrillic name word, lower case ("Ерлан" → "ерланның", …).

    A word without Cyrillic letters has no Kazakh forms here (its transliteration is matched by
    the residue check's skeletons instead).
    """
    word = name.strip().lower()
    if len(word) < 2 or not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return set()
    front = _is_front(word)
    forms = {word}
    for endings in CASE_ENDINGS.values():
        for back_ending, front_ending in endings[_sound_class(word)]:
            forms.add(word + (front_ending if front else back_ending))
    return forms
