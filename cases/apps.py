from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Concerns about a child followed through the BTI levels."""

    name = "cases"
    verbose_name = _("Saker")

    def ready(self) -> None:
        # After every migrate, so history tables that later migrations add are protected too.
        post_migrate.connect(_protect, sender=self, dispatch_uid="cases.protect_records")


def _protect(sender, using="default", **kwargs) -> None:
    from cases.protection import install_protection

    install_protection(using)
