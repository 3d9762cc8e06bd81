"""The one hook of the route into a lower app's saves (docs/architecture.md).

A communication is usually written after the supervisor confirmed exhaustion; the route's
confirmed argument then has to reach it, or the admissibility check would call an argued,
still-pending appeal a failure (OP art. 5(2)(b)). communications cannot import the route.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from communications.models import Communication

from .context import current_actor
from .models import CaseProcess
from .steps import carry_exhaustion


@receiver(post_save, sender=Communication, dispatch_uid="workflows.communication_created")
def communication_created(sender, instance: Communication, created: bool, raw=False, **kwargs):
    if not created or raw:
        return
    process = CaseProcess.objects.filter(
        case_id=instance.case_id, exhaustion_confirmed=True
    ).first()
    if process is not None:
        by = getattr(instance, "_history_user", None) or current_actor()
        carry_exhaustion(process, by=by)
