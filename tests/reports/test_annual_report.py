"""The annual report: asked for by leadership or an administrator of the municipality, built once by a Celery
task into a stored PDF, read back here with pypdf; nobody else learns that it exists."""

import hashlib
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reports import pdf as pdf_rendering
from reports.models import AnnualReport, PeriodKind, ReportText
from reports.services import report_request
from reports.tasks import build_annual_report
from tests.conftest import run_queued

pytestmark = pytest.mark.django_db

NATIONAL_ID = "01011410185"  # invented, with valid check digits; also tested for below


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _register_cases(org, count: int, *, level: int = 1):
    from cases import services
    from cases.models import Child, Concern, Guardian

    cases = []
    for n in range(count):
        child = Child(municipality=org.a, full_name=f"Rapportbarn Nummer{n}", birth_date=date(2014, 5, 1))
        if n == 0:
            child.national_id = NATIONAL_ID
            child.birth_date = date(2014, 1, 1)
        concern = Concern(
            observed_at=timezone.now(),
            place="Helsestasjonen",
            noticed_by="Helsesykepleier",
            event="Uro",
            child_voice="Vil ikke hjem" if n % 2 else "",
        )
        case = services.concern_register(
            by=org.users["staff_a"],
            service=org.health_a,
            child=child,
            guardians=[Guardian(full_name=f"Forelder Nummer{n}")],
            concern=concern,
        )
        if level:
            case = services.level_change(
                case=case, by=org.users["leader_a"], level=level, reason="Tiltak i egen tjeneste", version=case.version
            )
        cases.append(case)
    return cases


def _ask(client, user, *, kind="calendar", year=None, execute=True, capture=None):
    client.force_login(user)
    data = {"kind": kind, "year": year or timezone.localdate().year}
    with capture(execute=execute):
        return client.post(reverse("reports:report-index"), data)


@pytest.mark.parametrize(
    ("who", "status"),
    [("leadership_a", 200), ("admin_a", 200), ("staff_a", 404), ("leader_a", 404), ("admin_b", 404)],
)
def test_only_leadership_and_administrators_of_the_municipality_see_the_report(client, org, who, status):
    report = AnnualReport.objects.create(
        municipality=org.a,
        kind="calendar",
        year=2025,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        requested_by=org.users["leadership_a"],
        status="failed",
    )
    client.force_login(org.users[who])
    urls = [
        reverse("reports:report-detail", args=[report.pk]),
        reverse("reports:report-download", args=[report.pk]),
        reverse("reports:report-preview", args=[org.a.pk, "calendar", 2025]),
        reverse("reports:report-texts", args=[org.a.pk, "calendar", 2025]),
    ]
    for url in urls:
        assert client.get(url).status_code in ({200, 302} if status == 200 else {404}), url
    assert client.get(reverse("reports:report-index")).status_code == (404 if who in {"staff_a", "leader_a"} else 200)


def test_admin_b_gets_its_own_municipality_never_a(client, org):
    client.force_login(org.users["admin_b"])
    page = client.get(reverse("reports:report-index"), {"kommune": org.a.pk}).content.decode()
    assert "Årsrapport Tynset" in page and "Hemsedal" not in page


def test_asking_twice_while_it_builds_queues_one_build_with_only_an_id(
    client, org, queued_tasks, django_capture_on_commit_callbacks
):
    year = timezone.localdate().year - 1
    first = _ask(client, org.users["leadership_a"], year=year, capture=django_capture_on_commit_callbacks)
    second = _ask(client, org.users["admin_a"], year=year, capture=django_capture_on_commit_callbacks)
    report = AnnualReport.objects.get()
    assert first.url == second.url == reverse("reports:report-detail", args=[report.pk])
    assert queued_tasks == [(build_annual_report, (report.pk,), {})]
    assert report.status == "queued" and report.period_start == date(year, 1, 1)
    assert report.history.first().history_user == org.users["leadership_a"]


