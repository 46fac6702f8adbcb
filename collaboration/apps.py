from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Meeting structures, meetings and minutes (issue 5)."""

    name = "collaboration"
    verbose_name = _("Samarbeid")
