"""An administrator adds a partner outside the pyramid (§11.5) from the pyramid page and corrects a typing
error on the way, in a real browser; the form passes axe (WCAG 2.1 A/AA)."""

import pytest

from tests.browser.test_login_and_start_pages import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_adds_a_partner_outside_the_pyramid(live_server, page, axe_check):
    from measures.models import CataloguePartner
    from tests.conftest import Organisation

    org = Organisation()
    CataloguePartner.objects.create(municipality=org.a, name="BUP Hallingdal")
    _log_in(page, live_server, org.users["admin_a"].email)
    page.goto(f"{live_server.url}/tiltak/?kommune={org.a.pk}")
    partners = page.get_by_role("region", name="Interkommunale tiltak og samarbeidspartnere")
    partners.get_by_role("link", name="Legg til en samarbeidspartner").click()
    page.get_by_label("Navn").fill("BUP Hallingdal")
    page.get_by_label("Hva de tilbyr").fill("Utredning og behandling")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_text("Kommunen har allerede en samarbeidspartner med dette navnet.").first.is_visible()
    assert page.get_by_label("Hva de tilbyr").input_value() == "Utredning og behandling"
    assert axe_check(page) == []
    page.get_by_label("Navn").fill("NAV Hemsedal")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_text("«NAV Hemsedal» er lagret.").is_visible()
    partners = page.get_by_role("region", name="Interkommunale tiltak og samarbeidspartnere")
    assert partners.get_by_text("Utredning og behandling").is_visible()
    assert axe_check(page) == []
