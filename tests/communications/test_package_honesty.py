"""The package says only what is true, in the language it is written in (issue 11).

Each statement the Committee relies on (authorisation enclosed, claims raised, no other
procedure) is printed only when the case file records it; each name and text appears in the
package's language, and a missing form is a listed problem on a final package (a note on a draft).
"""

from __future__ import annotations

import datetime as dt

import pytest

from casework.models import Proceeding
from communications import selectors, services
from communications.models import Communication, StateParty
from communications.package import PackageRefused

from .test_package import build, text_of

ON = dt.date(2026, 3, 1)


@pytest.fixture
def approved(monkeypatch):
    monkeypatch.setattr(selectors, "submission_approved", lambda case: True)


def communication_text(result) -> str:
    return text_of(result.files["communication.pdf"])


# --- Section I and the checklist: the signed authorisation -----------------------------------


def test_signed_authorisation_among_the_annexes_is_stated_and_ticked(org, ready_case):
    _, result = build(ready_case, org.lawyer, lang="en")
    text = communication_text(result)
    assert "The victim's signed authorisation of 1 October 2021 is enclosed (annex 4)." in text
    assert "Written authorisation to act (if acting for another person) yes 4" in text


def test_authorisation_whose_signed_document_is_not_annexed_is_not_called_enclosed(
    org, ready_case, approved
):
    ready_case.authorisations.update(document=None)
    _, draft = build(ready_case, org.lawyer, lang="en")
    text = communication_text(draft)
    assert "is enclosed" not in text
    assert "the victim's signed authorisation is not yet among the annexes" in text
    assert "Written authorisation to act (if acting for another person) no not yet signed" in text
    assert any("not among the annexes" in note for note in draft.notes)
    with pytest.raises(PackageRefused, match="signed document is not among the annexes"):
        build(ready_case, org.lawyer, lang="en", final=True)


def test_reason_for_no_authorisation_is_given_in_section_i_and_the_checklist(
    org, ready_case, approved
):
    ready_case.authorisations.all().delete()
    Communication.objects.filter(case=ready_case).update(
        no_authorisation_reason="Жертва содержится без связи с внешним миром.",
        no_authorisation_reason_en="The victim is held incommunicado.",
    )
    _, result = build(ready_case, org.lawyer, lang="en", final=True)
    text = communication_text(result)
    assert "There is no signed authorisation of the victim" in text
    assert "The victim is held incommunicado." in text
    assert "Written authorisation to act (if acting for another person) no none: see section I" in (
        text
    )


def test_a_reason_is_not_asked_for_when_the_signed_authorisation_is_annexed(
    org, ready_case, approved
):
    Communication.objects.filter(case=ready_case).update(
        no_authorisation_reason="Старая причина.", no_authorisation_reason_en=""
    )
    _, result = build(ready_case, org.lawyer, lang="en", final=True)
    assert "Старая причина." not in communication_text(result)
    assert result.notes == []


# --- Section III: claims raised per proceeding --------------------------------------------------


def test_section_iii_shows_the_claims_and_the_covenant_per_proceeding(org, ready_case):
    Proceeding.objects.filter(case=ready_case, level="cassation").update(
        claims_raised="19(2)", covenant_invoked=False
    )
    _, result = build(ready_case, org.lawyer, lang="en")
    text = communication_text(result)
    assert "Claims raised before each domestic instance:" in text
    assert "Almaty City Court 19(2), 21 yes" in text
    assert "Supreme Court of the Republic of Kazakhstan 19(2) no" in text
    _, russian = build(ready_case, org.lawyer, lang="ru")
    assert "Верховный Суд Республики Казахстан 19(2) нет" in communication_text(russian)


def test_unrecorded_claims_are_a_note_on_a_draft_and_a_problem_on_a_final(
    org, ready_case, approved
):
    Proceeding.objects.filter(case=ready_case, level="appeal").update(
        claims_raised="", covenant_invoked=None
    )
    _, draft = build(ready_case, org.lawyer, lang="en")
    assert "Appeal Almaty City Court [not recorded] [not recorded]" in communication_text(draft)
    assert any("which claims were raised" in note for note in draft.notes)
    with pytest.raises(PackageRefused) as exc:
        build(ready_case, org.lawyer, lang="en", final=True)
    assert exc.value.problems == [
        "Exhaustion: record for Court “Almaty City Court” (Appeal) which claims were raised and "
        "whether the Covenant was invoked (section III)."
    ]


