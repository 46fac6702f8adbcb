import pytest
from django.core.management import call_command

from organisation.demo import LARGE_NUMBER
from organisation.models import Municipality, Position, Service, User

pytestmark = pytest.mark.django_db


def test_every_organisation_model_keeps_its_history(org):
    for model in (Municipality, Service, Position, User):
        assert hasattr(model, "history"), model
    service = org.shared_ppt
    service.name = "PPT for fjellregionen"
    service.save()
    assert [record.name for record in service.history.all()[:2]] == ["PPT for fjellregionen", "Interkommunal PPT"]


def test_a_persons_history_never_holds_the_password_hash(org):
    historical = User.history.model
    assert "password" not in {field.name for field in historical._meta.get_fields()}


def test_the_demo_follows_vedlegg_1_and_shares_ppt_between_hemsedal_and_tynset():
    call_command("seed_demo", "--quiet-logins", "--force-demo-people")
    hemsedal = Municipality.objects.get(name="Hemsedal")
    tynset = Municipality.objects.get(name="Tynset")
    ppt = Service.objects.get(kind=Service.Kind.PPT)
    assert ppt.host_municipality == hemsedal
    assert set(ppt.municipalities.all()) == {hemsedal, tynset}
    titles = set(Position.objects.filter(service__host_municipality=hemsedal).values_list("title", flat=True))
    titles |= set(Position.objects.filter(municipality=hemsedal).values_list("title", flat=True))
    # The seats that convene and write minutes in Hemsedal's five meeting structures.
    for seat in [
        "Kommunalsjef oppvekst og kultur",
        "Styrer barnehage",
        "Teamleder Familiens hus",
        "Helsesykepleier skolehelsetjenesten",
        "Helsesykepleier småbarn (0–5 år)",
        "Avdelingsleder helse og forebygging – helsestasjon",
        "Folkehelsekoordinator",
        "Kommunepsykolog",
        "Rektor Hemsedal skole",
        "SLT-koordinator",
        "Politikontakt",
        "Sosialrådgiver",
    ]:
        assert seat in titles
    assert all(user.email.endswith(".demo") for user in User.objects.all())


def test_the_demo_can_run_again_without_duplicates():
    call_command("seed_demo", "--quiet-logins", "--force-demo-people")
    counts = (User.objects.count(), Position.objects.count(), Service.objects.count())
    call_command("seed_demo", "--quiet-logins", "--force-demo-people")
    assert (User.objects.count(), Position.objects.count(), Service.objects.count()) == counts


def test_the_large_municipality_is_built_in_bulk_and_reused():
    call_command("seed_demo", "--quiet-logins", "--force-demo-people", "--large", "--staff", "300", "--services", "15")
    large = Municipality.objects.get(number=LARGE_NUMBER)
    assert User.objects.filter(municipality=large).count() == 300
    assert Service.objects.filter(host_municipality=large).count() == 15
    assert Position.objects.filter(service__host_municipality=large, holder__isnull=True).exists()
    assert User.history.filter(municipality=large).count() == 300  # history rows come with bulk inserts
    first_ids = set(User.objects.filter(municipality=large).values_list("pk", flat=True))
    call_command("seed_demo", "--quiet-logins", "--force-demo-people", "--large", "--staff", "300", "--services", "15")
    assert set(User.objects.filter(municipality=large).values_list("pk", flat=True)) == first_ids


def test_the_demo_refuses_to_seed_people_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force-demo-people"):
        call_command("seed_demo", "--quiet-logins")
    assert not User.objects.exists()
    assert not Municipality.objects.filter(number="3324").exists()


def test_the_demo_seeds_under_debug_without_the_flag(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    assert Position.objects.filter(role=Position.Role.ADMINISTRATOR, municipality__number="3324").exists()
