"""The residue check finds every form of every name, and IINs, phones, e-mails and addresses."""

from __future__ import annotations

import pytest

from publication.kazakh import case_forms
from publication.residue import ResidueCheck, Text, iin_is_valid

NAMES = ["Павел Сергеевич Жумабеков", "Pavel Zhumabekov", "Ерлан Маратович Қасымов", "Лев Ким"]


def kinds(text: str, **extra) -> list[tuple[str, str]]:
    check = ResidueCheck(names=extra.pop("names", NAMES), **extra)
    return [(hit.kind, hit.found) for hit in check.scan(Text("summary", text))]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Жалобу Павла отклонили", "Павла"),  # stem change: Павел → Павла
        ("встреча со Львом", "Львом"),  # Лев → Львом
        ("дочь Жумабековой", "Жумабековой"),  # feminine surname, genitive
        ("по ходатайству Сергеевича", "Сергеевича"),  # patronymic
        ("с Ерланом", "Ерланом"),
    ],
)
def test_russian_inflected_forms_are_found(text, found):
    assert ("name", found) in kinds(text)


@pytest.mark.parametrize("text, found", [
    ("Ерланның ісі", "Ерланның"),
    ("Қасымовтың шағымы", "Қасымовтың"),
    ("Маратовичке", "Маратовичке"),
])  # fmt: skip
def test_kazakh_inflected_forms_are_found(text, found):
    assert ("name", found) in kinds(text)


@pytest.mark.parametrize("text", ["Zhumabekova appealed", "JUMABEKOV", "Kasymov's lawyer"])
def test_transliterations_are_found(text):
    assert [kind for kind, _ in kinds(text)] == ["name"]


def test_a_short_name_only_matches_exactly():
    # "Ким" (three letters) must not match "Кимран" or "киметь"; it matches itself.
    assert kinds("Кимран") == []
    assert kinds("адвокат Ким") == [("name", "Ким")]


def test_ordinary_words_are_not_names():
    assert kinds("Police dispersed a peaceful assembly; the courts fined its organiser.") == []


def _valid_iin(first11: str) -> str:
    digits = [int(d) for d in first11]
    check = sum(w * d for w, d in zip(range(1, 12), digits, strict=True)) % 11
    if check == 10:
        weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
        check = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
    assert check != 10
    return first11 + str(check)


def test_an_iin_with_a_valid_check_digit_is_found():
    iin = _valid_iin("79051430012")
    assert iin_is_valid(iin)
    assert kinds(f"ИИН {iin}") == [("iin", iin)]
    assert kinds(f"IIN {iin[:6]} {iin[6:]}") == [("iin", f"{iin[:6]} {iin[6:]}")]


def test_twelve_digits_with_a_wrong_check_digit_are_not_an_iin():
    iin = _valid_iin("79051430012")
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    assert not iin_is_valid(wrong)
    assert kinds(f"номер {wrong}") == []


def test_an_iin_needs_a_date_of_birth():
    assert not iin_is_valid("791314300120")  # month 13


@pytest.mark.parametrize(
    "phone",
    ["+7 701 123 45 67", "8 (727) 250-11-22", "+77011234567", "87011234567", "+996 555 123 456"],
)
def test_phone_numbers_are_found(phone):
    assert kinds(f"звоните {phone} вечером") == [("phone", phone)]


def test_a_recorded_phone_number_is_found_in_any_grouping():
    found = kinds("tel. 701-555-1234", phones=["+7 701 555 12 34"])
    assert found and found[0][0] == "phone"


def test_e_mail_addresses_are_found():
    assert kinds("write to a.b@mail.kz") == [("email", "a.b@mail.kz")]


@pytest.mark.parametrize(
    "text",
    [
        "ул. Толе би, д. 15",
        "проживает на улице Жибек жолы 50",
        "мкр. Самал-2, д. 5",
        "Абай даңғылы, 52",
        "Төле би көшесі 15",
        "52 Abay Avenue",
        "Abay Avenue, 52",
        "кв. 12",
    ],
)
def test_street_addresses_are_found(text):
    assert [kind for kind, _ in kinds(text)] == ["address"]


@pytest.mark.parametrize(
    "text", ["на проспекте Абая в 2022 году", "a street protest in 2021", "article 19 and 21"]
)
def test_a_year_or_a_street_without_a_number_is_not_an_address(text):
    assert kinds(text) == []


def test_a_hit_says_where_it_is():
    check = ResidueCheck(names=NAMES)
    [hit] = check.scan(Text("Document 1: text", "First line.\nThe court heard Pavel."))
    assert (hit.where, hit.line, hit.column, hit.found) == ("Document 1: text", 2, 17, "Pavel")
    assert "[Pavel]" in hit.context


@pytest.mark.parametrize(
    "name, form",
    [
        ("Ерлан", "ерланның"),
        ("Марат", "мараттың"),
        ("Марат", "маратқа"),
        ("Айгүл", "айгүлдің"),  # front vowel: front ending
        ("Әсем", "әсемнің"),
        ("Асқар", "асқарға"),
        ("Қасымов", "қасымовтың"),
        ("Ерлан", "ерланнан"),
        ("Айгүл", "айгүлмен"),
        ("Марат", "маратпен"),
    ],
)
def test_kazakh_case_endings_follow_vowel_harmony_and_the_last_sound(name, form):
    assert form in case_forms(name)
