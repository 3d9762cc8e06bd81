"""casework.name_finder: a name found in free text across scripts, spellings and endings."""

from __future__ import annotations

import pytest

from casework.name_finder import NameFinder, skeleton

VICTIM = "Айгерим Жумабекова"
VICTIM_LATIN = "Aigerim Zhumabekova"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Жумабекова", "Zhumabekova"),
        ("Жумабекова", "Jumabekova"),
        ("Жұмабекова", "ZHUMABEKOVA"),
        ("Хасанов", "Khasanov"),
        ("Хасанов", "Hasanov"),
        ("Дмитрий", "Dmitriy"),
        ("Дмитрий", "Dmitrii"),
        ("Дмитрий", "Dmitry"),
        ("Юлия", "Yulia"),
        ("Юлия", "Iuliia"),
        ("Нурлан", "Nourlan"),
        ("Жанна", "Zhana"),
        ("Қасымов", "Qasymov"),
        ("Шәріпова", "Şäripova"),
        ("Алексей", "Aleksei"),
        ("Alexey", "Алексей"),
        ("Евгений", "Yevgeniy"),
        ("Джамбул", "Jambul"),
    ],
)
def test_spellings_of_one_name_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_different_names_keep_different_skeletons():
    assert skeleton("Марат") != skeleton("Мурат")
    assert skeleton("Petrenko") != skeleton("Petrov")


@pytest.mark.parametrize(
    "text",
    [
        "Свидетель видел Жумабекову у входа",  # accusative
        "показания Жумабековой",  # genitive
        "Zhumabekova was beaten",
        "ZHUMABEKOVA",
        "met jumabekova's lawyer",
        "Айгерим позвонила",
        "Aigerim called",
        "Жұмабековаға хат жіберілді",  # Kazakh dative
        "Айгеримнің арызы",  # Kazakh genitive
    ],
)
def test_finds_the_name_in_any_script_spelling_and_case_ending(text):
    assert NameFinder([VICTIM, VICTIM_LATIN]).find(text)


@pytest.mark.parametrize(
    "text",
    [
        "The court dismissed the appeal",
        "Жума — пятница по-казахски",  # a short part of the name is not the name
        "Бекова",  # a part inside the word is not a match (word boundaries)
        "",
    ],
)
def test_does_not_find_what_is_not_the_name(text):
    assert not NameFinder([VICTIM]).find(text)


def test_word_boundaries_not_substrings():
    finder = NameFinder(["Марат Оспанов"])
    assert not finder.find("Maratkhonov")  # longer than any case ending: another name
    assert finder.find("Marat")


def test_match_reports_position_and_the_name():
    finder = NameFinder([VICTIM, "Oleg Petrenko"])
    (match,) = finder.find("Reason: typo in Petrenko's address")
    assert match.text == "Petrenko"
    assert match.name == "Oleg Petrenko"
    assert "Reason: typo in Petrenko's address"[match.start : match.end] == "Petrenko"


def test_mask_replaces_each_name_once_with_its_label():
    finder = NameFinder([VICTIM, VICTIM_LATIN])
    masked = finder.mask("Aigerim Zhumabekova met Жумабековой", label_of=lambda name: "Victim A")
    assert masked == "Victim A met Victim A"


def test_no_names_no_matches():
    finder = NameFinder([])
    assert not finder
    assert finder.find("Aigerim") == []
    assert finder.mask("Aigerim") == "Aigerim"


def test_initials_and_numbers_are_not_names():
    finder = NameFinder(["A. B. Zhumabekova 1990"])
    assert not finder.find("A B 1990")
    assert finder.find("Zhumabekova")
