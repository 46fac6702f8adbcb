"""Every write goes through a service: no GET creates rows, a double submit stores once, history names who
acted even outside a request, and a record stays a record."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ActionItem, AgendaItem, Attendance, Minutes
from collaboration.services import meeting_cancel, meeting_convene, minutes_correct

pytestmark = pytest.mark.django_db


@pytest.fixture
def convened(org, meeting):
    # Held yesterday: its attendance can be recorded and its minutes approved.
    return meeting_convene(
        meeting=meeting,
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=2),
        place="Rådhuset",
        video_link="",
        by=org.users["leader_a"],
    )


def test_opening_the_minutes_and_attendance_pages_writes_nothing(client, org, convened):
    client.force_login(org.users["staff_a"])
    assert client.get(reverse("collaboration:minutes-edit", args=[convened.pk])).status_code == 200
    assert client.get(reverse("collaboration:attendance-edit", args=[convened.pk])).status_code == 200
    assert not Minutes.objects.exists() and not Attendance.objects.exists()


def test_a_double_clicked_agenda_item_is_stored_once(client, org, convened):
    client.force_login(org.users["leader_a"])
    page = client.get(convened.get_absolute_url()).content.decode()
    key = page.split('name="submission_key" value="', 1)[1].split('"', 1)[0]
    for _ in range(2):
        response = client.post(
            reverse("collaboration:agenda-add", args=[convened.pk]), {"title": "Ny rutine", "submission_key": key}
        )
        assert response.status_code == 302
    assert AgendaItem.objects.filter(title="Ny rutine").count() == 1


def test_a_double_clicked_action_item_is_stored_once(client, org, convened):
    client.force_login(org.users["staff_a"])
    page = client.get(convened.get_absolute_url()).content.decode()
    key = page.split('id="oppgaver"', 1)[1].split('name="submission_key" value="', 1)[1].split('"', 1)[0]
    data = {
        "what": "Lage rutine",
        "owner_person": org.users["staff_a"].pk,
        "due_on": "2030-01-01",
        "submission_key": key,
    }
    for _ in range(2):
        assert client.post(reverse("collaboration:action-item-add", args=[convened.pk]), data).status_code == 302
    assert ActionItem.objects.filter(what="Lage rutine").count() == 1


def test_history_names_who_acted_when_a_service_runs_outside_a_request(org, convened):
    meeting_cancel(meeting=convened, reason="Sykdom", by=org.users["leader_a"])
    assert convened.history.first().history_user == org.users["leader_a"]
    assert convened.history.first().status == "cancelled"


@pytest.mark.django_db(transaction=True)
def test_two_corrections_at_once_make_one_new_version(org, structures):
    from django.utils import timezone

    from collaboration.models import Meeting
    from collaboration.services import minutes_approve, minutes_save

    starts = timezone.now() - timedelta(days=30)
    meeting = Meeting.objects.create(
        structure=structures["system"], starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    meeting = meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="X", video_link="", by=org.users["leader_a"]
    )
    item = meeting.agenda_items.first()
    minutes = minutes_save(
        meeting=meeting, revision=0, entries={item.pk: ("Drøftet", "Vedtatt")}, by=org.users["staff_a"]
    )
    minutes_approve(minutes=minutes, approved_by=org.users["leader_a"])
    errors = []
    start = threading.Barrier(2)

    def correct():
        try:
            start.wait()
            minutes_correct(meeting=meeting, reason="Skrivefeil", by=org.users["staff_a"])
        except Exception as error:  # whatever a racing request would have hit, a 500 included
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=correct) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(meeting.minutes_versions.order_by("version").values_list("version", "status")) == [
        (1, "approved"),
        (2, "draft"),
    ]


def test_an_agenda_has_room_for_a_bounded_number_of_items(org, convened):
    from django.core.exceptions import ValidationError

    from collaboration.services import AGENDA_MAX_ITEMS, agenda_item_add

    for number in range(AGENDA_MAX_ITEMS - convened.agenda_items.count()):
        agenda_item_add(meeting=convened, title=f"Sak {number}", description="", submission_key=None, by=None)
    with pytest.raises(ValidationError, match="Flere får ikke plass"):
        agenda_item_add(meeting=convened, title="En til", description="", submission_key=None, by=None)


def test_minutes_text_is_bounded_with_a_norwegian_message(client, org, convened):
    from collaboration.models import MINUTES_TEXT_MAX

    client.force_login(org.users["staff_a"])
    item = convened.agenda_items.first()
    response = client.post(
        reverse("collaboration:minutes-edit", args=[convened.pk]),
        {"revision": 0, f"discussion_{item.pk}": "x" * (MINUTES_TEXT_MAX + 1), f"decisions_{item.pk}": ""},
    )
    assert response.status_code == 200
    assert f"Sørg for at denne verdien har {MINUTES_TEXT_MAX} eller færre tegn" in response.content.decode()
    assert not Minutes.objects.exists()


def test_carried_forward_action_items_count_toward_the_agendas_cap(org, structures):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from collaboration.models import ActionItem, AgendaItem, Meeting
    from collaboration.services import AGENDA_MAX_ITEMS, agenda_item_add, agenda_size, meeting_convene

    def convene(starts):
        meeting = Meeting.objects.create(
            structure=structures["system"], starts_at=starts, ends_at=starts + timedelta(hours=1)
        )
        return meeting_convene(
            meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="Rådhuset", video_link="", by=None
        )

    earlier = convene(timezone.now() - timedelta(days=30))
    carried = 10
    for number in range(carried):
        ActionItem.objects.create(
            structure=earlier.structure,
            meeting=earlier,
            what=f"Oppgave {number}",
            owner_person=org.users["staff_a"],
            due_on=timezone.localdate() + timedelta(days=number),
        )
    meeting = convene(timezone.now() + timedelta(days=7))
    # The standing items, the one «Oppfølging av oppgaver» and each of the ten items it carries forward.
    assert meeting.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP).count() == 1
    assert agenda_size(meeting) == meeting.agenda_items.count() + carried
    room = AGENDA_MAX_ITEMS - agenda_size(meeting)
    for number in range(room):
        agenda_item_add(meeting=meeting, title=f"Sak {number}", description="", submission_key=None, by=None)
    with pytest.raises(ValidationError, match="medregnet oppgavene til oppfølging"):
        agenda_item_add(meeting=meeting, title="En til", description="", submission_key=None, by=None)
    assert meeting.agenda_items.count() == AGENDA_MAX_ITEMS - carried
