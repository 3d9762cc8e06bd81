"""Signals casework sends for the apps above it, which casework must not import (CONVENTIONS:
signals only for true cross-cutting concerns).

`case_access_granted(case, user, perms, by)`: someone was given access to a case (sent after
the grant is saved; `notifications.receivers` tells the person).

`break_glass_used(case, by, reason)`: someone granted themselves more than viewing on a case
(sent inside the grant's transaction; `notifications.receivers` alerts the case's responsible
lawyer and the administrators).

`case_team_viewed(case, user)`: `user` opened the case's team tab, where break-glass alerts about
the case are reviewed (`notifications.receivers` marks them read).

`consent_to_publish_changed(case, by)`: a consent to publish of a case was withdrawn, changed or
removed, by any path (the case page, a client withdrawing from the case, an edit, a deletion).
Sent inside the same transaction. The publication app listens and takes a published case off
the public site at once.

`case_confidentiality_changed(case, by)`: a case's confidentiality level changed (sent inside
`case_update`'s transaction). The publication app listens: a case made secret, or restricted
without an administrator's approval of the published version, leaves the public site at once.
"""

from django.dispatch import Signal

case_access_granted = Signal()
break_glass_used = Signal()
case_team_viewed = Signal()
consent_to_publish_changed = Signal()
case_confidentiality_changed = Signal()