def test_a_period_in_the_future_is_refused_in_norwegian(client, org, queued_tasks, django_capture_on_commit_callbacks):
    response = _ask(
        client,
        org.users["leadership_a"],
        kind="school",
        year=timezone.localdate().year + 1,
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert "Perioden har ikke begynt ennå" in response.content.decode() or "mindre enn eller lik" in (
        response.content.decode()
    )
    assert not AnnualReport.objects.exists() and not queued_tasks


def test_the_status_fragment_polls_while_queued_and_stops_when_ready(
    client, org, catalogue, queued_tasks, django_capture_on_commit_callbacks
):
    _ask(client, org.users["leadership_a"], capture=django_capture_on_commit_callbacks)
    report = AnnualReport.objects.get()
    url = reverse("reports:report-detail", args=[report.pk])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment and "i kø" in fragment
    page = client.get(url).content.decode()
    assert '<div role="status">' in page and "vendor/htmx/htmx.min.js" in page
    run_queued(queued_tasks)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "Last ned rapporten" in fragment


def test_the_built_pdf_holds_the_figures_and_no_child(
    client, org, catalogue, structures, queued_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cases = _register_cases(org, 7)
    ReportText.objects.create(municipality=org.a, kind="calendar", year=timezone.localdate().year, goal="Vi møttes.")
    _ask(client, org.users["admin_a"], capture=django_capture_on_commit_callbacks)
    run_queued(queued_tasks)
    report = AnnualReport.objects.get()
    assert report.status == "ready", report.error
    response = client.get(reverse("reports:report-download", args=[report.pk]))
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == report.sha256 and len(body) == report.size
    assert response["Content-Disposition"].startswith('attachment; filename="arsrapport-3324-')
    text = _pdf_text(body)
    assert "Årsrapport Hemsedal" in text
    assert "Foreldreveiledning COS-P" in text and "Spesialpedagogisk veiledning" in text  # A's catalogue
    assert "Tynset-tiltak" not in text  # B's
    # Seven new cases at level 1 raised by a health station: shown as 7 (and its 3 with the child's voice as <5).
    assert "Nivå 1 – tiltak i egen tjeneste" in text and "<5" in text
    assert "Disse tekstene er ikke skrevet ennå" in text and "Vi møttes." in text
    for case in cases:
        assert case.child.full_name not in text
        assert case.child.full_name.split()[-1] not in text
    assert NATIONAL_ID not in text and "01.01.2014" not in text


def test_a_failed_build_says_why_and_is_retried(
    client, org, queued_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(html):
        raise pdf_rendering.RenderError("Pango mangler")

    working = pdf_rendering.render_pdf
    monkeypatch.setattr(pdf_rendering, "render_pdf", broken)
    _ask(client, org.users["leadership_a"], capture=django_capture_on_commit_callbacks)
    run_queued(queued_tasks)
    report = AnnualReport.objects.get()
    assert report.status == "failed" and "Pango mangler" in report.error
    page = client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    assert "Rapporten kunne ikke lages" in page and "Pango mangler" in page
    monkeypatch.setattr(pdf_rendering, "render_pdf", working)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report-retry", args=[report.pk]))
        client.post(reverse("reports:report-retry", args=[report.pk]))  # a double click
    assert queued_tasks == [(build_annual_report, (report.pk,), {})]
    run_queued(queued_tasks)
    report.refresh_from_db()
    assert report.status == "ready"


def test_a_stale_build_may_be_asked_for_again(org, queued_tasks):
    year = timezone.localdate().year - 1
    report, _ = report_request(municipality=org.a, kind=PeriodKind.CALENDAR, year=year, by=org.users["admin_a"])
    AnnualReport.objects.filter(pk=report.pk).update(status="building", started_at=timezone.now() - timedelta(hours=1))
    again, created = report_request(municipality=org.a, kind=PeriodKind.CALENDAR, year=year, by=org.users["admin_a"])
    assert created and again.pk != report.pk
    report.refresh_from_db()
    assert report.status == "failed"


def test_the_preview_of_a_period_without_data_says_so(client, org):
    client.force_login(org.users["leadership_a"])
    year = timezone.localdate().year - 1
    page = client.get(reverse("reports:report-preview", args=[org.a.pk, "calendar", year])).content.decode()
    assert "Ikke registrert ennå: kommunen har ingen saker" in page
    assert "Ikke registrert ennå: kommunen har ingen tiltak" in page
    assert "Ikke registrert ennå: ingen møtestruktur" in page
    assert client.get(reverse("reports:report-preview", args=[org.a.pk, "calendar", 2999])).status_code == 404
    assert client.get(reverse("reports:report-preview", args=[org.a.pk, "weekly", year])).status_code == 404


def test_text_parts_are_saved_with_history_and_refuse_a_national_id(client, org):
    client.force_login(org.users["admin_a"])
    year = timezone.localdate().year - 1
    url = reverse("reports:report-texts", args=[org.a.pk, "calendar", year])
    response = client.post(url, {"goal": f"Barnet {NATIONAL_ID} fikk hjelp"})
    assert response.status_code == 200 and "fødselsnummer" in response.content.decode()
    assert not ReportText.objects.exists()
    client.post(url, {"goal": "Vi startet COS-P.", "priorities": "Ungdata 2026"})
    text = ReportText.objects.get()
    assert text.goal == "Vi startet COS-P." and text.history.first().history_user == org.users["admin_a"]
    assert "Brukermedvirkning på systemnivå" in text.missing_parts()


def test_the_leadership_start_page_offers_the_report(client, org):
    client.force_login(org.users["leadership_a"])
    page = client.get(reverse("organisation:leadership-home")).content.decode()
    assert reverse("reports:report-index") in page


def test_the_pdf_renderer_fetches_nothing(tmp_path):
    """Research T19: a file or network reference in the report's HTML is refused, not embedded."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    html = (
        f'<p>Tall</p><img src="file://{secret}"><img src="http://127.0.0.1:9/hit">'
        f'<link rel="stylesheet" href="file://{secret}"><svg><image href="file://{secret}"/></svg>'
    )
    content = pdf_rendering.render_pdf(html)
    assert content.startswith(b"%PDF") and "root:x" not in _pdf_text(content)
    assert b"root:x" not in content and b"/EmbeddedFile" not in content


def test_the_preview_follows_the_threshold_in_the_settings(client, org, settings, django_capture_on_commit_callbacks):
    settings.REPORT_SUPPRESSION_THRESHOLD = 10
    with django_capture_on_commit_callbacks(execute=True):
        _register_cases(org, 7)
    client.force_login(org.users["leadership_a"])
    year = timezone.localdate().year
    html = client.get(reverse("reports:report-preview", args=[org.a.pk, "calendar", year])).content.decode()
    # Seven new cases, shown as 7 at the default threshold of 5, are a small number at 10.
    assert "&lt;10" in html and "&lt;5" not in html
    assert "fra 1 til 9 vises som" in html
