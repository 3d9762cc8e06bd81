"""The shipped deployment files (deploy/) name commands that exist and pass their tools' checks."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_every_manage_py_command_in_the_units_and_cron_exists():
    texts = [p.read_text() for p in [*DEPLOY.glob("systemd/*"), *DEPLOY.glob("cron/*")]]
    texts.append((DEPLOY / "restore-check.sh").read_text())
    named = {m.group(1) for text in texts for m in re.finditer(r"manage\.py (\w+)", text)}
    assert {"db_worker", "scheduler", "run_daily_jobs", "backup_remedy"} <= named
    assert named <= set(get_commands()), named - set(get_commands())


def _check() -> str:
    """deploy/check.sh's output; it must succeed."""
    result = subprocess.run(
        [str(DEPLOY / "check.sh")], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# A skip mark on a helper does nothing: it belongs on the test (a machine without systemd
# still runs `make test`).
@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_units_pass_systemd_analyze_verify():
    assert "systemd units: ok" in _check()


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed")
def test_the_nginx_site_passes_nginx_t():
    """Debian 12's nginx (1.22) is the documented server: `http2 on;` (1.25.1+) failed here."""
    assert "nginx: ok" in _check()
