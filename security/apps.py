from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        # Importing the modules registers the deploy checks (keys, second factor) and connects
        # the unusual-reading alert and the session recorder (models are ready only now).
        from security import alerts, checks, sessions  # noqa: F401
