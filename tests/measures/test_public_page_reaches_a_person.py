"""«Er du urolig for et barn?» reaches a person: found from `/` without logging in, the emergency numbers always
there, and only measures a family can use now."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_visitor_at_the_front_page_finds_the_public_page(client, org, catalogue):
    page = client.get("/", follow=True).content.decode()
    assert "Er du urolig for et barn?" in page
    assert reverse("measures:public-index") in page


@pytest.mark.parametrize("name", ["measures:public-index", "measures:public-help"])
def test_the_emergency_numbers_are_always_there(client, org, catalogue, name):
    args = [org.a.number] if name == "measures:public-help" else []
    page = client.get(reverse(name, args=args)).content.decode()
    for number in ('href="tel:112"', 'href="tel:113"', 'href="tel:02800"', 'href="tel:116111"'):
        assert number in page
    assert "Alarmtelefonen for barn og unge" in page and "Barnevernvakten" in page


def test_planned_and_developing_measures_are_not_offered_yet(client, org, catalogue):
    for status in ("planlagt", "under_utvikling"):
        catalogue["a"].status = status
        catalogue["a"].save()
        page = client.get(reverse("measures:public-help", args=[org.a.number])).content.decode()
        assert "Foreldreveiledning COS-P" not in page
    catalogue["a"].status = "i_gang"
    catalogue["a"].save()
    assert (
        "Foreldreveiledning COS-P" in client.get(reverse("measures:public-help", args=[org.a.number])).content.decode()
    )
