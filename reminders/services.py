"""Recording reminders once and sending each once.

The unique key on Notification makes recording idempotent: two sweeps at once, a sweep run again after a crash,
or a restart all meet in the same rows. A row is the outbox of its e-mail: the sending task locks it, sends,
and marks it sent in one transaction, so a second delivery of the task (acks_late after a killed worker) finds
it sent and does nothing. Rows whose task was lost (Redis down when it was queued) are queued again by the next
sweep. Task messages carry the row's id only.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from collaboration.ics import meeting_invitation
from organisation.history import acting
from organisation.models import User
from reminders.models import Notification, Preference, SweepState
from reminders.sweep import batches, candidates

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5


def sweep_state() -> SweepState:
    """When reminders started; made by the first sweep, which records what existed then without e-mail."""
    from collaboration.models import ActionItem

    state = SweepState.objects.order_by("pk").first()
    if state is None:
        newest = ActionItem.objects.aggregate(newest=Max("pk"))["newest"] or 0
        state = SweepState.objects.create(action_items_before=newest)
    return state


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Find what is due and record each new reminder once; queue the e-mails after commit. Returns counts."""
    now = now or timezone.now()
    state = sweep_state()
    preferences = {p.person_id: p for p in Preference.objects.all()}
    recorded = queued = 0
    with translation.override("nb"):
        for batch in batches(candidates(now, state)):
            new, ids = _record(batch, preferences, now)
            recorded += new
            queued += len(ids)
    queued += requeue_stale(now)
    return {"recorded": recorded, "queued": queued}


@transaction.atomic
def _record(batch, preferences, now) -> tuple[int, list[int]]:
    keys = {candidate.key for candidate in batch}
    existing = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    active = set(
        User.objects.filter(pk__in={c.recipient_id for c in batch}, is_active=True).values_list("pk", flat=True)
    )
    rows = []
    for candidate in batch:
        if candidate.key in existing or candidate.recipient_id not in active:
            continue
        existing.add(candidate.key)
        rows.append(
            Notification(
                key=candidate.key,
                kind=candidate.kind,
                recipient_id=candidate.recipient_id,
                title=candidate.title[:200],
                body=candidate.body,
                url=candidate.url,
                meeting_id=candidate.meeting_id,
                ics_method=candidate.ics_method,
                ics_sequence=candidate.ics_sequence,
                created_at=now,
                email=_email_state(candidate, preferences.get(candidate.recipient_id)),
            )
        )
    # Two sweeps at once meet here: the unique key keeps one row, the other insert is skipped.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows), _queue(Notification.objects.filter(key__in=[row.key for row in rows]), now)


def _email_state(candidate, preference: Preference | None) -> str:
    if candidate.before_start:
        return Notification.Email.OFF
    if preference is not None and candidate.kind in preference.email_off:
        return Notification.Email.OFF
    if preference is not None and preference.daily_digest:
        return Notification.Email.DIGEST
    return Notification.Email.PENDING


def _queue(rows, now) -> list[int]:
    """Claim the pending rows nobody has queued (skipping those another sweep holds) and queue their sending."""
    from reminders.tasks import send_notification

    ids = list(
        rows.select_for_update(skip_locked=True).filter(email=Notification.Email.PENDING).values_list("pk", flat=True)
    )
    if ids:
        Notification.objects.filter(pk__in=ids).update(queued_at=now)
        for pk in ids:
            transaction.on_commit(lambda pk=pk: _publish(send_notification, pk))
    return ids


def _publish(task, *args) -> None:
    """Queue a task; if the broker is down, leave it: the row stays pending and the next sweep queues it."""
    try:
        task.apply_async(args=args, retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2})
    except Exception:  # the broker is unreachable: nothing is lost, the outbox row is still pending
        logger.warning("Could not queue %s%s; the next sweep queues it again.", task.name, args)


