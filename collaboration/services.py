import secrets
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Invitation,
    Meeting,
    MeetingStructure,
    Minutes,
    MinutesEntry,
)
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


def meeting_ensure_open(meeting: Meeting) -> None:
    """Raise ValidationError if the meeting is held with approved minutes (or cancelled): it is a record now."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Møtet er avlyst."))
    newest = meeting.minutes_versions.order_by("-version").first()
    if meeting.status == Meeting.Status.HELD or (newest and newest.is_locked):
        raise ValidationError(_("Møtet er holdt og referatet godkjent. Det kan ikke endres lenger."))


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
    meeting_ensure_open(meeting)
    was_convened = meeting.status == Meeting.Status.CONVENED
    moved = (meeting.starts_at, meeting.ends_at, meeting.place, meeting.video_link) != (
        starts_at,
        ends_at,
        place,
        video_link,
    )
    meeting.starts_at, meeting.ends_at, meeting.place, meeting.video_link = starts_at, ends_at, place, video_link
    if moved or not was_convened:
        # A proposal may already sit in someone's calendar as tentative.
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
    _open_action_items_onto_agenda(meeting)
    seats = list(meeting.structure.seat_positions().filter(holder__isnull=False, holder__is_active=True))
    for position in seats:
        Invitation.objects.update_or_create(
            meeting=meeting, person_id=position.holder_id, defaults={"position": position}
        )
    # Whoever left a seat is no longer invited: the meeting leaves their calendar and start page.
    meeting.invitations.exclude(person_id__in=[position.holder_id for position in seats]).delete()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CANCELLED:
        meeting_ensure_open(meeting)
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


class MinutesConflict(Exception):
    """Someone else saved the minutes after this person opened them."""


def _open_action_items_onto_agenda(meeting: Meeting) -> None:
    # Open action items of the structure follow it from meeting to meeting until they are closed.
    on_agenda = set(meeting.agenda_items.exclude(action_item=None).values_list("action_item_id", flat=True))
    last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
    carried = [
        AgendaItem(
            meeting=meeting, order=last + index, kind=AgendaItem.Kind.FOLLOW_UP, title=item.what, action_item=item
        )
        for index, item in enumerate(
            ActionItem.objects.open()
            .filter(structure=meeting.structure)
            .exclude(meeting=meeting)
            .exclude(pk__in=on_agenda)
            .order_by("due_on"),
            start=1,
        )
    ]
    for item in carried:
        item.save()  # one by one, so each gets its history row


def minutes_current(meeting: Meeting) -> Minutes:
    """The newest version of the meeting's minutes, created (empty) on first use."""
    minutes = meeting.minutes_versions.order_by("-version").first()
    if minutes is None:
        minutes, _created = Minutes.objects.get_or_create(meeting=meeting, version=1)
    return minutes


@transaction.atomic
def minutes_save(*, minutes: Minutes, revision: int, entries: dict[int, tuple[str, str]]) -> Minutes:
    """Save discussion and decisions per agenda item if nobody saved since `revision`.

    Raises MinutesConflict when someone else saved in between, and ValidationError when the version is approved
    (locked). Nothing is written in either case.
    """
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.is_locked:
        raise ValidationError(_("Referatet er godkjent og låst. Lag en rettelse for å endre det."))
    if locked.revision != revision:
        raise MinutesConflict
    existing = {entry.agenda_item_id: entry for entry in locked.entries.all()}
    for item_id, (discussion, decisions) in entries.items():
        entry = existing.get(item_id) or MinutesEntry(minutes=locked, agenda_item_id=item_id)
        if (entry.discussion, entry.decisions) != (discussion, decisions) or entry.pk is None:
            entry.discussion, entry.decisions = discussion, decisions
            entry.save()
    locked.revision += 1
    locked.save(update_fields=["revision"])
    return locked


@transaction.atomic
def minutes_approve(*, minutes: Minutes, approved_by: User) -> Minutes:
    """Approve and lock the minutes; the meeting counts as held."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.is_locked:
        return locked
    if locked.meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Møtet er avlyst, og referatet kan ikke godkjennes."))
    locked.status = Minutes.Status.APPROVED
    locked.approved_by = approved_by
    locked.approved_at = timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    meeting = locked.meeting
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    return locked


@transaction.atomic
def minutes_correct(*, minutes: Minutes, reason: str) -> Minutes:
    """Start a correction: a new draft version with the approved text, the approved version kept as it was."""
    if not minutes.is_locked:
        raise ValidationError(_("Bare godkjente referater rettes med en ny versjon."))
    newest = minutes.meeting.minutes_versions.order_by("-version").first()
    if newest.pk != minutes.pk:
        return newest
    # The revision carries on across versions, so a form opened on an older version can never match.
    correction = Minutes.objects.create(
        meeting=minutes.meeting, version=minutes.version + 1, correction_reason=reason, revision=minutes.revision + 1
    )
    for entry in minutes.entries.all():
        MinutesEntry.objects.create(
            minutes=correction,
            agenda_item_id=entry.agenda_item_id,
            discussion=entry.discussion,
            decisions=entry.decisions,
        )
    return correction


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[dict]) -> None:
    """Record attendance per invited person; the service is kept as it was on the day."""
    for row in rows:
        position = row.get("position")
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=row["person"],
            defaults={
                "position": position,
                "service_name": str(position.service or position.municipality) if position else "",
                "status": row["status"],
                "substitute": row.get("substitute", ""),
            },
        )


def action_item_close(*, item: ActionItem) -> ActionItem:
    if item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.done_at = timezone.now()
        item.save(update_fields=["status", "done_at"])
    return item
