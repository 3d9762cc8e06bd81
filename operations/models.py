"""Operational state only (no case data): when the background worker last proved it runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """Written by the worker when it runs `operations.tasks.record_heartbeat` (queued every
    minute by `manage.py scheduler`); `/health/` reports the worker dead when it is old."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    beat_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at.isoformat()}"