@transaction.atomic
def requeue_stale(now: datetime) -> int:
    waited = timedelta(seconds=settings.REMINDER_REQUEUE_SECONDS)
    stale = Notification.objects.filter(email=Notification.Email.PENDING, queued_at__lt=now - waited)
    return len(_queue(stale, now))


class RetryLater(Exception):
    """The mail server did not answer: the task retries with back-off."""


def send_notification(notification_id: int) -> None:
    """Send one notification's e-mail, once. Raises RetryLater when the mail server is down and tries remain."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "meeting__structure")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email != Notification.Email.PENDING:
            return  # sent already (a second delivery), failed for good, or not for e-mail
        if not notification.recipient.is_active:
            notification.email = Notification.Email.OFF
            notification.save(update_fields=["email"])
            return
        if not notification.recipient.email:
            _failed(notification, "Personen har ingen e-postadresse i Laget.")
            return
        notification.email_attempts += 1
        try:
            _message(notification).send()
        except smtplib.SMTPRecipientsRefused:
            _failed(notification, "Mottakerens e-postadresse ble avvist.")
            return
        except (smtplib.SMTPException, OSError) as error:
            if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
                _failed(notification, f"E-postserveren svarte ikke etter {notification.email_attempts} forsøk.")
                return
            notification.email_error = f"{type(error).__name__}"[:300]
            notification.save(update_fields=["email_attempts", "email_error"])
            retry = True
        else:
            notification.email = Notification.Email.SENT
            notification.email_sent_at = timezone.now()
            notification.email_error = ""
            notification.save(update_fields=["email", "email_attempts", "email_sent_at", "email_error"])
            retry = False
    if retry:
        raise RetryLater(notification_id)


def _failed(notification: Notification, reason: str) -> None:
    notification.email = Notification.Email.FAILED
    notification.email_error = reason
    notification.save(update_fields=["email", "email_attempts", "email_error"])


def _site() -> str:
    return settings.LAGET_BASE_URL.rstrip("/")


def _message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail: the kind of item and a link to log in, never anything about a child (README, issue 11)."""
    with translation.override("nb"):
        context = {"notification": notification, "site": _site(), "list_url": _site() + "/varsler/"}
        body = render_to_string("reminders/email/notification.txt", context)
        message = EmailMultiAlternatives(
            subject=f"Laget: {notification.get_kind_display()}",
            body=body,
            to=[notification.recipient.email],
        )
        if notification.meeting_id and notification.ics_method:
            ics = meeting_invitation(
                notification.meeting,
                method=notification.ics_method,
                base_url=_site(),
                organizer=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
                attendee=notification.recipient.email,
            )
            message.attach("mote.ics", ics, f"text/calendar; method={notification.ics_method}; charset=utf-8")
    return message


def send_digests(now: datetime | None = None) -> int:
    """One e-mail per person who chose a daily digest, listing the kinds of what came since the last one."""
    now = now or timezone.now()
    people = (
        Notification.objects.filter(email=Notification.Email.DIGEST, recipient__is_active=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for person_id in list(people):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(recipient_id=person_id, email=Notification.Email.DIGEST)
                .order_by("created_at")
            )
            if not rows:
                continue
            person = rows[0].recipient
            with translation.override("nb"):
                body = render_to_string(
                    "reminders/email/digest.txt",
                    {"notifications": rows, "site": _site(), "list_url": _site() + "/varsler/"},
                )
                EmailMultiAlternatives(subject=f"Laget: {len(rows)} nye varsler", body=body, to=[person.email]).send()
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                email=Notification.Email.IN_DIGEST, email_sent_at=now
            )
            sent += 1
    return sent


def mark_read(*, person: User, notification_ids=None) -> int:
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preference_save(*, person: User, daily_digest: bool, email_off: list[str], by: User) -> Preference:
    preference, _created = Preference.objects.select_for_update().get_or_create(person=person)
    preference.daily_digest = daily_digest
    preference.email_off = email_off
    acting(preference, by).save()
    return preference
