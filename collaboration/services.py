import logging
import secrets
import uuid
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration import pdf as pdf_rendering
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
    MinutesPdf,
    MinutesProgress,
    SeatAcceptance,
)
from collaboration.selectors import (
    FOLLOW_UP_TITLE,
    follow_up_items,
    invitable_seats,
    minutes_document_context,
    structures_with_seat,
)
from collaboration.tasks import render_minutes_pdf
from organisation.history import acting
from organisation.models import Position, User
from ui.pdf import PDF_BUILD_RESULT_FIELDS, pdf_build_result

logger = logging.getLogger(__name__)

Cadence = MeetingStructure.Cadence
# With MINUTES_TEXT_MAX per field this bounds a meeting's minutes, and so the time its PDF takes to render.
AGENDA_MAX_ITEMS = 40


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
def structure_save(
    *,
    structure: MeetingStructure,
    members: list[Position],
    conveners: list[Position],
    minute_takers: list[Position],
    by: User,
) -> MeetingStructure:
    """Save a structure's set-up and seats (the caller has checked them with access.seat_errors).

    Every convener position convenes and chairs, every minute-taker position writes minutes; at least one
    convener is required (raises ValidationError otherwise, before anything is saved). A seat newly given by
    the structure's own municipality to a position administered elsewhere counts at once for its current
    holder: the people who set the structure up chose it. Seats already waiting keep waiting for an explicit
    acceptance. Each change of the seats is kept in the structure's history.
    """
    if not conveners:
        raise ValidationError({"conveners": _("Velg minst én stilling som innkaller og møteleder.")})
    before = set(structure.seat_positions().values_list("pk", flat=True)) if structure.pk else set()
    acting(structure, by).save()
    # Each change of a seat list adds a history row naming `by` (simple-history reads acting()'s mark).
    structure.members.set(members)
    structure.conveners.set(conveners)
    structure.minute_takers.set(minute_takers)
    added = Position.objects.filter(pk__in=structure.seat_positions(), holder__isnull=False, service__isnull=False)
    for position in added.exclude(pk__in=before).exclude(service__host_municipality=structure.municipality_id):
        _accept(structure=structure, position=position, by=by)
    return structure


def _accept(*, structure: MeetingStructure, position: Position, by: User) -> SeatAcceptance:
    acceptance, _created = SeatAcceptance.objects.get_or_create(
        structure=structure, position=position, person_id=position.holder_id, defaults={"accepted_by": by}
    )
    return acceptance


@transaction.atomic
def seat_accept(*, structure: MeetingStructure, position: Position, by: User) -> SeatAcceptance:
    """Accept the current holder of a seat administered by another municipality (the caller checked
    access.may_accept_seat). Accepting twice changes nothing."""
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.holder_id is None:
        raise ValidationError(_("Stillingen er ledig nå. Det er ingen å godta."))
    if position.holder_id == by.pk:
        raise ValidationError(_("Du kan ikke godta din egen plass."))
    acceptance = _accept(structure=structure, position=position, by=by)
    _future_invitations_sync(MeetingStructure.objects.filter(pk=structure.pk), by=by)
    return acceptance


def _future_invitations_sync(structures, *, by: User | None) -> int:
    """Bring the invitations of these structures' convened meetings that have not started in line with who holds
    the seats now; returns how many meetings that was. Held and past meetings keep who was invited and who came."""
    meetings = 0
    for structure in structures.select_related("municipality"):
        upcoming = list(
            Meeting.objects.select_for_update()
            .filter(structure=structure, status=Meeting.Status.CONVENED, starts_at__gt=timezone.now())
            .order_by("starts_at")
        )
        if not upcoming:
            continue
        seats = invitable_seats(structure)
        for meeting in upcoming:
            meeting.structure = structure
            _invitations_sync(meeting, by=by, seats=seats)
        meetings += len(upcoming)
    return meetings


