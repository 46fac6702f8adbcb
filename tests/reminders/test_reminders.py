"""Reminders: recorded once per key, sent once, with the .ics for meetings, nothing about a child in any e-mail."""

import smtplib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration import services as meetings
from reminders import services
from reminders.models import Kind, Notification, SweepState
from tests.cases.conftest import CANARY_ID, CANARY_NAME, world  # noqa: F401 (the fixture)
from tests.conftest import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(db):
    """Reminders were switched on before the test's events."""
    return SweepState.objects.create(started_at=timezone.now() - timedelta(days=1))


def _sweep(queued_tasks, capture):
    with capture(execute=True):
        result = services.sweep()
    run_queued(queued_tasks)
    return result


def _convene(meeting, by, *, days=7):
    starts = timezone.now() + timedelta(days=days)
    return meetings.meeting_convene(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=2), place="Rådhuset", video_link="", by=by
    )


def test_convening_sends_each_invited_person_one_invitation_with_the_ics(
    org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    invited = set(meeting.invitations.values_list("person__email", flat=True))
    invitations = [message for message in mailoutbox if message.attachments]
    assert invited and {message.to[0] for message in invitations} == invited
    assert len(invitations) == len(invited)
    message = invitations[0]
    ics = message.attachments[0]
    assert "METHOD:REQUEST" in ics[1].decode() if isinstance(ics[1], bytes) else "METHOD:REQUEST" in ics[1]
    assert f"UID:{meeting.uid}@laget" in (ics[1].decode() if isinstance(ics[1], bytes) else ics[1])
    # A second sweep, or the same task delivered again, sends nothing more.
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    sent = len(mailoutbox)
    for notification in Notification.objects.all():
        services.send_notification(notification.pk)
    assert len(mailoutbox) == sent
    assert Notification.objects.filter(kind=Kind.MEETING_INVITATION).count() == len(invited)


def _ics(message) -> str:
    content = message.attachments[0][1]
    return content.decode() if isinstance(content, bytes) else content


def test_moving_a_meeting_sends_an_update_with_the_same_uid_and_a_higher_sequence_and_cancelling_a_cancel(
    org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    first = len([m for m in mailoutbox if m.attachments])
    mailoutbox.clear()
    _convene(meeting, org.users["leader_a"], days=9)
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    updates = [m for m in mailoutbox if m.attachments]
    meeting.refresh_from_db()
    assert len(updates) == first and all(f"UID:{meeting.uid}@laget" in _ics(m) for m in updates)
    assert all(f"SEQUENCE:{meeting.sequence}" in _ics(m) for m in updates) and meeting.sequence > 0
    assert Notification.objects.filter(kind=Kind.MEETING_UPDATED).count() == first
    mailoutbox.clear()
    meetings.meeting_cancel(meeting=meeting, reason="Sykdom", by=org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    cancels = [m for m in mailoutbox if m.attachments]
    assert len(cancels) == first and all("METHOD:CANCEL" in _ics(m) for m in cancels)


def test_what_existed_before_reminders_started_is_listed_but_not_mailed(
    org, meeting, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)  # the first sweep ever: reminders start now
    assert Notification.objects.filter(kind=Kind.MEETING_INVITATION).exists()
    assert not [message for message in mailoutbox if message.attachments]  # no invitation mailed


def test_an_smtp_failure_retries_and_then_shows_as_failed(
    org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    _convene(meeting, org.users["leader_a"])
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    notification = Notification.objects.filter(recipient=org.users["staff_a"]).first()

    def down(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("no answer")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", down)
    for attempt in range(1, services.MAX_EMAIL_ATTEMPTS):
        with pytest.raises(services.RetryLater):
            services.send_notification(notification.pk)
        notification.refresh_from_db()
        assert (notification.email, notification.email_attempts) == ("pending", attempt)
    services.send_notification(notification.pk)
    notification.refresh_from_db()
    assert notification.email == "failed" and "svarte ikke" in notification.email_error
    from django.test import Client

    client = Client()
    client.force_login(org.users["staff_a"])
    page = client.get(reverse("reminders:list")).content.decode()
    assert "E-posten kunne ikke sendes" in page and notification.title in page


def test_a_refused_address_fails_at_once(
    org, meeting, started, django_capture_on_commit_callbacks, queued_tasks, monkeypatch
):
    _convene(meeting, org.users["leader_a"])
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    notification = Notification.objects.first()

    def refused(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({notification.recipient.email: (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refused)
    services.send_notification(notification.pk)
    notification.refresh_from_db()
    assert notification.email == "failed" and notification.email_attempts == 1


def test_preferences_turn_e_mail_off_per_kind_and_a_digest_gathers_the_rest(
    client, org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    staff = org.users["staff_a"]
    client.force_login(staff)
    kinds = [kind for kind in Kind.values if kind != Kind.MEETING_INVITATION]
    response = client.post(reverse("reminders:preferences"), {"daily_digest": "on", "email_kinds": kinds})
    assert response.status_code == 302
    response = client.post(reverse("reminders:preferences"), {"email_kinds": ["not-a-kind"]})
    assert "Velg et gyldig valg" in response.content.decode()
    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    assert staff.email not in {message.to[0] for message in mailoutbox}
    assert Notification.objects.get(recipient=staff, kind=Kind.MEETING_INVITATION).email == "off"


def test_an_action_item_reaches_its_owner_then_due_and_overdue_weekly(
    org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    from collaboration.models import ActionItem

    _convene(meeting, org.users["leader_a"])
    item = meetings.action_item_add(
        meeting=meeting,
        what="Lage rutine",
        owner_person=org.users["staff_a"],
        owner_service=None,
        due_on=timezone.localdate() + timedelta(days=2),
        submission_key=None,
        by=org.users["leader_a"],
    )
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    mine = Notification.objects.filter(recipient=org.users["staff_a"])
    assert set(mine.values_list("kind", flat=True)) >= {Kind.ACTION_ASSIGNED, Kind.ACTION_DUE}
    ActionItem.objects.filter(pk=item.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    assert mine.filter(kind=Kind.ACTION_OVERDUE).count() == 1
    ActionItem.objects.filter(pk=item.pk).update(due_on=timezone.localdate() - timedelta(days=8))
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    assert mine.filter(kind=Kind.ACTION_OVERDUE).count() == 2  # once, then weekly


def test_case_reminders_go_to_the_holder_and_no_e_mail_names_the_child(
    world,  # noqa: F811 (the fixture imported above)
    started,
    queued_tasks,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    from cases.models import Case
    from tests.cases.conftest import register

    case = register(world)
    Case.objects.filter(pk=case.pk).update(decision_due=timezone.localdate() - timedelta(days=1))
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(kind=Kind.CASE_DECISION)
    assert notification.recipient == world.teacher
    assert mailoutbox and all(
        CANARY_NAME not in message.body + message.subject and CANARY_ID not in message.body for message in mailoutbox
    )
    for message in mailoutbox:
        for child in case.child.__class__.objects.all():
            assert child.full_name not in message.body and str(child.birth_date) not in message.body


def test_the_notification_list_is_each_persons_own_and_can_be_marked_read(
    client, org, meeting, started, queued_tasks, django_capture_on_commit_callbacks
):
    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    client.force_login(org.users["staff_b"])
    assert "Du har ingen varsler" in client.get(reverse("reminders:list")).content.decode()
    client.force_login(org.users["staff_a"])
    assert "Innkalling" in client.get(reverse("reminders:list")).content.decode()
    client.post(reverse("reminders:mark-read"))
    assert not Notification.objects.filter(recipient=org.users["staff_a"], read_at__isnull=True).exists()


def test_municipality_settings_are_the_administrators(client, org):
    url = reverse("reminders:municipality-settings", args=[org.a.pk])
    client.force_login(org.users["staff_a"])
    assert client.get(url).status_code == 404
    client.force_login(org.users["admin_a"])
    data = {
        "meeting_reminder_days": 3,
        "minutes_unwritten_days": 3,
        "action_due_days": 3,
        "case_silent_weeks": 8,
        "plan_evaluation_month": 13,
    }
    assert "Skriv en måned fra 1 til 12" in client.post(url, data).content.decode()
    assert client.post(url, data | {"plan_evaluation_month": 10}).status_code == 302


def test_a_daily_digest_gathers_a_persons_reminders_into_one_e_mail_once(
    org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    staff = org.users["staff_a"]
    services.preference_save(person=staff, daily_digest=True, email_off=[], by=staff)
    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    assert staff.email not in {message.to[0] for message in mailoutbox}
    assert Notification.objects.filter(recipient=staff, email="digest").exists()
    mailoutbox.clear()
    assert services.send_digests() == 1
    assert [message.to[0] for message in mailoutbox] == [staff.email]
    assert "Innkalling" in mailoutbox[0].body
    assert services.send_digests() == 0
    assert not Notification.objects.filter(recipient=staff, email="digest").exists()


def test_with_the_broker_down_nothing_is_lost_and_the_next_sweep_queues_it_again(
    org, meeting, started, django_capture_on_commit_callbacks, monkeypatch, settings
):
    from kombu.exceptions import OperationalError

    from reminders import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(tasks.send_notification, "apply_async", broker_down)
    _convene(meeting, org.users["leader_a"])
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()  # does not raise, does not hang
    pending = Notification.objects.filter(email="pending")
    assert pending.exists() and not pending.filter(queued_at__isnull=True).exists()
    queued = []
    monkeypatch.setattr(tasks.send_notification, "apply_async", lambda args, **kw: queued.append(args))
    settings.REMINDER_REQUEUE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(timezone.now() + timedelta(seconds=1))
    assert sorted(pk for (pk,) in queued) == sorted(pending.values_list("pk", flat=True))


def test_a_new_holder_of_a_seat_gets_the_invitations_and_the_old_one_their_cancellation(
    org, meeting, started, queued_tasks, django_capture_on_commit_callbacks, mailoutbox
):
    from organisation.models import Position, User
    from organisation.services import position_save

    _convene(meeting, org.users["leader_a"])
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    old = org.users["staff_a"]
    newcomer = User.objects.create_user("ny.helsesykepleier@test.demo", "x" * 12, full_name="Ny Helsesykepleier")
    position = Position.objects.get(holder=old)
    position.holder = newcomer
    position_save(position=position, by=org.users["admin_a"])
    mailoutbox.clear()
    _sweep(queued_tasks, django_capture_on_commit_callbacks)
    to_newcomer = [m for m in mailoutbox if m.to == [newcomer.email] and m.attachments]
    to_old = [m for m in mailoutbox if m.to == [old.email] and m.attachments]
    assert len(to_newcomer) == 1 and "METHOD:REQUEST" in _ics(to_newcomer[0])
    assert len(to_old) == 1 and "METHOD:CANCEL" in _ics(to_old[0])


def test_the_notification_list_stays_flat_as_notifications_grow(client, org, count_queries):
    staff = org.users["staff_a"]

    def notify(count: int, start: int) -> None:
        Notification.objects.bulk_create(
            [
                Notification(key=f"test:{n}", kind=Kind.ACTION_DUE, recipient=staff, title=f"Oppgave {n}", url="/")
                for n in range(start, start + count)
            ]
        )

    client.force_login(staff)
    notify(3, 0)
    few = count_queries(client, reverse("reminders:list"))
    notify(40, 3)
    assert count_queries(client, reverse("reminders:list")) == few
