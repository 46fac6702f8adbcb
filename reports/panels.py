"""The annual report's panel on the leadership's and the administrator's start pages (ui/panels.py)."""

from reports.access import report_municipality_ids
from reports.models import AnnualReport
from ui.panels import Panel


def _panel(request) -> list[Panel]:
    ids = report_municipality_ids(request.user)
    if not ids:
        return []
    latest = list(
        AnnualReport.objects.filter(municipality__in=ids).select_related("municipality").order_by("-requested_at")[:3]
    )
    return [Panel("reports/panel.html", {"latest": latest})]


def leadership_panels(request) -> list[Panel]:
    return _panel(request)


def admin_panels(request) -> list[Panel]:
    return _panel(request)
