"""Signals the case file sends, for apps above it that must react at once (CONVENTIONS: signals
only for true cross-cutting concerns).

`consent_to_publish_changed`: a consent to publish of a case was withdrawn, changed or removed,
by any path (the case page, a client withdrawing from the case, an edit, a deletion). Sent
inside the same transaction, with `case` and `by`. The publication app listens and takes a
published case off the public site at once; casework does not know (or import) who listens,
so the layering stays one-way.
"""

from django.dispatch import Signal

consent_to_publish_changed = Signal()
