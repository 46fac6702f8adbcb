"""The minutes PDF is made by a Celery task, once per approved version, and stored; a request only serves it.

A slow or huge document can then never hold a web worker: the request answers the stored file, or a page that
says it is being made.
"""

import base64
import hashlib
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from collaboration import pdf as pdf_rendering
from collaboration.access import access_meeting
from collaboration.models import ActionItem, MinutesPdf
from collaboration.selectors import minutes_context, minutes_document_context
from collaboration.services import meeting_convene, minutes_approve, minutes_correct, minutes_save
from collaboration.tasks import render_minutes_pdf
from tests.conftest import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def convened(org, meeting):
    # Held yesterday: its attendance can be recorded and its minutes approved.
    return meeting_convene(
        meeting=meeting,
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=2),
        place="Rådhuset",
        video_link="",
        by=org.users["leader_a"],
    )


def _write(org, meeting, text="Vi drøftet rutiner."):
    newest = meeting.minutes_versions.order_by("-version").first()
    entries = {item.pk: (text, "Rutinen vedtas.") for item in meeting.agenda_items.all()}
    return minutes_save(
        meeting=meeting, revision=newest.revision if newest else 0, entries=entries, by=org.users["staff_a"]
    )


@pytest.fixture
def approved(org, convened, queued_tasks, django_capture_on_commit_callbacks):
    """Approved minutes, their PDF queued and not made yet."""
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_approve(minutes=_write(org, convened), approved_by=org.users["leader_a"])
    return minutes


@pytest.fixture
def ready(approved, queued_tasks):
    run_queued(queued_tasks)
    return MinutesPdf.objects.get(minutes=approved)


@pytest.fixture
def no_rendering(monkeypatch):
    """Any attempt to render a PDF fails the test: a request must never render one."""

    def refuse(*args, **kwargs):
        raise AssertionError("A PDF was rendered")

    monkeypatch.setattr(pdf_rendering, "minutes_pdf", refuse)
    monkeypatch.setattr("weasyprint.HTML", refuse)


def _pdf_url(meeting):
    return reverse("collaboration:minutes-pdf", args=[meeting.pk])


def _status_region(page: str) -> str:
    """The text of the page's role="status" region, which screen readers announce."""
    return page.split('<div role="status">', 1)[1].split('<div class="laget-actions">', 1)[0]


def test_approving_queues_exactly_one_build_with_only_an_id(
    client, org, convened, queued_tasks, django_capture_on_commit_callbacks
):
    client.force_login(org.users["leader_a"])
    _write(org, convened)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("collaboration:minutes-approve", args=[convened.pk]))
        client.post(reverse("collaboration:minutes-approve", args=[convened.pk]))  # a double click
    pdf = MinutesPdf.objects.get()
    assert pdf.status == MinutesPdf.Status.QUEUED and pdf.minutes.is_locked
    assert queued_tasks == [(render_minutes_pdf, (pdf.pk,), {})]
    assert pdf.history.first().history_user == org.users["leader_a"]


def test_the_download_answers_the_stored_bytes_with_their_checksum(client, org, convened, ready, no_rendering):
    assert ready.status == MinutesPdf.Status.READY and ready.finished_at is not None
    # The stored path and the download's name say nothing of the structure, the meeting or the municipality.
    assert ready.file.name.startswith("minutes/") and ready.file.name.endswith(".pdf")
    assert not {"TOG", "Hemsedal", "Rådhuset"} & set(ready.file.name.replace("/", " ").split())
    client.force_login(org.users["ppt_shared"])  # a reader without duties
    response = client.get(_pdf_url(convened))
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="referat-{convened.pk}-v1.pdf"'
    assert hashlib.sha256(body).hexdigest() == ready.sha256 and len(body) == ready.size
    assert response["Repr-Digest"] == f"sha-256=:{base64.b64encode(hashlib.sha256(body).digest()).decode()}:"


def test_the_pdf_holds_the_approved_text_in_norwegian(ready):
    from django.template.loader import render_to_string

    html = render_to_string("collaboration/minutes_pdf.html", minutes_document_context(ready.minutes))
    assert "Referat: TOG" in html and "Vi drøftet rutiner." in html and "Godkjent" in html


def test_a_second_delivery_does_not_build_again(ready, monkeypatch):
    built = []
    monkeypatch.setattr(pdf_rendering, "minutes_pdf", lambda context: built.append(1) or b"%PDF-other")
    render_minutes_pdf(ready.pk)
    ready_again = MinutesPdf.objects.get(pk=ready.pk)
    assert built == [] and ready_again.file.name == ready.file.name and ready_again.sha256 == ready.sha256


