"""Reference data in the reader's language on the pages that print it as a whole object: a
branch, its city, a Covenant article's title, a State party (issue 17); English marked "[en]"
where the translation is missing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from casework import services
from casework.models import CovenantArticle
from communications.models import StateParty

from .ui_fixtures import login


@pytest.fixture
def named(org, case):
    org.almaty.name_ru, org.almaty.name_kk = "Алматинский головной офис", "Алматы бас кеңсесі"
    org.almaty.city_ru, org.almaty.city_kk = "Алматы (город)", "Алматы (қала)"
    org.almaty.save()
    article = CovenantArticle.objects.get(number=21)
    services.violation_add(case=case, by=org.lawyer, article=article)
    return article


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_case_list_and_its_branch_filter_speak_the_readers_language(client, org, named, lang):
    login(client, org.lawyer)
    client.cookies["django_language"] = lang
    body = client.get(reverse("cases:list")).content.decode()
    assert org.almaty.localized_name(lang).text in body  # the branch filter
    assert org.almaty.localized_city(lang).text in body  # the list's branch column
    assert "Almaty head office" not in body


def test_the_violations_tab_gives_the_articles_title_in_russian(client, org, case, named):
    login(client, org.lawyer)
    client.cookies["django_language"] = "ru"
    url = reverse("cases:violations", kwargs={"reference": case.reference})
    body = client.get(url).content.decode()
    assert named.localized_title("ru").text in body
    assert named.title not in body


def test_a_missing_translation_shows_the_english_name_marked(org, named):
    org.almaty.name_kk = ""
    with translation.override("kk"):
        assert str(org.almaty) == "Almaty head office [en]"
    with translation.override("en"):
        assert str(org.almaty) == "Almaty head office"


def test_a_state_party_is_named_in_the_readers_language(db):
    state = StateParty.objects.get(code="KZ")
    with translation.override("ru"):
        assert str(state) == f"{state.localized_name('ru').text} (KZ)"
        assert "Kazakhstan" not in str(state)
