from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Concerns about a child followed through the BTI levels."""

    name = "cases"
    verbose_name = _("Saker")

    def ready(self) -> None:
        from organisation.signals import service_membership_changed

        # After every migrate, so history tables that later migrations add are protected too.
        post_migrate.connect(_protect, sender=self, dispatch_uid="cases.protect_records")
        service_membership_changed.connect(_resync_their_cases, dispatch_uid="cases.resync_on_membership")


def _protect(sender, using="default", **kwargs) -> None:
    from cases.protection import install_protection

    install_protection(using)


def _resync_their_cases(sender, user_ids, **kwargs) -> None:
    """Someone's services changed: the cases they hold, coordinate or registered (level 0) follow at once."""
    from django.db.models import Q

    from cases.access import case_access_sync
    from cases.models import Case

    affected = Case.objects.filter(
        Q(holder_id__in=user_ids) | Q(child_coordinator_id__in=user_ids) | Q(level=0, registered_by_id__in=user_ids)
    )
    for case in affected.only("pk"):
        case_access_sync(case)
