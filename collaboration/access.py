"""Who sees and runs which meeting structure, meeting, agenda item, minutes and action item.

Built on organisation.access (municipality isolation). The rules:
- Structures and meetings at system level are visible to everyone in the municipality. Those that discuss
  individual cases only to the people whose seat (member, convener or minute-taker) counts. A structure may
  have several convener and minute-taker positions; each carries the duty.
- A seat in an individual-case structure counts only for a position in a service (never leadership, an
  administrator or a privacy officer), and, when the position is administered by another municipality (a
  shared service hosted elsewhere), only once this structure's convener or administrator has accepted its
  current holder. So nobody outside the municipality can open its cases by changing who holds a seat.
- Only a convener's seat convenes a meeting, edits its agenda and approves its minutes; conveners and
  minute-takers write minutes and record attendance and action items.
- Administrators and leadership of the municipality set structures up (name, mandate, seats) without seeing
  the meetings of an individual-case structure. Nobody gives a seat to a position they hold themselves.
Anything else answers 404. Answers are computed once per request object and never cached across requests.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext as _

from collaboration.models import ActionItem, AgendaItem, Meeting, MeetingStructure, Minutes, SeatAcceptance
from organisation.access import scope_for
from organisation.models import Position

_CACHE_ATTR = "_laget_seats"


@dataclass(frozen=True)
class Seats:
    """The structures where one user's seat counts, and which duties it carries."""

    seated_ids: frozenset[int] = frozenset()
    convener_ids: frozenset[int] = frozenset()
    writer_ids: frozenset[int] = frozenset()  # convener or minute-taker


@dataclass
class _StructureSeats:
    level: str
    municipality_id: int
    positions: set[int] = field(default_factory=set)  # the user's positions with any seat here
    convener_ids: set[int] = field(default_factory=set)  # … of them, those that convene
    minute_taker_ids: set[int] = field(default_factory=set)  # … and those that take minutes


def seat_counts(*, level: str, structure_municipality_id: int, role: str, host_municipality_id, accepted: bool):
    """The seat rule for one position in one structure (see the module docstring)."""
    if level == MeetingStructure.Level.SYSTEM:
        return True
    if role not in Position.SERVICE_ROLES:
        return False
    return host_municipality_id == structure_municipality_id or accepted


