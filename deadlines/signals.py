"""The one signal of the deadlines app: a proceeding deleted by any path cancels its deadlines.

Deletion happens in the admin, through `casework.services.related_remove` and in cascades;
a receiver is the one place that sees them all. Who deleted it comes from the history user the
deleting service set on the instance (`casework.audit.delete_audited`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .services import cancel_for_source, proceeding_source_key


def cancel_deadlines_of_deleted_proceeding(sender, instance, **kwargs) -> None:
    cancel_for_source(
        case=instance.case,
        source_key=proceeding_source_key(instance.pk),
        by=getattr(instance, "_history_user", None),
        reason=_("Cancelled: the proceeding was deleted"),
    )
