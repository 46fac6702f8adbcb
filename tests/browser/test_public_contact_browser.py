"""An administrator gives a service its public contact; a worried parent, not logged in, then finds the number
to ring on «Er du urolig for et barn?» and the header link keeps them on the public pages. Both pass axe."""

import re

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_service_gets_its_public_contact_and_a_parent_finds_it(live_server, page, axe_check):
    from tests.conftest import Organisation
    from tests.factories import MeasureFactory

    org = Organisation()
    MeasureFactory(municipality=org.a, responsible_service=org.health_a, is_public=True, name="Åpen helsestasjon")
    _log_in(page, live_server, org.users["admin_a"].email)
    page.goto(f"{live_server.url}/administrasjon/tjenester/{org.health_a.pk}/endre/")
    contact = page.get_by_role("group", name="Kontakt for publikum")
    contact.get_by_label("Telefon for publikum").fill("32 05 50 00")
    contact.get_by_label("Åpningstider").fill("Mandag–fredag kl. 08.00–15.30")
    contact.get_by_label("Nettside for publikum").fill("ikke en adresse")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("alert").is_visible()  # the error summary; nothing typed is lost
    assert contact.get_by_label("Telefon for publikum").input_value() == "32 05 50 00"
    assert axe_check(page) == []
    contact.get_by_label("Nettside for publikum").fill("")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(re.compile(r"/(?!.*endre)"))

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Se hvem som kan hjelpe i kommunen din").click()
    page.get_by_role("link", name=org.a.name).click()
    assert page.get_by_role("link", name="32 05 50 00").get_attribute("href") == "tel:32055000"
    assert page.get_by_text("Mandag–fredag kl. 08.00–15.30").is_visible()
    assert axe_check(page) == []
    page.get_by_role("banner").get_by_role("link").first.click()
    assert "/logg-inn/" not in page.url
