"""Signals casework sends for the apps above it, which casework must not import.

`case_access_granted(case, user, perms, by)`: someone was given access to a case (sent after
the grant is saved; `notifications.receivers` tells the person).
"""

from django.dispatch import Signal

case_access_granted = Signal()
