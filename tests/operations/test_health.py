"""/health/: database, migrations, worker heartbeat — JSON, no secrets, 503 when unwell."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.utils import timezone

from operations.jobs import WORKER, daily_due, record_heartbeat
from operations.models import Heartbeat


def test_health_is_ok_with_a_recent_heartbeat(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    record_heartbeat.enqueue()
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == body["migrations"] == body["worker"] == "ok"


def test_health_fails_when_the_worker_is_silent(db):
    Heartbeat.objects.create(name=WORKER, beat_at=timezone.now() - dt.timedelta(hours=1))
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"


def test_health_fails_before_the_first_heartbeat(db):
    assert Client().get("/health/").status_code == 503


def test_health_says_nothing_secret(db, settings):
    text = Client().get("/health/").content.decode()
    for secret in [settings.SECRET_KEY, "sqlite", "postgres", str(settings.BASE_DIR)]:
        assert secret not in text
    assert set(Client().get("/health/").json()) == {
        "status",
        "database",
        "migrations",
        "worker",
        "worker_heartbeat_age_seconds",
    }


def test_daily_jobs_run_once_a_day_at_their_time():
    at = dt.time(6, 0)
    day = dt.date(2026, 3, 2)
    morning = dt.datetime(2026, 3, 2, 6, 30)
    assert daily_due(last_run=None, now=dt.datetime(2026, 3, 2, 3, 0), at=at)  # first start
    assert daily_due(last_run=day - dt.timedelta(days=1), now=morning, at=at)
    assert not daily_due(last_run=day, now=morning, at=at)
    assert not daily_due(last_run=day - dt.timedelta(days=1), now=morning.replace(hour=5), at=at)


def test_health_fails_while_a_migration_is_not_applied(db, settings, monkeypatch):
    from django.db.migrations.recorder import MigrationRecorder

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    record_heartbeat.enqueue()
    # The running app may not write django_migrations on PostgreSQL (only the owner role may),
    # so the recorder is made to forget the newest operations migration instead of deleting it.
    applied = MigrationRecorder.applied_migrations
    newest = max(key for key in applied(MigrationRecorder(connection)) if key[0] == "operations")

    def all_but_newest(recorder):
        return {key: row for key, row in applied(recorder).items() if key != newest}

    monkeypatch.setattr(MigrationRecorder, "applied_migrations", all_but_newest)
    response = Client().get("/health/")
    monkeypatch.undo()
    assert response.status_code == 503
    assert (response.json()["database"], response.json()["migrations"]) == ("ok", "pending")


def test_health_answers_503_not_500_when_the_database_is_unreachable(db, monkeypatch):
    from django.db import DatabaseError

    from operations import health

    def unreachable():
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patched:  # undone before the test database is torn down
        patched.setattr(health.connection, "cursor", unreachable)
        response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "fail"
