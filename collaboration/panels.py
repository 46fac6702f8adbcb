"""Collaboration's panels on the start pages (ui/panels.py): next meetings, minutes to write or approve, and the
person's open action items."""

from django.utils import timezone
from django.utils.translation import ngettext

from collaboration.access import (
    owned_action_items,
    seats_for,
    seats_requested_by_my_municipality,
    seats_to_accept,
    visible_meetings,
)
from collaboration.models import Meeting, MeetingStructure, Minutes
from collaboration.selectors import action_lines, meetings_following_seat
from ui.panels import Panel

ACTION_ITEMS_SHOWN = 10


def staff_panels(request) -> list[Panel]:
    user = request.user
    now = timezone.now()
    unfinished = Meeting.objects.filter(starts_at__lt=now).exclude(status=Meeting.Status.CANCELLED)
    approved = Minutes.objects.filter(status=Minutes.Status.APPROVED).values("meeting")
    seats = seats_for(user)
    # Subqueries, not joins: a person may hold two of a structure's minute-taker (or convener) seats.
    minute_taking = MeetingStructure.objects.filter(minute_takers__holder=user, pk__in=seats.writer_ids)
    convening = MeetingStructure.objects.filter(conveners__holder=user, pk__in=seats.convener_ids)
    minutes_to_write = list(
        unfinished.filter(structure__in=minute_taking.values("pk"))
        .exclude(pk__in=approved)
        .select_related("structure")
        .order_by("-starts_at")[:5]
    )
    minutes_to_approve = list(
        Meeting.objects.filter(
            structure__in=convening.values("pk"),
            minutes_versions__status=Minutes.Status.DRAFT,
            minutes_versions__entries__isnull=False,
        )
        .distinct()
        .select_related("structure")
        .order_by("-starts_at")[:5]
    )
    # Also items of structures where the person has no seat, owned by them or their service: shown without
    # their text (selectors.action_lines), so the owning service's people know they exist.
    open_items = owned_action_items(user).open()
    action_items = action_lines(open_items.order_by("due_on", "pk")[:ACTION_ITEMS_SHOWN], user)
    # The count only when the panel is full: a short list is its own count.
    action_items_total = len(action_items) if len(action_items) < ACTION_ITEMS_SHOWN else open_items.count()
    next_meetings = list(
        visible_meetings(user)
        .upcoming(now)
        .filter(invitations__person=user)
        .select_related("structure")
        .order_by("starts_at")[:5]
    )
    return [
        Panel(
            "collaboration/staff_panel.html",
            {
                "next_meetings": next_meetings,
                "minutes_to_write": minutes_to_write,
                "minutes_to_approve": minutes_to_approve,
                "action_items": action_items,
                "action_items_total": action_items_total,
                "today": timezone.localdate(),
            },
        ),
        *_seat_panels(user),
    ]


def position_change_notes(position) -> list[str]:
    """What a change of this position's holder will do to meetings, for the position form
    (ui.panels.position_change_notes)."""
    return [
        ngettext(
            "%(count)s kommende møte i %(structure)s følger stillingen",
            "%(count)s kommende møter i %(structure)s følger stillingen",
            count,
        )
        % {"count": count, "structure": name}
        for name, count in meetings_following_seat(position.pk, timezone.now())
    ]


def leadership_panels(request) -> list[Panel]:
    """A leader who holds a seat (the kommunalsjef who convenes and chairs TOG) sees the same meeting duties as
    staff: next meetings, minutes to approve, action items. A leader without a seat sees none of it."""
    if not seats_for(request.user).seated_ids:
        return []
    return staff_panels(request)


def admin_panels(request) -> list[Panel]:
    return _seat_panels(request.user)


def _seat_panels(user) -> list[Panel]:
    """Seats waiting for this person's acceptance, and (for a host municipality's administrator) seats it
    filled that wait for another municipality: both sides are told."""
    to_accept = seats_to_accept(user)
    requested = seats_requested_by_my_municipality(user)
    if not (to_accept or requested):
        return []
    return [Panel("collaboration/seats_panel.html", {"to_accept": to_accept, "requested": requested})]
