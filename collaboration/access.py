"""Who sees and runs which meeting structure and meeting, built on organisation.access.

Structures and meetings at system level are visible to everyone in the municipality; those that discuss
individual cases only to the people who hold a seat (member, convener or minute-taker). Only the holder of
the convener position convenes a meeting and edits its agenda. Administrators and leadership of the
municipality set structures up. Anything else answers 404.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from collaboration.models import Meeting, MeetingStructure
from organisation.access import scope_for


def _seat_filter(user, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}members__holder": user})
        | Q(**{f"{prefix}convener__holder": user})
        | Q(**{f"{prefix}minute_taker__holder": user})
    )


def visible_structures(user) -> QuerySet[MeetingStructure]:
    scope = scope_for(user)
    ids = scope.municipality_ids
    seated = MeetingStructure.objects.filter(_seat_filter(user), municipality__in=ids).values("pk")
    return MeetingStructure.objects.filter(
        Q(municipality__in=ids, level=MeetingStructure.Level.SYSTEM) | Q(pk__in=seated)
    )


def seated_structures(user) -> QuerySet[MeetingStructure]:
    return MeetingStructure.objects.filter(
        pk__in=MeetingStructure.objects.filter(_seat_filter(user)).values("pk"),
        municipality__in=scope_for(user).municipality_ids,
    )


def manageable_structures(user) -> QuerySet[MeetingStructure]:
    scope = scope_for(user)
    return MeetingStructure.objects.filter(municipality__in=scope.administered_ids | scope.leadership_ids)


def can_set_up_structures(user) -> bool:
    scope = scope_for(user)
    return bool(scope.administered_ids or scope.leadership_ids)


def can_set_up(user, structure: MeetingStructure) -> bool:
    """Administrators and leadership of the structure's municipality change its set-up."""
    scope = scope_for(user)
    return structure.municipality_id in (scope.administered_ids | scope.leadership_ids)


def can_plan(user, structure: MeetingStructure) -> bool:
    """The convener, and those who set the structure up, propose its school year of meetings."""
    return structure.convener.holder_id == user.pk or can_set_up(user, structure)


def visible_meetings(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(structure__in=visible_structures(user))


def access_structure(user, structure_id: int, *, manage: bool = False) -> MeetingStructure:
    """Return the structure if the user may see it (or set it up, with manage=True), else raise Http404."""
    queryset = manageable_structures(user) if manage else visible_structures(user)
    structure = queryset.select_related("municipality", "convener", "minute_taker").filter(pk=structure_id).first()
    if structure is None:
        raise Http404
    return structure


def access_meeting(user, meeting_id: int, *, convene: bool = False) -> Meeting:
    """Return the meeting if the user may see it (or, with convene=True, holds the convener's seat), else 404."""
    meeting = (
        visible_meetings(user)
        .select_related("structure", "structure__municipality", "structure__convener")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or (convene and meeting.structure.convener.holder_id != user.pk):
        raise Http404
    return meeting
