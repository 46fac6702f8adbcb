"""Writes of the reports app: asking for a report, retrying a failed one, building it, and the text parts."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organisation.history import acting
from organisation.models import Municipality, User
from reports import pdf as pdf_rendering
from reports.models import AnnualReport, Competence, Indicator, PeriodKind, ReportText, period_dates
from reports.selectors import report_context
from reports.tasks import build_annual_report
from ui.pdf import PDF_BUILD_RESULT_FIELDS, pdf_build_result

logger = logging.getLogger(__name__)
FIRST_YEAR = 2000


def period_error(kind: str, year: int) -> str | None:
    """Why a report cannot be made for this period, or None. A period that has begun may be reported on (its
    figures to date); one in the future may not."""
    if kind not in PeriodKind.values:
        return _("Velg kalenderår eller skoleår.")
    if year < FIRST_YEAR:
        return _("Velg et år fra %(year)s.") % {"year": FIRST_YEAR}
    today = timezone.localdate()
    if year > today.year or period_dates(kind, year)[0] > today:
        return _("Perioden har ikke begynt ennå. Velg en periode som har begynt.")
    return None


@transaction.atomic
def report_request(*, municipality: Municipality, kind: str, year: int, by: User) -> tuple[AnnualReport, bool]:
    """Queue a build of the report for the period and return (report, created). While a build of the same
    period is queued or being made, that build is returned and nothing new is queued (a unique constraint holds
    this also for two requests at once). Raises ValidationError for a period that has not begun."""
    error = period_error(kind, year)
    if error:
        raise ValidationError(error)
    running = AnnualReport.objects.filter(
        municipality=municipality, kind=kind, year=year, status__in=AnnualReport.IN_PROGRESS
    ).first()
    if running is not None and not running.is_stale:
        return running, False
    if running is not None:  # its worker died: mark it failed, so that a new build may start
        _fail(running, _("Byggingen stoppet uten å bli ferdig."))
    start, end = period_dates(kind, year)
    try:
        with transaction.atomic():
            report = acting(
                AnnualReport(
                    municipality=municipality, kind=kind, year=year, period_start=start, period_end=end, requested_by=by
                ),
                by,
            )
            report.save()
    except IntegrityError:  # another request stored it first, and queued its build
        return AnnualReport.objects.get(
            municipality=municipality, kind=kind, year=year, status__in=AnnualReport.IN_PROGRESS
        ), False
    build_annual_report.delay_on_commit(report.pk)
    return report, True


def _fail(report: AnnualReport, error: str) -> None:
    report.status, report.error, report.finished_at = AnnualReport.Status.FAILED, error[:500], timezone.now()
    acting(report, None).save(update_fields=["status", "error", "finished_at"])


@transaction.atomic
def report_retry(*, report: AnnualReport, by: User) -> AnnualReport:
    """Queue a failed build (or one whose worker died) again. A report that is queued, being made or ready is
    left as it is, so a double click queues one build. A new build of the same period started meanwhile wins:
    the failed one stays failed."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not report.may_retry:
        return report
    report.status, report.error, report.started_at, report.finished_at = AnnualReport.Status.QUEUED, "", None, None
    try:
        with transaction.atomic():
            acting(report, by).save(update_fields=["status", "error", "started_at", "finished_at"])
    except IntegrityError:
        return AnnualReport.objects.get(pk=report.pk)
    build_annual_report.delay_on_commit(report.pk)
    return report


def report_html(context: dict) -> str:
    with translation.override("nb"):
        return render_to_string("reports/report_pdf.html", context)


def report_build(*, report_id: int) -> None:
    """Build and store one report's PDF (the task's work). Safe to run twice and at once.

    The build claims the report (locked while its status is read and set to building), reads the figures and
    renders with no lock held, and stores the result only if its claim still stands. A failure is stored as
    failed with its reason, for leadership to retry.
    """
    with transaction.atomic():
        report = (
            AnnualReport.objects.select_for_update(of=("self",))
            .select_related("municipality", "requested_by")
            .filter(pk=report_id)
            .first()
        )
        if report is None or not (report.status == AnnualReport.Status.QUEUED or report.is_stale):
            return  # deleted, being made, made, or failed (a retry queues it again)
        report.status, report.started_at = AnnualReport.Status.BUILDING, timezone.now()
        acting(report, None).save(update_fields=["status", "started_at"])
    try:
        context = report_context(report.municipality, report.kind, report.year)
        context.update(report=report, built_at=timezone.now())
        content = pdf_rendering.render_pdf(report_html(context))
        _finish(report=report, content=content, error="")
    except Exception as error:  # any failure must show as failed, not as a report forever being made
        logger.exception("Building annual report %s failed.", report.pk)
        _finish(report=report, content=None, error=f"{type(error).__name__}: {error}"[:500])


