"""Reminders with a real Celery worker on the test run's Redis: exactly one e-mail per reminder, with two sweeps at
once, and with a worker killed in the middle of a batch and started again. E-mails are written to files by the
worker (tests/reminders/slow_mail.py), which the test counts."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from reminders import services
from reminders.models import Notification, SweepState

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, mail_dir: Path, slow: float = 0.0):
        database = connection.settings_dict
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "REDIS_URL": os.environ["LAGET_TEST_REDIS_URL"],
            "LAGET_TEST_EMAIL_DIR": str(mail_dir),
            "LAGET_TEST_SLOW_EMAIL": str(slow),
            "CELERY_VISIBILITY_TIMEOUT": "3",
        }
        self.process = None

    def start(self) -> "Worker":
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--prefetch-multiplier=1",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def _messages(mail_dir: Path) -> list[str]:
    """Each e-mail the worker wrote, as its To: line (a file may hold several)."""
    return [
        line
        for path in mail_dir.glob("*")
        for line in path.read_text(errors="replace").splitlines()
        if line.startswith("To: ")
    ]


def _wait(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def due_items(org, structures):
    """Overdue action items for three people: one reminder each is due now."""
    from collaboration.models import ActionItem, Meeting

    SweepState.objects.create(started_at=timezone.now() - timedelta(days=1), action_items_before=10**9)
    start = timezone.now() - timedelta(days=20)
    meeting = Meeting.objects.create(
        structure=structures["system"], starts_at=start, ends_at=start + timedelta(hours=1)
    )
    people = [org.users[key] for key in ("staff_a", "leader_a", "ppt_shared", "staff_b", "admin_a", "leadership_a")]
    for person in people:
        ActionItem.objects.create(
            structure=structures["system"],
            meeting=meeting,
            what="Følge opp",
            owner_person=person,
            due_on=timezone.localdate() - timedelta(days=2),
        )
    return people


@pytest.fixture
def mail_dir(tmp_path):
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


def _sent():
    return Notification.objects.filter(kind="action_overdue", email="sent").count()


def test_two_sweeps_at_once_and_a_real_worker_send_each_reminder_once(due_items, mail_dir):
    from celery import current_app

    current_app.control.purge()
    sweeps = [threading.Thread(target=services.sweep) for _ in range(2)]
    for sweep in sweeps:
        sweep.start()
    for sweep in sweeps:
        sweep.join()
    worker = Worker(mail_dir).start()
    try:
        assert _wait(lambda: _sent() == len(due_items)), "the worker did not send every reminder"
        time.sleep(1)  # anything sent twice would show up now
    finally:
        worker.stop()
    assert Notification.objects.filter(kind="action_overdue").count() == len(due_items)
    recipients = [line.removeprefix("To: ") for line in _messages(mail_dir)]
    assert len(recipients) == Notification.objects.filter(email="sent").count()
    for person in due_items:
        assert recipients.count(person.email) == Notification.objects.filter(recipient=person, email="sent").count()


def test_a_worker_killed_mid_batch_and_started_again_sends_one_per_reminder_and_loses_none(
    due_items, mail_dir, settings
):
    from celery import current_app

    current_app.control.purge()
    services.sweep()
    total = Notification.objects.filter(email="pending").count()
    assert total >= len(due_items)
    worker = Worker(mail_dir, slow=1.0).start()
    try:
        assert _wait(lambda: Notification.objects.filter(email="sent").count() >= 2), "nothing was sent"
        worker.kill()  # in the middle of the batch: most likely while the next e-mail is being sent
    finally:
        worker.stop()
    assert Notification.objects.filter(email="pending").exists(), "the batch finished before the kill"
    settings.REMINDER_REQUEUE_SECONDS = 0  # the next sweep queues what the dead worker left
    time.sleep(1)
    services.sweep()
    again = Worker(mail_dir, slow=0.1).start()
    try:
        assert _wait(lambda: Notification.objects.filter(email="sent").count() == total, 90), "a reminder was lost"
        time.sleep(4)  # past the visibility timeout: a redelivered task must not send again
    finally:
        again.stop()
    recipients = [line.removeprefix("To: ") for line in _messages(mail_dir)]
    assert len(recipients) == total
    assert not Notification.objects.filter(email__in=["pending", "failed"]).exists()
    for person in due_items:
        assert recipients.count(person.email) == Notification.objects.filter(recipient=person, email="sent").count()
