"""The number of queries a page makes does not grow with the rows it shows."""

import pytest
from django.urls import reverse

from tests.factories import PositionFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _grow(org, n):
    for _ in range(n):
        service = ServiceFactory(host_municipality=org.a)
        PositionFactory(service=service, holder=UserFactory(municipality=org.a))
        PositionFactory(service=org.health_a, holder=UserFactory(municipality=org.a))


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("staff_a", "organisation:staff-home"),
        ("staff_a", "organisation:municipality-list"),
        ("leadership_a", "organisation:leadership-home"),
        ("admin_a", "organisation:admin-home"),
        ("admin_a", "organisation:service-list"),
        ("admin_a", "organisation:person-list"),
        ("admin_a", "organisation:position-list"),
    ],
)
def test_list_pages_make_the_same_number_of_queries_as_rows_grow(client, org, who, page, count_queries):
    client.force_login(org.users[who])
    url = reverse(page)
    _grow(org, 2)
    few = count_queries(client, url)
    _grow(org, 20)
    many = count_queries(client, url)
    assert many == few


def test_the_service_page_makes_the_same_number_of_queries_as_staff_grow(client, org, count_queries):
    client.force_login(org.users["staff_a"])
    url = reverse("organisation:service-detail", args=[org.health_a.pk])
    _grow(org, 2)
    few = count_queries(client, url)
    _grow(org, 20)
    assert count_queries(client, url) == few
