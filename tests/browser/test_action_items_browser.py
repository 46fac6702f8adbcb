"""Action items in a real browser: the start page's «Mine oppgaver» with its total, «Merk som utført» there, the
list with its filters and count, and reopening; the list passes axe (WCAG 2.1 A/AA)."""

import re

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_staff_member_marks_an_item_done_and_finds_it_again(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import ActionItem, Meeting, MeetingStructure
    from organisation.models import Position
    from tests.conftest import Organisation

    org = Organisation()
    seat = Position.objects.get(holder=org.users["leader_a"])
    structure = MeetingStructure.objects.create(
        municipality=org.a,
        name="TOG",
        level="system",
        cadence="semester",
        mandate="x",
    )
    structure.conveners.set([seat])
    structure.minute_takers.set([seat])
    starts = timezone.now() - timedelta(days=10)
    meeting = Meeting.objects.create(
        structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1), status="held"
    )
    for number, what in enumerate(["Sende ut referat", "Lage rutine for overgang", "Bestille lokale"]):
        ActionItem.objects.create(
            structure=structure,
            meeting=meeting,
            what=what,
            owner_person=org.users["staff_a"],
            due_on=timezone.localdate() + timedelta(days=number - 1),
        )
    _log_in(page, live_server, org.users["staff_a"].email)
    page.wait_for_url(f"{live_server.url}/start/")
    tasks = page.get_by_role("region", name=re.compile("Mine oppgaver"))
    assert tasks.get_by_text("3 åpne").is_visible()
    tasks.get_by_role("button", name=re.compile("^Merk som utført.*Sende ut referat$")).click()
    page.wait_for_url(f"{live_server.url}/start/")
    assert page.get_by_text("«Sende ut referat» er merket som utført.").is_visible()
    page.get_by_role("link", name="Vis alle oppgavene, også utførte").click()
    assert page.get_by_role("status").get_by_text("2 oppgaver").is_visible()
    assert axe_check(page) == []
    page.get_by_label("Status").select_option(label="Utført")
    page.get_by_role("button", name="Vis").click()
    assert page.get_by_text("1 oppgave", exact=True).is_visible()
    page.get_by_role("button", name=re.compile("^Åpne igjen.*Sende ut referat$")).click()
    assert page.get_by_text("«Sende ut referat» er åpnet igjen.").is_visible()
    assert "status=utfort" in page.url  # back where the button was pressed
    assert axe_check(page) == []
