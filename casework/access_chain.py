"""Tamper evidence for the access log: every row carries a SHA-256 hash chained to the row before.

`entry_hash(prev_hash, fields)` is SHA-256 over the previous row's hash and a canonical JSON
serialisation of the row (time in UTC with microseconds, user id, case id — 0 for an export
across cases —, action, object, IP address). Changing a row's contents breaks its own hash;
deleting or inserting a row in the middle breaks the link of the row after it. Rows are chained
in id order.

Appending is serialised so two concurrent writers cannot both chain onto the same predecessor:
on PostgreSQL with a transaction-level advisory lock (held until the writer's transaction
commits, so the next writer reads the committed head), elsewhere (SQLite, development) with a
process-wide lock — SQLite allows one writer at a time anyway.

The chain shows tampering by anyone who can write to the table (the owner role, a DBA, an
altered restore); it cannot stop someone who recomputes the whole chain. `verify_access_log`
therefore prints the head (last id and hash): operators record it outside the server and pass it
back with `--anchor` to prove that nothing before it was rewritten since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import connections, transaction

GENESIS_HASH = "0" * 64
CHAIN_VERSION = 1
# pg_advisory_xact_lock key: any constant; "remedy access log" in ASCII, cut to 63 bits.
ADVISORY_LOCK_KEY = int.from_bytes(b"remedyAL", "big") & 0x7FFF_FFFF_FFFF_FFFF

_process_lock = threading.RLock()  # re-entrant: alerts append while the lock is held


def _canonical_time(value: dt.datetime) -> str:
    if value.tzinfo is None:  # USE_TZ is on; a naive value would be a bug elsewhere
        value = value.replace(tzinfo=dt.UTC)
    # Milliseconds: Django's JSON serialiser (dumpdata, hence backups) keeps no more, so a
    # restored row hashes the same as the original.
    value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _canonical_ip(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return str(value)


def canonical_entry(
    *,
    at: dt.datetime,
    user_id: int,
    case_id: int | None,
    action: str,
    object_repr: str,
    ip_address: str | None,
) -> bytes:
    """The bytes that are hashed for one row: stable across databases and Python versions."""
    return json.dumps(
        [
            CHAIN_VERSION,
            _canonical_time(at),
            int(user_id),
            # 0 when the row has no case (an export across cases, an incident read): never a
            # primary key, so never ambiguous.
            int(case_id or 0),
            action,
            object_repr or "",
            _canonical_ip(ip_address),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def entry_hash(prev_hash: str, **fields) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_entry(**fields))
    return digest.hexdigest()


@contextmanager
def chain_lock(using: str) -> Iterator[None]:
    """Hold the access log's append lock until the enclosing transaction ends."""
    connection = connections[using]
    # No savepoint inside the caller's transaction: if the append fails, the read it records
    # must fail with it (and a savepoint would cost two statements on every logged read).
    with transaction.atomic(using=using, savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            yield
        else:
            with _process_lock:
                yield


CHAIN_FIELDS = ("at", "user_id", "case_id", "action", "object_repr", "ip_address")


@dataclass(frozen=True)
class BrokenLink:
    row_id: int
    at: dt.datetime | None
    problem: str  # "altered" (contents do not match the hash) or "link" (a row missing/added)

    def describe(self) -> str:
        if self.problem == "altered":
            why = "its hash does not match its contents: the row was altered"
        elif self.problem == "anchor":
            why = "it does not match the recorded anchor: the log was rewritten up to here"
        elif self.problem == "anchor-missing":
            why = "the anchored row no longer exists: the log was cut"
        else:
            why = (
                "its link to the previous row is broken: a row before it was deleted or "
                "inserted, or the previous row was altered"
            )
        when = f" ({_canonical_time(self.at)})" if self.at else ""
        return f"access log broken at row {self.row_id}{when}: {why}"


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head_id: int | None
    head_hash: str
    broken: BrokenLink | None


def verify_rows(rows: Iterable[dict]) -> ChainReport:
    """Walk rows (dicts with id, prev_hash, hash and CHAIN_FIELDS) in id order; pure function."""
    expected_prev = GENESIS_HASH
    count = 0
    head_id = None
    for row in rows:
        count += 1
        fields = {name: row[name] for name in CHAIN_FIELDS}
        if row["hash"] != entry_hash(row["prev_hash"], **fields):
            return ChainReport(
                count, row["id"], row["hash"], BrokenLink(row["id"], row["at"], "altered")
            )
        if row["prev_hash"] != expected_prev:
            return ChainReport(
                count, row["id"], row["hash"], BrokenLink(row["id"], row["at"], "link")
            )
        expected_prev = row["hash"]
        head_id = row["id"]
    return ChainReport(count, head_id, expected_prev, None)


def verify_access_log(
    *, using: str = "default", anchor: tuple[int, str] | None = None
) -> ChainReport:
    """Check the whole stored chain; with `anchor` (id, hash), also that row id still has hash."""
    access_log = apps.get_model("casework", "AccessLog")
    rows = (
        access_log.objects.using(using)
        .order_by("id")
        .values("id", "prev_hash", "hash", *CHAIN_FIELDS)
        .iterator(chunk_size=2000)
    )
    report = verify_rows(rows)
    if report.broken is None and anchor is not None:
        anchor_id, anchor_hash = anchor
        row = access_log.objects.using(using).filter(pk=anchor_id).values("at", "hash").first()
        if row is None:
            return ChainReport(
                report.rows,
                report.head_id,
                report.head_hash,
                BrokenLink(anchor_id, None, "anchor-missing"),
            )
        if row["hash"] != anchor_hash:
            broken = BrokenLink(anchor_id, row["at"], "anchor")
            return ChainReport(report.rows, report.head_id, report.head_hash, broken)
    return report
