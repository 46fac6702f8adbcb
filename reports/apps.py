from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The municipality's annual evaluation report of its preventive plan (issue 12)."""

    name = "reports"
    verbose_name = _("Årsrapport")
