"""A request Django refuses before any view (a form over the body limit) gets a page that says
what happened and that nothing was saved, not a bare "Bad Request (400)"."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from casework.models import Case


def test_a_form_over_the_body_limit_is_refused_with_a_clear_page(client, org, case, settings):
    client.force_login(org.lawyer)
    # A megabyte of Cyrillic, URL-encoded by the browser, is six megabytes on the wire.
    body = urlencode({"title": "x", "summary": "я" * (1024 * 1024), "reason": ""})
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post(
        reverse("cases:edit", kwargs={"reference": case.reference}),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "nothing was saved" in text
    assert "A text field takes at most 50000 characters" in text
    assert Case.objects.get(pk=case.pk).summary == case.summary


def test_the_page_speaks_the_users_language(client, org, case):
    client.force_login(org.lawyer)
    client.cookies["django_language"] = "ru"
    body = urlencode({"summary": "я" * (1024 * 1024)})
    response = client.post(
        reverse("cases:edit", kwargs={"reference": case.reference}),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert 'lang="ru"' in response.content.decode()
