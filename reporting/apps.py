from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Statistics, the map of violations by region, and the home dashboard (issue 14)."""

    name = "reporting"
    verbose_name = _("Statistics")
