"""A convener proposes the year's meetings, convenes one and adds to its agenda, in a real browser; the meeting
pages pass axe (WCAG 2.1 A/AA)."""

import re

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_convener_plans_the_year_and_convenes_a_meeting(live_server, page, axe_check, settings, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import MeetingStructure, MinutesPdf
    from collaboration.tasks import render_minutes_pdf
    from organisation.models import Position
    from tests.conftest import Organisation

    org = Organisation()
    seat = Position.objects.get(holder=org.users["leader_a"])
    structure = MeetingStructure.objects.create(
        municipality=org.a,
        name="Tverrfaglig skolemøte",
        level="system",
        cadence="semester",
        mandate="Systemnivå",
        standing_agenda="Evaluering av samarbeidet",
        usual_place="Rådhuset",
    )
    structure.conveners.set([seat])
    structure.minute_takers.set([seat])
    structure.members.set([Position.objects.get(holder=org.users["staff_a"])])
    _log_in(page, live_server, org.users["leader_a"].email)
    page.goto(f"{live_server.url}{structure.get_absolute_url()}")
    assert axe_check(page) == []
    page.get_by_role("button", name="Foreslå møtene for skoleåret").click()
    assert page.get_by_text("møter er foreslått i årshjulet").is_visible()
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Møter").click()
    assert page.get_by_role("heading", name=re.compile("Årshjul for Hemsedal")).is_visible()
    assert axe_check(page) == []
    page.get_by_role("link", name=re.compile("Tverrfaglig skolemøte")).first.click()
    page.get_by_role("link", name="Kall inn").click()
    # Who will be invited shows before anything is saved.
    assert (
        page.get_by_role("region", name=re.compile("Disse blir invitert"))
        .get_by_text(org.users["staff_a"].full_name)
        .is_visible()
    )
    assert axe_check(page) == []
    # Convened for yesterday afternoon (recorded afterwards), so attendance and approval are open.
    yesterday = timezone.localtime() - timedelta(days=1)
    page.get_by_label("Starter").fill(yesterday.strftime("%Y-%m-%dT13:00"))
    page.get_by_label("Slutter").fill(yesterday.strftime("%Y-%m-%dT14:30"))
    page.get_by_label("Sted").fill("Familiens hus")
    page.get_by_role("button", name="Kall inn").click()
    page.wait_for_url(re.compile(r"/moter/\d+/$"))
    assert page.get_by_text("Møtet er innkalt").is_visible()
    page.get_by_role("textbox", name="Sak").fill("Rutiner for overgang barnehage–skole")
    page.get_by_role("button", name="Legg til saken").click()
    page.get_by_text("«Rutiner for overgang barnehage–skole» er lagt til.").wait_for()  # in place (htmx)
    invited = page.get_by_role("region", name="Invitert")
    assert invited.get_by_text(org.users["staff_a"].full_name).is_visible()  # invited through the seat
    assert axe_check(page) == []

    # Attendance, minutes, approval and the PDF.
    page.get_by_role("link", name="Registrer oppmøte").click()
    page.get_by_label(re.compile("^" + re.escape(org.users["staff_a"].full_name))).select_option(label="Fraværende")
    page.get_by_role("button", name="Lagre oppmøtet").click()
    page.get_by_role("status").get_by_text("Oppmøtet er lagret.").wait_for()  # in place (htmx)
    page.get_by_role("link", name="Skriv referat").click()
    assert axe_check(page) == []
    page.get_by_label("Vedtak: Rutiner for overgang barnehage–skole").fill("Ny rutine vedtas fra januar.")
    page.get_by_role("button", name="Lagre referatet").click()
    page.wait_for_url(re.compile(r"/moter/\d+/$"))
    page.get_by_role("button", name="Godkjenn referatet").click()
    assert page.get_by_text("Referatet er godkjent og låst.").first.is_visible()
    assert page.get_by_text("Ny rutine vedtas fra januar.").is_visible()
    assert axe_check(page) == []
    # The PDF is made by a worker (none runs here): first a page that says so, then, once made, the file.
    settings.MEDIA_ROOT = tmp_path
    page.get_by_role("link", name="Last ned som PDF").click()
    assert page.get_by_role("status").get_by_text("lages nå").is_visible()
    assert axe_check(page) == []
    render_minutes_pdf(MinutesPdf.objects.get().pk)
    with page.expect_download() as download:
        page.get_by_role("link", name="Prøv å laste ned igjen").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().read_bytes()[:4] == b"%PDF"


def test_the_other_meeting_pages_pass_axe(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Meeting, MeetingStructure
    from collaboration.services import meeting_convene
    from organisation.models import Position
    from tests.conftest import Organisation

    org = Organisation()
    seat = Position.objects.get(holder=org.users["leader_a"])
    structure = MeetingStructure.objects.create(
        municipality=org.a,
        name="Elevhelseteam",
        level="individual",
        cadence="monthly",
        mandate="Enkeltsaker",
        no_consent_policy="anonymous",
    )
    structure.conveners.set([seat])
    structure.minute_takers.set([seat])
    starts = timezone.now() - timedelta(hours=1)  # started: its attendance page opens
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))
    meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=1), place="Skolen", video_link="", by=None
    )
    _log_in(page, live_server, org.users["leader_a"].email)
    for path in [
        "/moter/strukturer/",
        "/kalender/",
        f"/moter/{meeting.pk}/oppmote/",
        "/moter/arshjul/?mine=1",
        f"/moter/strukturer/{structure.pk}/nytt-mote/",
        f"/moter/{meeting.pk}/avlys/",
        "/oppgaver/?status=alle",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert axe_check(page) == [], path
    page.context.clear_cookies()  # a fresh session for the administrator
    _log_in(page, live_server, org.users["admin_a"].email)
    page.goto(f"{live_server.url}/moter/strukturer/ny/")
    page.get_by_role("button", name="Lagre").click()  # an empty form: every error tied to its field
    assert page.get_by_role("alert").is_visible()
    assert axe_check(page) == []


def test_a_convener_cancels_with_a_reason_and_restores_the_meeting(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Meeting, MeetingStructure
    from collaboration.services import meeting_convene
    from organisation.models import Position
    from tests.conftest import Organisation

    org = Organisation()
    seat = Position.objects.get(holder=org.users["leader_a"])
    structure = MeetingStructure.objects.create(
        municipality=org.a,
        name="Tverrfaglig møte",
        level="system",
        cadence="monthly",
        mandate="Systemnivå",
    )
    structure.conveners.set([seat])
    structure.minute_takers.set([seat])
    structure.members.set([Position.objects.get(holder=org.users["staff_a"])])
    starts = timezone.now() + timedelta(days=5)
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))
    proposed = Meeting.objects.create(
        structure=structure, starts_at=starts + timedelta(days=30), ends_at=starts + timedelta(days=30, hours=1)
    )
    meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=1), place="Rådhuset", video_link="", by=None
    )
    _log_in(page, live_server, org.users["leader_a"].email)
    # A proposal offers no minutes, attendance or action items.
    page.goto(f"{live_server.url}{proposed.get_absolute_url()}")
    assert page.get_by_role("link", name="Kall inn").is_visible()
    assert page.get_by_role("link", name="Skriv referat").count() == 0
    assert page.get_by_role("link", name="Registrer oppmøte").count() == 0
    assert page.get_by_role("button", name="Registrer oppgaven").count() == 0
    # A future meeting: the minutes can be prepared, not approved; attendance waits for the meeting.
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    assert page.get_by_role("link", name="Skriv referat").is_visible()
    assert page.get_by_role("link", name="Registrer oppmøte").count() == 0
    page.get_by_role("link", name="Avlys møtet …").click()
    assert axe_check(page) == []
    page.get_by_role("button", name="Ja, avlys møtet").click()  # no reason: the summary links to the field
    page.get_by_role("alert").get_by_role("link", name=re.compile("Hvorfor avlyses møtet?")).click()
    assert page.get_by_label("Hvorfor avlyses møtet?").evaluate("element => element === document.activeElement")
    assert axe_check(page) == []
    page.get_by_label("Hvorfor avlyses møtet?").fill("Møteleder er syk")
    page.get_by_role("button", name="Ja, avlys møtet").click()
    page.wait_for_url(re.compile(r"/moter/\d+/(#.*)?$"))  # a redirect keeps the fragment
    assert page.get_by_text("Begrunnelse: Møteleder er syk").is_visible()
    assert page.get_by_role("link", name="Skriv referat").count() == 0
    assert axe_check(page) == []
    page.get_by_role("button", name="Gjenopprett møtet").click()
    assert page.get_by_text("Møtet er gjenopprettet og innkalt igjen.").is_visible()
    assert page.get_by_role("link", name="Flytt eller endre innkallingen").is_visible()


