"""Names per language (casework.names): the form in a language, or a fallback that says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from casework import services
from casework.forms import ProceedingForm
from casework.identity import HIDDEN, IDENTIFYING_PERSON_FIELDS, IdentityMask
from casework.models import Branch, CaseParty, Instance, PartyRole, Person, Proceeding
from casework.names import localized, script_suits, written_in


def test_reference_data_falls_back_to_english_marked_as_such():
    branch = Branch(name="Astana branch", name_ru="Филиал в Астане", city="Astana")
    assert localized(branch, "name", "ru").text == "Филиал в Астане"
    assert not localized(branch, "name", "ru").fallback
    city = localized(branch, "city", "kk")
    assert (city.text, city.lang, city.fallback) == ("Astana", "en", True)
    assert city.marked == "Astana [en]"
    assert localized(branch, "name", "en").marked == "Astana branch"


def test_the_active_language_is_the_default(settings):
    from django.utils import translation

    branch = Branch(name="Astana branch", name_kk="Астана филиалы")
    with translation.override("kk"):
        assert localized(branch, "name").text == "Астана филиалы"


@pytest.mark.parametrize(
    ("text", "lang", "proper_name", "suits"),
    [
        ("Kazakhstan", "en", False, True),
        ("Казахстан", "en", False, False),
        ("Казахстан", "ru", False, True),
        ("Қазақстан", "ru", False, False),  # Kazakh letters: not Russian
        ("Нұрлан Қасымов", "ru", True, True),  # a name is written as in the passport
        ("Қазақстан", "kk", False, True),
        ("Almaty / Алматы", "ru", False, False),  # mixed scripts: neither
        ("", "en", False, False),
    ],
)
def test_script_decides_whether_a_value_can_stand_as_written(text, lang, proper_name, suits):
    assert script_suits(text, lang, proper_name=proper_name) is suits


def test_an_explicit_form_wins_and_a_missing_one_is_none():
    assert written_in("г. Талдыкорган", {"en": "Taldykorgan"}, "en") == "Taldykorgan"
    assert written_in("г. Талдыкорган", {"en": ""}, "en") is None
    assert written_in("г. Талдыкорган", {}, "ru") == "г. Талдыкорган"


def test_person_forms_per_filing_language():
    person = Person(
        full_name="Ahmad Shah Rahimi",
        nationality="Afghanistan",
        nationality_ru="Афганистан",
        birth_place="Kabul",
    )
    assert person.name_in("en") == "Ahmad Shah Rahimi"
    assert person.name_in("ru") is None  # no Cyrillic form recorded
    person.full_name_cyrillic = "Ахмад Шах Рахими"
    assert person.name_in("ru") == "Ахмад Шах Рахими"
    assert person.nationality_in("ru") == "Афганистан"
    assert person.birth_place_in("ru") is None


def test_new_identifying_fields_are_masked_like_the_name(org, case):
    for name in ("full_name_cyrillic", "nationality_ru", "nationality_en", "birth_place_ru"):
        assert name in IDENTIFYING_PERSON_FIELDS
    person = Person.objects.create(full_name="Ahmad Rahimi", full_name_cyrillic="Ахмад Рахими")
    services.save_audited(CaseParty(case=case, person=person, role=PartyRole.VICTIM), by=org.lawyer)
    mask = IdentityMask.for_case(case, reveal=False)
    assert mask.field(person, "full_name_cyrillic") == HIDDEN
    assert IdentityMask.for_case(case, reveal=True).field(person, "full_name_cyrillic") == (
        "Ахмад Рахими"
    )


def _proceeding(case, **fields):
    return Proceeding(
        case=case,
        level=Instance.FIRST_INSTANCE,
        body="Almaty City Court",
        filed_on=dt.date(2026, 3, 1),
        **fields,
    )


def test_claims_raised_are_covenant_articles_normalised(org, case):
    p = _proceeding(case, claims_raised="19 (2); 21, 21")
    p.full_clean()
    assert p.claims_raised == "19(2), 21"
    assert p.claimed_articles == [19, 21]


@pytest.mark.parametrize("claims", ["30", "art. 19", "0", "19(2"])
def test_a_claim_that_is_not_a_covenant_article_is_refused_with_a_message(org, case, claims):
    with pytest.raises(ValidationError) as exc:
        _proceeding(case, claims_raised=claims).full_clean()
    assert "is not an article of the Covenant" in str(exc.value.message_dict["claims_raised"])


def test_covenant_invoked_needs_the_articles(org, case):
    with pytest.raises(ValidationError) as exc:
        _proceeding(case, covenant_invoked=True).full_clean()
    assert "Say which Covenant articles" in str(exc.value.message_dict["claims_raised"])
    _proceeding(case, covenant_invoked=False).full_clean()  # not relied on: nothing to list


def test_proceeding_form_edits_claims_and_the_court_in_each_language(org, case):
    form = ProceedingForm(
        data={
            "level": Instance.FIRST_INSTANCE,
            "procedure_type": "civil",
            "body": "Алматинский городской суд",
            "body_en": "Almaty City Court",
            "filed_on": "2026-03-01",
            "outcome": "pending",
            "claims_raised": "22(1)",
            "covenant_invoked": "true",
            "reason": "Recorded from the complaint",
        },
        case=case,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["covenant_invoked"] is True
    bad = ProceedingForm(
        data={**form.data, "claims_raised": "45"},
        case=case,
    )
    assert not bad.is_valid()
    assert "claims_raised" in bad.errors


def test_a_change_of_a_new_name_form_is_masked_in_the_case_history(org, case):
    from casework.history import case_timeline

    person = Person.objects.create(full_name="Ahmad Rahimi")
    services.save_audited(CaseParty(case=case, person=person, role=PartyRole.VICTIM), by=org.lawyer)
    person.full_name_cyrillic = "Ахмад Рахими"
    person.nationality_ru = "Афганистан"
    services.save_audited(person, by=org.lawyer, reason="Cyrillic form for the filing")
    masked = case_timeline(case, mask=IdentityMask.for_case(case, reveal=False))
    changes = [c for entry in masked for c in entry.changes]
    assert changes and all(c.old == HIDDEN and c.new == HIDDEN for c in changes)
    shown = case_timeline(case, mask=IdentityMask.for_case(case, reveal=True))
    assert "Ахмад Рахими" in [c.new for entry in shown for c in entry.changes]


def test_a_theme_shows_in_the_readers_language_and_marks_a_missing_one(db):
    from django.utils import translation

    from casework.models import Theme

    theme = Theme.objects.get(code="torture")
    with translation.override("ru"):
        assert str(theme) == "Свобода от пыток"
    with translation.override("kk"):
        assert str(theme) == "Азаптаудан азат болу"
    theme.name_kk = ""
    with translation.override("kk"):
        assert str(theme) == "Freedom from torture [en]"
    with translation.override("en"):
        assert str(theme) == "Freedom from torture"