def test_an_alleged_violation_never_raised_domestically_is_noted(org, ready_case):
    Proceeding.objects.filter(case=ready_case).update(claims_raised="19(2)")
    _, result = build(ready_case, org.lawyer, lang="en")
    assert any(note.startswith("Article 21 was not raised") for note in result.notes)


# --- Section III: other procedures, only on counsel's word ---------------------------------------


def test_no_other_procedure_is_stated_only_when_counsel_confirmed_it(org, ready_case, approved):
    statement = "has not been submitted for examination under another procedure"
    _, confirmed = build(ready_case, org.lawyer, lang="en")
    assert statement in communication_text(confirmed)

    Communication.objects.filter(case=ready_case).update(no_other_procedure_confirmed=False)
    _, draft = build(ready_case, org.lawyer, lang="en")
    text = communication_text(draft)
    assert statement not in text
    assert "counsel has not yet confirmed" in text
    assert any("only when counsel confirms it" in note for note in draft.notes)
    with pytest.raises(PackageRefused, match="only when counsel confirms it"):
        build(ready_case, org.lawyer, lang="en", final=True)


def test_counsels_confirmation_is_recorded_with_who_and_when(org, ready_case):
    communication = Communication.objects.get(case=ready_case)
    Communication.objects.filter(pk=communication.pk).update(no_other_procedure_confirmed=False)
    communication.refresh_from_db()
    services.communication_save(
        case=ready_case,
        by=org.lawyer,
        communication=communication,
        data={"no_other_procedure_confirmed": True},
    )
    communication.refresh_from_db()
    assert communication.no_other_procedure_confirmed_by == org.lawyer
    assert communication.no_other_procedure_confirmed_on is not None
    services.communication_save(
        case=ready_case,
        by=org.lawyer,
        communication=communication,
        data={"no_other_procedure_confirmed": False},
    )
    communication.refresh_from_db()
    assert communication.no_other_procedure_confirmed_by is None
    assert communication.history.first().no_other_procedure_confirmed is False


# --- Russian: declension and names in Russian ----------------------------------------------------


def test_russian_package_declines_the_state(org, ready_case):
    _, result = build(ready_case, org.lawyer, lang="ru")
    victim = "Нұрлан Әбдіғалиұлы Қасымов"
    assert f"{victim} против Казахстана" in communication_text(result)
    assert f"{victim} против Казахстана" in text_of(result.files["cover_letter.pdf"])
    assert f"{victim} против Казахстана" in text_of(result.files["annex_index.pdf"])
    assert "Государство-участник: Казахстан." in communication_text(result)


def test_russian_package_names_courts_places_counsel_and_organisation_in_russian(org, ready_case):
    _, result = build(ready_case, org.lawyer, lang="ru")
    text = communication_text(result)
    for russian in (
        "Верховный Суд Республики Казахстан",
        "Алматинский городской суд",
        "Место и дата: Алматы",
        "Лоуер Тестер, Казахстанское международное бюро по правам человека",
        "Гражданство Казахстан",
    ):
        assert russian in text, russian
    for english in ("Supreme Court", "Almaty City Court", "Lawyer Tester", "International Bureau"):
        assert english not in text, english


def test_article_titles_are_in_the_package_language_or_left_out(org, ready_case):
    from casework.models import CovenantArticle

    _, russian = build(ready_case, org.lawyer, lang="ru")
    assert "Статья 19(2) — Свобода мнений и их свободного выражения" in communication_text(russian)
    CovenantArticle.objects.filter(number=21).update(title_ru="")
    _, russian = build(ready_case, org.lawyer, lang="ru")
    text = communication_text(russian)
    assert "Статья 21" in text
    assert "Right of peaceful assembly" not in text  # a descriptive title: none, not English