@transaction.atomic
def seat_holder_changed(*, position_id: int, by: User | None) -> int:
    """A position got another holder (organisation.signals.position_holder_changed, sent by
    organisation.services.position_save in its transaction): in every structure where it has a seat, the
    future convened meetings invite the new holder and no longer the old one. Past meetings, held meetings and
    attendance keep the people who were there. A seat administered by another municipality in an individual-case
    structure invites its new holder only once accepted (seat_accept then does it). Returns how many meetings
    changed their invitations."""
    return _future_invitations_sync(structures_with_seat(position_id), by=by)


@transaction.atomic
def meetings_propose_school_year(*, structure: MeetingStructure, school_year: int, by: User) -> list[Meeting]:
    """Create the school year's meetings of a structure as proposals the convener can move or cancel.

    Dates that already have a meeting are skipped, so running it twice creates nothing new. The plan-evaluating
    forum's last meeting of the year is marked as the annual evaluation of the plan.
    Raises ValidationError when the cadence gives no dates (ad hoc).
    """
    days = school_year_dates(structure, school_year)
    if not days:
        raise ValidationError(
            _("Hyppigheten «%s» gir ingen faste møter. Legg til møtene ett og ett med «Nytt enkeltmøte».")
            % structure.get_cadence_display()
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
        meeting = Meeting(
            structure=structure,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=structure.duration_minutes),
            place=structure.usual_place,
            evaluates_plan=structure.evaluates_plan and day == days[-1],
        )
        acting(meeting, by).save()
        created.append(meeting)
    return created


@transaction.atomic
def meeting_add(*, structure: MeetingStructure, starts_at, ends_at, place: str, by: User) -> Meeting:
    """Add one meeting to a structure's year as a proposal (an ad hoc structure has no cadence to propose from;
    any structure may need an extra meeting); the convener then convenes it. Raises ValidationError if it ends
    before it starts."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Møtet må slutte etter at det starter.")})
    meeting = Meeting(structure=structure, starts_at=starts_at, ends_at=ends_at, place=place)
    acting(meeting, by).save()
    return meeting


def meeting_ensure(meeting: Meeting, action: str) -> None:
    """Raise ValidationError with the reason when the meeting's state does not allow `action` now (see
    Meeting.refusal: the page offers only what this allows)."""
    newest = meeting.minutes_versions.order_by("-version").first()
    reason = meeting.refusal(action, newest_minutes=newest, now=timezone.now())
    if reason:
        raise ValidationError(reason)


def meeting_ensure_open(meeting: Meeting) -> None:
    """Raise ValidationError if the meeting is held with approved minutes (or cancelled): it is a record now."""
    meeting_ensure(meeting, "agenda")


def _changed_for_calendars(meeting: Meeting) -> None:
    # Calendar programs replace an event with the same UID only when SEQUENCE grows.
    meeting.sequence += 1


@transaction.atomic
def meeting_convene(*, meeting: Meeting, starts_at, ends_at, place: str, video_link: str, by: User) -> Meeting:
    """Convene (or move) a meeting: set time and place, put the standing items on a new agenda, and record an
    invitation for each person who holds a seat now. Raises ValidationError if it ends before it starts."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Møtet må slutte etter at det starter.")})
    meeting_ensure(meeting, "convene")
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
    acting(meeting, by).save()
    if not meeting.agenda_items.exists():
        for index, title in enumerate(meeting.structure.standing_items):
            item = AgendaItem(meeting=meeting, order=index, kind=AgendaItem.Kind.STANDING, title=title)
            acting(item, by).save()  # one by one, so each gets its history row
    _open_action_items_onto_agenda(meeting, by=by)
    _invitations_sync(meeting, by=by)
    return meeting


