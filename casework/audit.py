"""Who and why on every history row: the audited save and delete, and the history context.

Every app's services save through `save_audited` / `delete_audited`, which set
`_history_user`/`_change_reason` on the instance for django-simple-history. Third-party code
(guardian, viewflow) saves its rows itself, so callers wrap it in `history_context(by=...,
reason=...)` and the receiver below copies the actor and reason onto every historical record
created inside the block.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from django.db import models
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_state = threading.local()


def save_audited(obj: models.Model, *, by, reason: str = "", validate: bool = True) -> models.Model:
    """full_clean + save, recording `by` and `reason` in the object's history row."""
    if validate:
        obj.full_clean()
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def delete_audited(obj: models.Model, *, by, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.delete()


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
