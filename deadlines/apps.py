from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The receiver is connected once the models are loaded (app loading), hence the imports.
        from django.db.models.signals import pre_delete

        from casework.models import Proceeding

        from .signals import cancel_deadlines_of_deleted_proceeding

        # A deleted proceeding (admin, case page, any path) takes its open deadlines with it.
        pre_delete.connect(
            cancel_deadlines_of_deleted_proceeding,
            sender=Proceeding,
            dispatch_uid="deadlines_cancel_on_proceeding_delete",
        )