def _invitations_sync(meeting: Meeting, *, by: User | None, seats: list[Position] | None = None) -> None:
    """Invite each person who holds a counting seat now, through that seat; uninvite whoever left a seat (the
    meeting leaves their calendar and start page). The rows are what the reminders read: keep them exact."""
    if seats is None:
        seats = invitable_seats(meeting.structure)
    for position in seats:
        invitation = Invitation.objects.filter(meeting=meeting, person_id=position.holder_id).first()
        if invitation is None or invitation.position_id != position.pk:
            invitation = invitation or Invitation(meeting=meeting, person_id=position.holder_id)
            invitation.position = position
            acting(invitation, by).save()
    for invitation in meeting.invitations.exclude(person_id__in=[position.holder_id for position in seats]):
        acting(invitation, by).delete()


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, by: User) -> Meeting:
    """Cancel a meeting that is neither held nor has minutes, with the reason the invited are told; cancelling
    twice changes nothing. The invitations stay: they say who must hear that it is cancelled. Raises
    ValidationError when the state does not allow it or no reason is given."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        return meeting
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor møtet avlyses.")})
    meeting_ensure(meeting, "cancel")
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason.strip()
    _changed_for_calendars(meeting)
    acting(meeting, by).save(update_fields=["status", "sequence", "cancellation_reason"])
    return meeting


@transaction.atomic
def meeting_restore(*, meeting: Meeting, by: User) -> Meeting:
    """Undo a cancellation before the meeting's time: it is convened again (or proposed, if it never was), with
    a new calendar sequence and the invitations of whoever holds the seats now. Raises ValidationError when the
    meeting is not cancelled or its time has come."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_ensure(meeting, "restore")
    meeting.status = Meeting.Status.CONVENED if meeting.convened_at else Meeting.Status.PROPOSED
    meeting.cancellation_reason = ""
    _changed_for_calendars(meeting)
    acting(meeting, by).save(update_fields=["status", "sequence", "cancellation_reason"])
    if meeting.status == Meeting.Status.CONVENED:
        _invitations_sync(meeting, by=by)
    return meeting


@transaction.atomic
def calendar_feed_renew(*, person: User) -> CalendarFeed:
    """Give the person a (new) secret calendar address; the old one stops working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(person=person).first() or CalendarFeed(person=person)
    feed.token = secrets.token_urlsafe(32)
    feed.save()
    return feed


class MinutesConflict(Exception):
    """Someone else saved the minutes after this person opened them."""


def _open_action_items_onto_agenda(meeting: Meeting, *, by: User) -> None:
    """Open action items of the structure follow it from meeting to meeting until they are done: as one standing
    item «Oppfølging av oppgaver» that lists each (selectors.follow_up_items), not one agenda item each."""
    if meeting.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP, action_item=None).exists():
        return
    if not follow_up_items(meeting).exists():
        return
    last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem(meeting=meeting, order=last + 1, kind=AgendaItem.Kind.FOLLOW_UP, title=FOLLOW_UP_TITLE)
    acting(item, by).save()


@transaction.atomic
def minutes_save(
    *,
    meeting: Meeting,
    revision: int,
    entries: dict[int, tuple[str, str]],
    by: User,
    progress: dict[int, str] | None = None,
) -> Minutes:
    """Save discussion and decisions per agenda item into the newest version, if nobody saved since `revision`
    (0 when the writer started before any version existed; the first save creates version 1), and the progress
    of each action item the meeting follows up (`progress`: {action item id: note}; other items are ignored).

    Raises MinutesConflict when someone else saved in between, and ValidationError when the version is approved
    (locked) or the meeting is not convened (proposed or cancelled). Nothing is written in either case.
    """
    # The meeting row serialises the first save: two writers cannot both create version 1.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_ensure(meeting, "minutes")
    newest = meeting.minutes_versions.order_by("-version").first()
    if newest is None:
        if revision != 0:
            raise MinutesConflict
        newest = acting(Minutes(meeting=meeting, version=1), by)
        newest.save()
    locked = Minutes.objects.select_for_update().get(pk=newest.pk)
    if locked.is_locked:
        raise ValidationError(_("Referatet er godkjent og låst. Lag en rettelse for å endre det."))
    if locked.revision != revision:
        raise MinutesConflict
    existing = {entry.agenda_item_id: entry for entry in locked.entries.all()}
    for item_id, (discussion, decisions) in entries.items():
        entry = existing.get(item_id) or MinutesEntry(minutes=locked, agenda_item_id=item_id)
        if (entry.discussion, entry.decisions) != (discussion, decisions) or entry.pk is None:
            entry.discussion, entry.decisions = discussion, decisions
            acting(entry, by).save()
    # Progress per followed-up action item, only for the items this meeting follows up.
    followed = set(follow_up_items(meeting).values_list("pk", flat=True))
    notes = {note.action_item_id: note for note in locked.progress_notes.all()}
    for item_id, text in (progress or {}).items():
        if item_id not in followed:
            continue
        note = notes.get(item_id) or MinutesProgress(minutes=locked, action_item_id=item_id)
        if note.note != text or note.pk is None:
            note.note = text
            acting(note, by).save()
    locked.revision += 1
    acting(locked, by).save(update_fields=["revision"])
    return locked


@transaction.atomic
def minutes_approve(*, minutes: Minutes, approved_by: User, queue_pdf: bool = True) -> Minutes:
    """Approve and lock the minutes; the meeting counts as held. The approved version's PDF is queued to be
    made after commit (see minutes_pdf_queue); with queue_pdf=False (the demo, which approves dozens at once)
    the first download queues it instead. Approving twice changes nothing and queues nothing. Raises
    ValidationError for a meeting that is cancelled, only proposed, or has not started (its minutes would
    record a meeting that has not been held)."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.is_locked:
        return locked
    if locked.meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Møtet er avlyst, og referatet kan ikke godkjennes."))
    meeting_ensure(locked.meeting, "approve")
    locked.status = Minutes.Status.APPROVED
    locked.approved_by = approved_by
    locked.approved_at = timezone.now()
    acting(locked, approved_by).save(update_fields=["status", "approved_by", "approved_at"])
    meeting = locked.meeting
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        acting(meeting, approved_by).save(update_fields=["status"])
    if queue_pdf:
        minutes_pdf_queue(minutes=locked, by=approved_by)
    return locked


