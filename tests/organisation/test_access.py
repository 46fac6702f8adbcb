"""The municipality isolation rule, tested where it lives: organisation/access.py."""

import pytest
from django.http import Http404

from organisation.access import (
    access_municipality,
    access_person,
    access_position,
    access_service,
    scope_for,
    visible_municipalities,
    visible_people,
    visible_services,
)
from organisation.models import Position

pytestmark = pytest.mark.django_db


def test_staff_belong_to_the_municipalities_their_services_serve(org):
    assert scope_for(org.users["staff_a"]).municipality_ids == {org.a.pk}
    assert scope_for(org.users["staff_b"]).municipality_ids == {org.b.pk}
    assert scope_for(org.users["ppt_shared"]).municipality_ids == {org.a.pk, org.b.pk}


def test_a_person_without_positions_belongs_nowhere(org):
    user = org.users["no_position"]
    assert scope_for(user).municipality_ids == frozenset()
    assert not visible_services(user).exists()
    assert not visible_people(user).exists()


def test_inactive_people_see_nothing(org):
    user = org.users["staff_a"]
    user.is_active = False
    user.save()
    user.refresh_from_db()
    assert not visible_municipalities(user).exists()


def test_services_of_another_municipality_are_hidden(org):
    visible = set(visible_services(org.users["staff_a"]))
    assert visible == {org.health_a, org.school_a, org.shared_ppt}
    assert org.health_b not in visible
    assert set(visible_services(org.users["staff_b"])) == {org.health_b, org.shared_ppt}


def test_people_of_another_municipality_are_hidden_but_shared_colleagues_are_not(org):
    seen_from_b = set(visible_people(org.users["staff_b"]))
    assert org.users["ppt_shared"] in seen_from_b  # works for B through the shared PPT
    assert org.users["staff_a"] not in seen_from_b
    assert org.users["staff_b"] in set(visible_people(org.users["ppt_shared"]))


@pytest.mark.parametrize(
    ("who", "target", "expected"),
    [
        ("staff_a", "health_a", True),
        ("staff_a", "health_b", False),
        ("staff_b", "shared_ppt", True),
        ("no_position", "health_a", False),
    ],
)
def test_access_service_answers_404_outside_the_municipality(org, who, target, expected):
    service = getattr(org, target)
    if expected:
        assert access_service(org.users[who], service.pk) == service
    else:
        with pytest.raises(Http404):
            access_service(org.users[who], service.pk)


def test_only_the_host_municipalitys_administrator_administers_a_shared_service(org):
    assert access_service(org.users["admin_a"], org.shared_ppt.pk, administer=True) == org.shared_ppt
    with pytest.raises(Http404):
        access_service(org.users["admin_b"], org.shared_ppt.pk, administer=True)
    # …but B's administrator can see it, since it serves B.
    assert access_service(org.users["admin_b"], org.shared_ppt.pk) == org.shared_ppt


def test_administrators_administer_only_their_own_municipality(org):
    admin_a = org.users["admin_a"]
    assert access_municipality(admin_a, org.a.pk, administer=True) == org.a
    for municipality_id in (org.b.pk, 999_999):
        with pytest.raises(Http404):
            access_municipality(admin_a, municipality_id, administer=True)
    with pytest.raises(Http404):
        access_person(admin_a, org.users["staff_b"].pk, administer=True)
    with pytest.raises(Http404):
        access_position(admin_a, Position.objects.get(holder=org.users["staff_b"]).pk)
    # Staff are not administrators, even of their own municipality.
    with pytest.raises(Http404):
        access_municipality(org.users["staff_a"], org.a.pk, administer=True)


def test_a_changed_position_takes_effect_for_a_new_request(org):
    user = org.users["staff_a"]
    assert scope_for(user).municipality_ids == {org.a.pk}
    Position.objects.filter(holder=user).update(service=org.health_b)
    fresh = type(user).objects.get(pk=user.pk)  # each request loads its own user object
    assert scope_for(fresh).municipality_ids == {org.b.pk}
