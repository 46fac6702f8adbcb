"""Agenda, action-item and attendance forms update the meeting page in place (htmx asks for the section, a Django
partial of the same template) and put focus where the person works; without JavaScript they post and redirect as
before."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import ActionItem
from collaboration.services import meeting_convene

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def convened(meeting):
    starts = timezone.now() - timedelta(hours=1)
    return meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=2), place="Rådhuset", video_link="", by=None
    )


def test_adding_an_agenda_item_returns_the_agenda_with_focus_in_the_next_one(client, org, convened):
    client.force_login(org.users["leader_a"])
    url = reverse("collaboration:agenda-add", args=[convened.pk])
    response = client.post(url, {"title": "Rutiner for overgang", "description": ""}, headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and content.lstrip().startswith('<section aria-labelledby="agenda"')
    assert "Rutiner for overgang" in content and 'role="status"' in content
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', content).group(0)
    assert "autofocus" in title_input
    # Without JavaScript: the post redirects to the page, as before.
    assert client.post(url, {"title": "Neste sak", "description": ""}).status_code == 302


def test_an_invalid_agenda_item_answers_the_section_with_its_error_summary(client, org, convened):
    client.force_login(org.users["leader_a"])
    response = client.post(reverse("collaboration:agenda-add", args=[convened.pk]), {"title": ""}, headers=HTMX)
    content = response.content.decode()
    assert "<html" not in content and "ds-error-summary" in content and 'href="#id_title"' in content


def test_removing_an_agenda_item_in_place(client, org, convened):
    client.force_login(org.users["leader_a"])
    item = convened.agenda_items.first()
    response = client.post(reverse("collaboration:agenda-remove", args=[convened.pk, item.pk]), headers=HTMX)
    content = response.content.decode()
    assert "<html" not in content and f"«{item.title}» er fjernet fra agendaen." in content


def test_an_action_item_in_place_and_its_errors_at_the_form(client, org, convened):
    client.force_login(org.users["staff_a"])
    url = reverse("collaboration:action-item-add", args=[convened.pk])
    content = client.post(url, {"what": "Lage rutine"}, headers=HTMX).content.decode()
    assert "<html" not in content and "ds-error-summary" in content and 'href="#id_due_on"' in content
    data = {"what": "Lage rutine", "owner_person": org.users["ppt_shared"].pk, "due_on": "2030-01-01"}
    content = client.post(url, data, headers=HTMX).content.decode()
    assert "Oppgaven «Lage rutine» er registrert." in content
    assert ActionItem.objects.filter(what="Lage rutine").count() == 1
    # «Merk som utført» from the section goes back to the meeting page, not to the form's address.
    assert f'name="next" value="{convened.get_absolute_url()}"' in content


def test_the_meeting_page_loads_htmx_from_the_site_itself(client, org, convened):
    client.force_login(org.users["leader_a"])
    content = client.get(convened.get_absolute_url()).content.decode()
    assert 'src="/static/vendor/htmx/htmx.min.js"' in content
    assert 'hx-post="' + reverse("collaboration:agenda-add", args=[convened.pk]) + '"' in content


def _attendance_data(meeting, **overrides):
    data = {}
    for person_id in meeting.invitations.values_list("person_id", flat=True):
        data[f"status_{person_id}"] = "present"
        data[f"substitute_{person_id}"] = ""
    data.update(overrides)
    return data


def test_attendance_is_recorded_in_place_and_focus_lands_on_its_heading(client, org, convened):
    client.force_login(org.users["staff_a"])  # the minute-taker
    page = client.get(convened.get_absolute_url()).content.decode()
    url = reverse("collaboration:attendance-edit", args=[convened.pk])
    assert f'hx-post="{url}"' in page and 'id="oppmote-skjema"' in page and 'href="#oppmote-skjema"' in page
    absent = org.users["ppt_shared"]
    data = _attendance_data(convened, **{f"status_{absent.pk}": "absent"})
    response = client.post(url, data, headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and content.lstrip().startswith('<section aria-labelledby="oppmote"')
    assert re.search(r'<h2[^>]*id="oppmote"[^>]*autofocus', content)
    assert 'role="status"' in content and "Oppmøtet er lagret." in content
    assert "Endre oppmøtet" in content  # the form stays, with what was saved
    assert convened.attendance.get(person=absent).status == "absent"
    assert convened.attendance.count() == convened.invitations.count()


def test_an_invalid_attendance_answers_the_section_with_its_error_summary(client, org, convened):
    client.force_login(org.users["leader_a"])
    person = org.users["ppt_shared"]
    data = _attendance_data(convened, **{f"status_{person.pk}": "substitute"})
    content = client.post(
        reverse("collaboration:attendance-edit", args=[convened.pk]), data, headers=HTMX
    ).content.decode()
    assert "<html" not in content and "ds-error-summary" in content
    assert re.search(r'<div class="ds-error-summary[^>]*autofocus', content)
    assert f'href="#id_substitute_{person.pk}"' in content and "Skriv hvem som møtte som vara." in content
    assert not convened.attendance.exists()


def test_attendance_without_javascript_posts_and_goes_back_to_the_meeting(client, org, convened):
    client.force_login(org.users["leader_a"])
    url = reverse("collaboration:attendance-edit", args=[convened.pk])
    assert client.get(url).status_code == 200  # the page of its own stays
    response = client.post(url, _attendance_data(convened))
    assert response.status_code == 302 and response.url == convened.get_absolute_url()
    assert convened.attendance.count() == convened.invitations.count()
    person = org.users["ppt_shared"]
    response = client.post(url, _attendance_data(convened, **{f"status_{person.pk}": "substitute"}))
    assert response.status_code == 200 and "Skriv hvem som møtte som vara." in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("leader_a", 200), ("staff_a", 200), ("ppt_shared", 404)])
def test_only_the_conveners_and_minute_takers_record_attendance_in_place(client, org, convened, who, status):
    client.force_login(org.users[who])
    url = reverse("collaboration:attendance-edit", args=[convened.pk])
    assert client.post(url, _attendance_data(convened), headers=HTMX).status_code == status
    page = client.get(convened.get_absolute_url()).content.decode()
    assert ('id="oppmote-skjema"' in page) == (status == 200)


def test_attendance_of_approved_minutes_is_refused_in_place(client, org, convened):
    from collaboration.services import minutes_approve, minutes_save

    item = convened.agenda_items.first()
    minutes = minutes_save(meeting=convened, revision=0, entries={item.pk: ("Ok", "")}, by=org.users["leader_a"])
    minutes_approve(minutes=minutes, approved_by=org.users["leader_a"], queue_pdf=False)
    client.force_login(org.users["leader_a"])
    assert 'id="oppmote-skjema"' not in client.get(convened.get_absolute_url()).content.decode()
    content = client.post(
        reverse("collaboration:attendance-edit", args=[convened.pk]), _attendance_data(convened), headers=HTMX
    ).content.decode()
    assert "<html" not in content and "Referatet er godkjent og låst." in content
    assert not convened.attendance.exists()
