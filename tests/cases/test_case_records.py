"""The record around a case: every read logged (and nothing shown if the log cannot be written), the records the
database refuses to change, history with who and why, and Norwegian answers to bad input and to two people
changing the same case at once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AccessLog, Case, LogEntry
from tests.cases.conftest import CANARY_ID, CANARY_NAME, move, register

pytestmark = pytest.mark.django_db


def test_the_case_page_writes_one_access_log_row_with_its_basis(client, world):
    case = register(world)
    client.force_login(world.principal)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert CANARY_NAME in response.content.decode()
    row = AccessLog.objects.get(user=world.principal)
    assert (row.child_id, row.case_id, row.action, row.view_name) == (case.child_id, case.pk, "view", "cases:detail")
    assert row.basis == "leder for ansvarlig tjeneste"
    client.force_login(world.teacher)
    client.get(reverse("cases:detail", args=[case.pk]))
    assert AccessLog.objects.get(user=world.teacher).basis == "stafettholder"


def test_lists_and_searches_log_each_child_shown_and_keep_names_out_of_the_url(client, world):
    first = register(world)
    register(world, name="Annen Testbarnsen", national_id="")
    client.force_login(world.teacher)
    assert client.get(reverse("cases:list")).status_code == 200
    assert AccessLog.objects.filter(user=world.teacher, action="list").count() == 2
    response = client.post(reverse("cases:list"), {"q": "Kanari", "status": "open"})
    assert response.content.decode().count(CANARY_NAME) == 1
    searched = AccessLog.objects.filter(user=world.teacher, action="search")
    assert list(searched.values_list("child_id", flat=True)) == [first.child_id]
    # A name in the query string is ignored: a search is a POST, so names stay out of logs and history.
    response = client.get(reverse("cases:list") + "?q=Annen")
    assert "Annen Testbarnsen" in response.content.decode() and CANARY_NAME in response.content.decode()


def test_the_start_page_logs_the_children_it_names(client, world):
    case = register(world)
    client.force_login(world.teacher)
    content = client.get(reverse("organisation:staff-home")).content.decode()
    assert CANARY_NAME in content
    assert AccessLog.objects.filter(user=world.teacher, child=case.child_id, view_name="organisation:staff-home")


def test_nothing_is_shown_when_the_access_log_cannot_be_written(world, monkeypatch):
    case = register(world)
    client = Client(raise_request_exception=False)
    client.force_login(world.teacher)

    def refuse(*args, **kwargs):
        raise DatabaseError("the log is down")

    monkeypatch.setattr(AccessLog.objects, "bulk_create", refuse)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 500
    assert CANARY_NAME.encode() not in response.content and CANARY_ID.encode() not in response.content


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE cases_accesslog SET basis = 'endret'",
        "DELETE FROM cases_accesslog",
        "UPDATE cases_logentry SET text = 'endret'",
        "DELETE FROM cases_historicalcase",
        "UPDATE cases_historicalchild SET full_name = 'endret'",
        "DELETE FROM organisation_historicalposition",
    ],
)
def test_the_database_refuses_to_change_the_records(client, world, statement):
    case = register(world)
    client.force_login(world.teacher)
    client.get(reverse("cases:detail", args=[case.pk]))
    with pytest.raises(DatabaseError, match="refused"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)


def test_a_log_entry_is_never_changed_in_place_but_corrected(client, world):
    case = register(world)
    entry = case.log_entries.get()
    entry.text = "Noe annet"
    with pytest.raises(ValidationError):
        entry.save()
    client.force_login(world.teacher)
    response = client.post(
        reverse("cases:log-correct", args=[case.pk, entry.pk]),
        {"occurred_on": timezone.localdate().isoformat(), "text": "Det var i gymsalen, ikke i skolegården."},
    )
    assert response.status_code == 302
    correction = LogEntry.objects.get(corrects=entry)
    assert correction.kind == "correction"
    assert LogEntry.objects.get(pk=entry.pk).text == "Barnet sa: «Jeg vil ikke hjem i dag.»"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Det var i gymsalen" in page and "Jeg vil ikke hjem i dag" in page


def test_every_change_keeps_history_with_who_and_why(world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    latest = Case.history.filter(id=case.pk).first()
    assert latest.history_user == world.principal
    assert latest.history_change_reason == "nivå endret"
    assert latest.level == 1
    assert case.child.history.first().history_user == world.teacher


def test_two_people_changing_the_level_at_once_is_said_and_nothing_typed_is_lost(client, world):
    case = register(world)
    url = reverse("cases:level", args=[case.pk])
    client.force_login(world.teacher)
    form_version = case.version
    move(case, world.principal, Case.Level.LEVEL_1)  # the leader decides while the teacher's form is open
    response = client.post(
        url, {"level": 2, "reason": "Min begrunnelse som ikke må forsvinne", "version": form_version}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre endret saken mens du hadde skjemaet åpent" in content
    assert "Min begrunnelse som ikke må forsvinne" in content
    case.refresh_from_db()
    assert case.level == 1


def test_a_level_change_needs_a_reason_and_level_2_needs_consent(client, world):
    case = register(world)
    client.force_login(world.teacher)
    url = reverse("cases:level", args=[case.pk])
    content = client.post(url, {"level": 1, "reason": "", "version": case.version}).content.decode()
    assert "Feltet er påkrevet" in content
    content = client.post(
        url, {"level": 2, "reason": "Trenger helsesykepleier", "version": case.version}
    ).content.decode()
    assert "Registrer samtykket fra de foresatte først" in content
    case.refresh_from_db()
    assert case.level == 0


def _registration(world, **changes):
    data = {
        "barn-full_name": "Ny Testbarnsen",
        "barn-birth_date": "2015-02-01",
        "barn-national_id": "",
        "barn-municipality": world.municipality.pk,
        "barn-school_or_kindergarten": world.school.pk,
        "barn-grade": "4. trinn",
        "barn-address": "",
        "barn-address_protection": "",
        "foresatt1-full_name": "Far Testbarnsen",
        "foresatt1-relation": "far",
        "foresatt1-parental_responsibility": "on",
        "foresatt2-full_name": "",
        "bekymring-service": world.school.pk,
        "bekymring-observed_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "bekymring-place": "Klasserommet",
        "bekymring-noticed_by": "Kontaktlærer",
        "bekymring-event": "Barnet gråt og sa at hun var sulten.",
        "bekymring-guardians_contacted": "not_yet",
        "bekymring-submission_key": "8f0c7c4e-6d1d-4a8e-9a53-4b1f6f9d2a11",
    }
    return data | changes


def test_registering_a_concern_opens_a_level_0_case_with_deadlines(client, world, settings):
    client.force_login(world.teacher)
    response = client.post(reverse("cases:register"), _registration(world))
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.level, case.holder, case.owning_service) == (0, world.teacher, world.school)
    today = timezone.localdate()
    assert case.guardians_contact_due == today + timedelta(days=settings.CASE_GUARDIANS_CONTACT_DAYS)
    assert case.decision_due == today + timedelta(days=settings.CASE_DECISION_DAYS)
    assert case.child.guardians.get().full_name == "Far Testbarnsen"
    # The same form sent twice (a double click) stores one case.
    client.post(reverse("cases:register"), _registration(world))
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("national_id", "message"),
    [
        ("01021550067", "Fødselsnummeret eller D-nummeret er ikke gyldig"),
        ("26078704828", "Fødselsnummeret passer ikke med fødselsdatoen"),
    ],
)
def test_an_invalid_identity_number_is_said_in_norwegian_and_the_form_kept(client, world, national_id, message):
    client.force_login(world.teacher)
    response = client.post(reverse("cases:register"), _registration(world, **{"barn-national_id": national_id}))
    content = response.content.decode()
    assert response.status_code == 200 and message in content
    assert "Barnet gråt og sa at hun var sulten." in content and "Far Testbarnsen" in content
    assert not Case.objects.exists()


def test_not_contacting_the_guardians_needs_a_reason(client, world):
    client.force_login(world.teacher)
    response = client.post(reverse("cases:register"), _registration(world, **{"bekymring-guardians_contacted": "no"}))
    assert "Skriv hvorfor foresatte ikke skal kontaktes" in response.content.decode()


def test_a_protected_address_is_never_shown_and_only_the_leader_lowers_the_protection(client, world):
    case = register(world)
    child = case.child
    child.address = "Hemmeligveien 7"
    child.address_protection = "strengt_fortrolig"
    child.save()
    client.force_login(world.teacher)
    content = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Hemmeligveien" not in content and "Strengt fortrolig adresse" in content
    edit = reverse("cases:child-edit", args=[case.pk])
    content = client.get(edit).content.decode()
    assert "Hemmeligveien" not in content
    assert 'value=""' not in content.split('name="address_protection"')[1].split("</select>")[0]
    case.refresh_from_db()
    data = {
        "full_name": CANARY_NAME,
        "birth_date": "2015-02-01",
        "national_id": CANARY_ID,
        "municipality": world.municipality.pk,
        "school_or_kindergarten": world.school.pk,
        "grade": "5. trinn",
        "address_protection": "",
        "version": case.version,
    }
    assert client.post(edit, data).status_code == 200
    child.refresh_from_db()
    assert child.address_protection == "strengt_fortrolig" and child.address == "Hemmeligveien 7"
    client.force_login(world.principal)
    assert client.post(edit, data).status_code == 302
    child.refresh_from_db()
    assert child.address_protection == "" and child.address == "Hemmeligveien 7"


def test_only_what_someone_wrote_can_be_corrected_and_a_correction_not_again(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    client.force_login(world.teacher)
    level_line = case.log_entries.get(kind="level")
    assert client.get(reverse("cases:log-correct", args=[case.pk, level_line.pk])).status_code == 404
    concern_line = case.log_entries.get(kind="concern")
    correction = services.log_entry_add(
        case=case,
        by=world.teacher,
        kind="correction",
        occurred_on=timezone.localdate(),
        text="Rettet",
        corrects=concern_line,
    )
    assert client.get(reverse("cases:log-correct", args=[case.pk, correction.pk])).status_code == 404


def test_a_bekymringsmelding_is_recorded_at_level_0_without_consent(client, world):
    case = register(world)
    client.force_login(world.teacher)
    response = client.post(
        reverse("cases:report", args=[case.pk]),
        {"sent_on": timezone.localdate().isoformat(), "note": "Sendt på telefon"},
    )
    assert response.status_code == 302
    report = case.child_welfare_reports.get()
    assert (report.sent_by, report.service) == (world.teacher, world.school)
    assert case.log_entries.filter(kind="child_welfare_report").exists()


def test_a_referral_declined_and_one_accepted_and_discharged_keeps_the_case_open(world):
    from organisation.models import Service
    from tests.factories import ServiceFactory

    bup = ServiceFactory(name="BUP Dalen", kind=Service.Kind.BUP, host_municipality=world.other_municipality)
    bup.is_municipal = False
    bup.save()
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_1)
    today = timezone.localdate()
    from cases.models import Referral

    referral = services.referral_add(
        case=case,
        by=world.teacher,
        referral=Referral(
            to_service=bup,
            reason="Utredning av angst",
            sent_on=today - timedelta(days=30),
            follow_up_while_waiting=world.teacher,
        ),
    )
    with pytest.raises(ValidationError, match="begrunnelsen"):
        services.referral_answer(referral=referral, by=world.teacher, answer="declined", answered_on=today)
    services.referral_answer(
        referral=referral,
        by=world.teacher,
        answer="declined",
        answered_on=today - timedelta(days=2),
        decline_reason="Ikke alvorlig nok",
    )
    again = services.referral_add(
        case=case,
        by=world.teacher,
        referral=Referral(
            to_service=bup,
            reason="Ny henvisning",
            sent_on=today - timedelta(days=1),
            follow_up_while_waiting=world.teacher,
        ),
    )
    services.referral_answer(
        referral=again,
        by=world.teacher,
        answer="accepted",
        answered_on=today,
        discharged_on=today,
        discharge_note="Videre oppfølging i skolehelsetjenesten.",
    )
    case.refresh_from_db()
    assert not case.is_closed
    assert case.log_entries.filter(kind="referral", text__contains="Videre oppfølging").exists()


def test_closing_needs_a_reason_and_a_closed_case_can_be_reopened(client, world):
    case = register(world)
    client.force_login(world.teacher)
    url = reverse("cases:close", args=[case.pk])
    content = client.post(url, {"reason": "moved", "moved_to": "", "version": case.version}).content.decode()
    assert "Skriv hvilken kommune barnet har flyttet til" in content
    client.post(url, {"reason": "moved", "moved_to": "Fjellvik", "version": case.version})
    case.refresh_from_db()
    assert case.is_closed and case.moved_to == "Fjellvik"
    response = client.post(
        reverse("cases:log-add", args=[case.pk]),
        {"kind": "observation", "occurred_on": timezone.localdate().isoformat(), "text": "x"},
    )
    assert "Saken er avsluttet" in response.content.decode()
    client.post(reverse("cases:reopen", args=[case.pk]), {"reason": "Ny bekymring fra skolen", "version": case.version})
    case.refresh_from_db()
    assert not case.is_closed
    assert list(case.log_entries.values_list("kind", flat=True)) == ["concern", "closed", "reopened"]


def test_level_3_names_a_child_coordinator_an_individual_plan_and_a_responsibility_group(client, world):
    case = register(world)
    move(case, world.principal, Case.Level.LEVEL_3, services=[world.health, world.ppt])
    case.refresh_from_db()
    client.force_login(world.principal)
    url = reverse("cases:plan", args=[case.pk])
    data = {
        "child_goals": "Jeg vil ha det bra på skolen og sove om natta.",
        "has_right_to_child_coordinator": "on",
        "child_coordinator": world.other_teacher.pk,  # works in another municipality: not offered
        "individual_plan_started_on": timezone.localdate().isoformat(),
        "responsibility_group": "Mor, Anna, kontaktlærer, helsesykepleier, PPT. Møtes hver sjette uke.",
        "version": case.version,
    }
    assert "Velg et gyldig valg" in client.post(url, data).content.decode()
    response = client.post(url, data | {"child_coordinator": world.nurse.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.child_coordinator, case.has_right_to_child_coordinator) == (world.nurse, True)
    assert case.log_entries.filter(kind="plan").exists()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "sove om natta" in page and world.nurse.full_name in page


def test_no_case_code_changes_historical_rows_in_bulk():
    """Every change to a case goes through a save that django-simple-history sees (with who and why): no
    QuerySet.update() or bulk_update() on case models, and bulk_create only where history is written with it."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "cases"
    offenders = []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\)\.update\(|objects\.update\(|bulk_update\(", line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
            if "bulk_create(" in line and not re.search(
                r"AccessLog|ObjectPermission|bulk_create_with_history|through", line
            ):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_childs_details_and_guardians_can_be_changed_with_history(client, world):
    case = register(world)
    client.force_login(world.teacher)
    url = reverse("cases:child-edit", args=[case.pk])
    data = {
        "full_name": CANARY_NAME,
        "birth_date": "2015-02-01",
        "national_id": CANARY_ID,
        "municipality": world.municipality.pk,
        "school_or_kindergarten": world.school.pk,
        "grade": "6. trinn",
        "address": "",
        "address_protection": "",
        "version": case.version,
    }
    assert client.post(url, data).status_code == 302
    case.child.refresh_from_db()
    assert case.child.grade == "6. trinn"
    assert case.child.history.first().history_user == world.teacher
    assert case.log_entries.filter(text__contains="trinn eller avdeling").exists()
    case.refresh_from_db()
    response = client.post(
        reverse("cases:guardian-add", args=[case.pk]),
        {
            "full_name": "Far Testbarnsen",
            "relation": "far",
            "phone": "99 88 77 66",
            "parental_responsibility": "on",
            "version": case.version,
        },
    )
    assert response.status_code == 302
    assert case.child.guardians.count() == 2
    other = register(world, name="Annet Barn", national_id="")
    foreign_guardian = other.child.guardians.get()
    assert client.get(reverse("cases:guardian-edit", args=[case.pk, foreign_guardian.pk])).status_code == 404


def test_the_runtime_database_role_can_add_records_but_never_change_or_remove_them(client, world, settings):
    """As the production shape's `laget_app` (neither owner nor superuser): the app works, the records hold."""
    from cases.protection import install_protection

    case = register(world)
    settings.DATABASE_RUNTIME_ROLE = "laget_app_test"
    with connection.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS laget_app_test")
        cursor.execute("CREATE ROLE laget_app_test NOSUPERUSER NOCREATEDB NOCREATEROLE")
    install_protection("default")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL ROLE laget_app_test")
    # The app as that role: a read writes its access-log row, a change writes history.
    client.force_login(world.teacher)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    move(case, world.principal, Case.Level.LEVEL_1)
    refused = [
        "UPDATE cases_accesslog SET basis = 'endret'",
        "DELETE FROM cases_logentry",
        "TRUNCATE cases_accesslog",
        "TRUNCATE cases_historicalcase",
        "ALTER TABLE cases_logentry DISABLE TRIGGER laget_protect_record",
        "SET session_replication_role = replica",
    ]
    for statement in refused:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AccessLog.objects.filter(user=world.teacher).exists()
