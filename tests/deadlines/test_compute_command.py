"""`manage.py compute_deadline`: JSON out, exit status 2 and one clear line for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("compute_deadline", *args, stdout=out)
    return out.getvalue()


def test_prints_rule_from_due_and_explanation_as_json():
    data = json.loads(run("kz-civil-appeal", "--from", "2026-01-28"))
    assert data == {
        "rule": "kz-civil-appeal",
        "from": "2026-01-28",
        "due": "2026-03-02",
        "explanation": "1 month → 2026-02-28 (Saturday) → next working day 2026-03-02",
        # Its source says "article to verify": not verified (issue #11).
        "warning": "This rule is not verified: check the law before relying on it.",
    }


def test_a_verified_rule_has_no_warning_and_an_awaited_one_says_from_whom():
    data = json.loads(run("kz-civil-cassation", "--from", "2025-08-31"))
    assert "warning" not in data and "awaited_from" not in data
    assert json.loads(run("hrc-follow-up-state-reply", "--from", "2026-01-01"))["awaited_from"] == (
        "state"
    )


def test_a_rule_whose_date_is_set_in_each_case_is_refused_clearly():
    with pytest.raises(CommandError, match="set in each case"):
        run("hrc-author-comments", "--from", "2026-01-01")


def test_an_unverified_rule_carries_a_warning():
    data = json.loads(run("kz-criminal-appeal", "--from", "2026-02-13"))
    assert data["due"] == "2026-03-02"
    assert "not verified" in data["warning"]


def test_list_names_every_rule():
    out = run("--list")
    for code in ("kz-civil-appeal", "hrc-delay-5y", "hrc-delay-3y-other-procedure"):
        assert code in out
    assert "UNVERIFIED" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-rule", "--from", "2026-01-01"), "Unknown rule 'no-such-rule'"),
        (("kz-civil-appeal", "--from", "2026-02-31"), "Invalid date '2026-02-31'"),
        (("kz-civil-appeal", "--from", "31.01.2026"), "Invalid date '31.01.2026'"),
        (("kz-civil-appeal", "--from", ""), "Give the event date"),
        (("kz-civil-appeal",), "Give the event date"),
        ((), "Name a rule"),
        (("hrc-delay-5y", "--from", "9998-06-01"), "supported date range"),
    ],
)
def test_bad_input_is_a_usage_error(args, message):
    with pytest.raises(CommandError, match=message) as info:
        run(*args)
    assert info.value.returncode == 2


def test_from_the_shell_a_bad_date_exits_2_with_one_line_and_no_traceback(tmp_path):
    # The date is checked before the database is read, so an empty database will do.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    bad = subprocess.run(
        [sys.executable, "manage.py", "compute_deadline", "kz-civil-appeal", "--from", "soon"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines() == [
        "CommandError: Invalid date 'soon': use YYYY-MM-DD, e.g. 2026-01-31."
    ]
    assert bad.stdout == ""
