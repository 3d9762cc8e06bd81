"""The security app's own records: in-app notices to staff (alerts, break-glass grants)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """A message for one member of staff, shown under Security → Notices until they read it.

    Written only through `security.services.notify_users` / `notify_administrators`. Notices stay
    inside Remedy (no e-mail): an alert about who read which cases must not travel through a
    mail provider the State can compel.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_notices"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    # The case the notice is about, if any; shown only to recipients who may open it.
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.subject
