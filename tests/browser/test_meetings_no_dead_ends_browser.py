"""No dead ends, no English, in a real browser: a meeting one may not open answers Laget's Norwegian page with a
way home, and the choose-password page speaks Norwegian at a Norwegian address; both pass axe."""

import re

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_one_may_not_open_gives_a_norwegian_page_with_a_way_home(live_server, page, axe_check):
    from tests.conftest import Organisation

    org = Organisation()
    _log_in(page, live_server, org.users["staff_a"].email)
    page.wait_for_url(f"{live_server.url}/start/")
    response = page.goto(f"{live_server.url}/moter/999999/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", name="Fant ikke siden").is_visible()
    assert axe_check(page) == []
    page.get_by_role("link", name="Til startsiden", exact=True).click()
    page.wait_for_url(re.compile(r"/start/$"))


def test_the_choose_password_page_speaks_norwegian(live_server, page, axe_check):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tests.conftest import Organisation

    org = Organisation()
    user = org.users["staff_a"]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    page.goto(f"{live_server.url}/passord/nytt/{uid}/{default_token_generator.make_token(user)}/")
    assert page.url.endswith("/velg-passord/")
    page.get_by_label(re.compile("^Nytt passord")).fill("kort")
    page.get_by_label(re.compile("^Bekreft nytt passord")).fill("kort")
    page.get_by_role("button", name="Lagre passord").click()
    assert page.get_by_role("alert").get_by_text("Passordet er for kort. Det må ha minst 12 tegn.").is_visible()
    assert axe_check(page) == []


def test_a_worried_parent_finds_help_from_the_front_page(live_server, page, axe_check):
    from tests.conftest import Organisation
    from tests.factories import MeasureFactory

    org = Organisation()
    MeasureFactory(
        municipality=org.a, responsible_service=org.health_a, is_public=True, name="Åpen helsestasjon for ungdom"
    )
    page.goto(f"{live_server.url}/")
    assert axe_check(page) == []
    page.get_by_role("link", name="Se hvem som kan hjelpe i kommunen din").click()
    assert page.get_by_role("link", name="116 111").is_visible()
    page.get_by_role("link", name=org.a.name).click()
    assert page.get_by_role("heading", name="Haster det, eller er et barn i fare?").is_visible()
    assert page.get_by_text("Åpen helsestasjon for ungdom").first.is_visible()
    assert axe_check(page) == []