def test_an_administrator_gives_a_seat_to_a_new_person_and_the_meetings_follow(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Invitation, Meeting, MeetingStructure
    from collaboration.services import meeting_convene
    from organisation.models import Position
    from tests.conftest import Organisation
    from tests.factories import UserFactory

    org = Organisation()
    seat = Position.objects.get(holder=org.users["staff_a"])
    structure = MeetingStructure.objects.create(
        municipality=org.a,
        name="Elevhelseteam",
        level="system",
        cadence="monthly",
        mandate="Systemnivå",
    )
    structure.conveners.set([Position.objects.get(holder=org.users["leader_a"])])
    structure.minute_takers.set([seat])
    for days in (3, 30):
        starts = timezone.now() + timedelta(days=days)
        meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))
        meeting_convene(
            meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="Skolen", video_link="", by=None
        )
    newcomer = UserFactory(email="ny.helsesykepleier@test.demo", full_name="Nina Nyansatt", municipality=org.a)
    _log_in(page, live_server, org.users["admin_a"].email)
    page.wait_for_url(f"{live_server.url}/administrasjon/")
    page.goto(f"{live_server.url}/administrasjon/stillinger/{seat.pk}/endre/")
    assert page.get_by_text("2 kommende møter i Elevhelseteam følger stillingen").is_visible()
    assert axe_check(page) == []
    page.get_by_label(re.compile("innehaver", re.IGNORECASE)).select_option(label=f"Nina Nyansatt ({newcomer.email})")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/administrasjon/stillinger/$"))
    assert Invitation.objects.filter(person=newcomer, meeting__structure=structure).count() == 2
    assert not Invitation.objects.filter(person=org.users["staff_a"], meeting__structure=structure).exists()


