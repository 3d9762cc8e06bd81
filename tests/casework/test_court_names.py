"""A court's name is shown in the reader's language where it is recorded (ru/kk/en), as
written otherwise, and a Kazakh form reaches the public route (issue 17: courts and bodies)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import translation

from casework import services
from casework.models import Proceeding

from .ui_fixtures import login

AS_WRITTEN = "Специализированный межрайонный административный суд г. Алматы"
KAZAKH = "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты"
ENGLISH = "Specialised Interdistrict Administrative Court of Almaty"


def _proceeding(case, by, **names) -> Proceeding:
    return services.proceeding_record(
        case=case,
        by=by,
        level="first_instance",
        procedure_type="administrative",
        body=AS_WRITTEN,
        filed_on=dt.date(2026, 2, 2),
        **names,
    )


def test_the_name_in_the_readers_language_or_as_written(org, case):
    proceeding = _proceeding(case, org.lawyer, body_kk=KAZAKH, body_en=ENGLISH)
    for lang, shown in (("kk", KAZAKH), ("en", ENGLISH), ("ru", AS_WRITTEN)):
        with translation.override(lang):
            assert proceeding.body_shown == shown
    assert proceeding.body_in("kk") == KAZAKH
    untranslated = _proceeding(case, org.lawyer)
    with translation.override("kk"):
        assert untranslated.body_shown == AS_WRITTEN


def test_the_proceedings_tab_shows_the_kazakh_name_to_a_kazakh_reader(client, org, case):
    _proceeding(case, org.lawyer, body_kk=KAZAKH)
    login(client, org.lawyer)
    client.cookies["django_language"] = "kk"
    url = reverse("cases:proceedings", kwargs={"reference": case.reference})
    body = client.get(url).content.decode()
    assert KAZAKH in body
    client.cookies["django_language"] = "ru"
    assert AS_WRITTEN in client.get(url).content.decode()


def test_the_case_page_form_takes_the_kazakh_name(client, org, case):
    login(client, org.lawyer)
    page = client.get(reverse("cases:proceeding_add", kwargs={"reference": case.reference}))
    assert 'name="body_kk"' in page.content.decode()
