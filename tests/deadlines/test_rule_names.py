"""Deadline rules carry their names in English, Russian and Kazakh (reference data per language)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from casework.names import LANGUAGES
from deadlines import services
from deadlines.models import DeadlineRule

KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def test_every_shipped_rule_is_named_in_russian_and_kazakh(db):
    rules = list(DeadlineRule.objects.all())
    assert len(rules) >= 19
    for rule in rules:
        assert rule.name_ru and rule.name_kk, rule.code
        assert rule.name_ru != rule.name and rule.name_kk != rule.name_ru, rule.code
    # Kazakh names are Kazakh, not Russian with another label.
    assert sum(bool(KAZAKH_ONLY & set(r.name_kk)) for r in rules) >= len(rules) - 2


def test_a_rules_name_follows_the_language_and_falls_back_to_english_marked(db):
    rule = DeadlineRule.objects.get(code="kz-civil-appeal")
    for lang in LANGUAGES:
        assert (
            rule.localized_name(lang).text
            == {
                "en": rule.name,
                "ru": rule.name_ru,
                "kk": rule.name_kk,
            }[lang]
        )
    rule.name_kk = ""
    assert rule.localized_name("kk").fallback
    assert rule.localized_name("kk").text == rule.name


def test_deadline_lists_show_the_rule_in_the_readers_language(client, org, case):
    rule = DeadlineRule.objects.filter(date_set_per_case=True).order_by("code").first()
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="", due_date=dt.date.today(), rule=rule
    )
    with translation.override("ru"):
        assert deadline.kind_label == rule.name_ru
    client.force_login(org.lawyer)
    for lang, name in (("ru", rule.name_ru), ("kk", rule.name_kk), ("en", rule.name)):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        page = client.get(reverse("cases:deadlines", args=[case.reference])).content.decode()
        assert escape(name) in page, lang
