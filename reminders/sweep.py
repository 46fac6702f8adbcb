"""What is due, for whom: each finder yields candidates with a unique key; `sweep` records the new ones.

A finder reads in one query per municipality (the numbers are the municipality's settings) and yields plain
candidates; `record` turns a batch of them into notification rows with one query to find which keys exist and
one insert. So a sweep over a large municipality makes a fixed number of queries per batch of 1,000 and holds
no more than a batch in memory.

Nothing a finder writes names a child or says what a case is about: titles name the kind of item, the meeting
structure, a date, a case number at most.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseMeasure, Handover
from collaboration.models import ActionItem, Invitation, Meeting, MeetingStructure, Minutes, MinutesEntry
from measures.models import Measure
from organisation.models import Municipality, Position
from reminders.models import Kind, MunicipalitySettings, Notification, SweepState

BATCH = 1000
MEETING_NOTICES = (Kind.MEETING_INVITATION, Kind.MEETING_UPDATED)


@dataclass(frozen=True)
class Candidate:
    key: str
    kind: str
    recipient_id: int
    title: str
    url: str
    body: str = ""
    meeting_id: int | None = None
    ics_method: str = ""
    ics_sequence: int | None = None
    # Recorded without e-mail: it happened before reminders started (see SweepState).
    before_start: bool = field(default=False, compare=False)


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j. F Y \\k\\l. H:i")


def _day(day: date) -> str:
    return formats.date_format(day, "j. F Y")


def municipal_settings() -> dict[int, MunicipalitySettings]:
    """Every municipality's numbers, the defaults where it has set none."""
    saved = {row.municipality_id: row for row in MunicipalitySettings.objects.all()}
    return {
        pk: saved.get(pk) or MunicipalitySettings(municipality_id=pk)
        for pk in Municipality.objects.values_list("pk", flat=True)
    }


def _service_people(service_ids: set[int], *, leaders: bool = False) -> dict[int, list[int]]:
    """The active holders of positions in each service (only its leaders, with `leaders`)."""
    rows = Position.objects.filter(service_id__in=service_ids, holder__is_active=True)
    if leaders:
        rows = rows.filter(role=Position.Role.SERVICE_LEADER)
    people: dict[int, list[int]] = {}
    for service_id, person_id in rows.values_list("service_id", "holder_id"):
        people.setdefault(service_id, []).append(person_id)
    return people


# --- Meetings ------------------------------------------------------------------------------------------------


def meeting_notices(now: datetime, started_at: datetime) -> Iterator[Candidate]:
    """Invitations to convened meetings ahead (a new SEQUENCE after a move is a new notice), cancellations to
    whoever was told of the meeting, and a cancellation to a former seat holder no longer invited."""
    told = {}
    for meeting_id, person_id, sequence, pk in Notification.objects.filter(
        kind__in=MEETING_NOTICES, meeting__starts_at__gte=now - timedelta(days=1)
    ).values_list("meeting_id", "recipient_id", "ics_sequence", "pk"):
        told.setdefault((meeting_id, person_id), []).append((sequence, pk))
    invitations = (
        Invitation.objects.filter(
            meeting__status=Meeting.Status.CONVENED, meeting__starts_at__gte=now, person__is_active=True
        )
        .select_related("meeting__structure")
        .order_by("meeting_id", "person_id")
    )
    invited = set()
    for invitation in invitations.iterator(chunk_size=BATCH):
        meeting = invitation.meeting
        invited.add((meeting.pk, invitation.person_id))
        earlier = told.get((meeting.pk, invitation.person_id), [])
        if any(sequence == meeting.sequence for sequence, _pk in earlier):
            continue
        kind = Kind.MEETING_UPDATED if earlier else Kind.MEETING_INVITATION
        title = (
            _("Møtet i %(structure)s er endret: %(when)s") if earlier else _("Innkalling: %(structure)s %(when)s")
        ) % {"structure": meeting.structure.name, "when": _when(meeting.starts_at)}
        yield Candidate(
            key=f"meeting:{meeting.pk}:seq:{meeting.sequence}:person:{invitation.person_id}",
            kind=kind,
            recipient_id=invitation.person_id,
            title=title,
            body=_("Saksliste og referat finner du i Laget. Kalenderinvitasjonen er vedlagt."),
            url=meeting.get_absolute_url(),
            meeting_id=meeting.pk,
            ics_method="REQUEST",
            ics_sequence=meeting.sequence,
            before_start=not earlier and meeting.convened_at is not None and meeting.convened_at < started_at,
        )
    meetings = {
        meeting.pk: meeting
        for meeting in Meeting.objects.filter(pk__in={meeting_id for meeting_id, _p in told}).select_related(
            "structure"
        )
    }
    for (meeting_id, person_id), earlier in told.items():
        meeting = meetings.get(meeting_id)
        if meeting is None:
            continue
        latest = max(pk for _sequence, pk in earlier)
        if meeting.status == Meeting.Status.CANCELLED:
            key = f"meeting:{meeting_id}:cancelled:seq:{meeting.sequence}:person:{person_id}"
            title = _("Avlyst: %(structure)s %(when)s")
        elif (
            meeting.status == Meeting.Status.CONVENED
            and meeting.starts_at >= now
            and (meeting_id, person_id) not in invited
        ):
            key = f"meeting:{meeting_id}:uninvited:after:{latest}:person:{person_id}"
            title = _("Du er ikke lenger innkalt: %(structure)s %(when)s")
        else:
            continue
        yield Candidate(
            key=key,
            kind=Kind.MEETING_CANCELLED,
            recipient_id=person_id,
            title=title % {"structure": meeting.structure.name, "when": _when(meeting.starts_at)},
            body=_("Kalenderen din oppdateres med vedlegget."),
            url=meeting.get_absolute_url(),
            meeting_id=meeting_id,
            ics_method="CANCEL",
            ics_sequence=meeting.sequence,
        )


