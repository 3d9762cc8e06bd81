"""casework cannot call up into this app; it sends a signal, answered here."""

from __future__ import annotations

from django.dispatch import receiver
from django.urls import reverse

from casework.signals import case_access_granted

from .models import Kind
from .services import notify


@receiver(case_access_granted, dispatch_uid="notifications.access_granted")
def access_granted(sender, case, user, perms, by, **kwargs) -> None:
    notify(
        recipients=[user],
        kind=Kind.ACCESS_GRANTED,
        case=case,
        url=reverse("cases:detail", kwargs={"reference": case.reference}),
        actor=by,
    )
