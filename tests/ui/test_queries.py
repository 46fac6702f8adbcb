import pytest
from django.core.paginator import Paginator

from organisation.models import User
from tests.factories import UserFactory
from ui.queries import page_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", [None, "1", "2", "3", "abc", "2.0", "0", "-1", "999"])
def test_page_of_answers_as_get_page_does_in_one_query(number, django_assert_max_num_queries):
    for _ in range(5):
        UserFactory()
    people = User.objects.order_by("full_name", "pk")
    expected = Paginator(people, 2).get_page(number)
    with django_assert_max_num_queries(1 if number in (None, "1", "2", "3", "abc", "2.0") else 3):
        page = page_of(people, 2, number)
        shown = [person.pk for person in page]
        numbers = (page.number, page.paginator.count, page.paginator.num_pages, page.has_next())
    assert shown == [person.pk for person in expected]
    assert numbers == (expected.number, expected.paginator.count, expected.paginator.num_pages, expected.has_next())


def test_page_of_an_empty_list_is_its_first_page(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_of(User.objects.filter(pk=-1).order_by("pk"), 2, None)
    assert (page.number, page.paginator.count, list(page)) == (1, 0, [])


def test_a_page_number_past_any_list_gives_the_last_page_not_a_database_error():
    for _ in range(3):
        UserFactory()
    page = page_of(User.objects.order_by("pk"), 2, "99999999999999999999999")
    assert page.number == page.paginator.num_pages and len(page.object_list) >= 1
