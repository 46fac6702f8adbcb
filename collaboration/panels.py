"""Collaboration's panels on the start pages (ui/panels.py): next meetings, minutes to write or approve, and the
person's open action items."""

from django.utils import timezone

from collaboration.access import visible_meetings, visible_structures
from collaboration.models import ActionItem, Meeting, Minutes
from organisation.access import scope_for
from ui.panels import Panel


def staff_panels(request) -> list[Panel]:
    user = request.user
    now = timezone.now()
    unfinished = Meeting.objects.filter(starts_at__lt=now).exclude(status=Meeting.Status.CANCELLED)
    approved = Minutes.objects.filter(status=Minutes.Status.APPROVED).values("meeting")
    minutes_to_write = list(
        unfinished.filter(structure__minute_taker__holder=user)
        .exclude(pk__in=approved)
        .select_related("structure")
        .order_by("-starts_at")[:5]
    )
    minutes_to_approve = list(
        Meeting.objects.filter(
            structure__convener__holder=user,
            minutes_versions__status=Minutes.Status.DRAFT,
            minutes_versions__entries__isnull=False,
        )
        .distinct()
        .select_related("structure")
        .order_by("-starts_at")[:5]
    )
    action_items = list(
        ActionItem.objects.open()
        .owned_by(user, scope_for(user).service_ids)
        .filter(structure__in=visible_structures(user))
        .select_related("structure", "meeting", "owner_service")
        .order_by("due_on")[:10]
    )
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
                "today": timezone.localdate(),
            },
        )
    ]
