"""The report's figures, read from what the other apps store. Every count is made in the database (GROUP BY,
COUNT … FILTER, correlated subqueries); Python only arranges the few aggregated rows into tables. The same
context serves the HTML preview and the PDF.

Figures about children or cases go through reports/suppression.py; figures about measures, meetings and staff
attendance identify no child and are shown as they are.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case as When_,
)
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseMeasure, ChildWelfareReport, Concern, LogEntry, Referral
from collaboration.models import ActionItem, Attendance, Meeting, MeetingStructure, Minutes
from measures.models import CataloguePartner, Evaluation, Measure
from organisation.models import Municipality, Service
from reports import suppression
from reports.models import Competence, Indicator, ReportText, period_dates, period_label
from ui.queries import count_of

MINUTES_ON_TIME_DAYS = 14
# Meetings a year that each cadence asks for (collaboration.services.school_year_dates gives the same number).
EXPECTED_MEETINGS = {
    MeetingStructure.Cadence.MONTHLY: 10,
    MeetingStructure.Cadence.SEMESTER: 2,
    MeetingStructure.Cadence.QUARTERLY: 4,
    MeetingStructure.Cadence.YEARLY: 1,
}
# The listing of measures not evaluated: the count is always given, the names up to this many.
NOT_EVALUATED_LISTED = 60
CHART_WIDTH = 300


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    start: date
    end: date

    @classmethod
    def of(cls, kind: str, year: int) -> "Period":
        start, end = period_dates(kind, year)
        return cls(kind, year, start, end)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.year)

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_before(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def dates(self) -> dict:
        return {"range": (self.start, self.end)}


def _in(field: str, period: Period, *, datetime_field: bool = False) -> Q:
    if datetime_field:
        return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_before})
    return Q(**{f"{field}__range": (period.start, period.end)})


def bar_chart(items: list[tuple[str, object]]) -> dict:
    """A horizontal bar chart drawn as SVG on the server. A hidden count gets no bar (its length would give it
    away), only its label. `items` are (label, Cell or int)."""
    values = [
        (label, value if isinstance(value, suppression.Cell) else suppression.Cell(value)) for label, value in items
    ]
    largest = max((cell.value for _, cell in values if not cell.hidden), default=0) or 1
    bars = []
    for index, (label, cell) in enumerate(values):
        width = 0 if cell.hidden else round(CHART_WIDTH * cell.value / largest)
        bars.append({"label": label, "cell": cell, "width": width, "y": index * 22})
    return {"bars": bars, "height": len(bars) * 22 + 4, "width": CHART_WIDTH + 60, "label_x": CHART_WIDTH + 6}


def _level_order():
    return When_(
        *[When(level=level, then=Value(index)) for index, level in enumerate(Measure.Level.values)],
        output_field=IntegerField(),
    )


def measures_section(municipality: Municipality, period: Period) -> dict:
    measures = (
        Measure.objects.filter(municipality=municipality)
        .exclude(started_on__gt=period.end)
        .filter(~Q(status=Measure.Status.ENDED) | Q(ended_on__gte=period.start))
    )
    counts = {
        (row["level"], row["status"]): row["n"]
        for row in measures.order_by().values("level", "status").annotate(n=Count("pk"))
    }
    levels = [level for level in Measure.Level if any(counts.get((level.value, s), 0) for s in Measure.Status.values)]
    by_level_status = {
        "statuses": [str(status.label) for status in Measure.Status],
        "rows": [
            {
                "label": str(level.label),
                "cells": [counts.get((level.value, status), 0) for status in Measure.Status.values],
                "total": sum(counts.get((level.value, status), 0) for status in Measure.Status.values),
            }
            for level in levels
        ],
        "total": sum(counts.values()),
    }
    listing = (
        measures.select_related("responsible_service")
        .prefetch_related(Prefetch("partner_services", queryset=Service.objects.only("name").order_by("name")))
        .annotate(level_order=_level_order())
        .order_by("level_order", "name")
        .only("name", "description", "target_group", "level", "status", "status_note", "responsible_service__name")
    )
    catalogue = []
    for measure in listing:
        if not catalogue or catalogue[-1]["level"] != measure.level:
            catalogue.append({"level": measure.level, "label": measure.get_level_display(), "measures": []})
        catalogue[-1]["measures"].append(measure)

    evaluated = Evaluation.objects.filter(_in("evaluated_on", period), measure=OuterRef("pk"))
    evaluation_counts = measures.annotate(evaluated=Exists(evaluated)).aggregate(
        done=Count("pk", filter=Q(evaluated=True)),
        due=Count("pk", filter=Q(evaluated=True) | Q(next_evaluation_on__lte=period.end)),
        not_done=Count("pk", filter=Q(evaluated=False, next_evaluation_on__lte=period.end)),
        knowledge_based=Count("pk", filter=~Q(programme="")),
    )
    not_evaluated = list(
        measures.annotate(evaluated=Exists(evaluated))
        .filter(evaluated=False, next_evaluation_on__lte=period.end)
        .order_by("next_evaluation_on", "name")
        .values_list("name", flat=True)[:NOT_EVALUATED_LISTED]
    )
    decisions = {
        row["decision"]: row["n"]
        for row in Evaluation.objects.filter(_in("evaluated_on", period), measure__municipality=municipality)
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
    }
    # The plan's inter-municipal and specialist partners (§11.5): listed apart, never counted as a level.
    partners = list(
        CataloguePartner.objects.filter(municipality=municipality)
        .select_related("service")
        .only("name", "description", "offer", "service__name")
    )
    return {
        "partners": partners,
        "has_measures": by_level_status["total"] > 0,
        "by_level_status": by_level_status,
        "level_chart": bar_chart([(row["label"], row["total"]) for row in by_level_status["rows"]]),
        "catalogue": catalogue,
        "evaluations": evaluation_counts,
        "not_evaluated": not_evaluated,
        "decisions": [(str(label), decisions.get(value, 0)) for value, label in Evaluation.Decision.choices],
    }


def collaboration_section(municipality: Municipality, period: Period) -> dict:
    today = timezone.localdate()
    overdue_before = min(period.end + timedelta(days=1), today)
    meetings = Meeting.objects.filter(_in("starts_at", period, datetime_field=True), structure=OuterRef("pk"))
    held = meetings.filter(status=Meeting.Status.HELD)
    on_time = Minutes.objects.filter(
        meeting=OuterRef("pk"),
        status=Minutes.Status.APPROVED,
        approved_at__lte=ExpressionWrapper(
            OuterRef("starts_at") + timedelta(days=MINUTES_ON_TIME_DAYS), output_field=DateTimeField()
        ),
    )
    actions = ActionItem.objects.filter(_in("due_on", period), structure=OuterRef("pk"))
    structures = (
        MeetingStructure.objects.filter(municipality=municipality)
        .annotate(
            planned=count_of(meetings.exclude(status=Meeting.Status.CANCELLED)),
            held_count=count_of(held),
            cancelled=count_of(meetings.filter(status=Meeting.Status.CANCELLED)),
            minutes_on_time=count_of(held.filter(Exists(on_time))),
            actions_due=count_of(actions),
            actions_done=count_of(actions.filter(status=ActionItem.Status.DONE)),
            actions_overdue=count_of(actions.filter(status=ActionItem.Status.OPEN, due_on__lt=overdue_before)),
        )
        .order_by("level", "name")
    )
    rows = [
        {
            "structure": structure,
            "expected": EXPECTED_MEETINGS.get(structure.cadence),
            "planned": structure.planned,
            "held": structure.held_count,
            "cancelled": structure.cancelled,
            "minutes_on_time": structure.minutes_on_time,
            "actions_due": structure.actions_due,
            "actions_done": structure.actions_done,
            "actions_overdue": structure.actions_overdue,
        }
        for structure in structures
    ]
    attendance = list(
        Attendance.objects.filter(
            _in("meeting__starts_at", period, datetime_field=True),
            meeting__structure__municipality=municipality,
            meeting__status=Meeting.Status.HELD,
        )
        .order_by("service_name")
        .values("service_name")
        .annotate(
            present=Count("pk", filter=Q(status__in=[Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE])),
            absent=Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
        )
    )
    return {
        "has_structures": bool(rows),
        "structures": rows,
        "attendance": attendance,
        "held_total": sum(row["held"] for row in rows),
        "overdue_before": overdue_before,
    }


def forum_section(municipality: Municipality, period: Period) -> dict:
    """Who evaluated and when: the plan-evaluating forum, its evaluation meeting in the period, and who took
    part, by service."""
    forum = MeetingStructure.objects.filter(municipality=municipality, evaluates_plan=True).first()
    if forum is None:
        return {"forum": None}
    in_period = forum.meetings.filter(_in("starts_at", period, datetime_field=True)).exclude(
        status=Meeting.Status.CANCELLED
    )
    meeting = in_period.filter(evaluates_plan=True).order_by("-starts_at").first() or (
        in_period.filter(status=Meeting.Status.HELD).order_by("-starts_at").first()
    )
    participants = []
    if meeting is not None:
        participants = list(
            Attendance.objects.filter(meeting=meeting)
            .order_by("service_name")
            .values("service_name")
            .annotate(
                present=Count("pk", filter=Q(status__in=[Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE]))
            )
        )
    seats = list(forum.seat_positions().order_by("title").values_list("title", "service__name").distinct()[:40])
    return {"forum": forum, "meeting": meeting, "participants": participants, "seats": seats}


def _median_days(queryset, field: str) -> tuple[int, float | None]:
    """(how many, the median of `field`, a duration) counted and picked in the database: the middle one or two
    values by ORDER BY … OFFSET, which works on PostgreSQL and on the demo's SQLite alike. The median is None
    when too few cases lie under it (suppression.median_shown)."""
    count = queryset.count()
    if not suppression.median_shown(count):
        return count, None
    middle = list(queryset.order_by(field).values_list(field, flat=True)[(count - 1) // 2 : count // 2 + 1])
    days = [value.total_seconds() / 86400 if isinstance(value, timedelta) else float(value) for value in middle]
    return count, round(sum(days) / len(days), 1)


def cases_section(municipality: Municipality, period: Period) -> dict:
    cases = Case.objects.filter(municipality=municipality)
    if not cases.exists():
        return {"recorded": False}
    new = cases.filter(_in("registered_at", period, datetime_field=True))
    grid_counts = {
        (row["level"], row["owning_service__kind"]): row["n"]
        for row in new.order_by().values("level", "owning_service__kind").annotate(n=Count("pk"))
    }
    kind_labels = dict(Service.Kind.choices)
    kinds = sorted({kind for _, kind in grid_counts}, key=lambda kind: str(kind_labels.get(kind, kind)))
    by_level_service = suppression.protect_table(
        [str(label) for label in Case.Level.labels],
        [str(kind_labels.get(kind, kind)) for kind in kinds],
        [[grid_counts.get((level, kind), 0) for kind in kinds] for level in Case.Level.values],
    )

    history = Case.history.model.objects
    previous_level = history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by("-history_id")
    moves = (
        history.filter(_in("history_date", period, datetime_field=True), municipality_id=municipality.pk)
        .annotate(before=Subquery(previous_level.values("level")[:1]))
        .aggregate(
            up=Count("history_id", filter=Q(level__gt=F("before"))),
            down=Count("history_id", filter=Q(level__lt=F("before"))),
        )
    )
    movements = suppression.protect_counts([(_("Opp et nivå eller flere"), moves["up"]), (_("Ned"), moves["down"])])

    closed = {
        row["closure_reason"]: row["n"]
        for row in cases.filter(_in("closed_at", period, datetime_field=True))
        .order_by()
        .values("closure_reason")
        .annotate(n=Count("pk"))
    }
    closures = suppression.protect_counts(
        [(str(label), closed.get(value, 0)) for value, label in Case.ClosureReason.choices]
    )

    registered_day = TruncDate("registered_at")
    to_decision = new.filter(decided_on__isnull=False).annotate(
        days=ExpressionWrapper(F("decided_on") - registered_day, output_field=DurationField())
    )
    first_measure = CaseMeasure.objects.filter(case=OuterRef("pk")).order_by("starts_on").values("starts_on")[:1]
    to_measure = (
        new.annotate(first_measure=Subquery(first_measure))
        .filter(first_measure__isnull=False)
        .annotate(days=ExpressionWrapper(F("first_measure") - registered_day, output_field=DurationField()))
    )
    decision_n, decision_median = _median_days(to_decision, "days")
    measure_n, measure_median = _median_days(to_measure, "days")

    reports_sent = ChildWelfareReport.objects.filter(_in("sent_on", period), case__municipality=municipality).count()
    answers = {
        row["answer"]: row["n"]
        for row in Referral.objects.filter(_in("sent_on", period), case__municipality=municipality)
        .order_by()
        .values("answer")
        .annotate(n=Count("pk"))
    }
    referrals = suppression.protect_counts(
        [(str(label), answers.get(value, 0)) for value, label in Referral.Answer.choices]
    )

    active = cases.filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.start_at), registered_at__lt=period.end_before
    )
    voice = Q(Exists(LogEntry.objects.filter(case=OuterRef("pk")).exclude(child_voice=""))) | Q(
        Exists(Concern.objects.filter(case=OuterRef("pk")).exclude(child_voice=""))
    )
    figures = active.aggregate(
        total=Count("pk"),
        voice=Count("pk", filter=voice),
        plan=Count("pk", filter=Q(individual_plan_started_on__isnull=False)),
        coordinator=Count("pk", filter=Q(child_coordinator__isnull=False)),
        group=Count("pk", filter=~Q(responsibility_group="")),
        goals=Count("pk", filter=~Q(child_goals="")),
    )
    return {
        "recorded": True,
        "new": by_level_service,
        "level_chart": bar_chart([(label, total) for label, _, total in by_level_service.rows]),
        "movements": movements,
        "closures": closures,
        "decision": {"n": suppression.protect_count(decision_n), "median": decision_median},
        "first_measure": {"n": suppression.protect_count(measure_n), "median": measure_median},
        "child_welfare_reports": suppression.protect_count(reports_sent),
        "referrals": referrals,
        "active": suppression.protect_count(figures["total"]),
        "voice": {
            "cell": suppression.protect_count(figures["voice"]),
            "share": suppression.share(figures["voice"], figures["total"]),
        },
        "participation": [
            (_("Barnets egne mål skrevet ned"), suppression.protect_count(figures["goals"])),
            (_("Individuell plan"), suppression.protect_count(figures["plan"])),
            (_("Barnekoordinator"), suppression.protect_count(figures["coordinator"])),
            (_("Ansvarsgruppe"), suppression.protect_count(figures["group"])),
        ],
    }


def indicators_section(municipality: Municipality, period: Period) -> list[Indicator]:
    """The challenge picture's figures, newest year of each indicator first, with the age of the data in years
    at the end of the period."""
    return list(
        Indicator.objects.filter(municipality=municipality, year__lte=period.end.year)
        .annotate(age=ExpressionWrapper(Value(period.end.year) - F("year"), output_field=IntegerField()))
        .order_by("source", "name", "-year")
    )


def competence_section(municipality: Municipality) -> list[Competence]:
    """Who is trained in what, per service (staff, not children: shown as recorded)."""
    return list(Competence.objects.filter(municipality=municipality).select_related("service"))


def report_context(municipality: Municipality, kind: str, year: int) -> dict:
    """Everything the report shows, for the preview and the PDF alike."""
    period = Period.of(kind, year)
    texts = ReportText.objects.filter(municipality=municipality, kind=kind, year=year).first() or ReportText(
        municipality=municipality, kind=kind, year=year
    )
    today = timezone.localdate()
    return {
        "municipality": municipality,
        "period": period,
        "period_open": period.end >= today,
        "today": today,
        "threshold": suppression.threshold(),
        "texts": texts,
        "missing_texts": texts.missing_parts(),
        "indicators": indicators_section(municipality, period),
        "competence": competence_section(municipality),
        "forum": forum_section(municipality, period),
        "measures": measures_section(municipality, period),
        "collaboration": collaboration_section(municipality, period),
        "cases": cases_section(municipality, period),
    }
