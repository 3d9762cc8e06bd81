"""Names in another script than the page carry their own `lang` (WCAG 2.1 SC 3.1.2)."""

from __future__ import annotations

import pytest
from django.utils import translation

from casework.identity import IdentityMask
from casework.models import Person
from casework.names import language_of_fragment
from casework.templatetags.casework_tags import person_name


@pytest.mark.parametrize(
    ("text", "page", "expected"),
    [
        ("Иван Петров", "en", "ru"),
        ("Әсел Нұрланқызы", "en", "kk"),
        ("Ivan Petrov", "en", None),
        ("Ivan Petrov", "ru", "en"),
        ("Ivan Petrov", "kk", "en"),
        ("Иван Петров", "ru", None),
        ("Әсел Нұрланқызы", "kk", None),
        ("", "en", None),
    ],
)
def test_a_fragment_needs_a_lang_only_when_its_script_differs_from_the_page(text, page, expected):
    assert language_of_fragment(text, page) == expected


def test_a_russian_name_on_an_english_page_is_marked_russian():
    person = Person(pk=1, full_name="Гульнара Иванова")
    mask = IdentityMask(reveal=True)
    with translation.override("en"):
        assert str(person_name(mask, person)) == '<span lang="ru">Гульнара Иванова</span>'
    with translation.override("ru"):
        assert str(person_name(mask, person)) == "Гульнара Иванова"