def test_agenda_and_action_items_are_added_in_place_with_focus_where_one_works(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Meeting, MeetingStructure
    from collaboration.services import meeting_convene
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
    structure.members.set([Position.objects.get(holder=org.users["staff_a"])])
    starts = timezone.now() - timedelta(hours=1)
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=2))
    meeting_convene(meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="X", video_link="", by=None)
    _log_in(page, live_server, org.users["leader_a"].email)
    page.wait_for_url(re.compile(r"/start/$"))
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")  # gone if the page reloads
    page.get_by_role("textbox", name=re.compile("^Sak")).fill("Rutiner for overgang")
    page.get_by_role("button", name="Legg til saken").click()
    page.get_by_role("status").get_by_text("«Rutiner for overgang» er lagt til.").wait_for()
    assert page.evaluate("window.notReloaded") is True
    # Focus is in the fresh «Sak» field: the next item is typed at once, no Tab presses.
    assert page.get_by_role("textbox", name=re.compile("^Sak")).evaluate("e => e === document.activeElement")
    page.keyboard.type("Budsjett")
    page.keyboard.press("Enter")
    page.get_by_role("status").get_by_text("«Budsjett» er lagt til.").wait_for()
    # An action item without owner and due date: the error summary, at the form, takes focus.
    page.get_by_role("textbox", name=re.compile("^Hva skal gjøres")).fill("Lage rutine")
    page.get_by_role("button", name="Registrer oppgaven").click()
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name=re.compile("Frist")).wait_for()
    assert summary.evaluate("e => e === document.activeElement")
    assert page.evaluate("window.notReloaded") is True
    assert axe_check(page) == []


