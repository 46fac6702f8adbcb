import secrets
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import AgendaItem, CalendarFeed, Invitation, Meeting, MeetingStructure
from organisation.models import User

Cadence = MeetingStructure.Cadence


def _first_weekday_from(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def school_year_dates(structure: MeetingStructure, school_year: int) -> list[date]:
    """The dates a cadence gives in the school year that starts in August of `school_year`: the first usual
    weekday on or after each anchor day. July is the summer holiday."""
    autumn, spring = school_year, school_year + 1
    anchors = {
        Cadence.MONTHLY: [date(autumn, 8, 20)]
        + [date(autumn, month, 1) for month in (9, 10, 11, 12)]
        + [date(spring, month, 1) for month in (1, 2, 3, 4, 5, 6)],
        Cadence.SEMESTER: [date(autumn, 9, 15), date(spring, 2, 1)],
        Cadence.QUARTERLY: [date(autumn, 9, 1), date(autumn, 11, 15), date(spring, 2, 1), date(spring, 5, 1)],
        Cadence.YEARLY: [date(spring, 3, 1)],
        Cadence.AD_HOC: [],
    }[structure.cadence]
    return [_first_weekday_from(anchor, structure.usual_weekday) for anchor in anchors]


@transaction.atomic
def meetings_propose_school_year(*, structure: MeetingStructure, school_year: int) -> list[Meeting]:
    """Create the school year's meetings of a structure as proposals the convener can move or cancel.

    Dates that already have a meeting are skipped, so running it twice creates nothing new. The plan-evaluating
    forum's last meeting of the year is marked as the annual evaluation of the plan.
    Raises ValidationError when the cadence gives no dates (ad hoc).
    """
    days = school_year_dates(structure, school_year)
    if not days:
        raise ValidationError(
            _("Hyppigheten «%s» gir ingen faste møter. Opprett møtene ett og ett.") % structure.get_cadence_display()
        )
    existing = set(
        structure.meetings.filter(starts_at__date__gte=days[0], starts_at__date__lte=days[-1]).values_list(
            "starts_at__date", flat=True
        )
    )
    created = []
    zone = timezone.get_current_timezone()
    for day in days:
        if day in existing:
            continue
        starts_at = datetime.combine(day, structure.usual_time, tzinfo=zone)
        meeting = Meeting.objects.create(
            structure=structure,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=structure.duration_minutes),
            place=structure.usual_place,
            evaluates_plan=structure.evaluates_plan and day == days[-1],
        )
        created.append(meeting)
    return created


def _changed_for_calendars(meeting: Meeting) -> None:
    # Calendar programs replace an event with the same UID only when SEQUENCE grows.
    meeting.sequence += 1


@transaction.atomic
def meeting_convene(*, meeting: Meeting, starts_at, ends_at, place: str, video_link: str) -> Meeting:
    """Convene (or move) a meeting: set time and place, put the standing items on a new agenda, and record an
    invitation for each person who holds a seat now. Raises ValidationError if it ends before it starts."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Møtet må slutte etter at det starter.")})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Møtet er avlyst. Opprett et nytt møte i stedet."))
    was_convened = meeting.status == Meeting.Status.CONVENED
    moved = (meeting.starts_at, meeting.ends_at, meeting.place, meeting.video_link) != (
        starts_at,
        ends_at,
        place,
        video_link,
    )
    meeting.starts_at, meeting.ends_at, meeting.place, meeting.video_link = starts_at, ends_at, place, video_link
    if was_convened and moved:
        _changed_for_calendars(meeting)
    meeting.status = Meeting.Status.CONVENED
    meeting.convened_at = meeting.convened_at or timezone.now()
    meeting.save()
    if not meeting.agenda_items.exists():
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=meeting, order=index, kind=AgendaItem.Kind.STANDING, title=title)
                for index, title in enumerate(meeting.structure.standing_items)
            ]
        )
    for position in meeting.structure.seat_positions().filter(holder__isnull=False, holder__is_active=True):
        Invitation.objects.update_or_create(
            meeting=meeting, person_id=position.holder_id, defaults={"position": position}
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CANCELLED:
        meeting.status = Meeting.Status.CANCELLED
        _changed_for_calendars(meeting)
        meeting.save(update_fields=["status", "sequence"])
    return meeting


def calendar_feed_for(person: User, *, renew: bool = False) -> CalendarFeed:
    """The person's secret calendar address; renew=True gives a new one and kills the old."""
    feed, created = CalendarFeed.objects.get_or_create(person=person, defaults={"token": secrets.token_urlsafe(32)})
    if renew and not created:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token", "created_at"])
    return feed