@transaction.atomic
def minutes_correct(*, meeting: Meeting, reason: str, by: User) -> Minutes:
    """Start a correction: a new draft version with the approved text, the approved version kept as it was.

    Two corrections started at once give one new version: the meeting row is locked while the newest version
    is read, and the second finds the draft the first made. Raises ValidationError when the newest version is
    not approved (there is nothing to correct).
    """
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    newest = meeting.minutes_versions.order_by("-version").first()
    if newest is not None and not newest.is_locked and newest.version > 1:
        return newest  # a correction is already open
    if newest is None or not newest.is_locked:
        raise ValidationError(_("Bare godkjente referater rettes med en ny versjon."))
    # The revision carries on across versions, so a form opened on an older version can never match.
    correction = acting(
        Minutes(meeting=meeting, version=newest.version + 1, correction_reason=reason, revision=newest.revision + 1),
        by,
    )
    correction.save()
    for note in newest.progress_notes.all():
        acting(MinutesProgress(minutes=correction, action_item_id=note.action_item_id, note=note.note), by).save()
    for entry in newest.entries.all():
        copy = MinutesEntry(
            minutes=correction,
            agenda_item_id=entry.agenda_item_id,
            discussion=entry.discussion,
            decisions=entry.decisions,
        )
        acting(copy, by).save()
    return correction


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[dict], by: User) -> None:
    """Record attendance per invited person; the service is kept as it was on the day. Raises ValidationError
    when the minutes are approved (attendance is part of the record), or the meeting is not convened or has not
    started."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_ensure(meeting, "attendance")
    newest = meeting.minutes_versions.order_by("-version").first()
    if newest is not None and newest.is_locked:
        raise ValidationError(_("Referatet er godkjent og låst. Lag en rettelse for å endre det."))
    recorded = {row.person_id: row for row in meeting.attendance.all()}
    for row in rows:
        position = row.get("position")
        attendance = recorded.get(row["person"].pk) or Attendance(meeting=meeting, person=row["person"])
        attendance.position = position
        attendance.service_name = str(position.service or position.municipality) if position else ""
        attendance.status = row["status"]
        attendance.substitute = row.get("substitute", "")
        acting(attendance, by).save()


def agenda_size(meeting: Meeting) -> int:
    """How many items the agenda holds against AGENDA_MAX_ITEMS: its agenda items, and each action item that the
    standing item «Oppfølging av oppgaver» carries forward (each gets its own progress field in the minutes and its
    own lines in the PDF, as an agenda item does)."""
    size = meeting.agenda_items.count()
    if meeting.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP, action_item=None).exists():
        size += follow_up_items(meeting).count()
    return size


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, title: str, description: str, submission_key: uuid.UUID | None, by: User
) -> AgendaItem:
    """Add a topic to the agenda of a meeting that is not held yet. The same submission twice (a double click)
    adds it once. Raises ValidationError when the meeting is a record (held, approved or cancelled)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_ensure_open(meeting)
    if submission_key and (existing := AgendaItem.objects.filter(submission_key=submission_key).first()):
        return existing
    if agenda_size(meeting) >= AGENDA_MAX_ITEMS:
        raise ValidationError(
            _("Sakslisten har allerede %s saker, medregnet oppgavene til oppfølging. Flere får ikke plass på ett møte.")
            % AGENDA_MAX_ITEMS
        )
    last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem(
        meeting=meeting,
        kind=AgendaItem.Kind.TOPIC,
        title=title,
        description=description,
        order=last + 1,
        submission_key=submission_key,
    )
    acting(item, by).save()
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User) -> None:
    """Remove an item from the agenda of a meeting that is not held yet and whose minutes say nothing of it.
    Raises ValidationError otherwise: a record stays a record."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    meeting_ensure_open(meeting)
    if item.minutes_entries.exists():
        raise ValidationError(_("Saken har referat og kan ikke fjernes."))
    acting(item, by).delete()


@transaction.atomic
def action_item_add(
    *, meeting: Meeting, what: str, owner_person, owner_service, due_on, submission_key: uuid.UUID | None, by: User
) -> ActionItem:
    """Record an action item from a meeting that is not a record yet; the same submission twice records it once.
    Raises ValidationError when the meeting is held with approved minutes, cancelled or only proposed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_ensure(meeting, "action_items")
    if submission_key and (existing := ActionItem.objects.filter(submission_key=submission_key).first()):
        return existing
    item = ActionItem(
        structure_id=meeting.structure_id,
        meeting=meeting,
        what=what,
        owner_person=owner_person,
        owner_service=owner_service,
        due_on=due_on,
        submission_key=submission_key,
    )
    acting(item, by).save()
    return item


