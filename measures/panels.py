"""The measure catalogue's panel on the start pages (ui/panels.py): overdue evaluations of the measures the
person is responsible for."""

from measures.access import manageable_measures
from ui.panels import Panel


def staff_panels(request) -> list[Panel]:
    overdue = list(manageable_measures(request.user).evaluation_overdue().order_by("next_evaluation_on")[:10])
    if not overdue:
        return []
    return [Panel("measures/staff_panel.html", {"overdue_measures": overdue})]