def meeting_reminders(now: datetime, numbers: dict[int, MunicipalitySettings]) -> Iterator[Candidate]:
    for municipality_id, settings in numbers.items():
        horizon = now + timedelta(days=settings.meeting_reminder_days)
        invitations = (
            Invitation.objects.filter(
                meeting__structure__municipality_id=municipality_id,
                meeting__status=Meeting.Status.CONVENED,
                meeting__starts_at__gt=now,
                meeting__starts_at__lte=horizon,
                person__is_active=True,
            )
            .select_related("meeting__structure")
            .order_by("meeting_id", "person_id")
        )
        for invitation in invitations.iterator(chunk_size=BATCH):
            meeting = invitation.meeting
            yield Candidate(
                key=f"meeting:{meeting.pk}:reminder:{meeting.starts_at:%Y%m%d%H%M}:person:{invitation.person_id}",
                kind=Kind.MEETING_REMINDER,
                recipient_id=invitation.person_id,
                title=_("Påminnelse: %(structure)s %(when)s")
                % {"structure": meeting.structure.name, "when": _when(meeting.starts_at)},
                url=meeting.get_absolute_url(),
            )


def minutes_notices(
    now: datetime, started_at: datetime, numbers: dict[int, MunicipalitySettings]
) -> Iterator[Candidate]:
    written = MinutesEntry.objects.filter(minutes__meeting=OuterRef("pk"))
    for municipality_id, settings in numbers.items():
        overdue = (
            Meeting.objects.filter(
                structure__municipality_id=municipality_id,
                status__in=[Meeting.Status.CONVENED, Meeting.Status.HELD],
                starts_at__lte=now - timedelta(days=settings.minutes_unwritten_days),
                starts_at__gte=now - timedelta(days=settings.minutes_unwritten_days + 60),
                structure__minute_takers__holder__is_active=True,
            )
            .exclude(Exists(written))
            # One row per meeting and holder of a minute-taker seat (the filter's join): each of them is told.
            .values_list("pk", "structure__name", "starts_at", "structure__minute_takers__holder_id")
            .distinct()
            .order_by("pk", "structure__minute_takers__holder_id")
        )
        for pk, structure_name, starts_at, person_id in overdue.iterator(chunk_size=BATCH):
            yield Candidate(
                key=f"minutes:meeting:{pk}:unwritten:person:{person_id}",
                kind=Kind.MINUTES_UNWRITTEN,
                recipient_id=person_id,
                title=_("Referatet fra %(structure)s %(when)s er ikke skrevet")
                % {"structure": structure_name, "when": _when(starts_at)},
                url=reverse("collaboration:meeting-detail", args=[pk]),
            )
    drafts = (
        Minutes.objects.filter(
            status=Minutes.Status.DRAFT,
            meeting__starts_at__lte=now,
            meeting__starts_at__gte=now - timedelta(days=120),
            meeting__structure__conveners__holder__is_active=True,
        )
        .filter(Exists(MinutesEntry.objects.filter(minutes=OuterRef("pk"))))
        # One row per version and holder of a convener seat: any of them may approve, each is told.
        .values_list(
            "pk",
            "meeting_id",
            "meeting__structure__name",
            "meeting__starts_at",
            "meeting__structure__conveners__holder_id",
        )
        .distinct()
        .order_by("pk", "meeting__structure__conveners__holder_id")
    )
    for pk, meeting_id, structure_name, starts_at, person_id in drafts.iterator(chunk_size=BATCH):
        yield Candidate(
            key=f"minutes:{pk}:approve:person:{person_id}",
            kind=Kind.MINUTES_TO_APPROVE,
            recipient_id=person_id,
            title=_("Referatet fra %(structure)s %(when)s venter på godkjenning")
            % {"structure": structure_name, "when": _when(starts_at)},
            url=reverse("collaboration:meeting-detail", args=[meeting_id]),
        )
    approved = Invitation.objects.filter(
        meeting__minutes_versions__status=Minutes.Status.APPROVED,
        meeting__minutes_versions__approved_at__gte=max(started_at, now - timedelta(days=30)),
        person__is_active=True,
    ).values_list(
        "meeting_id", "person_id", "meeting__minutes_versions__pk", "meeting__structure__name", "meeting__starts_at"
    )
    for meeting_id, person_id, minutes_id, structure, starts_at in approved.iterator(chunk_size=BATCH):
        yield Candidate(
            key=f"minutes:{minutes_id}:approved:person:{person_id}",
            kind=Kind.MINUTES_APPROVED,
            recipient_id=person_id,
            title=_("Referatet fra %(structure)s %(when)s er godkjent")
            % {"structure": structure, "when": _when(starts_at)},
            url=reverse("collaboration:meeting-detail", args=[meeting_id]),
        )


