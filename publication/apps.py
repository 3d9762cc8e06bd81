from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "publication"
    label = "publication"
    verbose_name = _("Public precedent database")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connected once the models are loaded (app loading), hence the imports here.
        from casework.signals import case_confidentiality_changed, consent_to_publish_changed

        from .services import on_case_changed

        # Casework does not import this app: it sends, the publication app subscribes.
        consent_to_publish_changed.connect(
            on_case_changed, dispatch_uid="publication_withdraw_on_consent"
        )
        case_confidentiality_changed.connect(
            on_case_changed, dispatch_uid="publication_withdraw_on_confidentiality"
        )