def seats_for(user) -> Seats:
    """The user's counting seats, read once for this user object (that is, once per request)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    seats = _compute_seats(user)
    if user is not None:
        setattr(user, _CACHE_ATTR, seats)
    return seats


def _compute_seats(user) -> Seats:
    scope = scope_for(user)
    if not scope.municipality_ids:
        return Seats()
    # One query over the three seat lists of the user's positions: (structure, its level and municipality, the
    # position, its role and its service's host municipality, which list).
    seat_rows = [
        through.objects.filter(position__holder=user, meetingstructure__municipality__in=scope.municipality_ids)
        .annotate(duty=Value(duty))
        .values_list(
            "meetingstructure_id",
            "meetingstructure__level",
            "meetingstructure__municipality_id",
            "position_id",
            "position__role",
            "position__service__host_municipality_id",
            "duty",
        )
        for through, duty in (
            (MeetingStructure.members.through, "member"),
            (MeetingStructure.conveners.through, "convener"),
            (MeetingStructure.minute_takers.through, "minute_taker"),
        )
    ]
    rows = list(seat_rows[0].union(*seat_rows[1:], all=True))
    if not rows:
        return Seats()
    held = {position_id: (role, host) for _s, _l, _m, position_id, role, host, _d in rows}
    structures: dict[int, _StructureSeats] = {}
    for structure_id, level, municipality_id, position_id, _role, _host, duty in rows:
        structure = structures.setdefault(structure_id, _StructureSeats(level, municipality_id))
        structure.positions.add(position_id)
        if duty == "convener":
            structure.convener_ids.add(position_id)
        elif duty == "minute_taker":
            structure.minute_taker_ids.add(position_id)
    # An acceptance decides only a service position hosted by another municipality in an individual-case
    # structure (seat_counts): read them only when there is such a seat.
    waiting_for_acceptance = {
        pk
        for pk, structure in structures.items()
        if structure.level != MeetingStructure.Level.SYSTEM
        and any(
            held[position_id][0] in Position.SERVICE_ROLES and held[position_id][1] != structure.municipality_id
            for position_id in structure.positions
        )
    }
    accepted = (
        set(
            SeatAcceptance.objects.filter(person=user, structure__in=waiting_for_acceptance).values_list(
                "structure_id", "position_id"
            )
        )
        if waiting_for_acceptance
        else set()
    )
    seated, convener, writer = set(), set(), set()
    for pk, structure in structures.items():
        counting = {
            position_id
            for position_id in structure.positions
            if seat_counts(
                level=structure.level,
                structure_municipality_id=structure.municipality_id,
                role=held[position_id][0],
                host_municipality_id=held[position_id][1],
                accepted=(pk, position_id) in accepted,
            )
        }
        if counting:
            seated.add(pk)
        if structure.convener_ids & counting:
            convener.add(pk)
            writer.add(pk)
        if structure.minute_taker_ids & counting:
            writer.add(pk)
    return Seats(frozenset(seated), frozenset(convener), frozenset(writer))


def visible_structures(user) -> QuerySet[MeetingStructure]:
    """Structures whose meetings the user may see."""
    ids = scope_for(user).municipality_ids
    return MeetingStructure.objects.filter(
        Q(municipality__in=ids, level=MeetingStructure.Level.SYSTEM) | Q(pk__in=seats_for(user).seated_ids)
    )


def seated_structures(user) -> QuerySet[MeetingStructure]:
    return MeetingStructure.objects.filter(pk__in=seats_for(user).seated_ids)


def manageable_structures(user) -> QuerySet[MeetingStructure]:
    """Structures whose set-up the user may change: those of municipalities they administer or lead."""
    return MeetingStructure.objects.filter(municipality__in=setup_municipality_ids(user))


def setup_municipality_ids(user) -> frozenset[int]:
    scope = scope_for(user)
    return scope.administered_ids | scope.leadership_ids


def can_set_up_structures(user) -> bool:
    return bool(setup_municipality_ids(user))


def can_set_up(user, structure: MeetingStructure) -> bool:
    """Administrators and leadership of the structure's municipality change its set-up."""
    return structure.municipality_id in setup_municipality_ids(user)


def is_convener(user, structure: MeetingStructure) -> bool:
    return structure.pk in seats_for(user).convener_ids


def is_minute_writer(user, structure: MeetingStructure) -> bool:
    return structure.pk in seats_for(user).writer_ids


def can_plan(user, structure: MeetingStructure) -> bool:
    """The convener, and those who set the structure up, propose its school year of meetings."""
    return is_convener(user, structure) or can_set_up(user, structure)


def sees_meetings_of(user, structure: MeetingStructure) -> bool:
    """Whether the user sees the structure's meetings: visible_structures, for one structure already read."""
    return structure.pk in seats_for(user).seated_ids or (
        structure.level == MeetingStructure.Level.SYSTEM
        and structure.municipality_id in scope_for(user).municipality_ids
    )


