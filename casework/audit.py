"""Who and why for history rows saved by code we do not own (guardian, viewflow).

Our own services set `_history_user`/`_change_reason` on the instance. Third-party code saves its
rows itself, so callers wrap it in `history_context(by=..., reason=...)` and the receiver below
copies the actor and reason onto every historical record created inside the block.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_state = threading.local()


@contextlib.contextmanager
def history_context(*, by, reason: str = "") -> Iterator[None]:
    previous = getattr(_state, "frame", None)
    _state.frame = (by, reason)
    try:
        yield
    finally:
        _state.frame = previous


@receiver(pre_create_historical_record)
def _apply_history_context(sender, instance, history_instance, **kwargs) -> None:
    frame = getattr(_state, "frame", None)
    if frame is None:
        return
    by, reason = frame
    if by is not None and getattr(by, "pk", None) and not history_instance.history_user_id:
        history_instance.history_user = by
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason[:1000]
