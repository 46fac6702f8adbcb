"""Who may open and change what in the measure catalogue: every view, every role, in and outside the
municipality."""

import pytest
from django.urls import resolve, reverse

pytestmark = pytest.mark.django_db

ROLES = ["staff_a", "leader_a", "leadership_a", "admin_a", "ppt_shared", "staff_b", "admin_b", "no_position"]
OK, NO = 200, 404


def _url(org, catalogue, page):
    a = catalogue["a"].pk
    return {
        "pyramid": reverse("measures:pyramid"),
        "list": reverse("measures:measure-list"),
        "export": reverse("measures:measure-export"),
        "create": reverse("measures:measure-create"),
        "import": reverse("measures:catalogue-import"),
        "detail-a": reverse("measures:measure-detail", args=[a]),
        "detail-b": reverse("measures:measure-detail", args=[catalogue["b"].pk]),
        "edit-a": reverse("measures:measure-edit", args=[a]),
        "edit-shared": reverse("measures:measure-edit", args=[catalogue["shared"].pk]),
        "evaluate-a": reverse("measures:evaluation-create", args=[a]),
    }[page]


def _only(*allowed):
    return {role: (OK if role in allowed else NO) for role in ROLES}


IN_A = ("staff_a", "leader_a", "leadership_a", "admin_a", "ppt_shared")
EXPECTED = {
    "pyramid": _only(*IN_A, "staff_b", "admin_b"),
    "list": _only(*IN_A, "staff_b", "admin_b"),
    "export": _only(*IN_A, "staff_b", "admin_b"),
    "create": _only("leader_a", "admin_a", "admin_b"),
    "import": _only("admin_a", "admin_b"),
    "detail-a": _only(*IN_A),
    "detail-b": _only("ppt_shared", "staff_b", "admin_b"),
    "edit-a": _only("leader_a", "admin_a"),
    "edit-shared": _only("admin_a"),
    "evaluate-a": _only("leader_a", "admin_a"),
}
MATRIX = [(page, role, status) for page, by_role in EXPECTED.items() for role, status in by_role.items()]


@pytest.mark.parametrize(("page", "role", "status"), MATRIX)
def test_measure_page_access(client, org, catalogue, page, role, status):
    client.force_login(org.users[role])
    assert client.get(_url(org, catalogue, page)).status_code == status


@pytest.mark.parametrize("page", list(EXPECTED))
def test_anonymous_visitors_are_sent_to_login(client, org, catalogue, page):
    response = client.get(_url(org, catalogue, page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "status"), [("leader_a", 302), ("admin_a", 302), ("staff_a", 404), ("leadership_a", 404), ("admin_b", 404)]
)
def test_who_may_end_a_measure(client, org, catalogue, role, status):
    client.force_login(org.users[role])
    response = client.post(reverse("measures:measure-end", args=[catalogue["a"].pk]))
    assert response.status_code == status
    catalogue["a"].refresh_from_db()
    assert (catalogue["a"].status == "avsluttet") == (status == 302)


def test_ending_is_a_post(client, org, catalogue):
    client.force_login(org.users["admin_a"])
    assert client.get(reverse("measures:measure-end", args=[catalogue["a"].pk])).status_code == 405


def test_the_public_pages_need_no_login(client, org, catalogue):
    assert client.get(reverse("measures:public-index")).status_code == 200
    assert client.get(reverse("measures:public-help", args=[org.a.number])).status_code == 200
    assert client.get(reverse("measures:public-help", args=["0000"])).status_code == 404


def test_the_other_municipalitys_catalogue_cannot_be_chosen(client, org, catalogue):
    client.force_login(org.users["staff_a"])
    response = client.get(reverse("measures:measure-list"), {"kommune": org.b.pk})
    assert "Tynset-tiltak" not in response.content.decode()
    assert "Foreldreveiledning COS-P" in response.content.decode()


def test_every_measures_url_is_covered(org, catalogue):
    from measures.urls import urlpatterns

    covered = {resolve(_url(org, catalogue, page)).url_name for page in EXPECTED}
    # measure-end (POST) and the public pages are tested above; the partners in test_catalogue_partners.py.
    partners = {"partner-create", "partner-edit", "partner-delete"}
    assert {p.name for p in urlpatterns} - {"measure-end", "public-index", "public-help", *partners} == covered
