from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "communications"
    verbose_name = _("Communications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The case pages show the admissibility check and the filings (overview card + a tab).
        from casework import views as case_views

        from .views import panel_context

        case_views.register_case_panel(
            "communications/_case_panel.html", slot="overview", context=panel_context, order=30
        )
        case_views.register_case_tab("communication", _("Communication"), "communications:case")
