"""Who is acting on the flow right now, for nodes that run without a request (gateways, exits).

Task views and services enter `acting_as(user, reason)`; Function nodes and task creation read
`current_actor()` so a stage change or a closure made by the engine is still attributed to the
person whose completed task caused it. History rows of viewflow's own saves get the same actor.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from casework.audit import history_context

_actor: ContextVar = ContextVar("workflow_actor", default=None)


@contextlib.contextmanager
def acting_as(user, reason: str = "") -> Iterator[None]:
    token = _actor.set(user)
    try:
        with history_context(by=user, reason=reason):
            yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()
