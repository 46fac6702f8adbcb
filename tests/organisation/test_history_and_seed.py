import pytest
from django.core.management import call_command

from organisation.demo import LARGE_NUMBER
from organisation.models import Municipality, Position, Service, User
from tests.conftest import LARGE_DEMO

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


def test_the_demo_follows_vedlegg_1_and_shares_ppt_between_hemsedal_and_tynset(demo):
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


def test_the_large_municipality_is_built_in_bulk(large_demo):
    large = Municipality.objects.get(number=LARGE_NUMBER)
    assert User.objects.filter(municipality=large).count() == 300
    assert Service.objects.filter(host_municipality=large).count() == 6
    assert Position.objects.filter(service__host_municipality=large, holder__isnull=True).exists()
    assert User.history.filter(municipality=large).count() == 300  # history rows come with bulk inserts


def _everything():
    """How many rows each app's demo holds, the large municipality's people by id."""
    from collaboration.models import Meeting, MeetingStructure
    from measures.models import Evaluation, Measure

    counts = {model.__name__: model.objects.count() for model in (User, Position, Service, Municipality)}
    counts |= {model.__name__: model.objects.count() for model in (Measure, Evaluation, MeetingStructure, Meeting)}
    counts["large people"] = set(User.objects.filter(municipality__number=LARGE_NUMBER).values_list("pk", flat=True))
    return counts


def test_the_demo_and_the_large_municipality_can_be_seeded_again_without_duplicates(large_demo):
    """The run's shared seed was the first run; this is the second, with the same options."""
    before = _everything()
    call_command("seed_demo", "--quiet-logins", "--force-demo-people", "--large", *LARGE_DEMO)
    assert _everything() == before


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
