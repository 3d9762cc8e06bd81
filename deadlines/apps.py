from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from casework import views as case_views
        from casework.models import Proceeding

        from .signals import cancel_deadlines_of_deleted_proceeding

        # A deleted proceeding (admin, case page, any path) takes its open deadlines with it.
        pre_delete.connect(
            cancel_deadlines_of_deleted_proceeding,
            sender=Proceeding,
            dispatch_uid="deadlines_cancel_on_proceeding_delete",
        )
        # The case pages: a "Deadlines" tab and the next-deadline badge beside the case title.
        case_views.register_case_tab("deadlines", _("Deadlines"), "deadlines:case")
        case_views.register_case_panel("deadlines/_case_header_badge.html", slot="header")
