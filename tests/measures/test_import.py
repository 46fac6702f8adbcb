"""CSV import: every row is checked first; one bad row imports nothing and is reported by line."""

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
