"""What a meeting shows about its agenda items and action items, for one viewer.

Every page, form and document that shows an agenda item or an action item (the meeting page, the minutes
form, the minutes PDF, the start page) reads it through here, and so do the writes that copy an item's text
(carrying action items to the next agenda). Today every viewer who may open a meeting sees its items as
written; a case discussed without consent will be shown here under a pseudonym (the consent issue), without
touching the pages.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collaboration.access import may_assign_action_item, may_close_action_item, seat_counts, seats_for
from collaboration.models import ActionItem, AgendaItem, Attendance, Meeting, MeetingStructure, Minutes, SeatAcceptance
from organisation.models import Position


@dataclass(frozen=True)
class AgendaLine:
    pk: int
    number: int
    kind: str
    kind_label: str
    title: str
    description: str
    owner: str
    due_on: date | None
    follow_ups: tuple = ()  # «Oppfølging av oppgaver»: each open item with owner, due date and source meeting


@dataclass(frozen=True)
class ActionLine:
    pk: int
    what: str
    owner: str
    due_on: date
    status: str
    status_label: str
    structure_name: str
    meeting_id: int
    may_close: bool
    meeting_starts_at: object = None
    may_reopen: bool = False
    hidden: bool = False  # an individual-case item seen without a seat: no text, no link to its meeting
    may_assign: bool = False
    owner_service_id: int | None = None
    owner_person_id: int | None = None


@dataclass(frozen=True)
class SeatedParticipant:
    """The reader a stored document is made for, instead of one person: anyone with a counting seat in the
    structure, and no duty beyond reading (so nothing is offered to close)."""

    structure_id: int


def agenda_for(meeting: Meeting, viewer) -> list[AgendaLine]:
    """The meeting's agenda as this viewer may see it, in order (the caller has checked that the viewer may see
    the meeting)."""
    items = list(
        meeting.agenda_items.select_related(
            "action_item", "action_item__owner_person", "action_item__owner_service"
        ).order_by("order", "pk")
    )
    standing_follow_up = any(item.kind == AgendaItem.Kind.FOLLOW_UP and item.action_item_id is None for item in items)
    follow_ups = tuple(action_lines(follow_up_items(meeting), viewer)) if standing_follow_up else ()
    return [
        AgendaLine(
            pk=item.pk,
            number=number,
            kind=item.kind,
            kind_label=str(AgendaItem.Kind(item.kind).label),
            title=item.title,
            description=item.description,
            owner=str(item.action_item.owner) if item.action_item else "",
            due_on=item.action_item.due_on if item.action_item else None,
            follow_ups=follow_ups if item.kind == AgendaItem.Kind.FOLLOW_UP and item.action_item_id is None else (),
        )
        for number, item in enumerate(items, start=1)
    ]


FOLLOW_UP_TITLE = gettext_lazy("Oppfølging av oppgaver")


def follow_up_items(meeting: Meeting) -> QuerySet[ActionItem]:
    """The action items a meeting follows up: those of its structure from earlier meetings that were still open
    when it started (open now, or done since). Before the meeting that is what is open now; afterwards the list
    stays what it was on the day, done or not since."""
    return (
        ActionItem.objects.filter(structure_id=meeting.structure_id, meeting__starts_at__lt=meeting.starts_at)
        .filter(Q(status=ActionItem.Status.OPEN) | Q(done_at__gte=meeting.starts_at))
        .order_by("due_on", "pk")
    )


def action_lines(items: QuerySet[ActionItem], viewer, *, meeting: Meeting | None = None) -> list[ActionLine]:
    """Action items as this viewer may see them. An item of an individual-case structure where the viewer has no
    counting seat (an owning service's member without a seat) shows only that it exists and when it is due.
    The viewer may be a SeatedParticipant (a stored document). Items of one meeting already read (its page, its
    minutes) take their meeting and structure from it rather than from a join."""
    document = isinstance(viewer, SeatedParticipant)
    seated = {viewer.structure_id} if document else seats_for(viewer).seated_ids
    lines = []
    joined = ("owner_person", "owner_service") if meeting else ("structure", "meeting", "owner_person", "owner_service")
    for item in items.select_related(*joined):
        if meeting is not None and item.meeting_id == meeting.pk and item.structure_id == meeting.structure_id:
            item.meeting, item.structure = meeting, meeting.structure
        hidden = item.structure.level == MeetingStructure.Level.INDIVIDUAL and item.structure_id not in seated
        may_change = not document and may_close_action_item(viewer, item)
        lines.append(
            ActionLine(
                pk=item.pk,
                what=item.what if not hidden else _("Oppgave fra et møte om enkeltsaker"),
                owner=str(item.owner),
                due_on=item.due_on,
                status=item.status,
                status_label=str(ActionItem.Status(item.status).label),
                structure_name=item.structure.name,
                meeting_id=item.meeting_id,
                may_close=may_change and item.status == ActionItem.Status.OPEN,
                meeting_starts_at=item.meeting.starts_at,
                may_reopen=may_change and item.status == ActionItem.Status.DONE,
                hidden=hidden,
                may_assign=not document
                and item.status == ActionItem.Status.OPEN
                and may_assign_action_item(viewer, item),
                owner_service_id=item.owner_service_id,
                owner_person_id=item.owner_person_id,
            )
        )
    return lines


def minutes_context(meeting: Meeting, viewer, minutes: Minutes | None = None) -> dict:
    """What the meeting page and the minutes PDF show of a version of the minutes (the newest unless one is
    given), attendance and action items, as this viewer may see them."""
    if minutes is None:
        # Every version in one query (the page lists them), the newest first, with who approved it.
        versions = list(meeting.minutes_versions.select_related("approved_by").order_by("-version"))
        minutes = versions[0] if versions else None
    else:
        versions = meeting.minutes_versions.order_by("-version")
    lines = agenda_for(meeting, viewer)
    # Unordered: they are looked up by agenda item (the model's ordering would join the agenda items again).
    entries = {entry.agenda_item_id: entry for entry in minutes.entries.order_by()} if minutes else {}
    # Progress notes belong to «Oppfølging av oppgaver» only: read them when the agenda follows items up.
    following_up = minutes and any(line.follow_ups for line in lines)
    notes = {note.action_item_id: note.note for note in minutes.progress_notes.all()} if following_up else {}
    agenda = [
        {
            "item": line,
            "entry": entries.get(line.pk),
            # «Oppfølging av oppgaver»: each followed-up item with what the minutes say of its progress.
            "progress": [(followed, notes.get(followed.pk, "")) for followed in line.follow_ups],
        }
        for line in lines
    ]
    attendance = list(meeting.attendance.select_related("person"))
    by_service: dict[str, dict[str, int]] = {}
    for row in attendance:
        counts = by_service.setdefault(row.service_name or "–", {"present": 0, "absent": 0, "substitute": 0})
        counts[row.status] += 1
    return {
        "meeting": meeting,
        "minutes": minutes,
        "versions": versions,
        "agenda_with_minutes": agenda,
        "attendance": attendance,
        # Who met (a substitute in place of the invited), and who sent word they could not: the minutes' lists.
        "present": [row for row in attendance if row.status != Attendance.Status.ABSENT],
        "absent": [row for row in attendance if row.status == Attendance.Status.ABSENT],
        "attendance_by_service": sorted(by_service.items()),
        "action_items": action_lines(meeting.action_items.all(), viewer, meeting=meeting),
    }


def minutes_document_context(minutes: Minutes) -> dict:
    """The content of an approved version's stored PDF: what a seated participant sees of it.

    The PDF is rendered once and served to everyone who may open the meeting (access.access_meeting), so its
    content must be what every one of them may read. Today that is the same for all of them:
    - agenda_for shows every viewer the items as written;
    - action_lines hides an item's text only in an individual-case structure where the viewer has no counting
      seat, and nobody without a counting seat can open such a meeting;
    - at system level, where people without a seat may open the meeting, nothing is hidden.
    So a seated participant's view is every permitted reader's view, and one rendering per version is enough
    (tests/collaboration/test_minutes_pdf.py pins this). When a reader's view starts to differ (pseudonyms for
    a case discussed without consent), store one rendering per audience instead: a version and the audience it
    was rendered for.
    """
    meeting = minutes.meeting
    return minutes_context(meeting, SeatedParticipant(meeting.structure_id), minutes=minutes)


def invitable_seats(structure: MeetingStructure) -> list[Position]:
    """The seat positions whose holders are invited: active holders whose seat counts (see access.py)."""
    accepted = set(SeatAcceptance.objects.filter(structure=structure).values_list("position_id", "person_id"))
    return [
        position
        for position in structure.seat_positions()
        .filter(holder__isnull=False, holder__is_active=True)
        .select_related("service", "holder")
        if seat_counts(
            level=structure.level,
            structure_municipality_id=structure.municipality_id,
            role=position.role,
            host_municipality_id=position.service.host_municipality_id if position.service else None,
            accepted=(position.pk, position.holder_id) in accepted,
        )
    ]


def structures_with_seat(position_id: int) -> QuerySet[MeetingStructure]:
    """The structures where this position has a seat (member, one of the conveners or minute-takers)."""
    return MeetingStructure.objects.filter(
        Q(members=position_id) | Q(conveners=position_id) | Q(minute_takers=position_id)
    ).distinct()


def meetings_following_seat(position_id: int, now) -> list[tuple[str, int]]:
    """Per structure where the position has a seat: how many convened meetings that have not started would follow
    a change of its holder, as (structure name, count), by name."""
    rows = (
        Meeting.objects.filter(
            structure__in=structures_with_seat(position_id), status=Meeting.Status.CONVENED, starts_at__gt=now
        )
        .values_list("structure__name")
        .annotate(count=Count("pk"))
        .order_by("structure__name")
    )
    return [(name, count) for name, count in rows]
