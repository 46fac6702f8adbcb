"""A staff change follows the seat: a position's new holder is invited to every future convened meeting of every
structure the seat sits in, the old holder is uninvited, and past meetings keep the people who were there."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import Attendance, Invitation, Meeting
from collaboration.services import attendance_record, meeting_convene
from organisation.models import Position
from organisation.services import position_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _convened(structure, starts):
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))
    return meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="Rådhuset", video_link="", by=None
    )


@pytest.fixture
def meetings(org, structures):
    now = timezone.now()
    past = _convened(structures["system"], now - timedelta(days=10))
    attendance_record(
        meeting=past,
        rows=[{"person": org.users["staff_a"], "position": None, "status": Attendance.Status.PRESENT}],
        by=org.users["leader_a"],
    )
    return {
        "past": past,
        "tog": [_convened(structures["system"], now + timedelta(days=days)) for days in (5, 40)],
        "eht": [_convened(structures["individual"], now + timedelta(days=days)) for days in (7, 14, 21)],
        "proposed": Meeting.objects.create(
            structure=structures["system"], starts_at=now + timedelta(days=60), ends_at=now + timedelta(days=61)
        ),
    }


def _invited(meeting) -> set[str]:
    return set(Invitation.objects.filter(meeting=meeting).values_list("person__email", flat=True))


def test_a_new_holder_is_invited_to_every_future_meeting_and_the_old_one_is_not(org, structures, meetings):
    seat = Position.objects.get(holder=org.users["staff_a"])
    newcomer = UserFactory(email="ny@test.demo", municipality=org.a)
    seat.holder = newcomer
    position_save(position=seat, by=org.users["admin_a"])
    for meeting in meetings["tog"] + meetings["eht"]:
        invited = _invited(meeting)
        assert "ny@test.demo" in invited and "staff_a@test.demo" not in invited, meeting
        assert Invitation.objects.get(meeting=meeting, person=newcomer).position == seat
    # The past meeting keeps who was invited and who came; a proposal has no invitations yet.
    assert "staff_a@test.demo" in _invited(meetings["past"]) and "ny@test.demo" not in _invited(meetings["past"])
    assert meetings["past"].attendance.get().person == org.users["staff_a"]
    assert not Invitation.objects.filter(meeting=meetings["proposed"]).exists()
    # History names who made the change.
    created = Invitation.history.filter(person=newcomer, history_type="+").first()
    assert created.history_user == org.users["admin_a"]


def test_a_vacant_seat_uninvites_and_leaves_nobody_in_its_place(org, meetings):
    seat = Position.objects.get(holder=org.users["staff_a"])
    seat.holder = None
    position_save(position=seat, by=org.users["admin_a"])
    assert all("staff_a@test.demo" not in _invited(meeting) for meeting in meetings["tog"] + meetings["eht"])


def test_a_new_holder_of_a_seat_from_another_municipality_waits_for_acceptance(org, meetings):
    from collaboration.models import MeetingStructure, SeatAcceptance
    from collaboration.services import seat_accept

    # The shared PPT, hosted by A, sits in B's individual-case structure, accepted there.
    ppt = Position.objects.get(holder=org.users["ppt_shared"])
    chair = Position.objects.get(holder=org.users["staff_b"])
    tst = MeetingStructure.objects.create(
        municipality=org.b,
        name="TST",
        level="individual",
        cadence="monthly",
        mandate="Enkeltsaker",
        no_consent_policy="anonymous",
    )
    tst.conveners.set([chair])
    tst.minute_takers.set([chair])
    tst.members.set([ppt])
    SeatAcceptance.objects.create(structure=tst, position=ppt, person=org.users["ppt_shared"], accepted_by=chair.holder)
    meeting = _convened(tst, timezone.now() + timedelta(days=3))
    assert "ppt_shared@test.demo" in _invited(meeting)
    ppt.holder = UserFactory(email="ppt-ny@test.demo", municipality=org.a)
    position_save(position=ppt, by=org.users["admin_a"])
    # Not accepted by B yet: no access to B's cases, so no invitation; the old holder is gone.
    assert _invited(meeting) == {"staff_b@test.demo"}
    seat_accept(structure=tst, position=ppt, by=chair.holder)
    assert "ppt-ny@test.demo" in _invited(meeting)


def test_the_position_form_says_what_a_change_of_holder_will_do(client, org, meetings):
    seat = Position.objects.get(holder=org.users["staff_a"])
    client.force_login(org.users["admin_a"])
    page = client.get(reverse("organisation:position-edit", args=[seat.pk])).content.decode()
    assert "3 kommende møter i Elevhelseteam følger stillingen" in page
    assert "2 kommende møter i TOG følger stillingen" in page
    assert (
        "Hvis du gir stillingen til en annen"
        not in client.get(reverse("organisation:position-create")).content.decode()
    )


def test_the_old_holder_still_sees_the_meetings_she_attended_on_her_calendar_page(client, org, meetings):
    seat = Position.objects.get(holder=org.users["staff_a"])
    past_eht = _convened(meetings["eht"][0].structure, timezone.now() - timedelta(days=3))
    seat.holder = UserFactory(email="ny@test.demo", municipality=org.a)
    position_save(position=seat, by=org.users["admin_a"])
    client.force_login(org.users["staff_a"])
    page = client.get(reverse("collaboration:calendar")).content.decode()
    assert "Tidligere møter gjennom en plass du ikke har lenger" in page
    assert "Elevhelseteam" in page
    assert past_eht.get_absolute_url() not in page  # listed, not opened: its cases stay with the seat
