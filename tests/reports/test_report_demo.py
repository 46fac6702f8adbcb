"""The report on the demo municipality: the preview and the PDF read the same figures as the database holds,
and no child of the demo appears in either (research T14)."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Child
from measures.models import Measure
from organisation.models import Municipality, User
from reports.models import AnnualReport
from reports.selectors import Period, measures_section
from reports.services import report_build, report_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _school_year() -> int:
    today = timezone.localdate()
    return today.year - 1 if today.month >= 8 else today.year - 2  # the last whole school year


def _no_child_in(text: str) -> list[str]:
    found = []
    for name, national_id, birth_date in Child.objects.values_list("full_name", "national_id", "birth_date"):
        if name in text or (national_id and national_id in text):
            found.append(name)
        if birth_date.strftime("%d.%m.%Y") in text:
            found.append(str(birth_date))
    return found


def test_the_demo_report_holds_the_catalogue_figures_and_no_child(demo, client):
    hemsedal = Municipality.objects.get(name="Hemsedal")
    leader = User.objects.get(email="ledelse@hemsedal.demo")
    client.force_login(leader)
    preview = client.get(reverse("reports:report-preview", args=[hemsedal.pk, "school", _school_year()]))
    html = preview.content.decode()
    assert preview.status_code == 200 and "10. Sakene" in html
    assert not _no_child_in(html)

    report, _ = report_request(municipality=hemsedal, kind="school", year=_school_year(), by=leader)
    report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.READY, report.error
    with report.file.open("rb") as stored:
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(stored.read())).pages)
    assert not _no_child_in(text)
    # The catalogue's total in the report is the database's count of measures active in the period.
    total = Measure.objects.filter(municipality=hemsedal).exclude(status=Measure.Status.ENDED).count()
    assert f"Sum {total}" in text
    assert "Nye saker i perioden" in text or "Ingen nye saker i perioden" in text


def test_the_report_counts_the_plans_levels_and_lists_the_partners_apart(demo, client):
    hemsedal = Municipality.objects.get(name="Hemsedal")
    client.force_login(User.objects.get(email="ledelse@hemsedal.demo"))
    html = client.get(reverse("reports:report-preview", args=[hemsedal.pk, "school", _school_year()])).content.decode()
    section = html[html.index("5. Tiltakene") : html.index("6. Evalueringene")]
    figures = measures_section(hemsedal, Period.of("school", _school_year()))
    rows = {row["label"]: row["total"] for row in figures["by_level_status"]["rows"]}
    assert rows == {"Universell": 26, "Selektiv": 6, "Indisert": 4}
    assert "Helsefremmende" not in section
    partners = section[section.index("Interkommunale tiltak og samarbeidspartnere") :]
    assert "BUP" in partners and "Konfliktrådet i Hallingdal" in partners
    # Joint responsibility as the plan writes it: Jordmortjenesten with Familiens hus.
    assert "Jordmortjenesten, Helse og forebygging – Familiens hus" in section
