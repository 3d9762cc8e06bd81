"""`manage.py assess_admissibility`: JSON out; malformed input → exit 2, one line, field named."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

VALID = {
    "state": "KZ",
    "submission_date": "2026-03-01",
    "author": {"is_victim": False, "authorization": "signed", "anonymous": False},
    "events": [{"date": "2011-12-16", "continuing": False}],
    "remedies": [
        {"instance": "first_instance", "decided_on": "2012-03-01", "status": "decided"},
        {"instance": "appeal", "decided_on": "2012-05-02", "status": "decided"},
        {"instance": "supervisory_review", "decided_on": None, "status": "not_filed"},
    ],
    "other_procedures": [{"body": "WGAD", "status": "withdrawn", "concluded_on": None}],
    "delay_justification": None,
}


def run(tmp_path: Path, data, *, raw: str | None = None) -> tuple[int, str, str]:
    path = tmp_path / "input.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("assess_admissibility", str(path), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_prints_the_assessment_as_json(tmp_path):
    code, out, err = run(tmp_path, VALID)
    assert code == 0, err
    result = json.loads(out)
    assert result["outcome"] == "inadmissible"  # 2012 decisions: more than five years before 2026
    assert {c["id"]: c["status"] for c in result["checks"]}["delay"] == "fail"
    assert result["last_day_to_submit"] == "2017-05-02"


@pytest.mark.django_db
def test_reads_stdin_with_dash(monkeypatch):
    data = copy.deepcopy(VALID)
    data["submission_date"] = "2017-05-02"
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(data)))
    out = io.StringIO()
    call_command("assess_admissibility", "-", stdout=out)
    result = json.loads(out.getvalue())
    assert {c["id"]: c["status"] for c in result["checks"]}["delay"] == "pass"


@pytest.mark.django_db
def test_uses_the_state_party_table_from_the_database(tmp_path):
    data = copy.deepcopy(VALID)
    data["state"] = "kz"
    code, out, _ = run(tmp_path, data)
    checks = {c["id"]: c for c in json.loads(out)["checks"]}
    assert checks["state_party"]["status"] == "pass"
    assert checks["ratione_temporis"]["status"] == "pass"


def _mutate(path: str, value):
    data = copy.deepcopy(VALID)
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return data


MALFORMED = [
    ("state", KeyError, "state"),
    ("submission_date", "2026-02-30", "submission_date"),
    ("submission_date", "01.03.2026", "submission_date"),
    ("author.is_victim", "yes", "author.is_victim"),
    ("author.authorization", "maybe", "author.authorization"),
    ("author.anonymous", KeyError, "author.anonymous"),
    ("author.nickname", "x", "author.nickname"),
    ("events.0.date", "2011-13-01", "events[0].date"),
    ("events.0.continuing", None, "events[0].continuing"),
    ("remedies.1.instance", "constitutional_court", "remedies[1].instance"),
    ("remedies.1.status", "lost", "remedies[1].status"),
    ("remedies.0.decided_on", None, "remedies[0].decided_on"),
    ("remedies.2.decided_on", "2013-01-01", "remedies[2].decided_on"),
    ("other_procedures.0.status", "open", "other_procedures[0].status"),
    ("other_procedures.0.body", "", "other_procedures[0].body"),
    ("delay_justification", 5, "delay_justification"),
    ("extra", 1, "extra"),
    ("events", {"date": "2011-01-01"}, "events"),
]


@pytest.mark.parametrize(("path", "value", "field"), MALFORMED)
def test_malformed_input_exits_2_with_one_line_naming_the_field(tmp_path, path, value, field):
    code, out, err = run(tmp_path, _mutate(path, value))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert field in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("raw", ["{not json", "", "[1, 2]", "null", "[" * 100000 + "]" * 100000])
def test_bad_json_exits_2_with_one_line(tmp_path, raw):
    code, out, err = run(tmp_path, None, raw=raw)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "input" in err


def test_missing_file_exits_2(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("assess_admissibility", str(tmp_path / "nope.json"), stderr=err)
    assert exc.value.code == 2
    assert len(err.getvalue().strip().splitlines()) == 1


def test_real_process_exit_status_and_no_traceback(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_mutate("remedies.0.instance", "court_of_heaven")))
    proc = subprocess.run(
        [sys.executable, "manage.py", "assess_admissibility", str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "remedies[0].instance" in proc.stderr
