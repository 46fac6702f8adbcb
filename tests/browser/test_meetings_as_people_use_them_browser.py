"""Issue 10's remaining walks in a real browser, by the labels a person sees: a service's action item handed to a
person by the service's leader, open items followed up as one agenda item whose minutes record progress, a
meeting page that offers only what its state allows, a single meeting for a structure that meets «ved behov»,
and a leader who chairs TOG finding the meeting duties on the leadership start page. Each page passes axe."""

import re
from datetime import timedelta

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _structure(org, name, *, convener, cadence="semester", level="system", members=()):
    from collaboration.models import MeetingStructure
    from organisation.models import Position

    seat = Position.objects.get(holder=org.users[convener])
    structure = MeetingStructure.objects.create(
        municipality=org.a, name=name, level=level, cadence=cadence, mandate="Samarbeid på systemnivå"
    )
    structure.conveners.set([seat])
    structure.minute_takers.set([seat])
    structure.members.set([Position.objects.get(holder=org.users[member]) for member in members])
    return structure


def _held(structure, *, days_ago):
    from django.utils import timezone

    from collaboration.models import Meeting

    starts = timezone.now() - timedelta(days=days_ago)
    return Meeting.objects.create(
        structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1), status=Meeting.Status.HELD
    )


def test_a_service_leader_hands_the_services_item_to_a_person(live_server, page, axe_check):
    from django.utils import timezone

    from collaboration.models import ActionItem
    from tests.conftest import Organisation

    org = Organisation()
    structure = _structure(org, "TOG", convener="leader_a")
    ActionItem.objects.create(
        structure=structure,
        meeting=_held(structure, days_ago=7),
        what="Kartlegge ventetid på helsestasjonen",
        owner_service=org.health_a,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    _log_in(page, live_server, org.users["leader_a"].email)
    page.goto(f"{live_server.url}/oppgaver/")
    page.get_by_label("Hvem").select_option(label="Min tjenestes")
    page.get_by_role("button", name="Vis").click()
    assert page.get_by_role("status").get_by_text("1 oppgave", exact=True).is_visible()
    assert axe_check(page) == []
    page.get_by_label("Gi oppgaven til").select_option(label=org.users["staff_a"].full_name)
    page.get_by_role("button", name=re.compile("^Gi videre")).click()
    expected = f"{org.users['staff_a'].full_name} har fått oppgaven «Kartlegge ventetid på helsestasjonen»."
    assert page.get_by_text(expected).is_visible()

    page.context.clear_cookies()
    _log_in(page, live_server, org.users["staff_a"].email)
    page.wait_for_url(f"{live_server.url}/start/")
    tasks = page.get_by_role("region", name=re.compile("Mine oppgaver"))
    assert tasks.get_by_role("link", name="Kartlegge ventetid på helsestasjonen").is_visible()


def test_open_items_are_followed_up_as_one_agenda_item_whose_minutes_record_progress(live_server, page, axe_check):
    from django.utils import timezone

    from collaboration.models import ActionItem, Meeting
    from collaboration.services import meeting_convene
    from tests.conftest import Organisation

    org = Organisation()
    structure = _structure(org, "Elevhelseteam", convener="leader_a", members=["staff_a"])
    earlier = _held(structure, days_ago=30)
    for what in ["Bestille lokale til foreldremøtet", "Lage rutine for overgang"]:
        ActionItem.objects.create(
            structure=structure,
            meeting=earlier,
            what=what,
            owner_person=org.users["staff_a"],
            due_on=timezone.localdate() - timedelta(days=3),
        )
    starts = timezone.now() - timedelta(hours=2)
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))
    meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=1), place="Skolen", video_link="", by=None
    )
    _log_in(page, live_server, org.users["leader_a"].email)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    # One agenda item, listing each open item with its owner and the meeting it came from.
    assert page.get_by_text("Oppfølging av oppgaver").count() == 1
    followed = page.get_by_text(re.compile(r"^Lage rutine for overgang – "))
    assert org.users["staff_a"].full_name in followed.inner_text()
    assert "fra møtet" in followed.inner_text()
    assert axe_check(page) == []
    page.get_by_role("link", name="Skriv referat").click()
    page.get_by_label("Framdrift: Lage rutine for overgang").fill("Utkast sendt til rektor.")
    page.get_by_role("button", name="Lagre referatet").click()
    page.wait_for_url(re.compile(r"/moter/\d+/$"))
    page.get_by_role("button", name="Godkjenn referatet").click()
    assert page.get_by_text("Referatet er godkjent og låst.").first.is_visible()
    assert page.get_by_text("Utkast sendt til rektor.").is_visible()
    assert axe_check(page) == []


