"""operations.supervisor: Ctrl-C stops every child; one child dying stops the others."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

SLEEPER = "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(120)"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose; /proc says so.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def start(tmp_path: Path, commands: str) -> subprocess.Popen:
    script = textwrap.dedent(
        f"""
        import sys
        from operations.supervisor import supervise
        sys.exit(supervise({commands}))
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )


def wait_for(paths: list[Path], timeout: float = 30) -> list[int]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if all(p.exists() and p.read_text() for p in paths):
            return [int(p.read_text()) for p in paths]
        time.sleep(0.2)
    raise AssertionError("children did not start")


def test_ctrl_c_stops_every_child(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    py = sys.executable
    supervisor = start(
        tmp_path,
        f"[('a', [{py!r}, '-c', {SLEEPER!r}, {str(a)!r}]), "
        f"('b', [{py!r}, '-c', {SLEEPER!r}, {str(b)!r}])]",
    )
    pids = wait_for([a, b])
    os.killpg(supervisor.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    assert supervisor.wait(timeout=30) == 0
    assert not any(alive(pid) for pid in pids)


def test_a_child_that_exits_stops_the_others(tmp_path):
    a = tmp_path / "a"
    py = sys.executable
    supervisor = start(
        tmp_path,
        f"[('a', [{py!r}, '-c', {SLEEPER!r}, {str(a)!r}]), "
        f"('b', [{py!r}, '-c', 'import sys; sys.exit(3)'])]",
    )
    assert supervisor.wait(timeout=30) == 3
    [pid] = wait_for([a])
    assert not alive(pid)
