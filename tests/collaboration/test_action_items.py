"""Action items that stay in sight: a list per person (mine, my service's, overdue, done) with filters and a
count, linked from the start page with the total; «Merk som utført» from the list and the start page, and
reopening; open items carried to the next agenda as one standing item that lists each."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ActionItem, AgendaItem, Meeting
from collaboration.selectors import agenda_for, minutes_document_context
from collaboration.services import action_item_reopen, meeting_convene, minutes_approve, minutes_save

pytestmark = pytest.mark.django_db


def _convened(structure, starts):
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))
    return meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="Rådhuset", video_link="", by=None
    )


@pytest.fixture
def past(structures):
    return _convened(structures["system"], timezone.now() - timedelta(days=20))


def _item(meeting, what, *, person=None, service=None, due_days=10, done=False):
    return ActionItem.objects.create(
        structure=meeting.structure,
        meeting=meeting,
        what=what,
        owner_person=person,
        owner_service=service,
        due_on=timezone.localdate() + timedelta(days=due_days),
        status="done" if done else "open",
        done_at=timezone.now() if done else None,
    )


@pytest.fixture
def items(org, past):
    staff = org.users["staff_a"]
    return {
        "mine": _item(past, "Min oppgave", person=staff),
        "overdue": _item(past, "Forfalt oppgave", person=staff, due_days=-3),
        "service": _item(past, "Tjenestens oppgave", service=org.health_a),
        "done": _item(past, "Ferdig oppgave", person=staff, done=True),
        "other": _item(past, "Noen andres oppgave", person=org.users["ppt_shared"]),
    }


def _list(client, **params) -> str:
    return client.get(reverse("collaboration:action-item-list"), params).content.decode()


def test_the_list_shows_mine_and_my_services_open_items_with_a_count(client, org, items):
    client.force_login(org.users["staff_a"])
    page = _list(client)
    assert "3 oppgaver" in page
    for what in ("Min oppgave", "Forfalt oppgave", "Tjenestens oppgave"):
        assert what in page
    assert "Ferdig oppgave" not in page and "Noen andres oppgave" not in page


@pytest.mark.parametrize(
    ("params", "shown", "count"),
    [
        ({"hvem": "mine"}, {"Min oppgave", "Forfalt oppgave"}, "2 oppgaver"),
        ({"hvem": "tjeneste"}, {"Tjenestens oppgave"}, "1 oppgave"),
        ({"status": "forfalt"}, {"Forfalt oppgave"}, "1 oppgave"),
        ({"status": "utfort"}, {"Ferdig oppgave"}, "1 oppgave"),
        ({"status": "alle"}, {"Min oppgave", "Forfalt oppgave", "Tjenestens oppgave", "Ferdig oppgave"}, "4 oppgaver"),
    ],
)
def test_the_filters(client, org, items, params, shown, count):
    client.force_login(org.users["staff_a"])
    page = _list(client, **params)
    assert count in page
    everything = {"Min oppgave", "Forfalt oppgave", "Tjenestens oppgave", "Ferdig oppgave"}
    assert {what for what in everything if what in page} == shown


def test_a_filter_value_outside_the_choices_is_an_error_not_a_crash(client, org, items):
    client.force_login(org.users["staff_a"])
    response = client.get(reverse("collaboration:action-item-list"), {"struktur": "999999", "status": "x"})
    assert response.status_code == 200
    assert 'href="#id_struktur"' in response.content.decode()


def test_the_start_page_shows_the_total_and_links_to_all(client, org, past):
    for number in range(12):
        _item(past, f"Oppgave {number:02d}", person=org.users["staff_a"], due_days=number)
    client.force_login(org.users["staff_a"])
    page = client.get(reverse("organisation:staff-home")).content.decode()
    assert "12 åpne" in page and "Vis alle 12 oppgavene" in page
    assert "Oppgave 09" in page and "Oppgave 10" not in page  # the ten due first
    assert page.count("Merk som utført") == 10


def test_marking_done_from_the_start_page_and_reopening_from_the_list(client, org, items):
    client.force_login(org.users["staff_a"])
    home = reverse("organisation:staff-home")
    item = items["mine"]
    response = client.post(reverse("collaboration:action-item-close", args=[item.pk]), {"next": home})
    assert response.url == home
    item.refresh_from_db()
    assert item.status == "done" and item.done_at
    listing = reverse("collaboration:action-item-list") + "?status=utfort"
    assert "Åpne igjen" in client.get(listing).content.decode()
    response = client.post(reverse("collaboration:action-item-reopen", args=[item.pk]), {"next": listing})
    assert response.url == listing
    item.refresh_from_db()
    assert (item.status, item.done_at) == ("open", None)
    assert item.history.filter(status="done").exists()  # the history keeps that it was marked done


def test_only_those_who_may_mark_it_done_may_reopen_it(client, org, items):
    client.force_login(org.users["leadership_a"])
    assert client.post(reverse("collaboration:action-item-reopen", args=[items["done"].pk])).status_code == 404
    assert action_item_reopen(item=items["mine"], by=org.users["staff_a"]).status == "open"  # open stays open


def test_the_list_stays_flat_as_items_grow(client, org, past, count_queries):
    for number in range(3):
        _item(past, f"Oppgave {number}", person=org.users["staff_a"])
    client.force_login(org.users["staff_a"])
    url = reverse("collaboration:action-item-list")
    few = count_queries(client, url)
    for number in range(30):
        _item(past, f"Flere {number}", person=org.users["staff_a"], service=org.health_a)
    assert count_queries(client, url) == few


def test_open_items_are_carried_as_one_standing_item_listing_each(client, org, structures, past, items):
    later = _convened(structures["system"], timezone.now() + timedelta(days=10))
    follow_ups = later.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP)
    assert [item.title for item in follow_ups] == ["Oppfølging av oppgaver"]
    line = next(line for line in agenda_for(later, org.users["leader_a"]) if line.follow_ups)
    assert [item.what for item in line.follow_ups] == [
        "Forfalt oppgave",
        "Min oppgave",
        "Tjenestens oppgave",
        "Noen andres oppgave",
    ]  # by due date
    client.force_login(org.users["leader_a"])
    page = client.get(later.get_absolute_url()).content.decode()
    assert page.count("<li>Oppfølging av oppgaver") == 1
    assert f"fra møtet {timezone.localtime(past.starts_at):%-d}." in page
    # Convening again (moving it) adds no second standing item.
    meeting_convene(
        meeting=later, starts_at=later.starts_at, ends_at=later.ends_at, place="Biblioteket", video_link="", by=None
    )
    assert later.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP).count() == 1


def test_the_held_meetings_record_keeps_the_items_it_followed_up(org, structures, past, items):
    held = _convened(structures["system"], timezone.now() - timedelta(days=2))
    ActionItem.objects.filter(pk=items["done"].pk).update(done_at=timezone.now() - timedelta(days=5))
    minutes = minutes_save(
        meeting=held, revision=0, entries={held.agenda_items.first().pk: ("Ok", "")}, by=org.users["leader_a"]
    )
    minutes_approve(minutes=minutes, approved_by=org.users["leader_a"], queue_pdf=False)
    items["mine"].status, items["mine"].done_at = "done", timezone.now()  # done after the meeting
    items["mine"].save()
    document = minutes_document_context(minutes)
    listed = next(row["item"].follow_ups for row in document["agenda_with_minutes"] if row["item"].follow_ups)
    assert "Min oppgave" in {item.what for item in listed}
    assert "Ferdig oppgave" not in {item.what for item in listed}  # done before the meeting


def test_a_leader_who_chairs_tog_sees_the_meeting_duties_on_the_leadership_start_page(client, org, structures):
    from organisation.models import Position

    client.force_login(org.users["leadership_a"])
    url = reverse("organisation:leadership-home")
    assert "Mine neste møter" not in client.get(url).content.decode()  # no seat, no duties
    tog = structures["system"]
    tog.conveners.set([Position.objects.get(holder=org.users["leadership_a"])])
    meeting = _convened(tog, timezone.now() + timedelta(days=4))
    page = client.get(url).content.decode()
    assert "Mine neste møter" in page and meeting.get_absolute_url() in page and "Mine oppgaver" in page


def test_the_owning_services_leader_sees_a_seatless_item_and_hands_it_to_a_person(client, org, structures):
    from collaboration.models import ActionItem as Item

    eht = structures["individual"]  # leader_a convenes it; the shared PPT has no seat there
    meeting = _convened(eht, timezone.now() - timedelta(days=3))
    item = Item.objects.create(
        structure=eht, meeting=meeting, what="Hemmelig elevsak", owner_service=org.shared_ppt, due_on="2030-01-01"
    )
    from organisation.models import Position
    from tests.factories import PositionFactory

    ppt_leader = PositionFactory(service=org.shared_ppt, role=Position.Role.SERVICE_LEADER, title="PPT-leder").holder
    client.force_login(ppt_leader)
    page = _list(client)
    assert "Oppgave fra et møte om enkeltsaker" in page and "Hemmelig elevsak" not in page
    assert meeting.get_absolute_url() not in page  # no way into a meeting without a seat
    assert "Gi oppgaven til" in page and org.users["ppt_shared"].full_name in page
    url = reverse("collaboration:action-item-assign", args=[item.pk])
    client.post(url, {"person": org.users["staff_a"].pk})  # not in the PPT: refused
    item.refresh_from_db()
    assert item.owner_person is None
    client.post(url, {"person": org.users["ppt_shared"].pk})
    item.refresh_from_db()
    assert (item.owner_person, item.owner_service) == (org.users["ppt_shared"], org.shared_ppt)
    # Staff of the service may not hand it on; the new owner may mark it done.
    client.force_login(org.users["ppt_shared"])
    assert client.post(url, {"person": org.users["ppt_shared"].pk}).status_code == 404
    client.post(reverse("collaboration:action-item-close", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "done"


def test_the_minutes_record_progress_per_followed_up_item(client, org, structures, past, items):
    from collaboration.models import MinutesProgress
    from collaboration.services import minutes_correct

    held = _convened(structures["system"], timezone.now() - timedelta(days=1))
    client.force_login(org.users["leader_a"])
    url = reverse("collaboration:minutes-edit", args=[held.pk])
    form_page = client.get(url).content.decode()
    assert "Framdrift: Min oppgave" in form_page and "Framdrift: Tjenestens oppgave" in form_page
    data = {"revision": 0}
    for agenda_item in held.agenda_items.all():
        data[f"discussion_{agenda_item.pk}"], data[f"decisions_{agenda_item.pk}"] = "Gjennomgått.", ""
    data[f"progress_{items['mine'].pk}"] = "Utkast sendt på høring."
    from_this_meeting = _item(held, "Ny fra dette møtet", person=org.users["staff_a"])
    data[f"progress_{from_this_meeting.pk}"] = "Ikke på listen: ignoreres."
    assert client.post(url, data).status_code == 302
    minutes = held.minutes_versions.get()
    assert {note.action_item_id: note.note for note in minutes.progress_notes.all() if note.note} == {
        items["mine"].pk: "Utkast sendt på høring."
    }
    assert "Min oppgave (" in client.get(held.get_absolute_url()).content.decode()
    minutes_approve(minutes=minutes, approved_by=org.users["leader_a"], queue_pdf=False)
    html = render_to_string("collaboration/minutes_pdf.html", minutes_document_context(minutes))
    assert "<th>Framdrift</th>" in html and "Utkast sendt på høring." in html
    correction = minutes_correct(meeting=held, reason="Skrivefeil", by=org.users["leader_a"])
    assert MinutesProgress.objects.get(minutes=correction, action_item=items["mine"]).note == "Utkast sendt på høring."