def test_a_build_being_made_is_left_alone_until_its_worker_is_taken_for_dead(approved, queued_tasks, monkeypatch):
    built = []
    monkeypatch.setattr(pdf_rendering, "minutes_pdf", lambda context: built.append(1) or b"%PDF-1.7 test")
    pdf = MinutesPdf.objects.get(minutes=approved)
    MinutesPdf.objects.filter(pk=pdf.pk).update(status=MinutesPdf.Status.BUILDING, started_at=timezone.now())
    render_minutes_pdf(pdf.pk)  # a second delivery while the first builds
    assert built == [] and MinutesPdf.objects.get(pk=pdf.pk).status == MinutesPdf.Status.BUILDING
    started = timezone.now() - MinutesPdf.STALE_AFTER - timedelta(minutes=1)
    MinutesPdf.objects.filter(pk=pdf.pk).update(started_at=started)
    render_minutes_pdf(pdf.pk)  # redelivered after the worker died
    pdf.refresh_from_db()
    assert built == [1] and pdf.status == MinutesPdf.Status.READY
    assert pdf.sha256 == hashlib.sha256(b"%PDF-1.7 test").hexdigest()


@pytest.mark.parametrize("state", ["queued", "ready"])
@pytest.mark.parametrize("who", ["staff_b", "admin_b", "no_position"])
def test_a_stranger_gets_404_whether_the_pdf_is_made_or_not(client, org, convened, approved, queued_tasks, state, who):
    if state == "ready":
        run_queued(queued_tasks)
    client.force_login(org.users[who])
    assert client.get(_pdf_url(convened)).status_code == 404
    assert client.post(reverse("collaboration:minutes-pdf-retry", args=[convened.pk])).status_code == 404


def test_an_individual_case_pdf_is_only_for_the_seated(client, org, structures, queued_tasks):
    from collaboration.models import Meeting

    starts = timezone.now() - timedelta(days=3)
    meeting = Meeting.objects.create(
        structure=structures["individual"], starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    meeting = meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="", video_link="", by=org.users["leader_a"]
    )
    minutes_approve(minutes=_write(org, meeting), approved_by=org.users["leader_a"])
    run_queued([(render_minutes_pdf, (MinutesPdf.objects.get().pk,), {})])
    for who, status in [("staff_a", 200), ("leadership_a", 404), ("admin_a", 404), ("ppt_shared", 404)]:
        client.force_login(org.users[who])
        assert client.get(_pdf_url(meeting)).status_code == status, who


def test_while_it_is_made_the_reader_gets_a_page_that_says_so(client, org, convened, approved, no_rendering):
    client.force_login(org.users["staff_a"])
    response = client.get(_pdf_url(convened))
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "lages nå" in _status_region(page)
    assert f'href="{_pdf_url(convened)}"' in page  # try again
    assert "Lag PDF-en på nytt" not in page  # nothing failed


def test_a_version_approved_before_pdfs_were_stored_is_made_when_a_reader_asks(
    client, org, convened, queued_tasks, django_capture_on_commit_callbacks, no_rendering
):
    minutes_approve(minutes=_write(org, convened), approved_by=org.users["leader_a"], queue_pdf=False)
    assert not MinutesPdf.objects.exists()
    client.force_login(org.users["ppt_shared"])
    retry_url = reverse("collaboration:minutes-pdf-retry", args=[convened.pk])
    page = client.get(_pdf_url(convened)).content.decode()
    assert "er ikke laget ennå" in page and f'action="{retry_url}"' in page
    assert not MinutesPdf.objects.exists()  # a GET stores nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry_url).status_code == 302
        client.post(retry_url)  # a double click asks once
    assert "lages nå" in client.get(_pdf_url(convened)).content.decode()
    pdf = MinutesPdf.objects.get()
    assert queued_tasks == [(render_minutes_pdf, (pdf.pk,), {})]


