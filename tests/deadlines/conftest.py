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


@pytest.fixture(autouse=True)
def no_failed_tasks():
    """A task that raised must fail the test, not vanish into a FAILED task result."""
    from django_tasks.signals import task_finished

    failed = []

    def collect(sender, task_result, **kwargs):
        if task_result.status == "FAILED":
            failed.append(task_result)

    task_finished.connect(collect, dispatch_uid="deadlines-test-failed-tasks")
    yield
    task_finished.disconnect(dispatch_uid="deadlines-test-failed-tasks")
    assert not failed, [error.traceback for result in failed for error in result.errors]
