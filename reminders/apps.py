from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Reminders and notices: a Celery beat sweep finds what is due, records it once, and sends it."""

    name = "reminders"
    verbose_name = _("Varsler")
