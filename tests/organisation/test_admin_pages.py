"""Administrators manage services, people and positions of their own municipality, and nothing else."""

import pytest
from django.core import mail
from django.urls import reverse

from organisation.models import Position, Service, User
from tests.conftest import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, org):
    client.force_login(org.users["admin_a"])
    return client


def test_an_administrator_creates_a_person_who_gets_an_invitation(
    admin_client, org, django_capture_on_commit_callbacks, queued_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("organisation:person-create"),
            {
                "full_name": "Testa Testesen",
                "email": "Testa@Hemsedal.Demo",
                "phone": "",
                "municipality": org.a.pk,
                "is_active": "on",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(email="testa@hemsedal.demo")
    assert not person.has_usable_password()
    # Queued after commit, by id; nothing is sent inside the request.
    assert not mail.outbox
    [(task, args, kwargs)] = queued_tasks
    assert task.name == "organisation.tasks.send_invitation"
    assert "testa" not in repr((args, kwargs))
    run_queued(queued_tasks)
    assert mail.outbox[0].to == ["testa@hemsedal.demo"]
    assert "/passord/nytt/" in mail.outbox[0].body
    assert person.history.count() == 1


def test_a_person_cannot_be_placed_in_another_municipality(admin_client, org):
    response = admin_client.post(
        reverse("organisation:person-create"),
        {"full_name": "Snik Snikesen", "email": "snik@test.demo", "municipality": org.b.pk, "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert 'value="Snik Snikesen"' in response.content.decode()  # nothing the user typed is lost
    assert not User.objects.filter(email="snik@test.demo").exists()


def test_a_duplicate_email_is_refused_in_norwegian(admin_client, org):
    response = admin_client.post(
        reverse("organisation:person-create"),
        {"full_name": "Dobbel", "email": "STAFF_A@test.demo", "municipality": org.a.pk, "is_active": "on"},
    )
    assert "Det finnes allerede en person med denne e-postadressen." in response.content.decode()


def test_changing_a_positions_holder_is_one_edit(admin_client, org):
    position = Position.objects.get(holder=org.users["staff_a"])
    newcomer = User.objects.create_user("ny@test.demo", "x" * 12, full_name="Ny Nyesen", municipality=org.a)
    response = admin_client.post(
        reverse("organisation:position-edit", args=[position.pk]),
        {"title": position.title, "role": "staff", "service": org.health_a.pk, "holder": newcomer.pk},
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.holder == newcomer
    assert position.history.first().holder_id == newcomer.pk
    assert position.history.last().holder_id == org.users["staff_a"].pk


def test_a_position_cannot_be_put_in_another_municipalitys_service(admin_client, org):
    response = admin_client.post(
        reverse("organisation:position-create"),
        {"title": "Inntrenger", "role": "staff", "service": org.health_b.pk},
    )
    assert response.status_code == 200
    assert not Position.objects.filter(title="Inntrenger").exists()


def test_a_service_position_needs_a_service(admin_client, org):
    response = admin_client.post(reverse("organisation:position-create"), {"title": "Uten tjeneste", "role": "staff"})
    assert "Velg tjenesten stillingen hører til." in response.content.decode()
    assert 'value="Uten tjeneste"' in response.content.decode()


def test_a_municipal_role_is_placed_in_the_municipality(admin_client, org):
    admin_client.post(
        reverse("organisation:position-create"),
        {"title": "Personvernombud", "role": "privacy_officer", "municipality": org.a.pk, "service": org.health_a.pk},
    )
    position = Position.objects.get(title="Personvernombud")
    assert position.municipality == org.a
    assert position.service is None


def test_an_administrator_cannot_add_another_municipality_to_a_service(admin_client, org):
    for url in (reverse("organisation:service-create"), reverse("organisation:service-edit", args=[org.health_a.pk])):
        response = admin_client.post(
            url,
            {
                "name": "Helsestasjon A",
                "kind": "helsestasjon",
                "host_municipality": org.a.pk,
                "municipalities": [org.a.pk, org.b.pk],
                "is_municipal": "on",
            },
        )
        assert response.status_code == 200
        assert "Velg et gyldig valg" in response.content.decode()
    assert set(org.health_a.municipalities.all()) == {org.a}


def test_the_host_keeps_a_shared_service_shared_when_editing_it(admin_client, org):
    response = admin_client.post(
        reverse("organisation:service-edit", args=[org.shared_ppt.pk]),
        {
            "name": "PPT for fjellregionen",
            "kind": "ppt",
            "host_municipality": org.a.pk,
            "municipalities": [org.a.pk, org.b.pk],
            "is_municipal": "on",
        },
    )
    assert response.status_code == 302
    org.shared_ppt.refresh_from_db()
    assert org.shared_ppt.name == "PPT for fjellregionen"
    assert set(org.shared_ppt.municipalities.all()) == {org.a, org.b}


def test_a_neighbours_staff_cannot_be_placed_in_a_position(admin_client, org):
    response = admin_client.post(
        reverse("organisation:position-create"),
        {"title": "Lånt", "role": "administrator", "municipality": org.a.pk, "holder": org.users["ppt_shared"].pk},
    )
    assert response.status_code == 302  # A's own employee in the shared PPT: allowed
    response = admin_client.post(
        reverse("organisation:position-create"),
        {"title": "Kapret", "role": "staff", "service": org.school_a.pk, "holder": org.users["staff_b"].pk},
    )
    assert response.status_code == 200
    assert not Position.objects.filter(title="Kapret").exists()


@pytest.mark.parametrize("powers", ["administrator_elsewhere", "superuser"])
def test_an_administrator_cannot_take_over_someone_with_powers_elsewhere(admin_client, org, powers):
    target = User.objects.create_user("mektig@test.demo", "x" * 12, full_name="Mektig", municipality=org.a)
    if powers == "superuser":
        target.is_superuser = target.is_staff = True
        target.save()
    else:
        Position.objects.create(title="Administrator", role="administrator", municipality=org.b, holder=target)
    edit = admin_client.post(
        reverse("organisation:person-edit", args=[target.pk]),
        {"full_name": "Mektig", "email": "angriper@test.demo", "municipality": org.a.pk, "is_active": "on"},
    )
    invite = admin_client.post(reverse("organisation:person-invite", args=[target.pk]))
    assert edit.status_code == invite.status_code == 404
    target.refresh_from_db()
    assert target.email == "mektig@test.demo"
    assert not mail.outbox


def test_the_host_must_be_among_the_served_municipalities(admin_client, org):
    from tests.factories import MunicipalityFactory

    other = MunicipalityFactory(name="Nabokommune")  # administered by admin_a too
    Position.objects.create(
        title="Administrator", role="administrator", municipality=other, holder=org.users["admin_a"]
    )
    response = admin_client.post(
        reverse("organisation:service-create"),
        {"name": "Rar tjeneste", "kind": "nav", "host_municipality": org.a.pk, "municipalities": [other.pk]},
    )
    assert "Vertskommunen må være blant kommunene tjenesten betjener." in response.content.decode()
    assert not Service.objects.filter(name="Rar tjeneste").exists()


def test_a_municipality_number_must_have_four_digits(admin_client, org):
    response = admin_client.post(
        reverse("organisation:municipality-edit", args=[org.a.pk]), {"name": "Hemsedal", "number": "33x"}
    )
    assert "Kommunenummeret må være fire sifre." in response.content.decode()
    org.a.refresh_from_db()
    assert org.a.number == "3324"


@pytest.mark.parametrize(("who", "status"), [("admin_a", 302), ("admin_b", 404), ("staff_a", 404)])
def test_who_may_resend_an_invitation(client, org, who, status):
    client.force_login(org.users[who])
    response = client.post(reverse("organisation:person-invite", args=[org.users["staff_a"].pk]))
    assert response.status_code == status


def test_resending_an_invitation_is_a_post(admin_client, org):
    url = reverse("organisation:person-invite", args=[org.users["staff_a"].pk])
    assert admin_client.get(url).status_code == 405


def test_another_municipalitys_administrator_cannot_edit_by_posting(client, org):
    client.force_login(org.users["admin_b"])
    staff = org.users["staff_a"]
    response = client.post(
        reverse("organisation:person-edit", args=[staff.pk]),
        {"full_name": "Overtatt", "email": staff.email, "municipality": org.b.pk, "is_active": "on"},
    )
    assert response.status_code == 404
    staff.refresh_from_db()
    assert staff.full_name != "Overtatt"
