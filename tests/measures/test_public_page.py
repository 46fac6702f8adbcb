"""«Er du urolig for et barn?»: public, grouped by age and need, with no internal fields."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, org):
    return client.get(reverse("measures:public-help", args=[org.a.number])).content.decode()


def test_it_lists_public_measures_grouped_by_age_and_need(client, org, catalogue):
    measure = catalogue["a"]
    measure.age_from, measure.age_to = 0, 5
    measure.save()
    content = _page(client, org)
    assert "Gravid, og barn 0–5 år" in content
    assert "For alle barn og familier" in content
    assert "Foreldreveiledning COS-P" in content
    assert "Når noe er vanskelig" in content  # the selective PPT measure, for every age
    assert "Tynset-tiltak" not in content


def test_it_hides_internal_fields_and_contacts_not_marked_public(client, org, catalogue):
    content = _page(client, org)
    assert "Kari Kontakt" not in content
    assert "kari@test.demo" not in content
    assert "Intern merknad" not in content
    assert "Neste evaluering" not in content
    assert "11 22 33 44" not in content  # a phone number can be a person's own mobile
    measure = catalogue["a"]
    measure.contact_is_public = True
    measure.save()
    content = _page(client, org)
    assert "Kari Kontakt" in content and "kari@test.demo" in content and "11 22 33 44" in content


def test_it_leaves_out_hidden_and_ended_measures(client, org, catalogue):
    catalogue["a"].is_public = False
    catalogue["a"].save()
    catalogue["shared"].status = "avsluttet"
    catalogue["shared"].save()
    content = _page(client, org)
    assert "Foreldreveiledning COS-P" not in content
    assert "Spesialpedagogisk veiledning" not in content
    assert "Kommunen har ikke lagt ut tilbud her ennå." in content


def test_the_index_lists_municipalities_with_a_public_catalogue(client, org, catalogue):
    content = client.get(reverse("measures:public-index")).content.decode()
    assert org.a.name in content and org.b.name in content
