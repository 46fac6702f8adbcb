"""The årshjul, convening, invitations to whoever holds a seat, agendas, and calendar files."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from collaboration.models import CalendarFeed, Invitation
from collaboration.services import meetings_propose_school_year, school_year_dates
from organisation.models import Position, User

pytestmark = pytest.mark.django_db


def test_a_semester_cadence_gives_one_meeting_each_semester_on_the_usual_weekday(structures):
    days = school_year_dates(structures["system"], 2026)
    assert len(days) == 2
    assert all(day.weekday() == 2 for day in days)  # Wednesday
    assert date(2026, 9, 15) <= days[0] < date(2026, 9, 22)
    assert date(2027, 2, 1) <= days[1] < date(2027, 2, 8)


def test_a_monthly_cadence_skips_july(structures):
    days = school_year_dates(structures["individual"], 2026)
    assert len(days) == 11
    assert 7 not in {day.month for day in days}


def test_proposals_are_created_once_and_the_last_evaluates_the_plan(structures):
    created = meetings_propose_school_year(structure=structures["system"], school_year=2026, by=None)
    assert [meeting.status for meeting in created] == ["proposed", "proposed"]
    assert [meeting.evaluates_plan for meeting in created] == [False, True]
    assert timezone.localtime(created[0].starts_at).hour == 13
    assert meetings_propose_school_year(structure=structures["system"], school_year=2026, by=None) == []
    assert structures["system"].meetings.count() == 2


def test_a_cadence_that_yields_no_dates_says_so(client, org, structures):
    structure = structures["system"]
    structure.cadence = "ad_hoc"
    structure.save()
    with pytest.raises(ValidationError, match="gir ingen faste møter"):
        meetings_propose_school_year(structure=structure, school_year=2026, by=None)
    client.force_login(org.users["leader_a"])
    response = client.post(
        reverse("collaboration:structure-propose", args=[structure.pk]), {"school_year": 2026}, follow=True
    )
    assert "Hyppigheten «Ved behov» gir ingen faste møter." in response.content.decode()


def test_an_ad_hoc_structure_gets_a_single_meeting_by_hand(client, org, structures):
    structure = structures["system"]
    structure.cadence = "ad_hoc"
    structure.save()
    client.force_login(org.users["leader_a"])
    page = client.get(structure.get_absolute_url()).content.decode()
    assert "Nytt enkeltmøte" in page and "Foreslå møtene for skoleåret" not in page
    url = reverse("collaboration:structure-meeting-add", args=[structure.pk])
    response = client.post(url, {"starts_at": "2030-03-05T13:00", "ends_at": "2030-03-05T12:00", "place": ""})
    assert 'href="#id_ends_at"' in response.content.decode()  # the error summary links to the field
    response = client.post(url, {"starts_at": "2030-03-05T13:00", "ends_at": "2030-03-05T14:30", "place": "Rådhuset"})
    meeting = structure.meetings.get()
    assert response.url == meeting.get_absolute_url()
    assert (meeting.status, meeting.place, timezone.localtime(meeting.starts_at).hour) == ("proposed", "Rådhuset", 13)
    client.force_login(org.users["staff_a"])  # a member, not the convener
    assert client.get(url).status_code == 404


def _convene(client, meeting, **changes):
    starts = timezone.localtime(meeting.starts_at)
    data = {
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Rådhuset",
        "video_link": "",
    }
    data.update(changes)
    return client.post(reverse("collaboration:meeting-convene", args=[meeting.pk]), data)


def test_convening_invites_whoever_holds_the_seats_now(client, org, structures, meeting):
    client.force_login(org.users["leader_a"])
    assert _convene(client, meeting).status_code == 302
    invited = set(Invitation.objects.filter(meeting=meeting).values_list("person__email", flat=True))
    assert invited == {"staff_a@test.demo", "leader_a@test.demo", "ppt_shared@test.demo"}
    assert [item.title for item in meeting.agenda_items.all()] == ["Evaluering av samarbeidet", "Aktuelle utfordringer"]
    # A staff change is one edit of the position; the next convening invites the new holder.
    seat = Position.objects.get(holder=org.users["staff_a"])
    newcomer = User.objects.create_user("ny@test.demo", "x" * 12, full_name="Ny Nyesen", municipality=org.a)
    seat.holder = newcomer
    seat.save()
    _convene(client, meeting, place="Biblioteket")
    assert Invitation.objects.filter(meeting=meeting, person=newcomer).exists()
    assert meeting.agenda_items.count() == 2  # the agenda is not doubled


def test_invited_meetings_show_on_the_persons_start_page(client, org, structures, meeting):
    client.force_login(org.users["leader_a"])
    _convene(client, meeting)
    client.force_login(org.users["staff_a"])
    assert "TOG" in client.get(reverse("organisation:staff-home")).content.decode()


def test_a_meeting_that_ends_before_it_starts_is_refused(client, org, structures, meeting):
    client.force_login(org.users["leader_a"])
    starts = timezone.localtime(meeting.starts_at)
    response = _convene(
        client, meeting, ends_at=(starts - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), place="Et sted vi husker"
    )
    content = response.content.decode()
    assert "Møtet må slutte etter at det starter." in content
    assert 'value="Et sted vi husker"' in content
    meeting.refresh_from_db()
    assert meeting.status == "proposed"


def _events(body: bytes):
    calendar = Calendar.from_ical(body)
    return [component for component in calendar.walk("VEVENT")]


def test_the_ics_file_is_valid_and_a_moved_meeting_keeps_its_uid(client, org, structures, meeting):
    client.force_login(org.users["leader_a"])
    _convene(client, meeting)
    first = _events(client.get(reverse("collaboration:meeting-ics", args=[meeting.pk])).content)
    assert len(first) == 1
    assert str(first[0]["summary"]) == "TOG"
    assert str(first[0]["status"]) == "CONFIRMED"
    later = timezone.localtime(meeting.starts_at) + timedelta(days=1)
    _convene(
        client,
        meeting,
        starts_at=later.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(later + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )
    moved = _events(client.get(reverse("collaboration:meeting-ics", args=[meeting.pk])).content)[0]
    assert moved["uid"] == first[0]["uid"]
    assert int(moved["sequence"]) == int(first[0]["sequence"]) + 1
    assert moved.decoded("dtstart") > first[0].decoded("dtstart")
    client.post(reverse("collaboration:meeting-cancel", args=[meeting.pk]), {"reason": "Sykdom"})
    cancelled = _events(client.get(reverse("collaboration:meeting-ics", args=[meeting.pk])).content)[0]
    assert cancelled["uid"] == first[0]["uid"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == int(moved["sequence"]) + 1


def test_the_personal_feed_needs_its_secret_and_a_new_one_kills_the_old(client, org, structures, meeting):
    client.force_login(org.users["leader_a"])
    _convene(client, meeting)
    client.force_login(org.users["staff_a"])
    assert 'id="kalenderadresse"' not in client.get(reverse("collaboration:calendar")).content.decode()
    assert not CalendarFeed.objects.exists()  # opening the page makes no address
    client.post(reverse("collaboration:calendar"))
    page = client.get(reverse("collaboration:calendar")).content.decode()
    address = page.split('id="kalenderadresse" type="text" readonly value="', 1)[1].split('"', 1)[0]
    path = address.split("testserver", 1)[1]
    client.logout()
    events = _events(client.get(path).content)
    assert [str(event["summary"]) for event in events] == ["TOG"]
    client.force_login(org.users["staff_a"])
    client.post(reverse("collaboration:calendar"))
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get("/kalender/gjett.ics").status_code == 404


def test_the_year_wheel_shows_the_municipalitys_and_the_persons_meetings(client, org, structures):
    meetings_propose_school_year(structure=structures["system"], school_year=2026, by=None)
    meetings_propose_school_year(structure=structures["individual"], school_year=2026, by=None)
    client.force_login(org.users["leadership_a"])
    content = client.get(reverse("collaboration:year-wheel"), {"aar": 2026}).content.decode()
    assert content.count("TOG") >= 2
    assert "Elevhelseteam" not in content  # individual cases: seats only
    client.force_login(org.users["staff_a"])
    mine = client.get(reverse("collaboration:year-wheel"), {"aar": 2026, "mine": 1}).content.decode()
    assert "Elevhelseteam" in mine and "TOG" in mine


def test_an_agenda_item_needs_a_title(client, org, structures, meeting):
    client.force_login(org.users["leader_a"])
    response = client.post(reverse("collaboration:agenda-add", args=[meeting.pk]), {"title": "", "description": "Noe"})
    assert "Feltet er påkrevet." in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_structures_keep_history_and_only_one_forum_evaluates_the_plan(org, structures):
    from django.db import IntegrityError, transaction

    structure = structures["individual"]
    structure.evaluates_plan = True
    with pytest.raises(IntegrityError), transaction.atomic():
        structure.save()
    system = structures["system"]
    system.minute_takers.set([structures["seats"]["ppt_shared"]])
    assert [p.position_id for p in system.history.first().minute_takers.all()] == [structures["seats"]["ppt_shared"].pk]
    assert system.history.filter(
        historicalmeetingstructure_minute_takers__position=structures["seats"]["staff_a"]
    ).exists()


def _structure_form(org, **changes):
    from organisation.models import Position

    seat = Position.objects.get(holder=org.users["leader_a"]).pk
    data = {
        "municipality": org.a.pk,
        "name": "Nytt forum",
        "level": "individual",
        "mandate": "Enkeltsaker",
        "standing_agenda": "",
        "members": [seat],
        "conveners": [seat],
        "minute_takers": [seat],
        "cadence": "monthly",
        "usual_weekday": "1",
        "usual_time": "09:00",
        "duration_minutes": "60",
        "usual_place": "Skolen",
        "no_consent_policy": "anonymous",
    }
    data.update(changes)
    return data


def test_an_administrator_sets_up_a_structure_with_positions_of_the_municipality(client, org):
    from collaboration.models import MeetingStructure
    from organisation.models import Position

    client.force_login(org.users["admin_a"])
    response = client.post(reverse("collaboration:structure-create"), _structure_form(org))
    assert response.status_code == 302
    assert MeetingStructure.objects.get(name="Nytt forum").no_consent_policy == "anonymous"
    outside = Position.objects.get(holder=org.users["staff_b"]).pk
    response = client.post(
        reverse("collaboration:structure-create"), _structure_form(org, name="X", conveners=[outside])
    )
    assert response.status_code == 200
    assert not MeetingStructure.objects.filter(name="X").exists()


def test_an_individual_case_structure_needs_a_no_consent_policy(client, org):
    client.force_login(org.users["admin_a"])
    response = client.post(reverse("collaboration:structure-create"), _structure_form(org, no_consent_policy=""))
    content = response.content.decode()
    assert "Velg hva som gjelder når en sak mangler samtykke." in content
    assert 'value="Nytt forum"' in content


def test_only_a_system_level_structure_evaluates_the_plan(client, org):
    from collaboration.models import MeetingStructure

    client.force_login(org.users["admin_a"])
    response = client.post(reverse("collaboration:structure-create"), _structure_form(org, evaluates_plan="on"))
    assert "Bare en struktur på systemnivå kan evaluere planen." in response.content.decode()
    assert not MeetingStructure.objects.filter(name="Nytt forum").exists()
