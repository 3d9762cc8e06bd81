"""casework cannot call up into this app; it sends a signal, answered here."""

from __future__ import annotations

from django.dispatch import receiver
from django.urls import reverse

from casework.selectors import administrators
from casework.signals import break_glass_used, case_access_granted, case_team_viewed

from .models import Kind
from .services import mark_case_read, notify


@receiver(case_access_granted, dispatch_uid="notifications.access_granted")
def access_granted(sender, case, user, perms, by, **kwargs) -> None:
    notify(
        recipients=[user],
        kind=Kind.ACCESS_GRANTED,
        case=case,
        url=reverse("cases:detail", kwargs={"reference": case.reference}),
        actor=by,
    )


@receiver(break_glass_used, dispatch_uid="notifications.break_glass")
def break_glass(sender, case, by, reason, **kwargs) -> None:
    # Administrators are told even about a case they cannot open (without the case): somebody
    # besides the actor must know that a name may have been read (ASVS 4.1.5).
    notify(
        recipients=[case.responsible_lawyer, *administrators()],
        kind=Kind.BREAK_GLASS,
        case=case,
        url=reverse("cases:team", kwargs={"reference": case.reference}),
        actor=by,
        outsiders=True,
        note=reason,
    )


@receiver(case_team_viewed, dispatch_uid="notifications.team_viewed")
def team_viewed(sender, case, user, **kwargs) -> None:
    mark_case_read(user=user, case=case, kinds=[Kind.BREAK_GLASS])
