from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Meeting structures, meetings and minutes (issue 5)."""

    name = "collaboration"
    verbose_name = _("Samarbeid")

    def ready(self) -> None:
        from collaboration.receivers import follow_the_seat
        from organisation.signals import position_holder_changed

        # A staff change follows the seat: future meetings invite the position's new holder.
        position_holder_changed.connect(follow_the_seat, dispatch_uid="collaboration.follow_the_seat")
