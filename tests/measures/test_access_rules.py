"""Every rule of the measures app is a named function in measures/access.py; forms and views decide nothing."""

import inspect

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from measures import access, forms, views

pytestmark = pytest.mark.django_db


def test_forms_and_views_ask_measures_access_instead_of_reading_the_scope():
    for module in (forms, views):
        assert "scope_for" not in inspect.getsource(module), module.__name__


def test_a_leader_may_only_make_their_own_service_responsible(org):
    leader, admin = org.users["leader_a"], org.users["admin_a"]
    access.access_responsible_service(leader, municipality=org.a, service=org.health_a)
    with pytest.raises(PermissionDenied, match="tjenester du leder"):
        access.access_responsible_service(leader, municipality=org.a, service=org.school_a)
    access.access_responsible_service(admin, municipality=org.a, service=org.school_a)


def test_who_adds_to_and_imports_into_which_catalogue(org):
    assert set(access.manageable_municipalities(org.users["leader_a"])) == {org.a}
    assert set(access.manageable_municipalities(org.users["staff_a"])) == set()
    assert set(access.access_catalogue_import(org.users["admin_a"])) == {org.a}
    with pytest.raises(Http404):
        access.access_catalogue_import(org.users["leader_a"])
    with pytest.raises(Http404):
        access.access_measure_create(org.users["staff_a"])
    assert set(access.catalogue_municipalities(org.users["ppt_shared"])) == {org.a, org.b}
