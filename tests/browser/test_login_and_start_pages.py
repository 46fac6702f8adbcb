"""A person logs in with a real browser and lands on their start page; both pages pass axe (WCAG 2.1 A/AA)."""

import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, email):
    page.goto(f"{live_server.url}/logg-inn/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def test_staff_log_in_and_reach_their_start_page(live_server, page, axe_check):
    from tests.conftest import Organisation

    org = Organisation()
    page.goto(f"{live_server.url}/logg-inn/")
    assert axe_check(page) == []
    _log_in(page, live_server, org.users["staff_a"].email)
    page.wait_for_url(f"{live_server.url}/start/")
    assert page.get_by_role("heading", name="Mine stillinger").is_visible()
    assert page.get_by_role("link", name="Helsestasjon A").first.is_visible()
    assert axe_check(page) == []


@pytest.mark.parametrize(
    ("who", "path", "heading"),
    [
        ("admin_a", "/administrasjon/", "Administrasjon"),
        ("leadership_a", "/ledelse/", "Kommunen i tall"),
    ],
)
def test_each_role_lands_on_its_own_accessible_start_page(live_server, page, axe_check, who, path, heading):
    from tests.conftest import Organisation

    org = Organisation()
    _log_in(page, live_server, org.users[who].email)
    page.wait_for_url(f"{live_server.url}{path}")
    assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    assert axe_check(page) == []


def test_a_wrong_password_shows_a_norwegian_error_and_keeps_the_email(live_server, page, axe_check):
    from tests.conftest import Organisation

    org = Organisation()
    page.goto(f"{live_server.url}/logg-inn/")
    page.get_by_label("E-post").fill(org.users["staff_a"].email)
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    assert page.get_by_text("Feil e-post eller passord").is_visible()
    assert page.get_by_label("E-post").input_value() == org.users["staff_a"].email
    assert axe_check(page) == []


def test_the_skip_link_moves_focus_to_the_main_content(live_server, page):
    page.goto(f"{live_server.url}/passord/glemt/")  # the login page puts focus in the e-mail field itself
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hovedinnhold"


def test_an_administrator_fixes_a_form_error_without_retyping(live_server, page, axe_check):
    from organisation.models import User
    from tests.conftest import Organisation

    org = Organisation()
    _log_in(page, live_server, org.users["admin_a"].email)
    page.wait_for_url(f"{live_server.url}/administrasjon/")
    page.get_by_role("link", name="Personer").first.click()
    assert axe_check(page) == []
    page.get_by_role("link", name="Ny person").click()
    page.get_by_label("fullt navn").fill("Testa Testesen")
    page.get_by_label("e-post").fill("ikke-en-adresse")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("alert").is_visible()
    email = page.get_by_label("e-post")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("fullt navn").input_value() == "Testa Testesen"
    assert axe_check(page) == []
    email.fill("testa@hemsedal.demo")
    page.get_by_label("arbeidsgiverkommune").select_option(label="Hemsedal")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(f"{live_server.url}/administrasjon/personer/")
    assert User.objects.filter(email="testa@hemsedal.demo", full_name="Testa Testesen").exists()
