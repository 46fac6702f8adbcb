"""CSV import: every row is checked first; one bad row imports nothing and is reported by line."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import Measure

pytestmark = pytest.mark.django_db

HEADER = "Tiltak;Beskrivelse/målgruppe;Ansvarlig;Status;Nivå\n"


def _upload(client, org, text, encoding="utf-8"):
    upload = SimpleUploadedFile("katalog.csv", text.encode(encoding), content_type="text/csv")
    return client.post(reverse("measures:catalogue-import"), {"municipality": org.a.pk, "file": upload})


@pytest.fixture
def admin(client, org):
    client.force_login(org.users["admin_a"])
    return client


def test_a_good_catalogue_is_imported_whole(admin, org):
    text = HEADER + (
        "Svangerskapsomsorg;Oppfølging i svangerskapet.;Helsestasjon A;I gang;Universell\n"
        "Foreldregruppe;Nettverksbygging;Skole A/Helsestasjon A;Under utvikling;Universell\n"
        "\n"
        "PPT-veiledning;Veiledning av ansatte;Interkommunal PPT;Planlagt;selektiv\n"
    )
    response = _upload(admin, org, text)
    assert response.status_code == 302
    measures = {m.name: m for m in Measure.objects.filter(municipality=org.a)}
    assert set(measures) == {"Svangerskapsomsorg", "Foreldregruppe", "PPT-veiledning"}
    assert measures["Foreldregruppe"].responsible_service == org.school_a
    assert list(measures["Foreldregruppe"].partner_services.all()) == [org.health_a]
    assert measures["Foreldregruppe"].status == "under_utvikling"
    assert measures["PPT-veiledning"].level == "selektiv"
    assert measures["Svangerskapsomsorg"].history.first().history_change_reason == "Importert fra CSV"


def test_a_comma_separated_file_with_a_byte_order_mark_is_read_too(admin, org):
    text = (
        "\ufeffTiltak,Beskrivelse/målgruppe,Ansvarlig,Status,Nivå\n"
        "Barselgruppe,For nybakte,Helsestasjon A,I gang,Universell\n"
    )
    assert _upload(admin, org, text).status_code == 302
    assert Measure.objects.filter(name="Barselgruppe").exists()


def test_a_file_in_the_wrong_encoding_is_refused(admin, org):
    text = HEADER + "Småbarnstreff;Foreldre med småbarn;Helsestasjon A;I gang;Universell\n"
    response = _upload(admin, org, text, encoding="cp1252")
    assert "Filen er ikke lagret som UTF-8" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_missing_column_is_named(admin, org):
    response = _upload(admin, org, "Tiltak;Ansvarlig;Status\nX;Helsestasjon A;I gang\n")
    assert "Mangler kolonne: Beskrivelse/målgruppe, Nivå." in response.content.decode()
    assert not Measure.objects.exists()


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(admin, org):
    text = HEADER + (
        "Godt tiltak;Fint;Helsestasjon A;I gang;Universell\n"
        "Ukjent;Tekst;Helsestasjon B;I gang;Universell\n"
        "Rar status;Tekst;Helsestasjon A;Kanskje;Universell\n"
        "Rart nivå;Tekst;Helsestasjon A;I gang;Toppen\n"
        "Godt tiltak;Dobbelt;Helsestasjon A;I gang;Universell\n"
    )
    content = _upload(admin, org, text).content.decode()
    assert "Linje 3:" in content and "Ukjent tjeneste «Helsestasjon B» i kommunen." in content
    assert "Linje 4:" in content and "Ukjent status «Kanskje»" in content
    assert "Linje 5:" in content and "Ukjent nivå «Toppen»" in content
    assert "Linje 6:" in content and "«Godt tiltak» står også på linje 2." in content
    assert "Ingenting er importert" in content
    assert not Measure.objects.exists()


def test_a_measure_that_already_exists_is_reported(admin, org, catalogue):
    text = HEADER + "Foreldreveiledning COS-P;Tekst;Helsestasjon A;I gang;Universell\n"
    content = _upload(admin, org, text).content.decode()
    assert "«Foreldreveiledning COS-P» finnes allerede i katalogen." in content


def test_only_an_administrator_of_the_municipality_imports_into_it(client, org):
    client.force_login(org.users["admin_b"])
    response = _upload(client, org, HEADER + "X;Y;Helsestasjon A;I gang;Universell\n")
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "Nul\x00;d;Helsestasjon A;I gang;Universell\n", "tegn som ikke hører hjemme"),
        (HEADER + ("L" * 151) + ";d;Helsestasjon A;I gang;Universell\n", "Navnet er lengre enn 150 tegn."),
        (HEADER + "Stor;" + ("x" * 140_000) + ";Helsestasjon A;I gang;Universell\n", "kan ikke leses som CSV"),
        (HEADER, "Filen har ingen tiltak under overskriftene."),
    ],
)
def test_odd_files_get_a_message_not_an_error_page(admin, org, text, message):
    response = _upload(admin, org, text)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Tiltak;" + "x" * 140_000 + ";Ansvarlig;Status;Nivå\n", 1),
        (HEADER + "Godt tiltak;Fint;Helsestasjon A;I gang;Universell\nStor;" + "x" * 140_000 + ";A;I gang;U\n", 3),
    ],
)
def test_a_cell_over_the_csv_limit_is_named_by_line_not_an_error_page(admin, org, text, line):
    response = _upload(admin, org, text)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Linje {line}: En celle er lengre enn 131\xa0072 tegn, så linjen kan ikke leses som CSV." in content
    assert not Measure.objects.exists()


def _rows(count):
    # About 70 bytes a row: 10,000 rows fit the 1 MB limit.
    return "".join(
        f"Tiltak nummer {n};Beskrivelse {n};Helsestasjon A{'/Skole A' if n % 2 else ''};I gang;Universell\n"
        for n in range(count)
    )


def test_ten_thousand_rows_are_imported_in_batches(admin, org, django_assert_max_num_queries):
    text = HEADER + _rows(10_000)
    assert len(text.encode()) < 1_000_000
    started = time.perf_counter()
    # Two queries to check the file, a few a batch of 1,000 to write it, and the request's own; one save a row
    # made over 50,000.
    with django_assert_max_num_queries(60):
        response = _upload(admin, org, text)
    elapsed = time.perf_counter() - started
    print(f"10,000-row import: {elapsed:.1f} s")
    assert response.status_code == 302
    assert Measure.objects.filter(municipality=org.a).count() == 10_000
    last = Measure.objects.get(name="Tiltak nummer 9999")
    assert list(last.partner_services.all()) == [org.school_a]
    created = last.history.get()
    assert (created.history_user, created.history_change_reason) == (org.users["admin_a"], "Importert fra CSV")
    assert [partner.service for partner in created.partner_services.all()] == [org.school_a]
    assert elapsed < 20  # the request that was killed at 30 s


def test_a_file_with_more_measures_than_the_limit_is_refused(admin, org):
    response = _upload(admin, org, HEADER + _rows(10_001))
    assert response.status_code == 200
    assert "Filen har mer enn 10\xa0000 tiltak. Del den i flere filer" in response.content.decode()
    assert not Measure.objects.exists()


def test_the_import_page_states_the_limits(admin):
    content = admin.get(reverse("measures:catalogue-import")).content.decode()
    assert "Én fil kan ha opptil 10\xa0000 tiltak og være på høyst 1 MB." in content


def test_a_name_taken_after_the_check_imports_nothing_and_says_so(org):
    from django.core.exceptions import ValidationError

    from measures import services
    from measures.catalogue_csv import parse_catalogue
    from tests.factories import MeasureFactory

    parsed = parse_catalogue((HEADER + _rows(3)).encode(), municipality=org.a)
    MeasureFactory(name="Tiltak nummer 2", municipality=org.a, responsible_service=org.health_a)
    with pytest.raises(ValidationError, match="Ingenting er importert"):
        services.catalogue_import(municipality=org.a, parsed=parsed, by=org.users["admin_a"])
    assert Measure.objects.count() == 1
