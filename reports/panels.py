"""The annual report's panels on the start pages (ui/panels.py): the latest reports for leadership and
administrators, and the coming yearly evaluation of the plan for the convener of the forum that evaluates it."""

from django.utils import timezone

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


def _evaluation_panel(request) -> list[Panel]:
    """The next yearly evaluation meeting of the plan-evaluating forum the person convenes (TOG in Hemsedal),
    with the way to the report when the person may read it."""
    from collaboration.access import seats_for
    from collaboration.models import Meeting

    meeting = (
        Meeting.objects.filter(
            structure__evaluates_plan=True,
            structure__in=seats_for(request.user).convener_ids,  # counting convener seats only
            evaluates_plan=True,
            starts_at__gte=timezone.now(),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("structure__municipality")
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return []
    may_read = meeting.structure.municipality_id in report_municipality_ids(request.user)
    return [Panel("reports/evaluation_panel.html", {"meeting": meeting, "may_read": may_read})]


def staff_panels(request) -> list[Panel]:
    return _evaluation_panel(request)


def leadership_panels(request) -> list[Panel]:
    return _evaluation_panel(request) + _panel(request)


def admin_panels(request) -> list[Panel]:
    return _panel(request)
