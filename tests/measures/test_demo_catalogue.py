import pytest

from measures.demo_data import HEMSEDAL_MEASURES, TYNSET_MEASURES
from measures.models import Evaluation, Measure
from organisation.demo import LARGE_NUMBER

pytestmark = pytest.mark.django_db


def test_the_demo_holds_hemsedals_whole_catalogue_and_tynsets(demo):
    hemsedal = Measure.objects.filter(municipality__name="Hemsedal")
    assert hemsedal.count() == len(HEMSEDAL_MEASURES)
    assert Measure.objects.filter(municipality__name="Tynset").count() == len(TYNSET_MEASURES)
    levels = set(hemsedal.values_list("level", flat=True))
    assert levels == {"helsefremmende", "universell", "selektiv", "indisert"}
    cos = hemsedal.get(name="Foreldreveiledning")
    assert cos.programme == "COS-P"
    assert cos.responsible_service.name == "Helse og forebygging – Familiens hus"
    assert hemsedal.evaluation_overdue().exists()
    assert Evaluation.objects.filter(measure__municipality__name="Hemsedal").exists()


def test_the_large_catalogue_is_built_in_bulk(large_demo):
    large = Measure.objects.filter(municipality__number=LARGE_NUMBER)
    assert large.count() == 40
    assert Evaluation.objects.filter(measure__municipality__number=LARGE_NUMBER).count() == 80
    assert Measure.history.filter(municipality__number=LARGE_NUMBER).count() == 40