@transaction.atomic
def action_item_close(*, item: ActionItem, by: User) -> ActionItem:
    """Mark an action item done (the caller checked access.may_close_action_item); marking twice changes
    nothing."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ActionItem.Status.DONE:
        item.status = ActionItem.Status.DONE
        item.done_at = timezone.now()
        acting(item, by).save(update_fields=["status", "done_at"])
    return item


@transaction.atomic
def action_item_assign(*, item: ActionItem, person: User, by: User) -> ActionItem:
    """Hand an open item owned by a service to a person who works in that service (the caller checked that `by`
    leads it: access.may_assign_action_item); the service stays the owner too. Raises ValidationError when the
    person holds no position in the service or the item is done."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ActionItem.Status.OPEN:
        raise ValidationError(_("Oppgaven er utført. Åpne den igjen før du gir den videre."))
    if not Position.objects.filter(service_id=item.owner_service_id, holder=person, holder__is_active=True).exists():
        raise ValidationError(_("%s arbeider ikke i tjenesten som eier oppgaven.") % person)
    if item.owner_person_id != person.pk:
        item.owner_person = person
        acting(item, by).save(update_fields=["owner_person"])
    return item


@transaction.atomic
def action_item_reopen(*, item: ActionItem, by: User) -> ActionItem:
    """Open a done action item again (marked done by mistake, or not done after all); it follows its structure's
    next agenda again. Reopening an open item changes nothing. The history keeps when it was marked done."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ActionItem.Status.OPEN:
        item.status = ActionItem.Status.OPEN
        item.done_at = None
        acting(item, by).save(update_fields=["status", "done_at"])
    return item


@transaction.atomic
def minutes_pdf_queue(*, minutes: Minutes, by: User | None) -> MinutesPdf:
    """Make sure an approved version of the minutes has its PDF made: the first call stores a queued rendering
    and queues its build after commit (the task gets the rendering's id, never text); later calls return the
    rendering as it is, whatever its state. Two calls at once store one. Raises ValueError for a draft: a draft
    gets no PDF."""
    if not minutes.is_locked:
        raise ValueError("Only an approved version of the minutes is rendered as PDF.")
    existing = MinutesPdf.objects.filter(minutes=minutes).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            pdf = acting(MinutesPdf(minutes=minutes), by)
            pdf.save()
    except IntegrityError:  # another request stored it first, and queued its build
        return MinutesPdf.objects.get(minutes=minutes)
    render_minutes_pdf.delay_on_commit(pdf.pk)
    return pdf


@transaction.atomic
def minutes_pdf_retry(*, pdf: MinutesPdf, by: User) -> MinutesPdf:
    """Queue a failed build again (or one whose worker died: building for longer than any build may take); the
    caller checked that `by` writes the minutes. A rendering that is queued, being made or ready is left as it
    is, so a double click queues one build."""
    pdf = MinutesPdf.objects.select_for_update().get(pk=pdf.pk)
    if not pdf.may_retry:
        return pdf
    pdf.status, pdf.error, pdf.started_at, pdf.finished_at = MinutesPdf.Status.QUEUED, "", None, None
    acting(pdf, by).save(update_fields=["status", "error", "started_at", "finished_at"])
    render_minutes_pdf.delay_on_commit(pdf.pk)
    return pdf


def minutes_pdf_build(*, pdf_id: int) -> None:
    """Render and store one approved version's PDF (the task's work). Safe to run twice and at once.

    The build claims the rendering (locked while its status is read and set to building), renders with no
    transaction or lock held, and stores the result only if its claim still stands. A second delivery finds it
    building or ready and does nothing; a build whose worker died is taken over once it is stale (see
    MinutesPdf.is_stale). A failed render is stored as failed with its reason, for the writers to retry.
    """
    with transaction.atomic():
        pdf = (
            MinutesPdf.objects.select_for_update(of=("self",))
            .select_related("minutes__meeting__structure__municipality", "minutes__approved_by")
            .filter(pk=pdf_id)
            .first()
        )
        if pdf is None or not (pdf.status == MinutesPdf.Status.QUEUED or pdf.is_stale):
            return  # deleted, being made, made, or failed (a retry queues it again)
        pdf.status, pdf.started_at = MinutesPdf.Status.BUILDING, timezone.now()
        acting(pdf, None).save(update_fields=["status", "started_at"])
    try:
        content = pdf_rendering.minutes_pdf(minutes_document_context(pdf.minutes))
        _minutes_pdf_finish(pdf=pdf, content=content, error="")
    except Exception as error:  # any failure must show as failed, not as a PDF forever being made
        logger.exception("Making the PDF of minutes %s failed.", pdf.minutes_id)
        _minutes_pdf_finish(pdf=pdf, content=None, error=f"{type(error).__name__}: {error}"[:500])


@transaction.atomic
def _minutes_pdf_finish(*, pdf: MinutesPdf, content: bytes | None, error: str) -> None:
    current = pdf_build_result(pdf, content=content, error=error, filename="minutes.pdf")
    if current is not None:
        acting(current, None).save(update_fields=PDF_BUILD_RESULT_FIELDS)


def minutes_pdfs_queue_missing() -> int:
    """Queue the PDF of each meeting's newest approved version that has none stored (versions approved before
    PDFs were stored); returns how many were queued. Running it again queues nothing new."""
    newest_approved = (
        Minutes.objects.filter(meeting=OuterRef("meeting"), status=Minutes.Status.APPROVED)
        .order_by("-version")
        .values("pk")[:1]
    )
    missing = Minutes.objects.filter(pk=Subquery(newest_approved), pdf__isnull=True).order_by("pk")
    queued = 0
    for minutes in missing.iterator(chunk_size=500):
        minutes_pdf_queue(minutes=minutes, by=None)
        queued += 1
    return queued
