"""Indicators (report section 3) and competence (section 9): entered by leadership and administrators of the
municipality, kept with history, read by the report; everyone else gets 404."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from organisation.models import Municipality, User
from reports.models import Competence, Indicator

pytestmark = pytest.mark.django_db

WHO = [
    ("leadership_a", True),
    ("admin_a", True),
    ("staff_a", False),
    ("leader_a", False),
    ("ppt_shared", False),
    ("admin_b", False),
    ("no_position", False),
]


def _indicator(org, **kwargs):
    values = {"name": "Barn i lavinntektsfamilier", "source": "oppvekstprofil", "year": 2024, "value": Decimal("9.2")}
    return Indicator.objects.create(municipality=org.a, **(values | kwargs))


def _competence(org):
    return Competence.objects.create(municipality=org.a, service=org.health_a, training="COS-P", people=4)


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_leadership_and_administrators_of_the_municipality_see_the_page(client, org, who, allowed):
    client.force_login(org.users[who])
    response = client.get(reverse("reports:report-data", args=[org.a.pk]))
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_they_may_add_an_indicator(client, org, who, allowed):
    client.force_login(org.users[who])
    data = {
        "skjema": "indikator",
        "indikator-name": "Skjermtid over 4 timer",
        "indikator-source": "ungdata",
        "indikator-year": "2024",
        "indikator-value": "39",
        "indikator-unit": "%",
        "indikator-national_value": "35,5",
    }
    response = client.post(reverse("reports:report-data", args=[org.a.pk]), data)
    assert response.status_code == (302 if allowed else 404)
    assert Indicator.objects.filter(municipality=org.a).exists() == allowed
    if allowed:
        indicator = Indicator.objects.get()
        assert indicator.national_value == Decimal("35.5")
        assert indicator.history.get().history_user == org.users[who]


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_they_may_add_competence(client, org, who, allowed):
    client.force_login(org.users[who])
    data = {
        "skjema": "kompetanse",
        "kompetanse-service": org.health_a.pk,
        "kompetanse-training": "COS-P",
        "kompetanse-people": "4",
        "kompetanse-positions": "Helsesykepleiere",
    }
    response = client.post(reverse("reports:report-data", args=[org.a.pk]), data)
    assert response.status_code == (302 if allowed else 404)
    assert Competence.objects.filter(municipality=org.a).exists() == allowed


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_they_may_delete(client, org, who, allowed):
    indicator, competence = _indicator(org), _competence(org)
    client.force_login(org.users[who])
    first = client.post(reverse("reports:indicator-delete", args=[org.a.pk, indicator.pk]))
    second = client.post(reverse("reports:competence-delete", args=[org.a.pk, competence.pk]))
    assert {first.status_code, second.status_code} == {302 if allowed else 404}
    assert Indicator.objects.exists() != allowed and Competence.objects.exists() != allowed


def test_another_municipalitys_rows_cannot_be_deleted_through_ones_own(client, org):
    indicator = _indicator(org)
    client.force_login(org.users["admin_b"])
    response = client.post(reverse("reports:indicator-delete", args=[org.b.pk, indicator.pk]), follow=True)
    assert Indicator.objects.exists()
    assert "Indikatoren finnes ikke lenger." in response.content.decode()


def test_deleting_twice_says_the_row_is_gone(client, org):
    indicator = _indicator(org)
    client.force_login(org.users["admin_a"])
    url = reverse("reports:indicator-delete", args=[org.a.pk, indicator.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "Indikatoren finnes ikke lenger." in response.content.decode()


def test_competence_only_for_a_service_serving_the_municipality(client, org):
    client.force_login(org.users["admin_a"])
    data = {"skjema": "kompetanse", "kompetanse-service": org.health_b.pk, "kompetanse-training": "PMTO"}
    data["kompetanse-people"] = "2"
    response = client.post(reverse("reports:report-data", args=[org.a.pk]), data)
    assert response.status_code == 200 and not Competence.objects.exists()
    assert "Velg et gyldig valg" in response.content.decode()


def test_the_same_indicator_twice_for_a_year_is_refused_in_norwegian(client, org):
    _indicator(org)
    client.force_login(org.users["admin_a"])
    data = {"skjema": "indikator", "indikator-name": "Barn i lavinntektsfamilier", "indikator-source": "oppvekstprofil"}
    data |= {"indikator-year": "2024", "indikator-value": "9,0", "indikator-unit": "%"}
    response = client.post(reverse("reports:report-data", args=[org.a.pk]), data)
    assert "allerede registrert for dette året" in response.content.decode()
    assert Indicator.objects.count() == 1


def test_a_year_in_the_future_is_refused(client, org):
    client.force_login(org.users["admin_a"])
    data = {"skjema": "indikator", "indikator-name": "X", "indikator-source": "ungdata", "indikator-unit": "%"}
    data |= {"indikator-year": str(timezone.localdate().year + 1), "indikator-value": "1"}
    response = client.post(reverse("reports:report-data", args=[org.a.pk]), data)
    assert response.status_code == 200 and not Indicator.objects.exists()


def test_the_report_says_not_recorded_until_there_are_rows_then_shows_them(client, org):
    client.force_login(org.users["leadership_a"])
    year = timezone.localdate().year
    url = reverse("reports:report-preview", args=[org.a.pk, "calendar", year])
    html = client.get(url).content.decode()
    assert "Ikke registrert ennå: ingen indikatorer er lagt inn." in html
    assert "Ikke registrert ennå: ingen kompetanse er lagt inn." in html
    _indicator(org, year=year - 2, national_value=Decimal("8.1"))
    _competence(org)
    html = client.get(url).content.decode()
    assert "Barn i lavinntektsfamilier" in html and "9.2 %" in html.replace("9,2", "9.2")
    assert "2 år" in html  # the age of the data at the end of the period
    assert "COS-P" in html and "Helsestasjon A" in html
    assert "ingen indikatorer er lagt inn" not in html


def test_the_demo_marks_which_values_are_the_plans_and_which_are_invented(demo, client):
    hemsedal = Municipality.objects.get(name="Hemsedal")
    client.force_login(User.objects.get(email="ledelse@hemsedal.demo"))
    html = client.get(reverse("reports:report-preview", args=[hemsedal.pk, "calendar", 2025])).content.decode()
    section = html[html.index("3. Utfordringsbildet") : html.index("4. Observasjoner")]
    assert "Barn i husholdninger med vedvarende lavinntekt (Fra planen §5.2)" in section
    assert "Oppdiktet for demoen" in section
    assert "Oppdiktet for demoen" in html[html.index("9. Kompetanse") : html.index("10. Sakene")]


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_they_may_correct_an_indicator(client, org, who, allowed):
    indicator = _indicator(org)
    client.force_login(org.users[who])
    url = reverse("reports:indicator-edit", args=[org.a.pk, indicator.pk])
    assert client.get(url).status_code == (200 if allowed else 404)
    data = {
        "indikator-name": "Barn i lavinntektsfamilier",
        "indikator-source": "oppvekstprofil",
        "indikator-year": "2024",
        "indikator-value": "8,7",
        "indikator-unit": "%",
    }
    response = client.post(url, data)
    assert response.status_code == (302 if allowed else 404)
    indicator.refresh_from_db()
    assert indicator.value == (Decimal("8.7") if allowed else Decimal("9.2"))
    if allowed:
        assert indicator.history.first().history_user == org.users[who]


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_only_they_may_correct_competence(client, org, who, allowed):
    competence = _competence(org)
    client.force_login(org.users[who])
    url = reverse("reports:competence-edit", args=[org.a.pk, competence.pk])
    data = {"kompetanse-service": org.health_a.pk, "kompetanse-training": "COS-P", "kompetanse-people": "6"}
    response = client.post(url, data)
    assert response.status_code == (302 if allowed else 404)
    competence.refresh_from_db()
    assert competence.people == (6 if allowed else 4)


def test_a_correction_that_would_repeat_another_row_says_so_and_keeps_what_was_typed(client, org):
    _indicator(org)
    other = _indicator(org, year=2023)
    client.force_login(org.users["admin_a"])
    data = {
        "indikator-name": "Barn i lavinntektsfamilier",
        "indikator-source": "oppvekstprofil",
        "indikator-year": "2024",
        "indikator-value": "7,1",
        "indikator-unit": "%",
    }
    response = client.post(reverse("reports:indicator-edit", args=[org.a.pk, other.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Denne indikatoren er allerede registrert for dette året." in page
    assert 'value="7,1"' in page and "Endre «Barn i lavinntektsfamilier 2023»" in page
    other.refresh_from_db()
    assert other.year == 2023


def test_another_municipalitys_row_cannot_be_corrected_through_ones_own(client, org):
    indicator = _indicator(org)
    client.force_login(org.users["admin_b"])
    response = client.get(reverse("reports:indicator-edit", args=[org.b.pk, indicator.pk]))
    assert response.status_code == 404
