from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    """The catalogue of preventive measures, by the measure pyramid (issue 4)."""

    name = "measures"
    verbose_name = _("Tiltak")