# --- Action items and measures -------------------------------------------------------------------------------


def action_notices(today: date, items_before: int, numbers: dict[int, MunicipalitySettings]) -> Iterator[Candidate]:
    """A new item to its owner (a person, or everyone in the owning service); due soon; overdue, then weekly.
    Items that existed when reminders started (pk up to `items_before`) are not announced by e-mail."""
    for municipality_id, settings in numbers.items():
        items = ActionItem.objects.filter(structure__municipality_id=municipality_id, status=ActionItem.Status.OPEN)
        people = _service_people(set(items.exclude(owner_service=None).values_list("owner_service_id", flat=True)))
        rows = items.values_list("pk", "owner_person_id", "owner_service_id", "due_on", "meeting_id", "structure__name")
        for pk, person, service, due_on, meeting_id, where in rows.order_by("pk").iterator(chunk_size=BATCH):
            url = reverse("collaboration:meeting-detail", args=[meeting_id])
            for person_id in [person] if person else people.get(service, []):
                yield Candidate(
                    key=f"action:{pk}:assigned:person:{person_id}",
                    kind=Kind.ACTION_ASSIGNED,
                    recipient_id=person_id,
                    title=_("Ny oppgave fra %(structure)s, frist %(due)s") % {"structure": where, "due": _day(due_on)},
                    url=url,
                    before_start=pk <= items_before,
                )
                if today <= due_on <= today + timedelta(days=settings.action_due_days):
                    yield Candidate(
                        key=f"action:{pk}:due:{due_on:%Y%m%d}:person:{person_id}",
                        kind=Kind.ACTION_DUE,
                        recipient_id=person_id,
                        title=_("Oppgave fra %(structure)s har frist %(due)s")
                        % {"structure": where, "due": _day(due_on)},
                        url=url,
                    )
                elif due_on < today:
                    week = (today - due_on).days // 7
                    yield Candidate(
                        key=f"action:{pk}:overdue:{due_on:%Y%m%d}:week:{week}:person:{person_id}",
                        kind=Kind.ACTION_OVERDUE,
                        recipient_id=person_id,
                        title=_("Oppgave fra %(structure)s er over fristen (%(due)s)")
                        % {"structure": where, "due": _day(due_on)},
                        url=url,
                    )


def measure_notices(today: date) -> Iterator[Candidate]:
    measures = list(
        Measure.objects.evaluation_overdue(today + timedelta(days=1)).values_list(
            "pk", "name", "next_evaluation_on", "responsible_service_id"
        )
    )
    leaders = _service_people({service_id for *_rest, service_id in measures}, leaders=True)
    for pk, name, due, service_id in measures:
        for person_id in leaders.get(service_id, []):
            yield Candidate(
                key=f"measure:{pk}:evaluation:{due:%Y%m%d}:person:{person_id}",
                kind=Kind.MEASURE_EVALUATION,
                recipient_id=person_id,
                title=_("Tiltaket «%(name)s» skal evalueres (%(due)s)") % {"name": name, "due": _day(due)},
                url=reverse("measures:measure-detail", args=[pk]),
            )