def test_an_administrator_gives_a_structure_two_conveners_and_the_second_convenes(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Meeting, MeetingStructure
    from organisation.models import Position
    from tests.conftest import Organisation

    org = Organisation()
    leader = Position.objects.select_related("service", "holder").get(holder=org.users["leader_a"])
    adviser = Position.objects.select_related("service", "holder").get(holder=org.users["ppt_shared"])
    structure = MeetingStructure.objects.create(
        municipality=org.a, name="Tverrfaglig skolemøte", level="system", cadence="semester", mandate="Systemnivå"
    )
    structure.conveners.set([leader])
    structure.minute_takers.set([leader])
    structure.members.set([Position.objects.get(holder=org.users["staff_a"])])
    starts = timezone.now() + timedelta(days=10)
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=1))

    def label(position):
        return f"{position.title}, {position.service} ({position.holder.full_name})"

    _log_in(page, live_server, org.users["admin_a"].email)
    page.wait_for_url(lambda url: "/logg-inn/" not in url)
    page.goto(f"{live_server.url}{structure.get_absolute_url()}")
    page.get_by_role("link", name="Endre møtestrukturen").click()
    conveners = page.get_by_label(re.compile("^Innkallere og møteledere"))
    # None chosen: refused, in Norwegian, with the error summary in focus.
    conveners.select_option([])
    page.get_by_role("button", name="Lagre").click()
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name=re.compile("Velg minst én stilling som innkaller og møteleder")).wait_for()
    assert summary.evaluate("e => e === document.activeElement")
    assert axe_check(page) == []
    page.get_by_label(re.compile("^Innkallere og møteledere")).select_option(label=[label(leader), label(adviser)])
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(rf"{structure.get_absolute_url()}$"))
    facts = page.get_by_role("definition").filter(has_text=adviser.holder.full_name)
    assert facts.get_by_text(leader.holder.full_name).count() == 1  # both listed as conveners
    assert page.get_by_text("Innkallere og møteledere").is_visible()
    assert axe_check(page) == []

    # The second convener convenes the meeting.
    page.context.clear_cookies()
    _log_in(page, live_server, org.users["ppt_shared"].email)
    page.wait_for_url(re.compile(r"/start/$"))
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Kall inn").click()
    page.get_by_label("Sted").fill("Familiens hus")
    page.get_by_role("button", name="Kall inn").click()
    page.wait_for_url(re.compile(r"/moter/\d+/$"))
    assert page.get_by_text("Møtet er innkalt").is_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED


def test_attendance_is_recorded_in_place_with_focus_where_one_works(live_server, page, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Meeting, MeetingStructure
    from collaboration.services import meeting_convene
    from organisation.models import Position
    from tests.conftest import Organisation

    org = Organisation()
    structure = MeetingStructure.objects.create(
        municipality=org.a, name="TOG", level="system", cadence="semester", mandate="x"
    )
    structure.conveners.set([Position.objects.get(holder=org.users["leader_a"])])
    structure.minute_takers.set([Position.objects.get(holder=org.users["staff_a"])])
    structure.members.set([Position.objects.get(holder=org.users["ppt_shared"])])
    starts = timezone.now() - timedelta(hours=1)
    meeting = Meeting.objects.create(structure=structure, starts_at=starts, ends_at=starts + timedelta(hours=2))
    meeting_convene(meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="X", video_link="", by=None)
    adviser = org.users["ppt_shared"].full_name
    _log_in(page, live_server, org.users["staff_a"].email)  # the minute-taker
    page.wait_for_url(re.compile(r"/start/$"))
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")  # gone if the page reloads
    page.get_by_role("link", name="Registrer oppmøte").click()
    page.get_by_label(re.compile("^" + re.escape(adviser))).select_option(label="Møtte med vara")
    page.get_by_role("button", name="Lagre oppmøtet").click()
    # A substitute without a name: the error summary, at the form, takes focus.
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name=re.compile("Skriv hvem som møtte som vara")).wait_for()
    assert summary.evaluate("e => e === document.activeElement")
    assert axe_check(page) == []
    page.get_by_label(f"Vara for {adviser}").fill("Kari Vara")
    page.get_by_role("button", name="Lagre oppmøtet").click()
    page.get_by_role("status").get_by_text("Oppmøtet er lagret.").wait_for()
    assert page.evaluate("window.notReloaded") is True
    heading = page.get_by_role("heading", name="Oppmøte", exact=True)
    assert heading.evaluate("e => e === document.activeElement")  # focus on the updated section's heading
    assert page.get_by_role("cell", name="Møtte med vara (Kari Vara)").is_visible()
    assert axe_check(page) == []
    assert meeting.attendance.get(person=org.users["ppt_shared"]).substitute == "Kari Vara"
