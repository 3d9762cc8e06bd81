"""Signals casework sends for the apps above it, which casework must not import (CONVENTIONS:
signals only for true cross-cutting concerns).

`case_access_granted(case, user, perms, by)`: someone was given access to a case (sent after
the grant is saved; `notifications.receivers` tells the person).

`consent_to_publish_changed(case, by)`: a consent to publish of a case was withdrawn, changed or
removed, by any path (the case page, a client withdrawing from the case, an edit, a deletion).
Sent inside the same transaction. The publication app listens and takes a published case off
the public site at once.
"""

from django.dispatch import Signal

case_access_granted = Signal()
consent_to_publish_changed = Signal()
