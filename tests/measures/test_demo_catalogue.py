import pytest
from django.db.models import Count
from django.urls import reverse

from measures.demo_data import HEMSEDAL_MEASURES, HEMSEDAL_OUR_READING, HEMSEDAL_PARTNERS, TYNSET_MEASURES
from measures.models import CataloguePartner, Evaluation, Measure
from organisation.demo import LARGE_NUMBER
from organisation.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_holds_hemsedals_whole_catalogue_and_tynsets(demo):
    hemsedal = Measure.objects.filter(municipality__name="Hemsedal")
    assert hemsedal.count() == len(HEMSEDAL_MEASURES)
    assert Measure.objects.filter(municipality__name="Tynset").count() == len(TYNSET_MEASURES)
    cos = hemsedal.get(name="Foreldreveiledning")
    assert cos.programme == "COS-P"
    assert cos.responsible_service.name == "Helse og forebygging – Familiens hus"
    assert hemsedal.evaluation_overdue().exists()
    assert Evaluation.objects.filter(measure__municipality__name="Hemsedal").exists()


def test_hemsedals_levels_are_the_plans_own(demo):
    """§11.1 has 26 universal measures, §11.3 6 selective, §11.4 4 indicated; §11.5 is no level."""
    hemsedal = Measure.objects.filter(municipality__name="Hemsedal")
    counts = dict(hemsedal.order_by().values_list("level").annotate(n=Count("pk")))
    assert counts == {"universell": 26, "selektiv": 6, "indisert": 4}
    assert not hemsedal.filter(name__in=["PPT og OT", "BUP", "Barnevern", "NAV", "Politi"]).exists()


def test_the_plans_partners_are_listed_apart_from_the_pyramid(demo):
    partners = CataloguePartner.objects.filter(municipality__name="Hemsedal")
    assert list(partners.values_list("name", flat=True)) == [partner.name for partner in HEMSEDAL_PARTNERS]
    assert partners.count() == 14
    assert partners.get(name="BUP").service.name == "BUP Hallingdal"
    assert partners.get(name="Politi").description == ""  # the plan says nothing more
    assert CataloguePartner.history.filter(name="PPT og OT").exists()


@pytest.mark.parametrize(
    ("measure", "services"),
    [
        ("Foreldreforberedende kurs", {"Jordmortjenesten", "Helse og forebygging – Familiens hus"}),
        (
            "Helsestasjonsprogrammet",
            {"Helse og forebygging – Familiens hus", "Fysio- og ergoterapitjenesten", "Legetjenesten"},
        ),
        ("Psykoedukasjon", {"Psykisk helse", "Helse og forebygging – Familiens hus"}),
        ("Trygg start", {"Jordmortjenesten", "Helse og forebygging – Familiens hus"}),
    ],
)
def test_joint_responsibility_in_the_plan_stays_joint(demo, measure, services):
    row = Measure.objects.get(municipality__name="Hemsedal", name=measure)
    assert {row.responsible_service.name, *row.partner_services.values_list("name", flat=True)} == services


def test_the_demo_data_says_what_is_the_plans_and_what_is_ours():
    assert all(row.level != "helsefremmende" for row in HEMSEDAL_MEASURES)
    assert "target_group" in HEMSEDAL_OUR_READING
    # Every row records the plan's own "Ansvarlig" column, or says it is ours where the plan left it blank.
    for row in HEMSEDAL_MEASURES:
        assert row.plan_responsible or "responsible" in row.ours, row.name
    assert {row.name for row in HEMSEDAL_MEASURES if row.ours} >= {"Skole", "Temaforeldremøte"}


def test_the_pyramid_page_shows_the_partners_in_their_own_section(demo, client):
    client.force_login(User.objects.get(email="helsesykepleier@hemsedal.demo"))
    page = client.get(reverse("measures:pyramid")).content.decode()
    assert "Interkommunale tiltak og samarbeidspartnere" in page
    assert "Familievernkontoret" in page and "Konfliktrådet i Hallingdal" in page
    assert "Universell (26)" in page and "Selektiv (6)" in page and "Indisert (4)" in page


def test_another_municipalitys_pyramid_lists_its_own_partners_only(demo, client):
    client.force_login(User.objects.get(email="helsesykepleier@tynset.demo"))
    page = client.get(reverse("measures:pyramid")).content.decode()
    assert "Tiltakspyramiden for Tynset" in page
    assert "Ingen samarbeidspartnere er registrert." in page and "Familievernkontoret" not in page


def test_the_large_catalogue_is_built_in_bulk(large_demo):
    large = Measure.objects.filter(municipality__number=LARGE_NUMBER)
    assert large.count() == 40
    assert Evaluation.objects.filter(measure__municipality__number=LARGE_NUMBER).count() == 80
    assert Measure.history.filter(municipality__number=LARGE_NUMBER).count() == 40
