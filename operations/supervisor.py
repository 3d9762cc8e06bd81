"""A tiny process supervisor for `make run`: the web server, the worker and the scheduler.

Standard library only. All children run in the foreground's process group, so Ctrl-C reaches
each of them; the supervisor then waits, and stops (SIGTERM, then SIGKILL) whichever is left.
If one child exits on its own, the others are stopped too: a newcomer must not keep a web
server whose worker died silently.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Sequence

GRACE_SECONDS = 10


def _stop(processes: list[subprocess.Popen], sig: int = signal.SIGTERM) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(sig)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        remaining = max(0.0, deadline - time.monotonic())
        try:
            process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def supervise(commands: Sequence[tuple[str, Sequence[str]]], *, out=sys.stdout) -> int:
    """Start every (name, argv); return when all have stopped. The exit status is the first
    child's failure, or 0 after Ctrl-C."""
    processes: list[subprocess.Popen] = []
    for name, argv in commands:
        print(f"[run] starting {name}: {' '.join(argv)}", file=out, flush=True)
        processes.append(subprocess.Popen(list(argv)))  # noqa: S603 - our own fixed commands
    names = {process.pid: name for process, (name, _argv) in zip(processes, commands, strict=True)}
    status = 0
    try:
        while True:
            for process in processes:
                code = process.poll()
                if code is not None:
                    print(
                        f"[run] {names[process.pid]} exited ({code}); stopping the others",
                        file=out,
                        flush=True,
                    )
                    status = code or 1
                    raise StopIteration
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("[run] Ctrl-C: stopping", file=out, flush=True)
        # The terminal sent SIGINT to every child already; wait for them, then insist.
        _stop(processes, signal.SIGINT)
        return 0
    except StopIteration:
        _stop(processes)
    return status
