"""The catalogue's partners outside the pyramid (§11.5): the municipality's administrators add, correct and remove
them, with history; everyone else gets 404; the pyramid lists them apart, with links only for those who may."""

import pytest
from django.urls import reverse

from measures.models import CataloguePartner

pytestmark = pytest.mark.django_db

WHO = [
    ("admin_a", True),
    ("admin_b", False),
    ("leadership_a", False),
    ("leader_a", False),
    ("staff_a", False),
    ("ppt_shared", False),
    ("no_position", False),
]


def _partner(org, name="BUP Hallingdal"):
    return CataloguePartner.objects.create(municipality=org.a, name=name, description="Spesialisthelsetjenesten")


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_the_municipalitys_administrators_may_correct_a_partner(client, org, who, allowed):
    partner = _partner(org)
    client.force_login(org.users[who])
    url = reverse("measures:partner-edit", args=[partner.pk])
    assert client.get(url).status_code == (200 if allowed else 404)
    response = client.post(url, {"name": "BUP Hallingdal", "description": "Poliklinikk på Gol", "order": "1"})
    assert response.status_code == (302 if allowed else 404)
    partner.refresh_from_db()
    assert partner.description == ("Poliklinikk på Gol" if allowed else "Spesialisthelsetjenesten")
    if allowed:
        assert partner.history.first().history_user == org.users[who]
        assert response.url.endswith("#samarbeidspartnere")


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_the_municipalitys_administrators_may_remove_a_partner(client, org, who, allowed):
    partner = _partner(org)
    client.force_login(org.users[who])
    response = client.post(reverse("measures:partner-delete", args=[partner.pk]))
    assert response.status_code == (302 if allowed else 404)
    assert CataloguePartner.objects.filter(pk=partner.pk).exists() != allowed
    if allowed:
        assert CataloguePartner.history.filter(history_type="-").get().history_user == org.users[who]


def test_an_administrator_adds_a_partner_to_the_municipality_they_administer_only(client, org):
    client.force_login(org.users["admin_a"])
    data = {"municipality": org.b.pk, "name": "NAV Tynset", "order": "0"}
    response = client.post(reverse("measures:partner-create"), data)
    assert response.status_code == 200 and not CataloguePartner.objects.exists()  # B is not a choice
    data["municipality"] = org.a.pk
    response = client.post(reverse("measures:partner-create"), data)
    assert response.status_code == 302
    assert CataloguePartner.objects.get().municipality == org.a


def test_a_name_twice_is_refused_in_norwegian_and_what_was_typed_stays(client, org):
    _partner(org)
    client.force_login(org.users["admin_a"])
    data = {"municipality": org.a.pk, "name": "bup hallingdal", "offer": "Utredning og behandling", "order": "0"}
    response = client.post(reverse("measures:partner-create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kommunen har allerede en samarbeidspartner med dette navnet." in page
    assert "Utredning og behandling" in page
    assert CataloguePartner.objects.count() == 1


def test_a_service_that_does_not_serve_the_municipality_is_refused(client, org):
    client.force_login(org.users["admin_a"])
    data = {"municipality": org.a.pk, "name": "Helsestasjonen i B", "service": org.health_b.pk, "order": "0"}
    response = client.post(reverse("measures:partner-create"), data)
    assert response.status_code == 200 and not CataloguePartner.objects.exists()


@pytest.mark.parametrize(("who", "links"), [("admin_a", True), ("leader_a", False), ("staff_a", False)])
def test_the_pyramid_lists_partners_apart_with_links_for_administrators(client, org, who, links):
    partner = _partner(org)
    client.force_login(org.users[who])
    page = client.get(reverse("measures:pyramid"), {"kommune": org.a.pk}).content.decode()
    assert "Interkommunale tiltak og samarbeidspartnere" in page and "BUP Hallingdal" in page
    assert (reverse("measures:partner-edit", args=[partner.pk]) in page) == links
    assert (reverse("measures:partner-create") in page) == links
