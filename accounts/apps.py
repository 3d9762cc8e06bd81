from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff and accounts")

    def ready(self) -> None:
        # App loading: the receivers import models, which are ready only now.
        from . import reference_data, signals  # noqa: F401

        post_migrate.connect(
            reference_data.grant_reference_permissions,
            dispatch_uid="accounts.grant_reference_permissions",
        )
