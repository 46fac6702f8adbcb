"""Who reads and asks for the annual report: leadership and administrators of the municipality, nobody else.

Everyone else gets 404 for every report page, as for a report that does not exist. The report holds only
aggregated, suppressed figures (reports/suppression.py), but even these are the municipality's own business.
"""

from django.db.models import QuerySet
from django.http import Http404

from organisation.access import scope_for
from organisation.models import Municipality
from reports.models import AnnualReport


def report_municipality_ids(user) -> frozenset[int]:
    """The municipalities whose report the user may ask for and read."""
    scope = scope_for(user)
    return scope.leadership_ids | scope.administered_ids


def report_municipalities(user) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=report_municipality_ids(user)).order_by("name")


def access_report_municipality(user, municipality_id: int) -> Municipality:
    """Return the municipality if the user is in its leadership or administers it, else raise Http404."""
    if municipality_id not in report_municipality_ids(user):
        raise Http404
    return Municipality.objects.get(pk=municipality_id)


def chosen_report_municipality(user, wanted: str) -> Municipality:
    """The municipality asked for (as in ?kommune=) if the user may read its report, else the user's first.
    Raises Http404 if there is none."""
    ids = report_municipality_ids(user)
    if not ids:
        raise Http404
    chosen = int(wanted) if wanted.isascii() and wanted.isdigit() and int(wanted) in ids else min(ids)
    return Municipality.objects.get(pk=chosen)


def access_report(user, report_id: int) -> AnnualReport:
    """Return the report if the user may read its municipality's reports, else raise Http404."""
    report = (
        AnnualReport.objects.filter(pk=report_id, municipality__in=report_municipality_ids(user))
        .select_related("municipality", "requested_by")
        .first()
    )
    if report is None:
        raise Http404
    return report
