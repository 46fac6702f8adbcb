"""Every write goes through measures.services and the history names the acting person, also when a service is
called outside a request (a Celery task, the shell), where simple-history's middleware knows nobody."""

from datetime import timedelta

import pytest
from django.utils import timezone

from measures import services
from measures.catalogue_csv import parse_catalogue
from measures.models import Arena, Evaluation, Measure

pytestmark = pytest.mark.django_db


def _new_measure(org, name="Barselgruppe"):
    return Measure(
        municipality=org.a,
        name=name,
        description="For nybakte foreldre.",
        level=Measure.Level.UNIVERSAL,
        responsible_service=org.health_a,
        next_evaluation_on=timezone.localdate() + timedelta(days=365),
    )


def test_create_edit_evaluate_and_end_record_the_acting_person_outside_a_request(org):
    leader, admin = org.users["leader_a"], org.users["admin_a"]
    measure = services.measure_create(
        measure=_new_measure(org), by=leader, arenas=[Arena.objects.first()], partner_services=[org.school_a]
    )
    assert {record.history_user for record in measure.history.all()} == {leader}

    measure.description = "Endret"
    services.measure_update(measure=measure, by=admin, arenas=[], partner_services=[org.school_a])
    assert measure.history.first().history_user == admin

    evaluation = Evaluation(evaluated_on=timezone.localdate(), reach=4, what_worked="Mye", decision="adjust")
    services.evaluation_record(evaluation=evaluation, measure=measure, by=leader)
    assert evaluation.evaluated_by == leader
    assert evaluation.history.get().history_user == leader
    assert measure.history.first().history_user == leader

    services.measure_end(measure=measure, by=admin)
    latest = measure.history.first()
    assert (latest.status, latest.history_user) == (Measure.Status.ENDED, admin)


def test_an_evaluation_that_stops_the_measure_records_the_acting_person(org):
    measure = services.measure_create(measure=_new_measure(org), by=org.users["admin_a"])
    evaluation = Evaluation(evaluated_on=timezone.localdate(), reach=1, what_worked="Lite", decision="stop")
    services.evaluation_record(evaluation=evaluation, measure=measure, by=org.users["leader_a"])
    latest = measure.history.first()
    assert (latest.status, latest.history_user) == (Measure.Status.ENDED, org.users["leader_a"])


def test_an_import_records_the_acting_person_outside_a_request(org):
    text = (
        "Tiltak;Beskrivelse/målgruppe;Ansvarlig;Status;Nivå\n"
        "Barselgruppe;Tekst;Helsestasjon A/Skole A;I gang;Universell\n"
    )
    parsed = parse_catalogue(text.encode(), municipality=org.a)
    [measure] = services.catalogue_import(municipality=org.a, parsed=parsed, by=org.users["admin_a"])
    assert {record.history_user for record in measure.history.all()} == {org.users["admin_a"]}
    assert list(measure.partner_services.all()) == [org.school_a]
