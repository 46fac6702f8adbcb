"""The notification list and the choices about e-mail, in a real browser: what a person sees, and axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_reads_their_notifications_and_chooses_what_comes_by_e_mail(live_server, page, axe_check):
    from collaboration.models import Invitation, Meeting, MeetingStructure
    from organisation.models import Position
    from reminders import services
    from reminders.models import SweepState
    from tests.conftest import Organisation

    org = Organisation()
    SweepState.objects.create(started_at=timezone.now() - timedelta(days=1))
    leader_seat = Position.objects.get(holder=org.users["leader_a"])
    structure = MeetingStructure.objects.create(
        municipality=org.a,
        name="Elevhelseteam",
        level="system",
        cadence="monthly",
        mandate="Samarbeid",
    )
    structure.conveners.set([leader_seat])
    structure.minute_takers.set([leader_seat])
    starts = timezone.now() + timedelta(days=5)
    meeting = Meeting.objects.create(
        structure=structure,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status="convened",
        convened_at=timezone.now(),
    )
    Invitation.objects.create(meeting=meeting, person=org.users["staff_a"])
    services.sweep()

    page.goto(f"{live_server.url}/logg-inn/")
    page.get_by_label("E-post").fill(org.users["staff_a"].email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/start/")
    assert page.get_by_role("heading", name="Du har 1 ulest varsel").is_visible()
    page.get_by_role("link", name="Varsler", exact=True).click()
    assert page.get_by_role("link", name="Innkalling: Elevhelseteam", exact=False).is_visible()
    assert axe_check(page) == []
    page.get_by_role("button", name="Merk alle som lest").click()
    assert page.get_by_role("status").get_by_text("1 varsler er merket som lest.").is_visible()
    page.get_by_role("link", name="Velg hvilke varsler du får på e-post").click()
    assert axe_check(page) == []
    page.get_by_label("Send meg én daglig oppsummering i stedet for en e-post per varsel").check()
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("status").get_by_text("Varslingsvalgene dine er lagret.").is_visible()
    assert page.get_by_label("Send meg én daglig oppsummering i stedet for en e-post per varsel").is_checked()
