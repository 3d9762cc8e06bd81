from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "communications"
    verbose_name = _("Communications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The rule 99(c) deadline follows the proceedings: a new or corrected ordinary decision
        # moves it (deadlines cannot import us, so it signals; a deletion comes from Django).
        # Receivers are connected once the models are loaded (app loading), hence the imports.
        from django.db.models.signals import post_delete

        from casework.models import Proceeding
        from deadlines.services import event_start, event_synced, proceeding_synced

        from .services import (
            exhaustion_start,
            follow_deleted_proceeding,
            follow_exhaustion,
            follow_proceeding,
        )

        event_start.connect(exhaustion_start, dispatch_uid="communications_rule_99c_start")
        proceeding_synced.connect(follow_proceeding, dispatch_uid="communications_rule_99c")
        event_synced.connect(follow_exhaustion, dispatch_uid="communications_rule_99c_exhaustion")
        post_delete.connect(
            follow_deleted_proceeding,
            sender=Proceeding,
            dispatch_uid="communications_rule_99c_on_delete",
        )