def test_the_command_queues_each_meetings_newest_approved_version_without_a_pdf(
    org, convened, queued_tasks, django_capture_on_commit_callbacks
):
    first = minutes_approve(minutes=_write(org, convened), approved_by=org.users["leader_a"], queue_pdf=False)
    minutes_correct(meeting=convened, reason="Skrivefeil", by=org.users["staff_a"])
    second = minutes_approve(
        minutes=_write(org, convened, "Rettet."), approved_by=org.users["leader_a"], queue_pdf=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("queue_minutes_pdfs")
        call_command("queue_minutes_pdfs")
    assert list(MinutesPdf.objects.values_list("minutes", flat=True)) == [second.pk]
    assert len(queued_tasks) == 1 and first.pk != second.pk


def test_drafts_get_no_pdf(client, org, convened, no_rendering):
    client.force_login(org.users["staff_a"])
    assert client.get(_pdf_url(convened)).status_code == 404  # nothing written
    _write(org, convened)
    assert client.get(_pdf_url(convened)).status_code == 404  # a draft
    assert "Last ned som PDF" not in client.get(convened.get_absolute_url()).content.decode()
    assert not MinutesPdf.objects.exists()


def test_a_correction_keeps_the_approved_pdf_until_it_is_approved_and_gets_its_own(
    client, org, convened, ready, queued_tasks, django_capture_on_commit_callbacks
):
    client.force_login(org.users["staff_a"])
    with django_capture_on_commit_callbacks(execute=True):
        minutes_correct(meeting=convened, reason="Skrivefeil", by=org.users["staff_a"])
        draft = _write(org, convened, "Rettet tekst.")
    assert queued_tasks == []  # a draft is not rendered
    response = client.get(_pdf_url(convened))
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == ready.sha256  # still version 1
    with django_capture_on_commit_callbacks(execute=True):
        minutes_approve(minutes=draft, approved_by=org.users["leader_a"])
    second = MinutesPdf.objects.get(minutes=draft)
    assert queued_tasks == [(render_minutes_pdf, (second.pk,), {})]
    run_queued(queued_tasks)
    response = client.get(_pdf_url(convened))
    assert response["Content-Disposition"].endswith('-v2.pdf"')
    assert MinutesPdf.objects.get(pk=ready.pk).status == MinutesPdf.Status.READY  # version 1 is kept


def test_a_failed_build_shows_its_reason_and_a_minute_writer_retries(
    client, org, convened, approved, queued_tasks, monkeypatch, django_capture_on_commit_callbacks
):
    working = pdf_rendering.minutes_pdf
    fixed = []

    def broken(context):
        if fixed:
            return working(context)
        raise RuntimeError("Pango mangler")

    monkeypatch.setattr(pdf_rendering, "minutes_pdf", broken)
    run_queued(queued_tasks)
    pdf = MinutesPdf.objects.get(minutes=approved)
    assert pdf.status == MinutesPdf.Status.FAILED and pdf.error == "RuntimeError: Pango mangler"
    retry_url = reverse("collaboration:minutes-pdf-retry", args=[convened.pk])

    client.force_login(org.users["ppt_shared"])  # may read, may not retry
    page = client.get(_pdf_url(convened)).content.decode()
    assert "kunne ikke lages" in page and retry_url not in page
    assert "Pango mangler" not in page  # the reason is for those who can act on it
    assert client.post(retry_url).status_code == 404

    client.force_login(org.users["staff_a"])  # the minute-taker
    page = client.get(_pdf_url(convened)).content.decode()
    assert "kunne ikke lages" in _status_region(page) and "Pango mangler" in _status_region(page)
    assert f'action="{retry_url}"' in page
    fixed.append(True)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry_url).status_code == 302
        client.post(retry_url)  # a double click queues one build
    pdf.refresh_from_db()
    assert pdf.status == MinutesPdf.Status.QUEUED and pdf.error == ""
    assert queued_tasks == [(render_minutes_pdf, (pdf.pk,), {})]
    assert pdf.history.first().history_user == org.users["staff_a"]
    run_queued(queued_tasks)
    response = client.get(_pdf_url(convened))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_retry_is_a_post(client, org, convened, approved):
    client.force_login(org.users["leader_a"])
    assert client.get(reverse("collaboration:minutes-pdf-retry", args=[convened.pk])).status_code == 405


@pytest.mark.parametrize("level", ["system", "individual"])
def test_every_reader_who_may_open_the_meeting_sees_what_the_stored_pdf_holds(org, structures, level):
    """One rendering serves every reader only while each of them would see the same: when a viewer's view of a
    meeting starts to differ (pseudonyms), this fails, and the PDF needs one rendering per audience."""
    from collaboration.models import Meeting

    starts = timezone.now() - timedelta(days=3)
    meeting = Meeting.objects.create(structure=structures[level], starts_at=starts, ends_at=starts + timedelta(hours=1))
    meeting = meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=meeting.ends_at, place="", video_link="", by=org.users["leader_a"]
    )
    ActionItem.objects.create(
        structure=meeting.structure,
        meeting=meeting,
        what="Lage rutine for Ola",
        owner_person=org.users["staff_a"],
        due_on=timezone.localdate(),
    )
    minutes = minutes_approve(minutes=_write(org, meeting), approved_by=org.users["leader_a"], queue_pdf=False)

    def content(context):
        return (
            context["agenda_with_minutes"],
            [line.__dict__ | {"may_close": None} for line in context["action_items"]],
            context["attendance"],
            context["minutes"],
        )

    stored = content(minutes_document_context(minutes))
    readers = 0
    for user in org.users.values():
        try:
            access_meeting(user, meeting.pk)
        except Http404:
            continue
        readers += 1
        assert content(minutes_context(meeting, user)) == stored, user
    assert readers == (5 if level == "system" else 2)


def test_the_demo_leaves_its_pdfs_to_the_first_download(demo):
    from collaboration.models import Minutes

    assert Minutes.objects.filter(status=Minutes.Status.APPROVED).exists()
    assert not MinutesPdf.objects.exists()
