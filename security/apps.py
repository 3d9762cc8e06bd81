from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        # Importing the module registers the deploy checks (keys, second factor).
        from security import checks  # noqa: F401
