"""/health/ for monitoring: is the database reachable, are all migrations applied, has the worker
beaten recently? JSON, no secrets (no versions, hosts, paths or counts of anything), 200 when
all is well and 503 otherwise, so a load balancer or an uptime check can act on the status."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .jobs import WORKER
from .models import Heartbeat


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except DatabaseError:
        return False


def _migrations() -> bool:
    try:
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return False


def _worker(now: dt.datetime) -> tuple[bool, int | None]:
    try:
        beat = Heartbeat.objects.filter(name=WORKER).values_list("beat_at", flat=True).first()
    except DatabaseError:
        return False, None
    if beat is None:
        return False, None
    age = int((now - beat).total_seconds())
    return age <= settings.REMEDY_HEARTBEAT_MAX_AGE, age


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    database = _database()
    migrations = database and _migrations()
    worker, age = _worker(timezone.now()) if database else (False, None)
    ok = database and migrations and worker
    body = {
        "status": "ok" if ok else "fail",
        "database": "ok" if database else "fail",
        "migrations": "ok" if migrations else "pending",
        "worker": "ok" if worker else "stale",
        "worker_heartbeat_age_seconds": age,
    }
    return JsonResponse(body, status=200 if ok else 503)
