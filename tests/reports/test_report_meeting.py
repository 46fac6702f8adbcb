"""The forum's yearly evaluation: on the årshjul and the convener's start page, and the report attached to that
meeting's minutes (set from the report page by leadership or administrators; nobody else)."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(meeting):
    meeting.evaluates_plan = True
    meeting.save(update_fields=["evaluates_plan"])
    return meeting


@pytest.fixture
def ready_report(org):
    return AnnualReport.objects.create(
        municipality=org.a,
        kind="calendar",
        year=2025,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        requested_by=org.users["leadership_a"],
        status="ready",
        sha256="ab" * 32,
    )


def test_the_convener_sees_the_coming_evaluation_on_the_start_page(client, org, evaluation):
    client.force_login(org.users["leader_a"])  # convenes TOG in the fixture
    page = client.get(reverse("organisation:staff-home")).content.decode()
    assert "Årlig evaluering av planen" in page and evaluation.get_absolute_url() in page
    assert "Lag årsrapporten til møtet" not in page  # a service leader does not read the report


@pytest.mark.parametrize("who", ["staff_a", "staff_b"])
def test_others_do_not_get_the_convener_panel(client, org, evaluation, who):
    client.force_login(org.users[who])
    assert "Årlig evaluering av planen" not in client.get(reverse("organisation:staff-home")).content.decode()


def test_the_year_wheel_marks_the_evaluation(client, org, evaluation):
    client.force_login(org.users["leader_a"])
    page = client.get(reverse("collaboration:year-wheel")).content.decode()
    assert "årlig evaluering av planen" in page


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("leadership_a", True), ("admin_a", True), ("leader_a", False), ("staff_a", False), ("admin_b", False)],
)
def test_only_leadership_and_administrators_attach_the_report(client, org, evaluation, ready_report, who, allowed):
    client.force_login(org.users[who])
    if allowed:
        page = client.get(reverse("reports:report-detail", args=[ready_report.pk])).content.decode()
        assert "Legg ved referatet fra møtet" in page
    response = client.post(reverse("reports:report-attach", args=[ready_report.pk]), {"meeting": evaluation.pk})
    assert response.status_code == (302 if allowed else 404)
    ready_report.refresh_from_db()
    assert (ready_report.meeting == evaluation) == allowed


def test_only_the_forums_meetings_and_only_a_ready_report(client, org, structures, evaluation, ready_report):
    from collaboration.models import Meeting

    other = Meeting.objects.create(
        structure=structures["individual"], starts_at=evaluation.starts_at, ends_at=evaluation.ends_at, place="X"
    )
    client.force_login(org.users["admin_a"])
    client.post(reverse("reports:report-attach", args=[ready_report.pk]), {"meeting": other.pk})
    ready_report.refresh_from_db()
    assert ready_report.meeting is None
    ready_report.status = "failed"
    ready_report.save()
    client.post(reverse("reports:report-attach", args=[ready_report.pk]), {"meeting": evaluation.pk})
    ready_report.refresh_from_db()
    assert ready_report.meeting is None


def test_the_minutes_page_shows_the_attached_report_to_its_readers_only(client, org, evaluation, ready_report):
    ready_report.meeting = evaluation
    ready_report.save()
    download = reverse("reports:report-download", args=[ready_report.pk])
    client.force_login(org.users["leader_a"])  # reads the minutes, not the report
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Referat" in page and download not in page
    # A reader of the report who also reads the minutes (the kommunalsjef who convenes TOG in the demo).
    structure = evaluation.structure
    structure.conveners.add(org.users["leadership_a"].positions.get())
    client.force_login(org.users["leadership_a"])
    response = client.get(evaluation.get_absolute_url())
    assert response.status_code == 200 and download in response.content.decode()


def test_an_individual_case_structures_meetings_are_never_offered_for_the_report(org, structures, meeting):
    from collaboration.models import Meeting
    from reports.services import evaluation_meetings

    structures["system"].evaluates_plan = False  # one plan-evaluating structure per municipality
    structures["system"].save(update_fields=["evaluates_plan"])
    individual = structures["individual"]
    individual.evaluates_plan = True  # put in the database past the form, which refuses it
    individual.save(update_fields=["evaluates_plan"])
    hidden = Meeting.objects.create(
        structure=individual, starts_at=meeting.starts_at, ends_at=meeting.ends_at, evaluates_plan=True
    )
    assert hidden not in evaluation_meetings(org.a)


def test_a_convener_seat_that_does_not_count_shows_no_evaluation(client, org, evaluation):
    """A position of B's service left among A's TOG conveners does not count in A: no panel names A's forum."""
    from organisation.models import Position

    evaluation.structure.conveners.add(Position.objects.get(holder=org.users["staff_b"]))
    client.force_login(org.users["staff_b"])
    page = client.get(reverse("organisation:staff-home")).content.decode()
    assert "Årlig evaluering av planen" not in page and evaluation.get_absolute_url() not in page
