"""A structure may have several convener and minute-taker positions (Vedlegg 1: "Teamledere", "avdelingsledere"):
each convener seat convenes, sets the agenda and approves, each minute-taker seat writes minutes; any other seat
does neither. The structure's history keeps every change of the seats, and a staff change follows each of them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collaboration.access import seats_for
from collaboration.models import Invitation, Meeting, MinutesEntry
from collaboration.services import meeting_convene, minutes_save, structure_save
from organisation.models import Position
from organisation.services import position_save
from reminders.models import Kind
from reminders.sweep import minutes_notices, municipal_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_chairs(org, structures):
    """TOG chaired by two seats (leader_a's and the shared PPT adviser's), minuted by leader_a's seat only;
    staff_a sits in it as a member and nothing more."""
    system = structures["system"]
    seats = structures["seats"]
    system.conveners.set([seats["leader_a"], seats["ppt_shared"]])
    system.minute_takers.set([seats["leader_a"]])
    return system


def _convened(structure, starts):
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=2))
    return meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="Rådhuset", video_link="", by=None
    )


@pytest.mark.parametrize(("who", "status"), [("leader_a", 200), ("ppt_shared", 200), ("staff_a", 404)])
def test_each_convener_seat_convenes_and_writes_minutes_and_no_other_seat_does(client, org, two_chairs, who, status):
    meeting = _convened(two_chairs, timezone.now() - timedelta(hours=1))
    client.force_login(org.users[who])
    assert client.get(reverse("collaboration:meeting-convene", args=[meeting.pk])).status_code == status
    assert client.get(reverse("collaboration:minutes-edit", args=[meeting.pk])).status_code == status
    assert client.get(reverse("collaboration:attendance-edit", args=[meeting.pk])).status_code == status
    response = client.post(
        reverse("collaboration:agenda-add", args=[meeting.pk]), {"title": f"Sak fra {who}", "description": ""}
    )
    assert response.status_code == (302 if status == 200 else 404)
    assert meeting.agenda_items.filter(title=f"Sak fra {who}").exists() == (status == 200)
    # Everybody seated still sees the meeting.
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_the_second_convener_approves_and_both_are_reminded(client, org, two_chairs):
    meeting = _convened(two_chairs, timezone.now() - timedelta(days=2))
    item = meeting.agenda_items.first()
    minutes_save(meeting=meeting, revision=0, entries={item.pk: ("Drøftet", "Vedtatt")}, by=org.users["leader_a"])
    assert MinutesEntry.objects.filter(minutes__meeting=meeting).exists()
    told = {
        candidate.recipient_id
        for candidate in minutes_notices(timezone.now(), timezone.now() - timedelta(days=30), municipal_settings())
        if candidate.kind == Kind.MINUTES_TO_APPROVE
    }
    assert told == {org.users["leader_a"].pk, org.users["ppt_shared"].pk}
    client.force_login(org.users["ppt_shared"])
    assert client.post(reverse("collaboration:minutes-approve", args=[meeting.pk])).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_versions.get().approved_by == org.users["ppt_shared"]


def test_the_structure_page_lists_every_convener_and_minute_taker(client, org, two_chairs):
    client.force_login(org.users["staff_a"])
    page = client.get(two_chairs.get_absolute_url()).content.decode()
    assert "Innkallere og møteledere" in page
    assert org.users["leader_a"].full_name in page
    assert org.users["ppt_shared"].full_name in page


def _form(structure, **changes):
    data = {
        "name": structure.name,
        "level": structure.level,
        "mandate": structure.mandate,
        "members": list(structure.members.values_list("pk", flat=True)),
        "conveners": list(structure.conveners.values_list("pk", flat=True)),
        "minute_takers": list(structure.minute_takers.values_list("pk", flat=True)),
        "cadence": structure.cadence,
        "usual_weekday": structure.usual_weekday,
        "usual_time": "13:00",
        "duration_minutes": 90,
        "evaluates_plan": "on" if structure.evaluates_plan else "",
    }
    data.update(changes)
    return data


def test_the_form_refuses_a_structure_without_a_convener_in_norwegian(client, org, structures):
    system = structures["system"]
    client.force_login(org.users["admin_a"])
    url = reverse("collaboration:structure-edit", args=[system.pk])
    response = client.post(url, _form(system, conveners=[]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Velg minst én stilling som innkaller og møteleder." in content
    assert 'href="#id_conveners"' in content  # the error summary links to the field
    assert list(system.conveners.all()) == [structures["seats"]["leader_a"]]
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError):
        structure_save(structure=system, members=[], conveners=[], minute_takers=[], by=org.users["admin_a"])


def test_an_administrator_gives_a_structure_two_conveners_and_the_history_keeps_the_change(client, org, structures):
    system = structures["system"]
    seats = structures["seats"]
    client.force_login(org.users["admin_a"])
    response = client.post(
        reverse("collaboration:structure-edit", args=[system.pk]),
        _form(system, conveners=[seats["leader_a"].pk, seats["ppt_shared"].pk]),
    )
    assert response.status_code == 302
    assert set(system.conveners.all()) == {seats["leader_a"], seats["ppt_shared"]}
    newest = system.history.first()
    assert {row.position_id for row in newest.conveners.all()} == {seats["leader_a"].pk, seats["ppt_shared"].pk}
    assert newest.history_user == org.users["admin_a"]
    # An earlier row still says who convened before.
    assert {row.position_id for row in system.history.last().conveners.all()} <= {seats["leader_a"].pk}
    assert system.history.filter(historicalmeetingstructure_conveners__position=seats["ppt_shared"]).exists()
    assert seats_for(org.users["ppt_shared"]).convener_ids == frozenset({system.pk})


def test_a_new_holder_of_the_second_convener_seat_takes_over_its_duties(client, org, two_chairs):
    meeting = _convened(two_chairs, timezone.now() + timedelta(days=5))
    seat = Position.objects.get(holder=org.users["ppt_shared"])
    newcomer = UserFactory(email="ny-ppt@test.demo", municipality=org.a)
    seat.holder = newcomer
    position_save(position=seat, by=org.users["admin_a"])
    invited = set(Invitation.objects.filter(meeting=meeting).values_list("person__email", flat=True))
    assert "ny-ppt@test.demo" in invited and "ppt_shared@test.demo" not in invited
    client.force_login(newcomer)
    assert client.get(reverse("collaboration:meeting-convene", args=[meeting.pk])).status_code == 200
    client.force_login(org.users["ppt_shared"])
    assert client.get(reverse("collaboration:meeting-convene", args=[meeting.pk])).status_code == 404
