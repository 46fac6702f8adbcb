import base64
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from collaboration.access import (
    access_action_item,
    access_agenda_item,
    access_meeting,
    access_minutes_version,
    access_structure,
    access_structure_page,
    can_plan,
    can_set_up,
    can_set_up_structures,
    is_convener,
    is_minute_writer,
    may_accept_seat,
    reachable_action_items,
    seated_structures,
    seats_awaiting_acceptance,
    visible_meetings,
    visible_structures,
)
from collaboration.filters import ActionItemFilter
from collaboration.forms import (
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    ConveneForm,
    CorrectionForm,
    MeetingAddForm,
    MinutesForm,
    ProposeYearForm,
    StructureForm,
)
from collaboration.ics import meetings_calendar
from collaboration.models import CalendarFeed, Invitation, Meeting, MeetingStructure, MinutesPdf
from collaboration.selectors import action_lines, agenda_for, invitable_seats, minutes_context
from collaboration.services import (
    MinutesConflict,
    action_item_add,
    action_item_assign,
    action_item_close,
    action_item_reopen,
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    calendar_feed_renew,
    meeting_add,
    meeting_cancel,
    meeting_convene,
    meeting_restore,
    meetings_propose_school_year,
    minutes_approve,
    minutes_correct,
    minutes_pdf_queue,
    minutes_pdf_retry,
    minutes_save,
    seat_accept,
    structure_save,
)
from organisation.access import chosen_municipality, scope_for
from organisation.models import Municipality, Position, User
from ui.http import base_url


def _seat_holders(name: str) -> Prefetch:
    """A structure's convener or minute-taker positions with their holders, in one query for every structure."""
    return Prefetch(name, queryset=Position.objects.select_related("holder").order_by("title", "pk"))


@login_required
def structure_list(request):
    structures = (
        visible_structures(request.user)
        .select_related("municipality")
        .prefetch_related(_seat_holders("conveners"))
        .order_by("municipality__name", "level", "name")
    )
    return render(
        request,
        "collaboration/structure_list.html",
        {"structures": structures, "can_set_up": can_set_up_structures(request.user)},
    )


@login_required
def structure_detail(request, structure_id: int):
    """The structure's set-up, and its meetings for those who may see them. Administrators and leadership see
    the set-up of an individual-case structure, never its meetings."""
    structure, sees_meetings = access_structure_page(request.user, structure_id)
    prefetch_related_objects([structure], _seat_holders("conveners"), _seat_holders("minute_takers"))
    seats = structure.members.select_related("service", "municipality", "holder").order_by("title")
    now = timezone.now()
    meetings = (
        structure.meetings.filter(starts_at__gte=now - timedelta(days=120)).order_by("starts_at")[:30]
        if sees_meetings
        else []
    )
    return render(
        request,
        "collaboration/structure_detail.html",
        {
            "structure": structure,
            "seats": seats,
            "meetings": meetings,
            "sees_meetings": sees_meetings,
            "waiting": [
                (position, may_accept_seat(request.user, structure, position))
                for _structure, position in seats_awaiting_acceptance(MeetingStructure.objects.filter(pk=structure.pk))
            ]
            if sees_meetings or can_set_up(request.user, structure)
            else [],
            "may_plan": sees_meetings and can_plan(request.user, structure),
            "may_edit": can_set_up(request.user, structure),
            "propose_form": ProposeYearForm(),
        },
    )


@login_required
def structure_create(request):
    if not can_set_up_structures(request.user):
        raise Http404
    return _structure_form(request, MeetingStructure())


@login_required
def structure_edit(request, structure_id: int):
    return _structure_form(request, access_structure(request.user, structure_id, manage=True))


def _structure_form(request, structure: MeetingStructure):
    form = StructureForm(request.POST or None, instance=structure, user=request.user)
    if request.method == "POST" and form.is_valid():
        structure = structure_save(
            structure=form.save(commit=False),
            members=list(form.cleaned_data["members"]),
            conveners=list(form.cleaned_data["conveners"]),
            minute_takers=list(form.cleaned_data["minute_takers"]),
            by=request.user,
        )
        messages.success(request, _("Møtestrukturen «%s» er lagret.") % structure)
        return redirect(structure)
    title = _("Endre «%s»") % structure if structure.pk else _("Ny møtestruktur")
    return render(request, "form_page.html", {"form": form, "title": title})


