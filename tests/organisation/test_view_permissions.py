"""Who may open which page: every organisation view, for every role, in and outside the municipality."""

import pytest
from django.urls import reverse

from organisation.models import Position

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "staff_a",
    "leader_a",
    "leadership_a",
    "admin_a",
    "ppt_shared",
    "staff_b",
    "admin_b",
    "no_position",
]


def _url(org, name):
    position_a = Position.objects.get(holder=org.users["staff_a"])
    urls = {
        "staff-home": reverse("organisation:staff-home"),
        "municipality-list": reverse("organisation:municipality-list"),
        "leadership-home": reverse("organisation:leadership-home"),
        "admin-home": reverse("organisation:admin-home"),
        "service-detail-a": reverse("organisation:service-detail", args=[org.health_a.pk]),
        "service-detail-shared": reverse("organisation:service-detail", args=[org.shared_ppt.pk]),
        "municipality-edit-a": reverse("organisation:municipality-edit", args=[org.a.pk]),
        "service-list": reverse("organisation:service-list"),
        "service-create": reverse("organisation:service-create"),
        "service-edit-a": reverse("organisation:service-edit", args=[org.health_a.pk]),
        "service-edit-shared": reverse("organisation:service-edit", args=[org.shared_ppt.pk]),
        "person-list": reverse("organisation:person-list"),
        "person-create": reverse("organisation:person-create"),
        "person-edit-a": reverse("organisation:person-edit", args=[org.users["staff_a"].pk]),
        "position-list": reverse("organisation:position-list"),
        "position-create": reverse("organisation:position-create"),
        "position-edit-a": reverse("organisation:position-edit", args=[position_a.pk]),
    }
    return urls[name]


OK, NO = 200, 404
EVERYONE = {role: OK for role in ROLES if role != "anonymous"}
ADMIN_A_ONLY = {role: (OK if role == "admin_a" else NO) for role in ROLES if role != "anonymous"}
ADMINS = {role: (OK if role in ("admin_a", "admin_b") else NO) for role in ROLES if role != "anonymous"}

EXPECTED = {
    "staff-home": EVERYONE,
    "municipality-list": EVERYONE,
    "leadership-home": {role: (OK if role == "leadership_a" else NO) for role in EVERYONE},
    "admin-home": ADMINS,
    "service-detail-a": {
        role: (OK if role in ("staff_a", "leader_a", "leadership_a", "admin_a", "ppt_shared") else NO)
        for role in EVERYONE
    },
    "service-detail-shared": {role: (NO if role == "no_position" else OK) for role in EVERYONE},
    "municipality-edit-a": ADMIN_A_ONLY,
    "service-list": ADMINS,
    "service-create": ADMINS,
    "service-edit-a": ADMIN_A_ONLY,
    "service-edit-shared": ADMIN_A_ONLY,
    "person-list": ADMINS,
    "person-create": ADMINS,
    "person-edit-a": ADMIN_A_ONLY,
    "position-list": ADMINS,
    "position-create": ADMINS,
    "position-edit-a": ADMIN_A_ONLY,
}

MATRIX = [(page, role, status) for page, by_role in EXPECTED.items() for role, status in by_role.items()]


@pytest.mark.parametrize(("page", "role", "status"), MATRIX)
def test_page_access(client, org, page, role, status):
    client.force_login(org.users[role])
    assert client.get(_url(org, page)).status_code == status


@pytest.mark.parametrize("page", list(EXPECTED))
def test_anonymous_visitors_are_sent_to_login(client, org, page):
    response = client.get(_url(org, page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_every_organisation_url_is_in_the_matrix(org):
    from django.urls import resolve

    from organisation.urls import urlpatterns

    covered = {resolve(_url(org, page)).url_name for page in EXPECTED}
    # person-invite is POST only; tests/organisation/test_admin_pages.py covers who may use it.
    assert {pattern.name for pattern in urlpatterns} - {"person-invite"} == covered


def test_a_stranger_and_a_missing_object_get_the_same_answer(client, org):
    client.force_login(org.users["admin_b"])
    existing = client.get(reverse("organisation:service-edit", args=[org.health_a.pk]))
    missing = client.get(reverse("organisation:service-edit", args=[999_999]))
    assert existing.status_code == missing.status_code == 404
