"""The platform operator's Django admin cannot hand case access out by hand: no groups or permissions on a
person, and positions change through the same service as in the app (self-placement refused, groups moved)."""

import pytest
from django.urls import reverse

from cases.models import Case
from organisation.groups import service_group_name
from tests.cases.conftest import CANARY_NAME, move, register

pytestmark = pytest.mark.django_db


def test_the_person_form_in_django_admin_has_no_groups_or_permissions(client, world):
    client.force_login(world.superuser)
    page = client.get(reverse("admin:organisation_user_change", args=[world.teacher.pk])).content.decode()
    assert 'name="groups"' not in page and 'name="user_permissions"' not in page


def test_a_superuser_cannot_place_themselves_in_a_position_in_django_admin(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    position = world.teacher2.positions.get()
    client.force_login(world.superuser)
    url = reverse("admin:organisation_position_change", args=[position.pk])
    data = {"title": position.title, "role": position.role, "service": world.school.pk, "holder": world.superuser.pk}
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the refusal
    position.refresh_from_db()
    assert position.holder == world.teacher2
    assert CANARY_NAME not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_a_holder_change_in_django_admin_moves_the_service_groups(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    position = world.teacher2.positions.get()
    client.force_login(world.superuser)
    url = reverse("admin:organisation_position_change", args=[position.pk])
    data = {"title": position.title, "role": position.role, "service": world.school.pk, "holder": ""}
    assert client.post(url, data).status_code == 302
    assert not world.teacher2.groups.filter(name=service_group_name(world.school.pk)).exists()
    client.force_login(world.teacher2)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_an_administrator_cannot_move_a_working_persons_address_and_send_them_a_password_link(
    client, world, mailoutbox
):
    from django.utils import timezone

    teacher = world.teacher2
    teacher.last_login = timezone.now()
    teacher.municipality = world.municipality
    teacher.save()
    client.force_login(world.administrator)
    edit = reverse("organisation:person-edit", args=[teacher.pk])
    client.post(
        edit,
        {
            "full_name": teacher.full_name,
            "email": "admin-controlled@evil.test",
            "municipality": world.municipality.pk,
            "is_active": "on",
        },
    )
    teacher.refresh_from_db()
    assert teacher.email != "admin-controlled@evil.test"
    response = client.post(reverse("organisation:person-invite", args=[teacher.pk]), follow=True)
    assert "har allerede logget inn" in response.content.decode()
    assert not mailoutbox
