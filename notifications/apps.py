from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # App loading: the receiver of casework's "access granted" signal imports models.
        from . import receivers  # noqa: F401
