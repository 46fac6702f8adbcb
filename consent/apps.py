from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    """Recorded consents that let services share a case."""

    name = "consent"
    verbose_name = _("Samtykke")
