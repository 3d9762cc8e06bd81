from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The case page shows where the case is on the litigation route (overview panel).
        from casework import views as case_views

        register = getattr(case_views, "register_case_panel", None)
        if register is not None:
            register(
                "workflows/_case_flow_panel.html",
                slot="overview",
                context=_flow_panel_context,
                order=10,
            )


def _flow_panel_context(request, case):
    from .selectors import case_flow_summary

    return {"flow": case_flow_summary(case, request.user)}
