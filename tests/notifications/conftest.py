"""Notification tests: tasks run immediately, e-mail goes to the locmem outbox."""

from __future__ import annotations

import pytest

from tests.deadlines.conftest import IMMEDIATE


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMEDY_BASE_URL = "https://remedy.example"
