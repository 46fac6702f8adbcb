"""Attendance, minutes (write, approve, lock, correct, concurrent edits), action items and the PDF template.

The stored PDF itself: test_minutes_pdf.py."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ActionItem, AgendaItem, Minutes
from collaboration.selectors import follow_up_items
from collaboration.services import meeting_convene

pytestmark = pytest.mark.django_db


@pytest.fixture
def convened(meeting):
    # Held yesterday: its attendance can be recorded and its minutes approved.
    return meeting_convene(
        meeting=meeting,
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=2),
        place="Rådhuset",
        video_link="",
        by=None,
    )


def _minutes_data(meeting, revision, text="Vi drøftet rutiner.", decision="Rutinen vedtas."):
    data = {"revision": revision}
    for item in meeting.agenda_items.all():
        data[f"discussion_{item.pk}"] = text
        data[f"decisions_{item.pk}"] = decision
    return data


def test_the_minute_taker_writes_and_the_chair_approves_and_locks(client, org, convened):
    client.force_login(org.users["staff_a"])  # the minute-taker
    response = client.post(reverse("collaboration:minutes-edit", args=[convened.pk]), _minutes_data(convened, 0))
    assert response.status_code == 302
    minutes = convened.minutes_versions.order_by("-version").first()
    assert minutes.entries.count() == 2 and minutes.revision == 1
    # The minute-taker may not approve; the chair may.
    assert client.post(reverse("collaboration:minutes-approve", args=[convened.pk])).status_code == 404
    client.force_login(org.users["leader_a"])
    client.post(reverse("collaboration:minutes-approve", args=[convened.pk]))
    minutes.refresh_from_db()
    convened.refresh_from_db()
    assert minutes.status == "approved" and minutes.approved_by == org.users["leader_a"]
    assert convened.status == "held"
    # Locked: editing is refused with a message, and nothing changes.
    response = client.post(
        reverse("collaboration:minutes-edit", args=[convened.pk]),
        _minutes_data(convened, 1, text="Endret i ettertid"),
        follow=True,
    )
    assert "Referatet er godkjent og låst." in response.content.decode()
    assert not minutes.entries.filter(discussion="Endret i ettertid").exists()


def test_a_correction_is_a_new_version_and_the_approved_one_is_kept(client, org, convened):
    client.force_login(org.users["leader_a"])
    client.post(reverse("collaboration:minutes-edit", args=[convened.pk]), _minutes_data(convened, 0))
    client.post(reverse("collaboration:minutes-approve", args=[convened.pk]))
    response = client.post(reverse("collaboration:minutes-correct", args=[convened.pk]), {"reason": "Feil dato"})
    assert response.url == reverse("collaboration:minutes-edit", args=[convened.pk])
    client.post(
        reverse("collaboration:minutes-edit", args=[convened.pk]),
        _minutes_data(
            convened,
            convened.minutes_versions.order_by("-version").first().revision,
            decision="Rutinen vedtas fra 1. mars.",
        ),
    )
    versions = list(Minutes.objects.filter(meeting=convened).order_by("version"))
    assert [(v.version, v.status) for v in versions] == [(1, "approved"), (2, "draft")]
    assert versions[0].entries.first().decisions == "Rutinen vedtas."
    assert versions[1].entries.first().decisions == "Rutinen vedtas fra 1. mars."
    assert versions[1].correction_reason == "Feil dato"


def test_two_people_editing_at_once_are_told_and_nothing_is_lost(client, org, convened):
    client.force_login(org.users["staff_a"])
    client.post(reverse("collaboration:minutes-edit", args=[convened.pk]), _minutes_data(convened, 0, text="Først"))
    # leader_a opened the form at revision 0 too, and saves after staff_a.
    client.force_login(org.users["leader_a"])
    response = client.post(
        reverse("collaboration:minutes-edit", args=[convened.pk]), _minutes_data(convened, 0, text="Min egen tekst")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre lagret referatet mens du skrev." in content
    assert "Min egen tekst" in content  # what this person typed is still in the form
    assert "Først" in content  # and what the other saved is shown beside it
    assert convened.minutes_versions.order_by("-version").first().entries.first().discussion == "Først"
    # Saving again on top of the newest revision works.
    revision = convened.minutes_versions.order_by("-version").first().revision
    client.post(
        reverse("collaboration:minutes-edit", args=[convened.pk]),
        _minutes_data(convened, revision, text="Min egen tekst"),
    )
    assert convened.minutes_versions.order_by("-version").first().entries.first().discussion == "Min egen tekst"


def test_attendance_per_person_and_per_service(client, org, convened):
    client.force_login(org.users["staff_a"])
    url = reverse("collaboration:attendance-edit", args=[convened.pk])
    data = {f"status_{org.users[key].pk}": "present" for key in ("staff_a", "leader_a")}
    data[f"status_{org.users['ppt_shared'].pk}"] = "substitute"
    response = client.post(url, data)
    assert "Skriv hvem som møtte som vara." in response.content.decode()
    data[f"substitute_{org.users['ppt_shared'].pk}"] = "Vara Varesen"
    assert client.post(url, data).status_code == 302
    content = client.get(convened.get_absolute_url()).content.decode()
    assert "Vara Varesen" in content
    assert "Oppmøte per tjeneste" in content and "Interkommunal PPT" in content


def test_an_action_item_needs_an_owner_and_a_due_date(client, org, convened):
    client.force_login(org.users["staff_a"])
    url = reverse("collaboration:action-item-add", args=[convened.pk])
    content = client.post(url, {"what": "Lage rutine"}).content.decode()
    assert "Oppgaven må ha en ansvarlig person eller tjeneste." in content
    assert "Feltet er påkrevet." in content  # the due date
    assert 'value="Lage rutine"' in content
    assert 'href="#id_due_on"' in content  # the error summary, which takes focus, links to the field
    assert not ActionItem.objects.exists()


def test_open_action_items_follow_the_structure_until_closed(client, org, structures, convened):
    client.force_login(org.users["staff_a"])
    due = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post(
        reverse("collaboration:action-item-add", args=[convened.pk]),
        {"what": "Lage rutine for overgang", "owner_person": org.users["ppt_shared"].pk, "due_on": due},
    )
    item = ActionItem.objects.get()
    # The owner sees it, overdue, on the start page.
    client.force_login(org.users["ppt_shared"])
    home = client.get(reverse("organisation:staff-home")).content.decode()
    assert "Lage rutine for overgang" in home and "forfalt" in home
    # The next meeting carries it on its agenda.
    from collaboration.models import Meeting

    later = convened.starts_at + timedelta(days=60)
    next_meeting = Meeting.objects.create(
        structure=structures["system"], starts_at=later, ends_at=later + timedelta(hours=1)
    )
    meeting_convene(
        meeting=next_meeting, starts_at=later, ends_at=later + timedelta(hours=1), place="X", video_link="", by=None
    )
    follow_up = next_meeting.agenda_items.get(kind=AgendaItem.Kind.FOLLOW_UP)
    assert follow_up.title == "Oppfølging av oppgaver"  # one standing item that lists each open one
    assert list(follow_up_items(next_meeting)) == [item]
    # Closed by its owner, it stays off the next one.
    client.post(reverse("collaboration:action-item-close", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "done"
    third = Meeting.objects.create(
        structure=structures["system"],
        starts_at=later + timedelta(days=30),
        ends_at=later + timedelta(days=30, hours=1),
    )
    meeting_convene(meeting=third, starts_at=third.starts_at, ends_at=third.ends_at, place="X", video_link="", by=None)
    assert not third.agenda_items.filter(kind=AgendaItem.Kind.FOLLOW_UP).exists()
    assert not follow_up_items(next_meeting).exists()  # done before the meeting: nothing left to follow up


@pytest.mark.parametrize(("who", "status"), [("ppt_shared", 302), ("staff_b", 404), ("leadership_a", 404)])
def test_who_may_close_an_action_item(client, org, convened, who, status):
    item = ActionItem.objects.create(
        structure=convened.structure,
        meeting=convened,
        what="X",
        owner_person=org.users["ppt_shared"],
        due_on=timezone.localdate(),
    )
    client.force_login(org.users[who])
    assert client.post(reverse("collaboration:action-item-close", args=[item.pk])).status_code == status


def test_the_pdf_template_holds_the_minutes_in_norwegian(org, convened):
    from django.template.loader import render_to_string

    from collaboration.selectors import minutes_context
    from collaboration.services import minutes_save

    item = convened.agenda_items.first()
    minutes_save(
        meeting=convened, revision=0, entries={item.pk: ("Drøftet", "Vedtatt enstemmig")}, by=org.users["staff_a"]
    )
    html = render_to_string("collaboration/minutes_pdf.html", minutes_context(convened, org.users["staff_a"]))
    assert "Referat: TOG" in html and "Vedtatt enstemmig" in html and "Utkast, ikke godkjent" in html


def test_the_chair_and_minute_taker_see_their_minutes_duties_on_the_start_page(client, org, convened):
    convened.starts_at = timezone.now() - timedelta(hours=3)
    convened.ends_at = timezone.now() - timedelta(hours=1)
    convened.save()
    client.force_login(org.users["staff_a"])
    assert "Skriv referat:" in client.get(reverse("organisation:staff-home")).content.decode()
    client.post(reverse("collaboration:minutes-edit", args=[convened.pk]), _minutes_data(convened, 0))
    client.force_login(org.users["leader_a"])
    assert "Godkjenn referat:" in client.get(reverse("organisation:staff-home")).content.decode()


def _approve(client, org, meeting):
    client.force_login(org.users["leader_a"])
    client.post(reverse("collaboration:minutes-edit", args=[meeting.pk]), _minutes_data(meeting, 0))
    client.post(reverse("collaboration:minutes-approve", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_a_held_meeting_with_approved_minutes_cannot_be_changed(client, org, convened):
    _approve(client, org, convened)
    starts = timezone.localtime(convened.starts_at) + timedelta(days=1)
    response = client.post(
        reverse("collaboration:meeting-convene", args=[convened.pk]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Annet sted",
        },
        follow=True,
    )
    assert "Møtet er holdt og referatet godkjent." in response.content.decode()
    for name, data in [
        ("meeting-cancel", {"reason": "For sent"}),
        ("agenda-add", {"title": "Sent"}),
        ("action-item-add", {"what": "Sent", "owner_person": org.users["staff_a"].pk, "due_on": "2030-01-01"}),
    ]:
        client.post(reverse(f"collaboration:{name}", args=[convened.pk]), data)
    convened.refresh_from_db()
    assert convened.status == "held" and convened.place == "Rådhuset"
    assert not convened.agenda_items.filter(title="Sent").exists()
    assert not ActionItem.objects.filter(what="Sent").exists()
    item = convened.agenda_items.first()
    response = client.post(reverse("collaboration:agenda-remove", args=[convened.pk, item.pk]), follow=True)
    assert "Møtet er holdt og referatet godkjent." in response.content.decode()
    assert convened.agenda_items.filter(pk=item.pk).exists()


def test_a_form_opened_on_an_older_version_cannot_overwrite_a_correction(client, org, convened):
    _approve(client, org, convened)
    client.post(reverse("collaboration:minutes-correct", args=[convened.pk]), {"reason": "Skrivefeil"})
    response = client.post(
        reverse("collaboration:minutes-edit", args=[convened.pk]), _minutes_data(convened, 0, text="Gammel fane")
    )
    assert "Noen andre lagret referatet mens du skrev." in response.content.decode()
    assert not convened.minutes_versions.order_by("-version").first().entries.filter(discussion="Gammel fane").exists()


def test_someone_who_leaves_a_seat_leaves_the_calendar_and_the_start_page(client, org, structures, convened):
    from collaboration.services import calendar_feed_renew

    feed = calendar_feed_renew(person=org.users["ppt_shared"])
    assert b"TOG" in client.get(f"/kalender/{feed.token}.ics").content
    structures["system"].members.remove(structures["seats"]["ppt_shared"])
    meeting_convene(
        meeting=convened,
        starts_at=convened.starts_at,
        ends_at=convened.ends_at,
        place="Rådhuset",
        video_link="",
        by=None,
    )
    assert b"TOG" not in client.get(f"/kalender/{feed.token}.ics").content
    # An individual-case structure stays out of a former member's feed and start page even with an old invitation.
    from collaboration.models import Invitation, Meeting

    individual = Meeting.objects.create(
        structure=structures["individual"], starts_at=convened.starts_at, ends_at=convened.ends_at
    )
    Invitation.objects.create(meeting=individual, person=org.users["ppt_shared"])
    assert b"Elevhelseteam" not in client.get(f"/kalender/{feed.token}.ics").content
    client.force_login(org.users["ppt_shared"])
    assert "Elevhelseteam" not in client.get(reverse("organisation:staff-home")).content.decode()


def test_action_items_of_structures_one_cannot_see_show_without_their_text(client, org, structures):
    from collaboration.models import Meeting

    individual = Meeting.objects.create(
        structure=structures["individual"], starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1)
    )
    ActionItem.objects.create(
        structure=structures["individual"],
        meeting=individual,
        what="Hemmelig elevsak",
        owner_service=org.shared_ppt,
        due_on=timezone.localdate(),
    )
    client.force_login(org.users["ppt_shared"])  # staff of the owning service, but no seat
    page = client.get(reverse("organisation:staff-home")).content.decode()
    assert "Hemmelig elevsak" not in page and individual.get_absolute_url() not in page
    assert "Oppgave fra et møte om enkeltsaker" in page  # the service knows it has an item, not what it says


def test_closing_an_action_item_never_redirects_off_site(client, org, convened):
    item = ActionItem.objects.create(
        structure=convened.structure,
        meeting=convened,
        what="X",
        owner_person=org.users["ppt_shared"],
        due_on=timezone.localdate(),
    )
    client.force_login(org.users["ppt_shared"])
    response = client.post(reverse("collaboration:action-item-close", args=[item.pk]), {"next": "//evil.example/x"})
    assert response.url == convened.get_absolute_url()


def test_convening_a_proposal_raises_the_calendar_sequence(client, org, meeting):
    before = meeting.sequence
    convened = meeting_convene(
        meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at, place="Rådhuset", video_link="", by=None
    )
    assert convened.sequence == before + 1
