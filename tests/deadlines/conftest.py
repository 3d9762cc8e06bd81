"""Deadline fixtures: tasks run immediately, e-mail goes to the locmem outbox."""

from __future__ import annotations

import pytest

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMEDY_BASE_URL = "https://remedy.example"
