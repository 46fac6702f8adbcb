"""The annual reports attached to a meeting's minutes, for the meeting page (one `{% include %}` of
reports/_meeting_reports.html there). Only a reader of the municipality's reports (leadership, administrators)
sees the links: the report is theirs, whoever else reads the minutes."""

from django import template

from reports.access import report_municipality_ids
from reports.models import AnnualReport

register = template.Library()


@register.inclusion_tag("reports/_meeting_reports_list.html")
def meeting_reports(meeting, user) -> dict:
    reports = []
    if user.is_authenticated and meeting.structure.municipality_id in report_municipality_ids(user):
        reports = list(
            AnnualReport.objects.filter(meeting=meeting, status=AnnualReport.Status.READY).order_by("-requested_at")
        )
    return {"reports": reports}
