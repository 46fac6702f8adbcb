"""A meeting page that knows its state: it offers only what can be done now, and the services refuse the rest."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collaboration.models import Invitation, Meeting
from collaboration.services import (
    action_item_add,
    agenda_item_add,
    attendance_record,
    meeting_cancel,
    meeting_convene,
    meeting_restore,
    minutes_approve,
    minutes_save,
)

pytestmark = pytest.mark.django_db


def _convene(meeting, starts):
    return meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=2), place="Rådhuset", video_link="", by=None
    )


def _page(client, user, meeting) -> str:
    client.force_login(user)
    return client.get(meeting.get_absolute_url()).content.decode()


def test_a_proposed_meeting_offers_no_minutes_attendance_or_action_items(client, org, meeting):
    page = _page(client, org.users["leader_a"], meeting)
    assert "Kall inn" in page
    for label in ["Skriv referat", "Registrer oppmøte", "Registrer oppgaven", "Godkjenn referatet"]:
        assert label not in page
    assert "registreres når møtet er kalt inn" in page
    with pytest.raises(ValidationError, match="ikke kalt inn"):
        minutes_save(meeting=meeting, revision=0, entries={}, by=org.users["leader_a"])
    with pytest.raises(ValidationError, match="ikke kalt inn"):
        attendance_record(meeting=meeting, rows=[], by=org.users["leader_a"])
    with pytest.raises(ValidationError, match="ikke kalt inn"):
        action_item_add(
            meeting=meeting,
            what="X",
            owner_person=org.users["staff_a"],
            owner_service=None,
            due_on=timezone.localdate(),
            submission_key=None,
            by=org.users["leader_a"],
        )
    response = client.get(reverse("collaboration:minutes-edit", args=[meeting.pk]), follow=True)
    assert "Møtet er ikke kalt inn ennå." in response.content.decode()


def test_minutes_of_a_future_meeting_can_be_written_but_not_approved(client, org, meeting):
    meeting = _convene(meeting, timezone.now() + timedelta(days=2))
    page = _page(client, org.users["leader_a"], meeting)
    assert "Skriv referat" in page and "Registrer oppgaven" in page
    assert "Registrer oppmøte" not in page and "Godkjenn referatet" not in page
    minutes = minutes_save(
        meeting=meeting, revision=0, entries={meeting.agenda_items.first().pk: ("Ok", "")}, by=org.users["leader_a"]
    )
    with pytest.raises(ValidationError, match="har ikke startet"):
        minutes_approve(minutes=minutes, approved_by=org.users["leader_a"])
    client.post(reverse("collaboration:minutes-approve", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "convened"


def test_a_held_meeting_with_approved_minutes_offers_only_the_record(client, org, meeting):
    meeting = _convene(meeting, timezone.now() - timedelta(days=1))
    minutes = minutes_save(
        meeting=meeting, revision=0, entries={meeting.agenda_items.first().pk: ("Ok", "")}, by=org.users["leader_a"]
    )
    minutes_approve(minutes=minutes, approved_by=org.users["leader_a"], queue_pdf=False)
    page = _page(client, org.users["leader_a"], meeting)
    for label in ["Kall inn", "Flytt eller endre", "Avlys møtet", "Ny sak", "Fjern", "Registrer oppgaven"]:
        assert label not in page, label
    assert "Rett referatet" in page
    with pytest.raises(ValidationError):
        agenda_item_add(meeting=meeting, title="Sent", description="", submission_key=None, by=org.users["leader_a"])
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, reason="For sent", by=org.users["leader_a"])
    response = client.get(reverse("collaboration:meeting-cancel", args=[meeting.pk]), follow=True)
    assert "Møtet er holdt og referatet godkjent." in response.content.decode()


def test_cancelling_asks_why_and_to_confirm_and_can_be_undone_until_the_meeting(client, org, meeting):
    meeting = _convene(meeting, timezone.now() + timedelta(days=2))
    sequence = meeting.sequence
    client.force_login(org.users["leader_a"])
    url = reverse("collaboration:meeting-cancel", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Hvorfor avlyses møtet?" in page and "Ja, avlys møtet" in page and "Nei, behold møtet" in page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert 'href="#id_reason"' in response.content.decode()  # the error summary links to the field
    meeting.refresh_from_db()
    assert meeting.status == "convened"
    client.post(url, {"reason": "Møteleder er syk"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason) == ("cancelled", "Møteleder er syk")
    assert meeting.invitations.exists()  # they say who must hear of it
    page = _page(client, org.users["leader_a"], meeting)
    assert "Møteleder er syk" in page and "Gjenopprett møtet" in page
    assert "Skriv referat" not in page
    client.post(reverse("collaboration:meeting-restore", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "convened" and meeting.cancellation_reason == ""
    assert meeting.sequence == sequence + 2  # cancelled, then restored: calendars follow both


def test_a_cancelled_meeting_whose_time_has_come_stays_cancelled(org, meeting):
    meeting = _convene(meeting, timezone.now() + timedelta(hours=1))
    meeting_cancel(meeting=meeting, reason="Ingen saker", by=org.users["leader_a"])
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="bare gjenopprettes før"):
        meeting_restore(meeting=meeting, by=org.users["leader_a"])


def test_a_restored_proposal_stays_a_proposal(org, meeting):
    meeting_cancel(meeting=meeting, reason="Flyttes", by=org.users["leader_a"])
    assert meeting_restore(meeting=meeting, by=org.users["leader_a"]).status == "proposed"
    assert not Invitation.objects.filter(meeting=meeting).exists()


def test_the_convene_form_lists_who_will_be_invited_before_saving(client, org, meeting):
    client.force_login(org.users["leader_a"])
    page = client.get(reverse("collaboration:meeting-convene", args=[meeting.pk])).content.decode()
    assert "Disse blir invitert (3 personer)" in page
    for key in ("staff_a", "leader_a", "ppt_shared"):
        assert org.users[key].full_name in page
    assert not Invitation.objects.filter(meeting=meeting).exists()


def test_only_the_convener_may_restore(client, org, meeting):
    meeting_cancel(meeting=meeting, reason="Flyttes", by=org.users["leader_a"])
    client.force_login(org.users["staff_a"])
    assert client.post(reverse("collaboration:meeting-restore", args=[meeting.pk])).status_code == 404