@transaction.atomic
def _finish(*, report: AnnualReport, content: bytes | None, error: str) -> None:
    current = pdf_build_result(report, content=content, error=error, filename="report.pdf")
    if current is not None:
        acting(current, None).save(update_fields=PDF_BUILD_RESULT_FIELDS)


@transaction.atomic
def report_text_save(
    *, municipality: Municipality, kind: str, year: int, parts: dict[str, str], by: User
) -> ReportText:
    """Store the text parts for one municipality and period (made on the first save)."""
    text, _created = ReportText.objects.select_for_update().get_or_create(
        municipality=municipality, kind=kind, year=year
    )
    changed = [name for name in ReportText.PARTS if name in parts and getattr(text, name) != parts[name]]
    for name in changed:
        setattr(text, name, parts[name])
    if changed:
        acting(text, by).save(update_fields=[*changed, "updated_at"])
    return text


def indicator_add(*, municipality: Municipality, data: dict, by: User) -> Indicator:
    """Record one indicator value for the municipality. Raises ValidationError when the municipality already
    has that indicator from that source for that year."""
    return _indicator_save(Indicator(municipality=municipality, **data), by=by)


def indicator_change(*, indicator: Indicator, data: dict, by: User) -> Indicator:
    """Correct a recorded indicator; the same rule as indicator_add, the row itself apart."""
    for name, value in data.items():
        setattr(indicator, name, value)
    return _indicator_save(indicator, by=by)


def _indicator_save(indicator: Indicator, *, by: User) -> Indicator:
    same = {"source": indicator.source, "name": indicator.name, "year": indicator.year}
    others = Indicator.objects.filter(municipality=indicator.municipality_id, **same).exclude(pk=indicator.pk)
    if others.exists():
        raise ValidationError(_("Denne indikatoren er allerede registrert for dette året."))
    acting(indicator, by).save()
    return indicator


def indicator_delete(*, indicator: Indicator, by: User) -> None:
    acting(indicator, by).delete()


def competence_add(*, municipality: Municipality, data: dict, by: User) -> Competence:
    """Record who in a service serving the municipality is trained in what. Raises ValidationError when the
    service does not serve the municipality, or already has that training recorded."""
    if not data["service"].municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError(_("Tjenesten betjener ikke %(name)s.") % {"name": municipality.name})
    return _competence_save(Competence(municipality=municipality, **data), by=by)


def competence_change(*, competence: Competence, data: dict, by: User) -> Competence:
    """Correct a recorded competence; the same rules as competence_add, the row itself apart."""
    if not data["service"].municipalities.filter(pk=competence.municipality_id).exists():
        raise ValidationError(_("Tjenesten betjener ikke %(name)s.") % {"name": competence.municipality.name})
    for name, value in data.items():
        setattr(competence, name, value)
    return _competence_save(competence, by=by)


def _competence_save(competence: Competence, *, by: User) -> Competence:
    same = {"service": competence.service, "training": competence.training}
    others = Competence.objects.filter(municipality=competence.municipality_id, **same).exclude(pk=competence.pk)
    if others.exists():
        raise ValidationError(_("Denne opplæringen er allerede registrert for tjenesten. Endre den i tabellen."))
    acting(competence, by).save()
    return competence


def competence_delete(*, competence: Competence, by: User) -> None:
    acting(competence, by).delete()


def evaluation_meetings(municipality: Municipality):
    """The meetings of the municipality's plan-evaluating forum that a report may be attached to: the yearly
    evaluations first, then the forum's other meetings, newest first; never cancelled ones."""
    from collaboration.models import Meeting, MeetingStructure

    return (
        Meeting.objects.filter(
            structure__municipality=municipality,
            structure__evaluates_plan=True,
            structure__level=MeetingStructure.Level.SYSTEM,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("structure")
        .order_by("-evaluates_plan", "-starts_at")
    )


def report_attach_to_meeting(*, report: AnnualReport, meeting_id: int | None, by: User) -> AnnualReport:
    """Attach a ready report to the minutes of one of the forum's meetings (or detach it with None). Raises
    ValidationError if the report is not ready or the meeting is not the forum's in the report's
    municipality."""
    if report.status != AnnualReport.Status.READY:
        raise ValidationError(_("Bare en ferdig rapport kan legges ved referatet."))
    meeting = None
    if meeting_id is not None:
        meeting = evaluation_meetings(report.municipality).filter(pk=meeting_id).first()
        if meeting is None:
            raise ValidationError(_("Velg et av møtene til forumet som evaluerer planen."))
    report.meeting = meeting
    acting(report, by).save(update_fields=["meeting"])
    return report