def test_the_meeting_page_offers_only_what_its_state_allows(live_server, page, axe_check):
    from django.utils import timezone

    from collaboration.models import Meeting
    from collaboration.services import meeting_convene, minutes_approve, minutes_save
    from tests.conftest import Organisation

    org = Organisation()
    structure = _structure(org, "Tverrfaglig skolemøte", convener="leader_a", members=["staff_a"])
    yesterday = timezone.now() - timedelta(days=1)
    held = Meeting.objects.create(structure=structure, starts_at=yesterday, ends_at=yesterday + timedelta(hours=1))
    ends = yesterday + timedelta(hours=1)
    meeting_convene(meeting=held, starts_at=yesterday, ends_at=ends, place="Skolen", video_link="", by=None)
    minutes = minutes_save(meeting=held, revision=0, entries={}, by=org.users["leader_a"])
    minutes_approve(minutes=minutes, approved_by=org.users["leader_a"])
    later = timezone.now() + timedelta(days=30)
    proposed = Meeting.objects.create(structure=structure, starts_at=later, ends_at=later + timedelta(hours=1))
    _log_in(page, live_server, org.users["leader_a"].email)

    page.goto(f"{live_server.url}{held.get_absolute_url()}")
    assert page.get_by_text("Holdt").first.is_visible()
    for name in ["Kall inn", "Avlys møtet", "Flytt", "Skriv referat"]:
        assert page.get_by_role("link", name=name).count() == 0, name
        assert page.get_by_role("button", name=name).count() == 0, name
    assert page.get_by_role("button", name="Legg til saken").count() == 0
    assert axe_check(page) == []

    page.goto(f"{live_server.url}{proposed.get_absolute_url()}")
    assert page.get_by_role("link", name="Kall inn").is_visible()
    for name in ["Skriv referat", "Registrer oppmøte"]:
        assert page.get_by_role("link", name=name).count() == 0, name
    assert axe_check(page) == []


def test_a_structure_that_meets_when_needed_gets_a_single_meeting(live_server, page, axe_check):
    from tests.conftest import Organisation

    org = Organisation()
    structure = _structure(org, "Ansvarsgruppe ved behov", convener="leader_a", cadence="ad_hoc")
    _log_in(page, live_server, org.users["leader_a"].email)
    page.goto(f"{live_server.url}{structure.get_absolute_url()}")
    assert page.get_by_text("Ingen møter planlagt.").is_visible()
    page.get_by_role("link", name="Nytt enkeltmøte").click()
    assert page.get_by_role("heading", name="Nytt møte i Ansvarsgruppe ved behov").is_visible()
    assert axe_check(page) == []
    page.get_by_role("button", name="Lagre").click()  # the suggested time: a week ahead, at the usual hour
    page.wait_for_url(re.compile(r"/moter/\d+/$"))
    assert page.get_by_text("Møtet er lagt til som forslag. Kall det inn når sakslisten er klar.").is_visible()
    assert page.get_by_role("link", name="Kall inn").is_visible()


def test_a_leader_who_chairs_tog_finds_the_meeting_duties_on_the_start_page(live_server, page, axe_check):
    from django.utils import timezone

    from collaboration.models import Meeting
    from collaboration.services import meeting_convene
    from tests.conftest import Organisation

    org = Organisation()
    structure = _structure(org, "TOG", convener="leadership_a", members=["leader_a"])
    starts = timezone.now() + timedelta(days=10)
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=2))
    meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=2), place="Rådhuset", video_link="", by=None
    )
    _log_in(page, live_server, org.users["leadership_a"].email)
    page.wait_for_load_state()
    duties = page.get_by_role("region", name="Mine neste møter")
    assert duties.get_by_role("link", name=re.compile("TOG")).is_visible()
    assert axe_check(page) == []
    duties.get_by_role("link", name=re.compile("TOG")).click()
    assert page.get_by_role("heading", name=re.compile("TOG")).first.is_visible()