def visible_meetings(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(structure__in=visible_structures(user))


def _first_or_404(queryset: QuerySet, pk: int):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def access_structure(user, structure_id: int, *, manage: bool = False) -> MeetingStructure:
    """Return the structure if the user may see its meetings (or, with manage=True, change its set-up), else
    raise Http404."""
    queryset = manageable_structures(user) if manage else visible_structures(user)
    return _first_or_404(queryset.select_related("municipality"), structure_id)


def access_structure_page(user, structure_id: int) -> tuple[MeetingStructure, bool]:
    """Return the structure and whether the user sees its meetings. Those who set a structure up see its
    set-up without its meetings; everyone else who may not see the meetings gets Http404."""
    queryset = MeetingStructure.objects.filter(
        Q(pk__in=visible_structures(user)) | Q(pk__in=manageable_structures(user))
    ).select_related("municipality")
    structure = _first_or_404(queryset, structure_id)
    return structure, sees_meetings_of(user, structure)


def access_meeting(user, meeting_id: int, *, convene: bool = False, write: bool = False) -> Meeting:
    """Return the meeting if the user may see it, else raise Http404. With convene=True the user must hold one of
    the convener seats (to convene, move, cancel, set the agenda, approve); with write=True a convener's or a
    minute-taker's seat (to write minutes, attendance and action items)."""
    # Read by id and judged by sees_meetings_of, the same rule as visible_meetings without building its subquery.
    meeting = _first_or_404(Meeting.objects.select_related("structure", "structure__municipality"), meeting_id)
    if not sees_meetings_of(user, meeting.structure):
        raise Http404
    if convene and not is_convener(user, meeting.structure):
        raise Http404
    if write and not is_minute_writer(user, meeting.structure):
        raise Http404
    return meeting


def access_agenda_item(user, meeting_id: int, item_id: int) -> AgendaItem:
    """Return an agenda item of a meeting the user convenes (holds a convener seat), else raise Http404."""
    meeting = access_meeting(user, meeting_id, convene=True)
    item = _first_or_404(AgendaItem.objects.filter(meeting=meeting), item_id)
    item.meeting = meeting
    return item


def access_minutes_version(
    user, meeting_id: int, *, write: bool = False, approve: bool = False, approved: bool = False
) -> Minutes | None:
    """The newest version of a meeting's minutes (None if none is written yet; with approved=True the newest
    approved version, None if none is approved), if the user may see the meeting (write: a convener or
    minute-taker; approve: a convener), else raise Http404."""
    meeting = access_meeting(user, meeting_id, convene=approve, write=write)
    versions = meeting.minutes_versions.filter(status=Minutes.Status.APPROVED) if approved else meeting.minutes_versions
    minutes = versions.order_by("-version").first()
    if minutes is not None:
        minutes.meeting = meeting
    return minutes


def may_close_action_item(user, item: ActionItem) -> bool:
    """The owner (the person, or anyone in the owning service) and the meeting's minute writers."""
    return (
        item.owner_person_id == user.pk
        or item.owner_service_id in scope_for(user).service_ids
        or is_minute_writer(user, item.structure)
    )


def visible_action_items(user) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(structure__in=visible_structures(user))


def reachable_action_items(user) -> QuerySet[ActionItem]:
    """Action items the user may find on their list: those of structures whose meetings they see, and those owned
    by them or by a service they work in even without a seat (an owning service's leader must see the item to
    hand it on). Where the user has no seat in an individual-case structure, selectors.action_lines shows only
    that the item exists and when it is due: no case content leaves the seats."""
    return ActionItem.objects.filter(
        Q(structure__in=visible_structures(user))
        | Q(owner_person=user)
        | Q(owner_service__in=scope_for(user).service_ids)
    )


def owned_action_items(user) -> QuerySet[ActionItem]:
    """The action items owned by the user or by a service they work in: reachable_action_items narrowed to
    ownership, which is a part of what it reaches, so without its visible-structures subquery."""
    return ActionItem.objects.owned_by(user, scope_for(user).service_ids)


def may_assign_action_item(user, item: ActionItem) -> bool:
    """The leader of the owning service hands a service's item to a person in the service."""
    return item.owner_service_id is not None and item.owner_service_id in scope_for(user).led_service_ids


def access_action_item(user, item_id: int, *, close: bool = False, assign: bool = False) -> ActionItem:
    """Return the action item if the user may find it (reachable_action_items) and, with close=True, mark it done
    or reopen it, with assign=True hand it to a person; else raise Http404."""
    item = _first_or_404(reachable_action_items(user).select_related("meeting", "structure"), item_id)
    if close and not may_close_action_item(user, item):
        raise Http404
    if assign and not may_assign_action_item(user, item):
        raise Http404
    return item


def seat_position_choices(municipality_ids) -> QuerySet[Position]:
    """Positions that may be given a seat in a structure of these municipalities: their municipal roles and the
    positions of services that serve them."""
    return (
        Position.objects.filter(Q(municipality__in=municipality_ids) | Q(service__municipalities__in=municipality_ids))
        .select_related("service", "municipality", "holder")
        .distinct()
        .order_by("title")
    )


def seat_errors(user, *, structure: MeetingStructure, level: str, seats: dict[str, list[Position]]) -> dict:
    """Why a proposed set of seats may not be saved by this user, as {form field: message}.

    - An individual-case structure gives no seat to leadership, administrators or privacy officers: they
      never see an identifiable child.
    - Nobody gives a new seat or a new duty to a position they hold themselves (a member made convener too):
      another person must widen their access.
    """
    errors = {}
    for name, positions in seats.items():
        # `name` is the seat list (members, conveners, minute_takers): a duty is judged within its own list.
        existing = set(getattr(structure, name).values_list("pk", flat=True)) if structure.pk else set()
        for position in positions:
            if level == MeetingStructure.Level.INDIVIDUAL and position.role not in Position.SERVICE_ROLES:
                errors[name] = (
                    _(
                        "«%s» er en kommunal rolle. Ledelse, administratorer og personvernombud kan ikke ha plass i en "
                        "struktur som drøfter enkeltsaker."
                    )
                    % position.title
                )
            elif position.holder_id == user.pk and position.pk not in existing:
                errors[name] = (
                    _(
                        "Du kan ikke gi deg selv plass i møtestrukturen («%s» er din stilling). "
                        "Be en annen leder eller administrator om å gjøre det."
                    )
                    % position.title
                )
    return errors


def may_accept_seat(user, structure: MeetingStructure, position: Position) -> bool:
    """A convener of the structure or an administrator of its municipality accepts a seat holder from another
    municipality; nobody accepts their own seat."""
    if position.holder_id is None or position.holder_id == user.pk:
        return False
    return is_convener(user, structure) or structure.municipality_id in scope_for(user).administered_ids


def seats_awaiting_acceptance(structures: QuerySet[MeetingStructure]) -> list[tuple[MeetingStructure, Position]]:
    """Seats in these individual-case structures whose current holder is not accepted yet."""
    # Only a seat held through a service hosted by another municipality can wait: one query finds those seats,
    # and the structures, positions and acceptances are read only when there is one.
    lists = [
        through.objects.filter(
            meetingstructure__in=structures,
            meetingstructure__level=MeetingStructure.Level.INDIVIDUAL,
            position__holder__isnull=False,
            position__service__isnull=False,
        )
        .exclude(position__service__host_municipality=F("meetingstructure__municipality"))
        .values_list("meetingstructure_id", "position_id")
        for through in (
            MeetingStructure.members.through,
            MeetingStructure.conveners.through,
            MeetingStructure.minute_takers.through,
        )
    ]
    seat_rows = set(lists[0].union(*lists[1:]))
    if not seat_rows:
        return []
    by_id = MeetingStructure.objects.select_related("municipality").in_bulk({pk for pk, _position in seat_rows})
    positions = {
        position.pk: position
        for position in Position.objects.filter(
            pk__in={position_id for _, position_id in seat_rows},
            holder__isnull=False,
            service__isnull=False,
        ).select_related("service", "holder")
    }
    accepted = set(
        SeatAcceptance.objects.filter(structure__in=by_id).values_list("structure_id", "position_id", "person_id")
    )
    waiting = []
    for structure_id, position_id in sorted(seat_rows):
        position = positions.get(position_id)
        structure = by_id[structure_id]
        if position is None or position.service.host_municipality_id == structure.municipality_id:
            continue
        if (structure_id, position_id, position.holder_id) not in accepted:
            waiting.append((structure, position))
    return waiting


def seats_to_accept(user) -> list[tuple[MeetingStructure, Position]]:
    """Seats waiting for this user's acceptance."""
    structures = MeetingStructure.objects.filter(
        Q(pk__in=seats_for(user).convener_ids) | Q(municipality__in=scope_for(user).administered_ids)
    )
    return [(s, p) for s, p in seats_awaiting_acceptance(structures) if p.holder_id != user.pk]


def seats_requested_by_my_municipality(user) -> list[tuple[MeetingStructure, Position]]:
    """Seats held through positions this administrator administers, waiting for another municipality."""
    administered = scope_for(user).administered_ids
    if not administered:
        return []
    seated_here = Q()
    for through in (
        MeetingStructure.members.through,
        MeetingStructure.conveners.through,
        MeetingStructure.minute_takers.through,
    ):
        seated_here |= Q(
            pk__in=through.objects.filter(position__service__host_municipality__in=administered).values(
                "meetingstructure_id"
            )
        )
    structures = MeetingStructure.objects.filter(seated_here).exclude(municipality__in=administered)
    waiting = seats_awaiting_acceptance(structures)
    return [
        (structure, position)
        for structure, position in waiting
        if position.service.host_municipality_id in administered
    ]
