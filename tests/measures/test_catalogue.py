"""Creating, changing, evaluating, ending, finding and exporting measures."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Evaluation, Measure

pytestmark = pytest.mark.django_db


def _form(org, **changes):
    data = {
        "municipality": org.a.pk,
        "name": "Barselgruppe",
        "description": "Et nettverksskapende tilbud til nybakte foreldre.",
        "target_group": "Nybakte foreldre",
        "level": "universell",
        "age_from": "0",
        "age_to": "1",
        "arenas": [],
        "responsible_service": org.health_a.pk,
        "partner_services": [],
        "status": "i_gang",
        "evaluation_cadence": "12",
        "next_evaluation_on": "2027-06-01",
        "is_public": "on",
    }
    data.update(changes)
    return data


def test_a_service_leader_creates_a_measure_for_their_service(client, org):
    client.force_login(org.users["leader_a"])
    response = client.post(reverse("measures:measure-create"), _form(org))
    measure = Measure.objects.get(name="Barselgruppe")
    assert response.url == measure.get_absolute_url()
    assert measure.history.count() == 1
    assert measure.history.first().history_user == org.users["leader_a"]


def test_a_service_leader_cannot_make_another_service_responsible(client, org):
    client.force_login(org.users["leader_a"])
    response = client.post(reverse("measures:measure-create"), _form(org, responsible_service=org.school_a.pk))
    assert response.status_code == 200
    assert not Measure.objects.filter(name="Barselgruppe").exists()


def test_the_responsible_service_must_serve_the_municipality(client, org):
    client.force_login(org.users["admin_a"])
    response = client.post(reverse("measures:measure-create"), _form(org, responsible_service=org.health_b.pk))
    assert response.status_code == 200
    assert not Measure.objects.filter(name="Barselgruppe").exists()


def test_an_age_range_that_ends_before_it_starts_is_refused_and_nothing_is_lost(client, org):
    client.force_login(org.users["admin_a"])
    response = client.post(reverse("measures:measure-create"), _form(org, age_from="10", age_to="6"))
    content = response.content.decode()
    assert "Alderen kan ikke slutte før den begynner (10 år)." in content
    assert "Et nettverksskapende tilbud til nybakte foreldre." in content
    assert 'value="Barselgruppe"' in content
    assert not Measure.objects.exists()


def test_two_measures_in_a_municipality_cannot_share_a_name(client, org, catalogue):
    client.force_login(org.users["admin_a"])
    response = client.post(reverse("measures:measure-create"), _form(org, name="Foreldreveiledning COS-P"))
    assert response.status_code == 200
    assert Measure.objects.filter(name="Foreldreveiledning COS-P").count() == 1


def test_an_evaluation_updates_the_measure(client, org, catalogue):
    measure = catalogue["a"]
    client.force_login(org.users["leader_a"])
    today = timezone.localdate()
    response = client.post(
        reverse("measures:evaluation-create", args=[measure.pk]),
        {
            "evaluated_on": today.isoformat(),
            "participants": "TOG",
            "reach": "14",
            "what_worked": "Godt oppmøte",
            "what_did_not": "Få fedre",
            "decision": "adjust",
            "decision_note": "Kveldsgruppe for fedre",
        },
    )
    assert response.url == measure.get_absolute_url()
    evaluation = Evaluation.objects.get(measure=measure)
    assert evaluation.evaluated_by == org.users["leader_a"]
    measure.refresh_from_db()
    assert measure.next_evaluation_on >= today.replace(year=today.year + 1) - timedelta(days=1)
    assert "Evaluert" in measure.history.first().history_change_reason


def test_an_evaluation_deciding_stop_ends_the_measure(client, org, catalogue):
    measure = catalogue["a"]
    client.force_login(org.users["admin_a"])
    day = timezone.localdate() - timedelta(days=3)
    client.post(
        reverse("measures:evaluation-create", args=[measure.pk]),
        {"evaluated_on": day.isoformat(), "reach": "2", "what_worked": "Lite", "decision": "stop"},
    )
    measure.refresh_from_db()
    assert measure.status == Measure.Status.ENDED
    assert measure.ended_on == day


def test_an_evaluation_dated_in_the_future_is_refused(client, org, catalogue):
    client.force_login(org.users["admin_a"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("measures:evaluation-create", args=[catalogue["a"].pk]),
        {"evaluated_on": tomorrow.isoformat(), "reach": "5", "what_worked": "Mye bra", "decision": "continue"},
    )
    content = response.content.decode()
    assert "En evaluering kan ikke dateres fram i tid." in content
    assert "Mye bra" in content
    assert not Evaluation.objects.exists()


def test_overdue_evaluations_are_shown_and_can_be_filtered(client, org, catalogue):
    overdue = catalogue["shared"]
    overdue.next_evaluation_on = timezone.localdate() - timedelta(days=1)
    overdue.save()
    client.force_login(org.users["staff_a"])
    pyramid = client.get(reverse("measures:pyramid")).content.decode()
    assert "evaluering forfalt" in pyramid
    listing = client.get(reverse("measures:measure-list"), {"overdue": "on"}).content.decode()
    assert "Spesialpedagogisk veiledning" in listing
    assert "Foreldreveiledning COS-P" not in listing
    detail = client.get(overdue.get_absolute_url()).content.decode()
    assert "Evalueringen skulle vært gjort" in detail


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"q": "cos-p"}, {"Foreldreveiledning COS-P"}),
        ({"level": "selektiv"}, {"Spesialpedagogisk veiledning"}),
        ({"status": "avsluttet"}, set()),
        ({"age": "40"}, {"Foreldreveiledning COS-P", "Spesialpedagogisk veiledning"}),  # no age range: all ages
    ],
)
def test_the_list_filters(client, org, catalogue, query, found):
    client.force_login(org.users["staff_a"])
    content = client.get(reverse("measures:measure-list"), query).content.decode()
    shown = {name for name in ("Foreldreveiledning COS-P", "Spesialpedagogisk veiledning") if name in content}
    assert shown == found


def test_the_list_filters_by_service_arena_and_age(client, org, catalogue):
    from measures.models import Arena

    measure = catalogue["a"]
    measure.age_from, measure.age_to = 0, 5
    measure.save()
    measure.arenas.set([Arena.objects.get(code="helsestasjon")])
    client.force_login(org.users["staff_a"])
    url = reverse("measures:measure-list")
    assert "COS-P" in client.get(url, {"service": org.health_a.pk}).content.decode()
    assert "COS-P" not in client.get(url, {"service": org.shared_ppt.pk}).content.decode()
    arena = Arena.objects.get(code="helsestasjon").pk
    assert "COS-P" in client.get(url, {"arena": arena}).content.decode()
    assert "COS-P" not in client.get(url, {"age": "9"}).content.decode()


def test_the_export_is_the_filtered_list_in_the_plans_columns(client, org, catalogue):
    catalogue["shared"].description = '=HYPERLINK("http://x")'
    catalogue["shared"].save()
    client.force_login(org.users["staff_a"])
    response = client.get(reverse("measures:measure-export"), {"level": "selektiv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Tiltak", "Beskrivelse/målgruppe", "Ansvarlig", "Status", "Nivå"]
    assert [row[0] for row in rows[1:]] == ["Spesialpedagogisk veiledning"]
    assert rows[1][1].startswith("'=")  # never a live formula in Excel


def test_the_detail_page_shows_evaluations_and_history(client, org, catalogue):
    measure = catalogue["a"]
    client.force_login(org.users["admin_a"])
    client.post(
        reverse("measures:measure-edit", args=[measure.pk]),
        _form(org, name=measure.name, description="Ny beskrivelse"),
    )
    content = client.get(measure.get_absolute_url()).content.decode()
    assert "Ny beskrivelse" in content
    assert "Endringslogg" in content
    assert "beskrivelse" in content  # the changed field is named in the log


def test_a_leader_sees_their_overdue_evaluations_on_the_start_page(client, org, catalogue):
    measure = catalogue["a"]
    measure.next_evaluation_on = timezone.localdate() - timedelta(days=2)
    measure.save()
    client.force_login(org.users["leader_a"])
    assert "Foreldreveiledning COS-P" in client.get(reverse("organisation:staff-home")).content.decode()
    client.force_login(org.users["staff_a"])  # not responsible: not told
    assert "Foreldreveiledning COS-P" not in client.get(reverse("organisation:staff-home")).content.decode()


def test_the_catalogue_speaks_english_when_chosen(client, org, catalogue):
    client.force_login(org.users["staff_a"])
    client.post(reverse("set_language"), {"language": "en", "next": "/tiltak/"})
    content = client.get(reverse("measures:pyramid")).content.decode()
    assert "Selective" in content
    assert "Tiltakspyramiden" not in content


def test_an_odd_municipality_parameter_falls_back_to_ones_own(client, org, catalogue):
    client.force_login(org.users["staff_a"])
    for value in ("²", "-1", "99999999999999999999", "abc"):
        response = client.get(reverse("measures:pyramid"), {"kommune": value})
        assert response.status_code == 200
        assert "Hemsedal" in response.content.decode()


def test_a_measure_cannot_be_moved_to_another_municipality(client, org, catalogue):
    measure = catalogue["shared"]
    client.force_login(org.users["admin_a"])
    client.post(
        reverse("measures:measure-edit", args=[measure.pk]),
        _form(org, municipality=org.b.pk, name=measure.name, responsible_service=org.shared_ppt.pk),
    )
    measure.refresh_from_db()
    assert measure.municipality == org.a


def test_partners_must_serve_the_municipality_and_hidden_ones_are_kept(client, org, catalogue):
    client.force_login(org.users["admin_a"])
    response = client.post(
        reverse("measures:measure-create"), _form(org, partner_services=[org.shared_ppt.pk, org.health_b.pk])
    )
    assert response.status_code == 200  # admin_a cannot even choose B's health station
    measure = catalogue["b"]
    measure.partner_services.add(org.shared_ppt, org.health_a)  # health_a is invisible to admin_b
    client.force_login(org.users["admin_b"])
    client.post(
        reverse("measures:measure-edit", args=[measure.pk]),
        _form(
            org,
            municipality=org.b.pk,
            name=measure.name,
            responsible_service=org.health_b.pk,
            partner_services=[org.shared_ppt.pk],
        ),
    )
    assert set(measure.partner_services.all()) == {org.shared_ppt, org.health_a}


def _evaluate(client, measure, **changes):
    data = {
        "evaluated_on": timezone.localdate().isoformat(),
        "participants": "TOG",
        "reach": "14",
        "what_worked": "Godt oppmøte",
        "decision": "continue",
    }
    data.update(changes)
    return client.post(reverse("measures:evaluation-create", args=[measure.pk]), data)


def test_a_double_submitted_evaluation_is_stored_once(client, org, catalogue):
    measure = catalogue["a"]
    client.force_login(org.users["leader_a"])
    first, second = _evaluate(client, measure), _evaluate(client, measure)
    assert first.url == second.url == measure.get_absolute_url()  # the second click also lands on the measure
    assert Evaluation.objects.filter(measure=measure).count() == 1
    assert measure.history.count() == 2  # created, evaluated once


def test_a_second_evaluation_for_the_same_day_is_refused_with_a_message(client, org, catalogue):
    measure = catalogue["a"]
    client.force_login(org.users["leader_a"])
    _evaluate(client, measure)
    client.force_login(org.users["admin_a"])
    response = _evaluate(client, measure, what_worked="Noe annet")
    assert response.status_code == 200
    assert "Tiltaket har allerede en evaluering datert" in response.content.decode()
    assert f"registrert av {org.users['leader_a']}." in response.content.decode()
    assert Evaluation.objects.filter(measure=measure).count() == 1
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert _evaluate(client, measure, what_worked="Noe annet", evaluated_on=yesterday).status_code == 302
    assert Evaluation.objects.filter(measure=measure).count() == 2


def test_a_double_submitted_new_measure_is_created_once_with_a_clear_message(client, org):
    client.force_login(org.users["leader_a"])
    first = client.post(reverse("measures:measure-create"), _form(org))
    second = client.post(reverse("measures:measure-create"), _form(org))
    assert first.status_code == 302
    assert second.status_code == 200
    assert (
        "Hemsedal har allerede et tiltak som heter «Barselgruppe». "
        "Trykket du «Lagre» to ganger, er tiltaket lagret én gang."
    ) in second.content.decode()
    assert Measure.objects.filter(name="Barselgruppe").count() == 1


def test_racing_submits_of_a_new_measure_give_the_message_not_an_error_page(client, org, monkeypatch):
    from measures.forms import MeasureForm

    client.force_login(org.users["leader_a"])
    assert client.post(reverse("measures:measure-create"), _form(org)).status_code == 302
    # The second request checked the name before the first one committed: only the database notices.
    monkeypatch.setattr(MeasureForm, "validate_unique", lambda form: None)
    monkeypatch.setattr(MeasureForm, "validate_constraints", lambda form: None)
    response = client.post(reverse("measures:measure-create"), _form(org))
    assert response.status_code == 200
    assert "Hemsedal har allerede et tiltak som heter «Barselgruppe»." in response.content.decode()
    assert Measure.objects.filter(name="Barselgruppe").count() == 1


def test_the_double_submit_message_speaks_english_when_chosen(client, org):
    client.force_login(org.users["leader_a"])
    client.post(reverse("set_language"), {"language": "en", "next": "/tiltak/"})
    client.post(reverse("measures:measure-create"), _form(org))
    response = client.post(reverse("measures:measure-create"), _form(org))
    assert "Hemsedal already has a measure called “Barselgruppe”." in response.content.decode()


@pytest.mark.parametrize(
    ("age", "message"),
    [("åtte", "Skriv alderen som et helt antall år, for eksempel 8."), ("99", "Skriv en alder fra 0 til 30 år.")],
)
def test_an_invalid_filter_says_so_in_norwegian_and_keeps_what_was_typed(client, org, catalogue, age, message):
    client.force_login(org.users["staff_a"])
    response = client.get(reverse("measures:measure-list"), {"age": age, "level": "selektiv"})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert f'value="{age}"' in content
    assert 'aria-invalid="true"' in content
    # While the filter has an error, the whole list is shown, as before.
    assert "Foreldreveiledning COS-P" in content and "Spesialpedagogisk veiledning" in content


def test_the_pyramid_shows_the_first_measures_of_each_level_and_counts_them_all(client, org, catalogue):
    from measures.views import PYRAMID_ITEMS_PER_LEVEL
    from tests.factories import MeasureFactory

    names = [f"Gruppe {n:02d}" for n in range(PYRAMID_ITEMS_PER_LEVEL + 2)]
    for name in names:
        MeasureFactory(name=name, municipality=org.a, responsible_service=org.health_a, level="indisert")
    client.force_login(org.users["staff_a"])
    content = client.get(reverse("measures:pyramid")).content.decode()
    assert all(name in content for name in names[:PYRAMID_ITEMS_PER_LEVEL])
    assert names[-1] not in content
    assert f"Se alle {len(names)} tiltak på nivået" in content
    assert "Foreldreveiledning COS-P" in content and "Spesialpedagogisk veiledning" in content  # other levels
    assert f"{len(names) + 2} tiltak i katalogen." in content
    shared = catalogue["shared"]
    assert f'<a class="ds-link" href="{shared.get_absolute_url()}">{shared.name}</a>' in content
    listing = client.get(reverse("measures:measure-list")).content.decode()
    assert f'<a class="ds-link" href="{shared.get_absolute_url()}">{shared.name}</a>' in listing