def test_english_package_names_them_in_english(org, ready_case):
    _, result = build(ready_case, org.lawyer, lang="en")
    text = communication_text(result)
    for english in (
        "Nurlan Abdigaliuly Kassymov v. Kazakhstan",
        "Supreme Court of the Republic of Kazakhstan",
        "Nationality Kazakhstan",
        "14 May 1979, Almaty",
        "Place and date: Almaty, 1 March 2026",
        "Lawyer Tester, Kazakhstan International Bureau",
    ):
        assert english in text, english


def test_missing_russian_forms_are_problems_on_a_final_package(org, ready_case, approved):
    StateParty.objects.filter(code="KZ").update(name_genitive_ru="")
    Proceeding.objects.filter(case=ready_case, level="appeal").update(body_ru="")
    org.lawyer.full_name_cyrillic = ""
    org.lawyer.save()
    ready_case.branch.city_ru = ""
    ready_case.branch.save()
    with pytest.raises(PackageRefused) as exc:
        build(ready_case, org.lawyer, lang="ru", final=True)
    assert exc.value.problems == [
        "Court “Almaty City Court” (Appeal): no Russian form is recorded (the draft shows "
        "“Almaty City Court”).",
        "State party “Kazakhstan”, genitive: no Russian form is recorded (the draft shows "
        "“Kazakhstan”).",
        "Branch city “Almaty”: no Russian form is recorded (the draft shows “Almaty”).",
        "Counsel's name: no Russian form is recorded (the draft shows “Lawyer Tester”).",
    ]


def test_missing_russian_forms_are_marked_notes_on_a_draft(org, ready_case):
    StateParty.objects.filter(code="KZ").update(name_genitive_ru="")
    Proceeding.objects.filter(case=ready_case, level="appeal").update(body_ru="")
    _, draft = build(ready_case, org.lawyer, lang="ru")
    text = communication_text(draft)
    assert "против Kazakhstan [en]" in text  # never silently English
    assert "Almaty City Court [как записано]" in text
    assert len(draft.notes) == 2


# --- English: the texts exist per language -------------------------------------------------------


def test_english_package_takes_the_english_texts(org, ready_case):
    _, english = build(ready_case, org.lawyer, lang="en")
    _, russian = build(ready_case, org.lawyer, lang="ru")
    assert "Police detained him within minutes." in communication_text(english)
    assert "All ordinary remedies were exhausted." in communication_text(english)
    assert "Полиция задержала его." not in communication_text(english)
    assert "Полиция задержала его." in communication_text(russian)
    assert "Police detained him" not in communication_text(russian)


def test_missing_english_facts_are_a_problem_on_a_final_package(org, ready_case, approved):
    Communication.objects.filter(case=ready_case).update(facts_en="", exhaustion_notes_en="")
    with pytest.raises(PackageRefused) as exc:
        build(ready_case, org.lawyer, lang="en", final=True)
    assert exc.value.problems == [
        "The statement of facts is not written in English.",
        "The explanation of exhaustion is not written in English.",
    ]


def test_missing_english_facts_are_marked_in_a_draft(org, ready_case):
    Communication.objects.filter(case=ready_case).update(facts_en="")
    _, draft = build(ready_case, org.lawyer, lang="en")
    text = communication_text(draft)
    assert "[DRAFT: this text is not yet written in English; the Russian text follows.]" in text
    assert "Автор провёл одиночный пикет." in text
    assert draft.notes == ["The statement of facts is not written in English."]


# --- Annex stamps in the package's language ------------------------------------------------------


def test_annex_stamps_follow_the_package_language(org, ready_case):
    _, english = build(ready_case, org.lawyer, lang="en")
    _, russian = build(ready_case, org.lawyer, lang="ru")
    assert "Annex 2 — page 1/1" in text_of(english.files["annexes/annex-02.pdf"])
    assert "Приложение 2 — стр. 1/1" in text_of(russian.files["annexes/annex-02.pdf"])
    assert "Annex" not in text_of(russian.files["annexes/annex-02.pdf"])
