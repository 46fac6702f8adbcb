"""A service leader creates a measure, evaluates it and finds it again, in a real browser; the catalogue pages
pass axe (WCAG 2.1 A/AA)."""

import re

import pytest
from django.utils import timezone

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_creates_evaluates_and_finds_a_measure(live_server, page, axe_check):
    from tests.conftest import Organisation

    org = Organisation()
    _log_in(page, live_server, org.users["leader_a"].email)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Tiltak").click()
    assert page.get_by_role("heading", name="Tiltakspyramiden for Hemsedal").is_visible()
    assert axe_check(page) == []

    page.get_by_role("link", name="Nytt tiltak").click()
    page.get_by_label("Navn på tiltaket").fill("Småbarnstreff")
    page.get_by_label("Beskrivelse").fill("Foreldre med småbarn møtes og bygger nettverk.")
    page.get_by_label("Nivå i tiltakspyramiden").select_option(label="Universell")
    page.get_by_label("Alder fra (år)").fill("3")
    page.get_by_label("Alder til (år)").fill("1")
    page.get_by_label("Ansvarlig tjeneste").select_option(label="Helsestasjon A")
    page.get_by_role("checkbox", name="Hjem").check()
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_text("Alderen kan ikke slutte før den begynner").first.is_visible()
    assert page.get_by_label("Navn på tiltaket").input_value() == "Småbarnstreff"
    assert axe_check(page) == []
    page.get_by_label("Alder til (år)").fill("5")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/tiltak/\d+/$"))
    assert page.get_by_role("heading", name="Småbarnstreff", level=1).is_visible()
    assert axe_check(page) == []

    page.get_by_role("link", name="Registrer evaluering").click()
    page.get_by_label("Dato for evalueringen").fill(timezone.localdate().isoformat())
    page.get_by_label("Antall deltakere").fill("18")
    page.locator("#id_what_worked").fill("Mange nye familier kom.")  # "Hva virket ikke" shares the words
    page.get_by_label("Beslutning").select_option(label="Videreføre")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/tiltak/\d+/$"))
    assert page.get_by_text("Evalueringen er lagret.").is_visible()
    assert page.get_by_text("Mange nye familier kom.").is_visible()

    page.goto(f"{live_server.url}/tiltak/liste/")
    page.get_by_label("Søk i navn, beskrivelse og program").fill("småbarn")
    page.get_by_label("Alder (år)").fill("4")
    page.get_by_role("button", name="Filtrer").click()
    assert page.get_by_role("link", name="Småbarnstreff").is_visible()
    assert axe_check(page) == []

    page.goto(f"{live_server.url}/er-du-urolig/{org.a.number}/")
    assert page.get_by_role("heading", name="Er du urolig for et barn?").is_visible()
    assert page.get_by_role("heading", name="Småbarnstreff").is_visible()
    assert axe_check(page) == []
