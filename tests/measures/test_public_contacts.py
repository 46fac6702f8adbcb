"""«Er du urolig for et barn?» gives each service's public contact, sends a parent's header link to the public
pages (not the staff login), and stays small for a large catalogue."""

import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _page(client, org):
    return client.get(reverse("measures:public-help", args=[org.a.number])).content.decode()


def test_each_service_shows_its_public_contact_with_links(client, org, catalogue):
    org.health_a.public_phone = "32 99 12 00"
    org.health_a.public_opening_hours = "Mandag–fredag kl. 08.00–15.30"
    org.health_a.public_address = "Trøimsvegen 10, 3560 Hemsedal"
    org.health_a.public_url = "https://hemsedal.kommune.demo/helsestasjon"
    org.health_a.save()
    content = _page(client, org)
    assert '<a class="ds-link" href="tel:32991200">32 99 12 00</a>' in content
    assert "Mandag–fredag kl. 08.00–15.30" in content
    assert "Trøimsvegen 10, 3560 Hemsedal" in content
    assert 'href="https://hemsedal.kommune.demo/helsestasjon"' in content
    # The shared PPT has no public contact yet: its measure is still there, under its name.
    assert "Interkommunal PPT" in content and "Spesialpedagogisk veiledning" in content


def test_a_measure_is_described_once_however_many_ages_it_covers(client, org, catalogue):
    measure = catalogue["a"]
    measure.age_from, measure.age_to = None, 25  # every age band
    measure.description = "Grupper for foreldre til små barn, åtte kvelder."
    measure.save()
    content = _page(client, org)
    assert content.count(measure.description) == 1
    assert content.count(f'href="#tiltak-{measure.pk}"') == 4  # one link from each age band


@pytest.mark.parametrize("name", ["measures:public-index", "measures:public-help"])
def test_the_header_link_of_the_public_pages_stays_public(client, org, catalogue, name):
    args = [org.a.number] if name == "measures:public-help" else []
    content = client.get(reverse(name, args=args)).content.decode()
    assert f'<a class="laget-brand" href="{reverse("measures:public-index")}">' in content
    assert reverse("login") not in content


def test_the_administrator_edits_the_public_contact(client, org):
    client.force_login(org.users["admin_a"])
    url = reverse("organisation:service-edit", args=[org.health_a.pk])
    form = client.get(url).content.decode()
    assert "Kontakt for publikum" in form and "Telefon for publikum" in form and "Åpningstider" in form
    response = client.post(
        url,
        {
            "name": "Helsestasjon A",
            "kind": "helsestasjon",
            "host_municipality": org.a.pk,
            "municipalities": [org.a.pk],
            "is_municipal": "on",
            "public_phone": "32 99 12 00",
            "public_opening_hours": "Hverdager 8–15",
            "public_address": "Torget 1",
            "public_url": "ikke en adresse",
        },
    )
    assert "Oppgi en gyldig nettadresse." in response.content.decode()  # Django's own message, in Norwegian
    response = client.post(
        url,
        {
            "name": "Helsestasjon A",
            "kind": "helsestasjon",
            "host_municipality": org.a.pk,
            "municipalities": [org.a.pk],
            "is_municipal": "on",
            "public_phone": "32 99 12 00",
            "public_opening_hours": "Hverdager 8–15",
            "public_address": "Torget 1",
            "public_url": "https://hemsedal.kommune.demo/helsestasjon",
        },
    )
    assert response.status_code == 302
    org.health_a.refresh_from_db()
    assert org.health_a.public_phone == "32 99 12 00"
    assert org.health_a.public_url == "https://hemsedal.kommune.demo/helsestasjon"
    assert org.health_a.history.first().public_opening_hours == "Hverdager 8–15"


def test_the_page_stays_small_for_a_large_catalogue(client, org):
    """400 running public measures for every age: once each (about 0.4 KB), with a link from each age band."""
    services = [org.health_a, org.school_a, org.shared_ppt]
    for service in services:
        service.public_phone, service.public_opening_hours = "32 99 12 00", "Mandag–fredag kl. 08.00–15.30"
        service.save()
    MeasureFactory.create_batch(
        400,
        municipality=org.a,
        responsible_service=org.health_a,
        status=Measure.Status.RUNNING,
        is_public=True,
        age_from=None,
        age_to=25,
        description="Et tilbud med en beskrivelse på omtrent så mange tegn som kommunene skriver i katalogen.",
    )
    size = len(client.get(reverse("measures:public-help", args=[org.a.number])).content)
    assert size < 400 * 700, size
