"""Agenda and action-item forms update the meeting page in place (htmx asks for the section, a Django partial of
the same template) and put focus where the person works; without JavaScript they post and redirect as before."""

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