# --- Cases: to the stafettholder, never more than the kind and the case number --------------------------------


def case_notices(today: date, numbers: dict[int, MunicipalitySettings]) -> Iterator[Candidate]:
    open_cases = Case.objects.filter(closed_at__isnull=True, holder__is_active=True)
    for pk, holder_id, due in open_cases.filter(level=0, decided_on__isnull=True, decision_due__lt=today).values_list(
        "pk", "holder_id", "decision_due"
    ):
        yield Candidate(
            key=f"case:{pk}:decision:{due:%Y%m%d}:person:{holder_id}",
            kind=Kind.CASE_DECISION,
            recipient_id=holder_id,
            title=_("Sak %(number)s: bekymringen skulle vært besluttet %(due)s") % {"number": pk, "due": _day(due)},
            url=reverse("cases:detail", args=[pk]),
        )
    measures = CaseMeasure.objects.filter(
        case__closed_at__isnull=True, case__holder__is_active=True, evaluate_on__lte=today
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
    for pk, case_id, holder_id, due in measures.values_list("pk", "case_id", "case__holder_id", "evaluate_on").iterator(
        chunk_size=BATCH
    ):
        yield Candidate(
            key=f"casemeasure:{pk}:evaluation:{due:%Y%m%d}:person:{holder_id}",
            kind=Kind.CASE_MEASURE_EVALUATION,
            recipient_id=holder_id,
            title=_("Sak %(number)s: et tiltak skal evalueres (%(due)s)") % {"number": case_id, "due": _day(due)},
            url=reverse("cases:detail", args=[case_id]) + "#tiltak",
        )
    for municipality_id, settings in numbers.items():
        quiet_since = today - timedelta(weeks=settings.case_silent_weeks)
        silent = (
            open_cases.filter(municipality_id=municipality_id)
            .annotate(last=Max("log_entries__occurred_on"))
            .filter(last__lt=quiet_since)
            .values_list("pk", "holder_id", "last")
        )
        for pk, holder_id, last in silent.iterator(chunk_size=BATCH):
            yield Candidate(
                key=f"case:{pk}:silent:{last:%Y%m%d}:person:{holder_id}",
                kind=Kind.CASE_SILENT,
                recipient_id=holder_id,
                title=_("Sak %(number)s: ingen loggføring siden %(last)s") % {"number": pk, "last": _day(last)},
                url=reverse("cases:detail", args=[pk]),
            )
    waiting = Handover.objects.filter(answered_at__isnull=True, to_user__is_active=True, case__closed_at__isnull=True)
    for pk, case_id, person_id in waiting.values_list("pk", "case_id", "to_user_id"):
        yield Candidate(
            key=f"handover:{pk}:person:{person_id}",
            kind=Kind.HANDOVER_WAITING,
            recipient_id=person_id,
            title=_("Sak %(number)s: stafettpinnen venter på deg") % {"number": case_id},
            url=reverse("cases:detail", args=[case_id]),
        )


def plan_notices(today: date, numbers: dict[int, MunicipalitySettings]) -> Iterator[Candidate]:
    forums = (
        MeetingStructure.objects.filter(evaluates_plan=True, conveners__holder__is_active=True)
        .values_list("pk", "name", "municipality_id", "conveners__holder_id")
        .distinct()
    )
    for pk, name, municipality_id, person_id in forums:
        settings = numbers.get(municipality_id)
        if settings is None or today.month < settings.plan_evaluation_month:
            continue
        yield Candidate(
            key=f"plan:{pk}:{today.year}:person:{person_id}",
            kind=Kind.PLAN_EVALUATION,
            recipient_id=person_id,
            title=_("%(structure)s: årets evaluering av planen og årsrapporten skal gjøres") % {"structure": name},
            url=reverse("collaboration:structure-detail", args=[pk]),
        )


def candidates(now: datetime, state: SweepState) -> Iterator[Candidate]:
    today = timezone.localdate(now)
    numbers = municipal_settings()
    yield from meeting_notices(now, state.started_at)
    yield from meeting_reminders(now, numbers)
    yield from minutes_notices(now, state.started_at, numbers)
    yield from action_notices(today, state.action_items_before, numbers)
    yield from measure_notices(today)
    yield from case_notices(today, numbers)
    yield from plan_notices(today, numbers)


def batches(items: Iterable[Candidate], size: int = BATCH) -> Iterator[list[Candidate]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