@login_required
@require_POST
def structure_propose_year(request, structure_id: int):
    structure = access_structure(request.user, structure_id)
    if not can_plan(request.user, structure):
        raise Http404
    form = ProposeYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg et skoleår."))
        return redirect(structure)
    try:
        created = meetings_propose_school_year(
            structure=structure, school_year=form.cleaned_data["school_year"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(structure)
    messages.success(request, _("%s møter er foreslått i årshjulet.") % len(created))
    return redirect(structure)


@login_required
def structure_meeting_add(request, structure_id: int):
    """One meeting added by hand (an ad hoc structure's only way to get one), as a proposal to convene next."""
    structure = access_structure(request.user, structure_id)
    if not can_plan(request.user, structure):
        raise Http404
    starts = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
    starts = starts.replace(hour=structure.usual_time.hour, minute=structure.usual_time.minute)
    initial = {
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=structure.duration_minutes),
        "place": structure.usual_place,
    }
    form = MeetingAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_add(structure=structure, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Møtet er lagt til som forslag. Kall det inn når sakslisten er klar."))
            return redirect(meeting)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Nytt møte i %s") % structure, "cancel": structure.get_absolute_url()},
    )


_PK_PLACEHOLDER = 987654321


def _meeting_url():
    """A function from a meeting's id to its page, reversing the URL once a page rather than once a row."""
    template = reverse("collaboration:meeting-detail", args=[_PK_PLACEHOLDER])
    return lambda pk: template.replace(str(_PK_PLACEHOLDER), str(pk))


def _school_year_of(day: date) -> int:
    return day.year if day.month >= 8 else day.year - 1


@login_required
def year_wheel(request):
    """The årshjul: the school year's meetings month by month, for a municipality or for the person."""
    mine = request.GET.get("mine") == "1"
    municipality = chosen_municipality(request.user, request.GET.get("kommune", ""))
    ids = scope_for(request.user).municipality_ids
    year_param = request.GET.get("aar", "")
    school_year = (
        int(year_param)
        if year_param.isascii() and year_param.isdigit() and 2000 <= int(year_param) <= 2100
        else _school_year_of(timezone.localdate())
    )
    # An aware range on starts_at, not starts_at__date (which casts every row to a local date before comparing).
    zone = timezone.get_current_timezone()
    start, end = datetime(school_year, 8, 1, tzinfo=zone), datetime(school_year + 1, 8, 1, tzinfo=zone)
    meetings = visible_meetings(request.user).filter(starts_at__gte=start, starts_at__lt=end)
    if mine:
        meetings = meetings.filter(structure__in=seated_structures(request.user))
    else:
        meetings = meetings.filter(structure__municipality=municipality)
    # Each meeting a line of HTML made here, every value escaped, from only the columns shown: a year is some
    # hundred meetings, and a template loop with a reverse() and a date format per meeting was most of the
    # page's time (as measures.views._measure_item).
    statuses = {value: escape(str(label)) for value, label in Meeting.Status.choices}
    meeting_url = _meeting_url()
    mark = ""  # the årshjul's mark of the yearly evaluation of the plan (the reports app's), made once a page
    lines: list[list[str]] = [[] for _month in range(12)]
    rows = meetings.order_by("starts_at").values_list("pk", "starts_at", "status", "evaluates_plan", "structure__name")
    for pk, starts_at, status, evaluates_plan, structure_name in rows:
        local = starts_at.astimezone(zone)
        if evaluates_plan and not mark:
            mark = render_to_string("reports/_year_wheel_mark.html", {"meeting": {"evaluates_plan": True}})
        lines[(local.month - 8) % 12].append(
            f'<li><a class="ds-link" href="{meeting_url(pk)}">{local.day}. {escape(structure_name)}</a> '
            f'<span class="ds-tag" data-size="sm">{statuses[status]}</span>{mark if evaluates_plan else ""}</li>'
        )
    months = []
    for offset in range(12):
        year, month = (school_year, 8 + offset) if offset < 5 else (school_year + 1, offset - 4)
        months.append({"first": date(year, month, 1), "meetings": mark_safe("\n".join(lines[offset]))})  # noqa: S308 (escaped above)
    return render(
        request,
        "collaboration/year_wheel.html",
        {
            "months": months,
            "municipality": municipality,
            # The switch shows only with more than one municipality to choose between: no query otherwise.
            "municipalities": Municipality.objects.filter(pk__in=ids) if len(ids) > 1 else (),
            "mine": mine,
            "school_year": school_year,
        },
    )


def _allowed(meeting: Meeting, minutes, *, convener: bool, writer: bool) -> dict[str, bool]:
    """What this person may do to the meeting now: their duty (convener, minute writer) and the meeting's state
    (Meeting.refusal, which the services enforce too). The page offers nothing else."""
    now = timezone.now()
    duty = {
        "convene": convener,
        "cancel": convener,
        "restore": convener,
        "agenda": convener,
        "approve": convener,
        "minutes": writer,
        "attendance": writer,
        "action_items": writer,
    }
    return {
        action: allowed and meeting.refusal(action, newest_minutes=minutes, now=now) is None
        for action, allowed in duty.items()
    }


_INVITATION_FIELDS = ("meeting_id", "person_id", "position_id", "person__full_name", "position__title")


def _render_meeting(
    request, meeting: Meeting, agenda_form=None, action_form=None, attendance_form=None, *, part="", notice=""
):
    """The meeting page, or with `part` only that section of it (a Django partial of the same template) for an
    htmx request: the page updates in place and focus lands where the person works. Without JavaScript the
    same forms post and redirect as before."""
    convener = is_convener(request.user, meeting.structure)
    writer = is_minute_writer(request.user, meeting.structure)
    context = minutes_context(meeting, request.user)
    can = _allowed(meeting, context["minutes"], convener=convener, writer=writer)
    # Attendance is part of the record: once the minutes are approved it changes only through a correction.
    may_record_attendance = can["attendance"] and not (context["minutes"] and context["minutes"].is_locked)
    invited = meeting.invitations.order_by("person__full_name")
    if may_record_attendance and attendance_form is None:
        # The form needs the invitations themselves; the list of who is invited is made from them.
        invitations = list(invited.select_related("person", "position").only(*_INVITATION_FIELDS))
        recorded = {row.person_id: row for row in context["attendance"]}
        attendance_form = AttendanceForm(invitations=invitations, recorded=recorded)
        invited_lines = [
            (one.person.full_name, one.position_id, one.position.title if one.position else "") for one in invitations
        ]
    else:
        # Only the names and titles shown: no model instances to build.
        invited_lines = list(invited.values_list("person__full_name", "position_id", "position__title"))
    context.update(
        {
            "agenda": [row["item"] for row in context["agenda_with_minutes"]],
            "invitations": invited_lines,
            "is_convener": convener,
            "is_writer": writer,
            "can": can,
            "agenda_form": (agenda_form or AgendaItemForm()) if can["agenda"] else None,
            "action_form": (action_form or ActionItemForm(meeting=meeting)) if can["action_items"] else None,
            "attendance_form": attendance_form if may_record_attendance else None,
            "correction_form": CorrectionForm() if writer else None,
            "notice": notice,
            "notice_for": part,
        }
    )
    if notice and part in {"agenda", "action_items"}:
        # Saved: the next entry starts in the fresh form's first field (one Tab-free step to the next item).
        fresh = context["agenda_form"] if part == "agenda" else context["action_form"]
        if fresh is not None:
            next(iter(fresh.fields.values())).widget.attrs["autofocus"] = True
    template = "collaboration/meeting_detail.html"
    if part:
        template += {
            "agenda": "#agenda-section",
            "action_items": "#action-section",
            "attendance": "#attendance-section",
        }[part]
    return render(request, template, context)


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def meeting_detail(request, meeting_id: int):
    return _render_meeting(request, access_meeting(request.user, meeting_id))


@login_required
def meeting_convene_view(request, meeting_id: int):
    """Convene or move a meeting. The page lists who will be invited (whoever holds a counting seat now) before
    anything is saved."""
    meeting = access_meeting(request.user, meeting_id, convene=True)
    if refused := _refusal(meeting, "convene"):
        messages.error(request, refused)
        return redirect(meeting)
    initial = {
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "place": meeting.place,
        "video_link": meeting.video_link,
    }
    form = ConveneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_convene(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Møtet er innkalt, og invitasjonene er registrert."))
            return redirect(meeting)
    title = _("Kall inn til %s") % meeting
    return render(
        request,
        "collaboration/meeting_convene.html",
        {"form": form, "title": title, "meeting": meeting, "invitees": invitable_seats(meeting.structure)},
    )


def _refusal(meeting: Meeting, action: str) -> str | None:
    newest = meeting.minutes_versions.order_by("-version").first()
    return meeting.refusal(action, newest_minutes=newest, now=timezone.now())


@login_required
def meeting_cancel_view(request, meeting_id: int):
    """Cancel a meeting: the page asks why (the invited are told) and to confirm."""
    meeting = access_meeting(request.user, meeting_id, convene=True)
    if refused := _refusal(meeting, "cancel"):
        messages.error(request, refused)
        return redirect(meeting)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(meeting)
        messages.success(request, _("Møtet er avlyst. Det kan gjenopprettes fram til møtetidspunktet."))
        return redirect(meeting)
    return render(
        request,
        "collaboration/meeting_cancel.html",
        {"form": form, "meeting": meeting, "invited": meeting.invitations.count()},
    )


@login_required
@require_POST
def meeting_restore_view(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, convene=True)
    try:
        meeting = meeting_restore(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    if meeting.status == Meeting.Status.CONVENED:
        messages.success(request, _("Møtet er gjenopprettet og innkalt igjen."))
    else:
        messages.success(request, _("Møtet er gjenopprettet som forslag."))
    return redirect(meeting)


@login_required
@require_POST
def agenda_item_add_view(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, convene=True)
    form = AgendaItemForm(request.POST)
    part = "agenda" if _htmx(request) else ""
    if not form.is_valid():
        return _render_meeting(request, meeting, agenda_form=form, part=part)
    try:
        item = agenda_item_add(
            meeting=meeting,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            submission_key=form.cleaned_data["submission_key"],
            by=request.user,
        )
    except ValidationError as error:
        if part:
            form.add_error(None, error)
            return _render_meeting(request, meeting, agenda_form=form, part=part)
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    if part:
        return _render_meeting(request, meeting, part=part, notice=_("«%s» er lagt til.") % item.title)
    messages.success(request, _("Saken er lagt til."))
    return redirect(meeting)


@login_required
@require_POST
def agenda_item_remove_view(request, meeting_id: int, item_id: int):
    item = access_agenda_item(request.user, meeting_id, item_id)
    try:
        agenda_item_remove(item=item, by=request.user)
    except ValidationError as error:
        if _htmx(request):
            return _render_meeting(request, item.meeting, part="agenda", notice=" ".join(error.messages))
        messages.error(request, " ".join(error.messages))
        return redirect(item.meeting)
    if _htmx(request):
        return _render_meeting(
            request, item.meeting, part="agenda", notice=_("«%s» er fjernet fra agendaen.") % item.title
        )
    messages.success(request, _("Saken er fjernet fra agendaen."))
    return redirect(item.meeting)


@login_required
def meeting_ics(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id)
    response = HttpResponse(
        meetings_calendar([meeting], name=str(meeting.structure), base_url=base_url(request)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def _my_meetings(person):
    since = timezone.now() - timedelta(days=90)
    invited = Invitation.objects.filter(person=person).values("meeting")
    return (
        visible_meetings(person)
        .filter(pk__in=invited, starts_at__gte=since)
        .select_related("structure")
        .order_by("starts_at")
    )


@login_required
def calendar_settings(request):
    """The person's meetings, and their calendar address. The address is made only when asked for (a POST)."""
    if request.method == "POST":
        had_one = CalendarFeed.objects.filter(person=request.user).exists()
        calendar_feed_renew(person=request.user)
        if had_one:
            messages.success(request, _("Du har fått en ny kalenderadresse. Den gamle virker ikke lenger."))
        else:
            messages.success(request, _("Kalenderadressen din er laget."))
        return redirect("collaboration:calendar")
    feed = CalendarFeed.objects.filter(person=request.user).first()
    address = request.build_absolute_uri(f"/kalender/{feed.token}.ics") if feed else ""
    meetings = list(_my_meetings(request.user))
    return render(
        request,
        "collaboration/calendar.html",
        {"address": address, "meetings": meetings, "left_behind": _meetings_left_behind(request.user, meetings)},
    )


def _meetings_left_behind(person, shown) -> list[Meeting]:
    """Past meetings the person was invited to or attended, through a seat they no longer hold in a structure
    whose meetings only the seats open: listed by date and name, not opened (their cases stay with the seats)."""
    now = timezone.now()
    return list(
        Meeting.objects.filter(
            Q(invitations__person=person) | Q(attendance__person=person),
            starts_at__lt=now,
            starts_at__gte=now - timedelta(days=90),
        )
        .exclude(pk__in=[meeting.pk for meeting in shown])
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("structure")
        .distinct()
        .order_by("starts_at")
    )


def calendar_feed(request, token: str):
    """A person's meetings as a calendar subscription. The secret address is the credential."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token, person__is_active=True).first()
    if feed is None:
        raise Http404
    body = meetings_calendar(list(_my_meetings(feed.person)), name=_("Møter i Laget"), base_url=base_url(request))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def minutes_edit(request, meeting_id: int):
    """The minute-taker and the chair write the minutes per agenda item, until they are approved. Opening the
    page writes nothing: the first save makes the first version."""
    minutes = access_minutes_version(request.user, meeting_id, write=True)
    meeting = minutes.meeting if minutes else access_meeting(request.user, meeting_id, write=True)
    if minutes and minutes.is_locked:
        messages.error(request, _("Referatet er godkjent og låst. Lag en rettelse for å endre det."))
        return redirect(meeting)
    if refused := meeting.refusal("minutes", newest_minutes=minutes, now=timezone.now()):
        messages.error(request, refused)
        return redirect(meeting)
    entries = {entry.agenda_item_id: entry for entry in minutes.entries.all()} if minutes else {}
    progress = {note.action_item_id: note.note for note in minutes.progress_notes.all()} if minutes else {}
    agenda = agenda_for(meeting, request.user)
    form = MinutesForm(
        request.POST or None,
        agenda=agenda,
        entries=entries,
        progress=progress,
        initial={"revision": minutes.revision if minutes else 0},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            minutes_save(
                meeting=meeting,
                revision=form.cleaned_data["revision"],
                entries=form.entries(),
                progress=form.progress(),
                by=request.user,
            )
        except MinutesConflict:
            # Keep every word this person typed; show what the other person saved; let them save again on top.
            minutes = meeting.minutes_versions.order_by("-version").first()
            conflict = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
            data = request.POST.copy()
            data["revision"] = minutes.revision
            form = MinutesForm(data, agenda=agenda, entries=entries, progress=progress)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Noen andre lagret referatet mens du skrev. Teksten din er ikke lagret ennå: sammenlign med det "
                    "som er lagret nå (vist under hvert felt), og lagre igjen."
                ),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(meeting)
        else:
            messages.success(request, _("Referatet er lagret."))
            return redirect(meeting)
    return render(
        request,
        "collaboration/minutes_form.html",
        {"form": form, "rows": form.item_rows(conflict), "meeting": meeting, "minutes": minutes, "conflict": conflict},
    )


@login_required
@require_POST
def minutes_approve_view(request, meeting_id: int):
    minutes = access_minutes_version(request.user, meeting_id, approve=True)
    if minutes is None or not minutes.entries.exists():
        messages.error(request, _("Referatet er tomt. Skriv det før det godkjennes."))
        return redirect("collaboration:meeting-detail", meeting_id=meeting_id)
    meeting = minutes.meeting
    try:
        minutes_approve(minutes=minutes, approved_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    messages.success(request, _("Referatet er godkjent og låst."))
    return redirect(meeting)


@login_required
@require_POST
def minutes_correct_view(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv hva som skal rettes."))
        return redirect(meeting)
    try:
        minutes_correct(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    messages.success(request, _("En ny versjon av referatet er åpnet for retting. Den godkjente er tatt vare på."))
    return redirect("collaboration:minutes-edit", meeting_id=meeting.pk)


@login_required
def attendance_edit(request, meeting_id: int):
    """Attendance per invited person. The meeting page carries the same form: with htmx its post answers the
    page's attendance section (saved, or with the error summary), in place; without JavaScript it posts here and
    goes back to the meeting. This page stays for the form on its own."""
    minutes = access_minutes_version(request.user, meeting_id, write=True)
    meeting = minutes.meeting if minutes else access_meeting(request.user, meeting_id, write=True)
    part = "attendance" if _htmx(request) and request.method == "POST" else ""
    refused = (
        _("Referatet er godkjent og låst. Lag en rettelse for å endre det.")
        if minutes and minutes.is_locked
        else meeting.refusal("attendance", newest_minutes=minutes, now=timezone.now())
    )
    if refused:
        if part:
            return _render_meeting(request, meeting, part=part, notice=refused)
        messages.error(request, refused)
        return redirect(meeting)
    invitations = meeting.invitations.select_related(
        "person", "position", "position__service", "position__municipality"
    ).order_by("person__full_name")
    recorded = {row.person_id: row for row in meeting.attendance.all()}
    form = AttendanceForm(request.POST or None, invitations=invitations, recorded=recorded)
    if request.method == "POST" and form.is_valid():
        try:
            attendance_record(meeting=meeting, rows=form.rows(), by=request.user)
        except ValidationError as error:
            if part:
                form.add_error(None, error)
                return _render_meeting(request, meeting, attendance_form=form, part=part)
            messages.error(request, " ".join(error.messages))
            return redirect(meeting)
        if part:
            return _render_meeting(request, meeting, part=part, notice=_("Oppmøtet er lagret."))
        messages.success(request, _("Oppmøtet er lagret."))
        return redirect(meeting)
    if part:
        return _render_meeting(request, meeting, attendance_form=form, part=part)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Oppmøte: %s") % meeting, "cancel": meeting.get_absolute_url()},
    )


@login_required
@require_POST
def action_item_add_view(request, meeting_id: int):
    meeting = access_meeting(request.user, meeting_id, write=True)
    form = ActionItemForm(request.POST, meeting=meeting)
    part = "action_items" if _htmx(request) else ""
    if not form.is_valid():
        return _render_meeting(request, meeting, action_form=form, part=part)
    try:
        item = action_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        if part:
            form.add_error(None, error)
            return _render_meeting(request, meeting, action_form=form, part=part)
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    if part:
        return _render_meeting(request, meeting, part=part, notice=_("Oppgaven «%s» er registrert.") % item.what)
    messages.success(request, _("Oppgaven er registrert."))
    return redirect(meeting)


@login_required
@require_POST
def action_item_close_view(request, item_id: int):
    item = access_action_item(request.user, item_id, close=True)
    action_item_close(item=item, by=request.user)
    messages.success(request, _("«%s» er merket som utført.") % item.what)
    return _back(request, item)


@login_required
@require_POST
def action_item_reopen_view(request, item_id: int):
    item = access_action_item(request.user, item_id, close=True)
    action_item_reopen(item=item, by=request.user)
    messages.success(request, _("«%s» er åpnet igjen.") % item.what)
    return _back(request, item)


def _back(request, item):
    """Back to the list or start page the button was pressed on (never off the site), else the meeting."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(item.meeting)


ACTION_ITEMS_PER_PAGE = 50


@login_required
@require_GET
def action_item_list(request):
    """The person's action items, and their services': filtered (whose, state, structure), counted, paged. The
    leader of an owning service hands a service's item to a person in it from here."""
    service_ids = scope_for(request.user).service_ids
    mine = reachable_action_items(request.user).owned_by(request.user, service_ids)
    filters = ActionItemFilter(
        request.GET,
        queryset=mine.order_by("due_on", "pk"),
        user=request.user,
        service_ids=service_ids,
        structures=MeetingStructure.objects.filter(pk__in=mine.values("structure")).order_by("name"),
    )
    page = Paginator(filters.qs, ACTION_ITEMS_PER_PAGE).get_page(request.GET.get("side"))
    items = action_lines(page.object_list, request.user)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "collaboration/action_item_list.html",
        {
            "filters": filters,
            "form": filters.form,
            "page": page,
            "count": page.paginator.count,
            "items": items,
            "assignees": _assignees({item.owner_service_id for item in items if item.may_assign}),
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


def _assignees(service_ids: set[int]) -> dict[int, list]:
    """Per service: the active people who hold a position in it, whom its leader may hand an item to."""
    people: dict[int, list] = {service_id: [] for service_id in service_ids}
    for position in (
        Position.objects.filter(service__in=service_ids, holder__is_active=True)
        .select_related("holder")
        .order_by("holder__full_name")
    ):
        if position.holder not in people[position.service_id]:
            people[position.service_id].append(position.holder)
    return people


@login_required
@require_POST
def action_item_assign_view(request, item_id: int):
    item = access_action_item(request.user, item_id, assign=True)
    raw = request.POST.get("person", "")
    person = User.objects.filter(pk=int(raw), is_active=True).first() if raw.isdigit() else None
    if person is None:
        messages.error(request, _("Velg hvem som skal ha oppgaven."))
        return _back(request, item)
    try:
        action_item_assign(item=item, person=person, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s har fått oppgaven «%(what)s».") % {"person": person, "what": item.what})
    return _back(request, item)


@login_required
@require_POST
def seat_accept_view(request, structure_id: int, position_id: int):
    """The convener or an administrator of the structure's municipality accepts a seat holder from elsewhere."""
    structure, _sees = access_structure_page(request.user, structure_id)
    waiting = {
        seat.pk: seat for _s, seat in seats_awaiting_acceptance(MeetingStructure.objects.filter(pk=structure.pk))
    }
    position = waiting.get(position_id)
    if position is None or not may_accept_seat(request.user, structure, position):
        raise Http404
    try:
        seat_accept(structure=structure, position=position, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s har nå plass i «%(structure)s».") % {"person": position.holder, "structure": structure},
        )
    return redirect("home")


@login_required
@require_GET
def minutes_pdf_view(request, meeting_id: int):
    """The stored PDF of the newest approved version of the minutes (a draft has none). It is made by a Celery
    task, never in this request: until it is ready, the reader gets a page that says so.

    A version approved before PDFs were stored (or in the demo, which leaves them to the first reader) has no
    rendering yet: the page offers a button that asks for it (a POST: a GET stores nothing).
    """
    minutes = access_minutes_version(request.user, meeting_id, approved=True)
    if minutes is None:
        raise Http404
    pdf = MinutesPdf.objects.filter(minutes=minutes).first()
    if pdf is not None and pdf.status == MinutesPdf.Status.READY:
        response = FileResponse(
            pdf.file.open("rb"),
            as_attachment=True,
            filename=f"referat-{minutes.meeting_id}-v{minutes.version}.pdf",
            content_type="application/pdf",
        )
        response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(pdf.sha256)).decode()}:"
        return response
    writes = is_minute_writer(request.user, minutes.meeting.structure)
    return render(
        request,
        "collaboration/minutes_pdf_status.html",
        {
            "meeting": minutes.meeting,
            "minutes": minutes,
            "pdf": pdf,
            "may_retry": pdf is not None and pdf.may_retry and writes,
            "sees_reason": writes,
        },
    )


@login_required
@require_POST
def minutes_pdf_retry_view(request, meeting_id: int):
    """Ask for the PDF of an approved version that has none yet (any reader), or queue a failed build again
    (the convener or minute-taker)."""
    minutes = access_minutes_version(request.user, meeting_id, approved=True)
    if minutes is None:
        raise Http404
    pdf = MinutesPdf.objects.filter(minutes=minutes).first()
    if pdf is None:
        minutes_pdf_queue(minutes=minutes, by=request.user)
    elif pdf.may_retry:
        if not is_minute_writer(request.user, minutes.meeting.structure):
            raise Http404
        if minutes_pdf_retry(pdf=pdf, by=request.user).status == MinutesPdf.Status.QUEUED:
            messages.success(request, _("PDF-en lages på nytt."))
    return redirect("collaboration:minutes-pdf", meeting_id=minutes.meeting_id)
