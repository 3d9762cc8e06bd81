"""Names in another script than the page carry their own `lang` (WCAG 2.1 SC 3.1.2)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from casework.identity import IdentityMask
from casework.models import Person
from casework.names import Localized, language_of_fragment
from casework.templatetags.casework_tags import own_lang, person_name
from tests.conftest import make_case


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
        ("Әсел Нұрланқызы", "ru", "kk"),
        ("Иван Петров", "kk", None),
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


def test_own_lang_marks_a_staff_name_or_title_in_another_script_and_escapes_it():
    with translation.override("en"):
        assert own_lang("Дана <Нурланова>") == '<span lang="ru">Дана &lt;Нурланова&gt;</span>'
        assert own_lang("Dana Nurlanova") == "Dana Nurlanova"
        assert own_lang("") == ""
    with translation.override("ru"):
        assert own_lang("Dana Nurlanova") == '<span lang="en">Dana Nurlanova</span>'
        assert own_lang("Дана Нурланова") == "Дана Нурланова"


def test_own_lang_marks_reference_data_shown_in_its_english_fallback():
    with translation.override("ru"):
        fallback = Localized("Astana branch", "en", fallback=True)
        assert own_lang(fallback) == '<span lang="en">Astana branch [en]</span>'
        assert own_lang(Localized("Филиал в Астане", "ru")) == "Филиал в Астане"


def test_staff_names_and_case_titles_carry_their_language_on_the_pages(client, org):
    """The top bar's name and a Cyrillic case title on an English page, as rendered."""
    org.lawyer.first_name, org.lawyer.last_name = "Дана", "Нурланова"
    org.lawyer.save()
    case = make_case(by=org.lawyer, branch=org.almaty, title="Задержание журналиста")
    client.force_login(org.lawyer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(case.get_absolute_url()).content.decode()
    assert '<span lang="ru">Дана Нурланова</span>' in page
    assert '<span lang="ru">Задержание журналиста</span>' in page
    listing = client.get(reverse("cases:list")).content.decode()
    assert '<span lang="ru">Задержание журналиста</span>' in listing
