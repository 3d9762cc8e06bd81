"""Emergency contacts: a directory per office and one for the organisation, cards, reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from notifications.models import Kind
from notifications.models import Notification as Notice
from security import cards, contacts
from security.models import ContactCategory, EmergencyContact


def _contact(by, branch, **fields):
    fields.setdefault("category", ContactCategory.LAWYER_ON_CALL)
    fields.setdefault("name", "Demo: duty lawyer")
    fields.setdefault("phones", "+7 700 000 00 00")
    return contacts.contact_create(by=by, branch=branch, **fields)


# --- who sees and edits what ------------------------------------------------------------------


def test_staff_see_their_office_and_the_organisation_but_not_another_office(client, org):
    almaty = _contact(org.administrator, org.almaty, name="Demo: Almaty duty lawyer")
    _contact(org.administrator, org.uralsk, name="Demo: Uralsk duty lawyer")
    _contact(org.administrator, None, name="Demo: OHCHR desk")
    client.force_login(org.lawyer)
    assert client.get(reverse("security:contacts_office", args=[org.almaty.pk])).status_code == 200
    assert client.get(reverse("security:contacts_office", args=[org.uralsk.pk])).status_code == 404
    assert (
        "Demo: OHCHR desk" in client.get(reverse("security:contacts_organisation")).content.decode()
    )
    index = client.get(reverse("security:contacts")).content.decode()
    assert org.almaty.name in index and org.uralsk.name not in index
    assert almaty.name not in index  # the index counts, it does not list


def test_a_branch_head_edits_their_own_office_only(org):
    _contact(org.branch_head, org.almaty)
    with pytest.raises(PermissionDenied):
        _contact(org.branch_head, org.uralsk)
    with pytest.raises(PermissionDenied):
        _contact(org.branch_head, None)  # the organisation's directory: administrators


def test_lawyers_cannot_edit_a_directory(client, org):
    contact = _contact(org.administrator, org.almaty)
    client.force_login(org.lawyer)
    assert client.get(reverse("security:contact_edit", args=[contact.pk])).status_code == 404
    response = client.post(reverse("security:contact_checked", args=[contact.pk]))
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.last_checked_on is None


def test_adding_a_contact_through_the_page_records_who_and_why(client, org):
    client.force_login(org.branch_head)
    response = client.post(
        reverse("security:contact_add_office", args=[org.almaty.pk]),
        {
            "category": ContactCategory.STATE_BODY,
            "name": "Demo: ombudsman's duty officer",
            "organisation": "Demo ombudsman office",
            "phones": "+7 700 000 00 01, +7 700 000 00 02",
            "languages": "ru, kk",
            "reason": "New duty officer",
        },
    )
    assert response.status_code == 302
    contact = EmergencyContact.objects.get()
    assert contact.branch == org.almaty
    assert contact.phone_list == ["+7 700 000 00 01", "+7 700 000 00 02"]
    row = contact.history.get()
    assert row.history_user == org.branch_head
    assert row.history_change_reason == "New duty officer"


def test_a_contact_needs_a_phone_or_an_e_mail_and_the_form_says_so(client, org):
    client.force_login(org.administrator)
    response = client.post(
        reverse("security:contact_add_organisation"),
        {"category": ContactCategory.EMBASSY, "name": "Demo: consular duty line"},
    )
    assert response.status_code == 200
    assert "phone number or an e-mail" in response.content.decode()
    assert not EmergencyContact.objects.exists()


def test_hostile_input_in_the_contact_form_is_a_clear_error(client, org):
    client.force_login(org.administrator)
    response = client.post(
        reverse("security:contact_add_organisation"),
        {
            "category": "nonsense",
            "name": "x\x00y" * 100,
            "phones": "1",
            "last_checked_on": "3000-01-01",
        },
    )
    assert response.status_code == 200
    assert not EmergencyContact.objects.exists()


def test_removing_a_contact_keeps_it_in_the_directory_history(client, org):
    contact = _contact(org.administrator, org.almaty)
    client.force_login(org.administrator)
    response = client.post(
        reverse("security:contact_delete", args=[contact.pk]), {"reason": "Retired"}
    )
    assert response.status_code == 302
    assert not EmergencyContact.objects.exists()
    history = client.get(reverse("security:contacts_office_history", args=[org.almaty.pk]))
    body = history.content.decode()
    assert "Demo: duty lawyer" in body and "Retired" in body


def test_marking_a_contact_checked_dates_it_today(client, org):
    contact = _contact(org.administrator, org.almaty, last_checked_on=dt.date(2025, 1, 1))
    client.force_login(org.branch_head)
    client.post(reverse("security:contact_checked", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.last_checked_on == dt.date.today()


def test_directory_page_queries_do_not_grow_with_contacts(
    client, org, django_assert_max_num_queries
):
    for i in range(3):
        _contact(org.administrator, org.almaty, name=f"Demo: lawyer {i}")
    client.force_login(org.lawyer)
    url = reverse("security:contacts_office", args=[org.almaty.pk])
    with django_assert_max_num_queries(14):
        client.get(url)
    for i in range(30):
        _contact(
            org.administrator, org.almaty, name=f"Demo: more {i}", category=ContactCategory.EMBASSY
        )
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


# --- six months ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [
        (None, dt.date(2026, 1, 1), True),
        (dt.date(2026, 1, 31), dt.date(2026, 7, 30), False),
        (dt.date(2026, 1, 31), dt.date(2026, 7, 31), True),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 27), False),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 28), True),  # no 31 February: end of month
    ],
)
def test_a_contact_needs_checking_six_months_after_its_last_check(last, today, due):
    assert contacts.needs_check(last, today) is due


def test_reminders_go_to_the_editors_of_the_directory_once_per_fortnight(org):
    _contact(org.administrator, org.almaty, last_checked_on=dt.date(2025, 1, 10))
    _contact(org.administrator, org.almaty, name="Demo: fresh", last_checked_on=dt.date(2026, 5, 1))
    result = contacts.send_check_reminders(today=dt.date(2026, 6, 1))
    assert (result.directories, result.contacts) == (1, 1)
    recipients = set(Notice.objects.values_list("recipient__username", flat=True))
    assert recipients == {org.administrator.username, org.branch_head.username}
    assert contacts.send_check_reminders(today=dt.date(2026, 6, 2)).notices == 0
    assert contacts.send_check_reminders(today=dt.date(2026, 6, 15)).notices == 2


def test_the_reminder_shows_up_where_editors_look(client, org):
    _contact(org.administrator, org.almaty)
    call_command("remind_emergency_contacts", "--today", "2026-06-01", stdout=io.StringIO())
    client.force_login(org.branch_head)
    centre = client.get(reverse("notifications:centre")).content.decode()
    assert "Emergency contacts to check" in centre
    assert "1 emergency contact of Almaty" in centre
    notice = Notice.objects.get(recipient=org.branch_head)
    assert notice.kind == Kind.CONTACTS_TO_CHECK and notice.email_status == "not_wanted"
    assert notice.url == reverse("security:contacts_office", args=[org.almaty.pk])
    # A reminder, not an alarm: in the bell, not in the banner on every page.
    assert 'id="notices"' not in client.get(reverse("cases:list")).content.decode()
    page = client.get(reverse("security:contacts_office", args=[org.almaty.pk])).content.decode()
    assert "never checked" in page


def test_the_reminder_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError):
        call_command("remind_emergency_contacts", "--today", "yesterday")


# --- the printable card -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_card_is_one_page_in_each_language_with_the_current_contacts(client, org, language):
    _contact(org.administrator, org.almaty, name="Demo: Ақмарал Дежурная")
    _contact(
        org.administrator,
        None,
        name="Demo: OHCHR desk",
        category=ContactCategory.INTERNATIONAL_PARTNER,
    )
    client.force_login(org.lawyer)
    response = client.get(
        reverse("security:contacts_card", args=[org.almaty.pk]) + f"?lang={language}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"].split(", ")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Ақмарал" in text and "OHCHR desk" in text and "+7 700 000 00 00" in text


def test_the_card_reflects_an_edit_at_once(org):
    contact = _contact(org.administrator, org.almaty, name="Demo: before")
    contacts.contact_update(contact=contact, by=org.administrator, name="Demo: after")
    text = (
        PdfReader(io.BytesIO(cards.office_card_pdf(org.almaty, language="en")))
        .pages[0]
        .extract_text()
    )
    assert "Demo: after" in text and "Demo: before" not in text


def test_a_crowded_directory_still_prints_on_one_page_and_says_what_is_missing(org):
    for i in range(140):
        _contact(
            org.administrator,
            org.almaty,
            name=f"Demo: contact number {i}",
            organisation="Demo organisation with a rather long name",
            role="Duty officer",
            phones="+7 700 000 00 00, +7 700 000 00 01",
            email=f"demo{i}@example.org",
        )
    body = cards.office_card_pdf(org.almaty, language="en")
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) == 1
    assert "did not fit" in reader.pages[0].extract_text()


def test_the_card_of_another_office_is_404(client, org):
    client.force_login(org.other_lawyer)
    assert client.get(reverse("security:contacts_card", args=[org.almaty.pk])).status_code == 404


def test_a_future_check_date_is_refused(org):
    with pytest.raises(ValidationError):
        _contact(org.administrator, org.almaty, last_checked_on=dt.date(2999, 1, 1))


def test_the_card_names_the_office_in_its_language_and_heads_its_columns(org):
    org.almaty.name_ru = "Головной офис в Алматы"
    org.almaty.name_kk = "Алматыдағы бас кеңсе"
    org.almaty.save()
    _contact(org.administrator, org.almaty, name="Demo: Ақмарал Дежурная")
    pages = {
        lang: PdfReader(io.BytesIO(cards.office_card_pdf(org.almaty, language=lang)))
        .pages[0]
        .extract_text()
        for lang in ("ru", "kk", "en")
    }
    assert "Головной офис в Алматы" in pages["ru"]
    assert "Алматыдағы бас кеңсе" in pages["kk"]
    assert "Almaty head office" in pages["en"]
    assert "Almaty head office" not in pages["ru"]
    assert "Languages" in pages["en"]
    assert "Phones, e-mail" in pages["en"]
