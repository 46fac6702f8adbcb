from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Concerns about a child followed through the BTI levels."""

    name = "cases"
    verbose_name = _("Saker")
