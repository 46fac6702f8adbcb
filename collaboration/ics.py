"""iCalendar (RFC 5545) for meetings, with the icalendar library. One UID per meeting for its whole life; a
moved or cancelled meeting raises SEQUENCE so calendar programs update the same event."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from collaboration.models import Meeting

_STATUS = {
    Meeting.Status.PROPOSED: "TENTATIVE",
    Meeting.Status.CONVENED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def meetings_calendar(meetings, *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Laget//Møter//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if any(meeting.status == Meeting.Status.CANCELLED for meeting in meetings):
        calendar.add("method", "PUBLISH")
    now = timezone.now().astimezone(UTC)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url=base_url, now=now))
    return calendar.to_ical()


def meeting_invitation(meeting: Meeting, *, method: str, base_url: str, organizer: str, attendee: str) -> bytes:
    """One meeting as an iTIP message to one attendee: METHOD:REQUEST puts it in Outlook's calendar (a higher
    SEQUENCE updates it), METHOD:CANCEL removes it. Same UID as the meeting's .ics and feed."""
    calendar = Calendar()
    calendar.add("prodid", "-//Laget//Møter//NO")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = _event(meeting, base_url=base_url, now=timezone.now().astimezone(UTC))
    event.add("organizer", f"mailto:{organizer}", parameters={"CN": "Laget"})
    event.add("attendee", f"mailto:{attendee}", parameters={"ROLE": "REQ-PARTICIPANT", "RSVP": "FALSE"})
    if method == "CANCEL":
        event.pop("status")
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()


def _event(meeting: Meeting, *, base_url: str, now) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@laget")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", meeting.structure.name)
    event.add("status", _STATUS[meeting.status])
    location = meeting.video_link or meeting.place
    if location:
        event.add("location", location)
    event.add("url", base_url.rstrip("/") + meeting.get_absolute_url())
    # The agenda stays in Laget: a calendar is no place for what individual cases are about.
    event.add("description", "Saksliste og referat i Laget: " + base_url.rstrip("/") + meeting.get_absolute_url())
    return event
