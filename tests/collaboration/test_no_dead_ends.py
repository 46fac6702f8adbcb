"""No dead ends, no English: Laget's own 400 and 403 pages, the choose-password page in Norwegian at a Norwegian
address, the minutes PDF's «Til stede» with only those who met, and a demo that shows the start page's duties."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views import defaults

from collaboration.models import Attendance
from collaboration.selectors import minutes_context
from collaboration.services import attendance_record, meeting_convene

pytestmark = pytest.mark.django_db


def test_the_403_page_is_laget_s_own_in_norwegian_with_the_reason_and_a_way_home(org):
    request = RequestFactory().get("/")
    request.user = org.users["staff_a"]
    response = defaults.permission_denied(request, PermissionDenied("Uten samtykke kan saken bare drøftes anonymt."))
    content = response.content.decode()
    assert response.status_code == 403
    assert 'lang="nb"' in content and "Ingen tilgang" in content
    assert "Uten samtykke kan saken bare drøftes anonymt." in content
    assert 'href="/">Til startsiden' in content.replace("\n", "")


def test_the_400_page_is_norwegian_with_a_way_home():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = defaults.bad_request(request, SuspiciousOperation("x"))
    content = response.content.decode()
    assert response.status_code == 400
    assert 'lang="nb"' in content and "Ugyldig forespørsel" in content and 'href="/"' in content


def test_a_form_sent_without_its_csrf_token_gets_a_norwegian_page():
    response = Client(enforce_csrf_checks=True).post("/logg-inn/", {"username": "a@b.no", "password": "x"})
    content = response.content.decode()
    assert response.status_code == 403
    assert 'lang="nb"' in content and "Skjemaet er utløpt" in content and 'href="/"' in content


def _choose_password_url(client, user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/passord/nytt/{uid}/{default_token_generator.make_token(user)}/")
    return response.url


def test_the_choose_password_page_has_a_norwegian_address_and_messages(client, org):
    url = _choose_password_url(client, org.users["staff_a"])
    assert url.endswith("/velg-passord/")
    response = client.post(url, {"new_password1": "kort", "new_password2": "kort"})
    content = response.content.decode()
    assert "Passordet er for kort. Det må ha minst 12 tegn." in content
    assert "This password" not in content
    response = client.post(url, {"new_password1": "123456789012345", "new_password2": "123456789012345"})
    assert "Passordet kan ikke bare være tall." in response.content.decode()


def test_the_password_change_form_speaks_norwegian_too(client, org):
    client.force_login(org.users["staff_a"])
    response = client.post(
        "/passord/endre/", {"old_password": "feil", "new_password1": "kort", "new_password2": "kort"}
    )
    assert "Passordet er for kort." in response.content.decode()


def test_the_minutes_list_as_present_only_those_who_met(org, meeting):
    starts = timezone.now() - timedelta(days=1)
    meeting = meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=1), place="X", video_link="", by=None
    )
    users = org.users
    attendance_record(
        meeting=meeting,
        rows=[
            {"person": users["staff_a"], "position": None, "status": Attendance.Status.PRESENT},
            {"person": users["leader_a"], "position": None, "status": Attendance.Status.ABSENT},
            {
                "person": users["ppt_shared"],
                "position": None,
                "status": Attendance.Status.SUBSTITUTE,
                "substitute": "Vara Vikarsen",
            },
        ],
        by=users["leader_a"],
    )
    context = minutes_context(meeting, users["leader_a"])
    assert [row.person for row in context["present"]] == sorted(
        [users["staff_a"], users["ppt_shared"]], key=lambda u: u.full_name
    )
    html = render_to_string("collaboration/minutes_pdf.html", context)
    present = html.split("<h2>Til stede</h2>")[1].split("</table>")[0]
    assert users["staff_a"].full_name in present
    assert "Vara Vikarsen (vara for " in present
    assert users["leader_a"].full_name not in present
    assert f"<strong>Forfall:</strong> {users['leader_a'].full_name}" in html


def test_the_demo_approves_minutes_near_their_meetings_and_gives_the_nurse_an_open_item(demo, client):
    from collaboration.models import ActionItem, Minutes
    from organisation.models import User

    approved = Minutes.objects.filter(status="approved").select_related("meeting")
    assert approved.exists()
    for minutes in approved:
        assert minutes.meeting.ends_at <= minutes.approved_at <= minutes.meeting.ends_at + timedelta(days=3)
    nurse = User.objects.get(email="helsesykepleier@hemsedal.demo")
    assert ActionItem.objects.open().filter(owner_person=nurse).exists()
    client.force_login(nurse)
    page = client.get(reverse("organisation:staff-home")).content.decode()
    assert "Lage en oversikt over skolehelsetjenestens åpne kontortid" in page
