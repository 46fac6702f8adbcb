"""What a meeting shows about its agenda items and action items, for one viewer.

Every page, form and document that shows an agenda item or an action item (the meeting page, the minutes
form, the minutes PDF, the start page) reads it through here, and so do the writes that copy an item's text
(carrying action items to the next agenda). Today every viewer who may open a meeting sees its items as
written; a case discussed without consent will be shown here under a pseudonym (the consent issue), without
touching the pages.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from collaboration.access import may_close_action_item, seats_for
from collaboration.models import ActionItem, AgendaItem, Meeting, MeetingStructure


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


def agenda_for(meeting: Meeting, viewer) -> list[AgendaLine]:
    """The meeting's agenda as this viewer may see it, in order (the caller has checked that the viewer may see
    the meeting)."""
    items = meeting.agenda_items.select_related(
        "action_item", "action_item__owner_person", "action_item__owner_service"
    ).order_by("order", "pk")
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
        )
        for number, item in enumerate(items, start=1)
    ]


def action_item_agenda_title(item: ActionItem) -> str:
    """The title an open action item carries onto the next agenda of its structure."""
    return item.what


def action_lines(items: QuerySet[ActionItem], viewer) -> list[ActionLine]:
    """Action items as this viewer may see them. An item of an individual-case structure where the viewer has no
    counting seat (an owning service's member without a seat) shows only that it exists and when it is due."""
    seated = seats_for(viewer).seated_ids
    lines = []
    for item in items.select_related("structure", "owner_person", "owner_service"):
        hidden = item.structure.level == MeetingStructure.Level.INDIVIDUAL and item.structure_id not in seated
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
                may_close=item.status == ActionItem.Status.OPEN and may_close_action_item(viewer, item),
            )
        )
    return lines
