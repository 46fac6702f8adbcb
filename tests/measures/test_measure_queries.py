"""Catalogue pages make the same number of queries however many measures and evaluations there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Arena, Evaluation
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _grow(org, n):
    arena = Arena.objects.first()
    for _ in range(n):
        measure = MeasureFactory(municipality=org.a, responsible_service=org.health_a, is_public=True)
        measure.arenas.add(arena)
        measure.partner_services.add(org.school_a)
        Evaluation.objects.create(
            measure=measure,
            evaluated_on=timezone.localdate(),
            evaluated_by=org.users["admin_a"],
            reach=3,
            what_worked="x",
            decision="continue",
        )


@pytest.mark.parametrize("page", ["measures:pyramid", "measures:measure-list", "measures:measure-export"])
def test_catalogue_pages_stay_flat(client, org, page, count_queries):
    client.force_login(org.users["staff_a"])
    _grow(org, 2)
    few = count_queries(client, reverse(page))
    _grow(org, 20)
    assert count_queries(client, reverse(page)) == few


def test_the_public_page_stays_flat(client, org, count_queries):
    url = reverse("measures:public-help", args=[org.a.number])
    _grow(org, 2)
    few = count_queries(client, url)
    _grow(org, 20)
    assert count_queries(client, url) == few


def test_the_detail_page_stays_flat_as_evaluations_and_changes_grow(client, org, count_queries):
    measure = MeasureFactory(municipality=org.a, responsible_service=org.health_a)
    client.force_login(org.users["staff_a"])

    def add(n):
        for index in range(n):
            Evaluation.objects.create(
                measure=measure,
                # One evaluation a measure and day: each goes one day further back.
                evaluated_on=timezone.localdate() - timedelta(days=measure.evaluations.count()),
                evaluated_by=org.users["admin_a"],
                reach=index,
                what_worked="x",
                decision="continue",
            )
            measure.description = f"Versjon {index}"
            measure.save()

    add(2)
    few = count_queries(client, measure.get_absolute_url())
    add(25)
    assert count_queries(client, measure.get_absolute_url()) == few
