"""Celery tasks: the beat sweep, sending one notification, the daily digests. Messages carry ids only."""

from celery import shared_task

from reminders import services


@shared_task(acks_late=True, ignore_result=True)
def sweep_due() -> dict:
    return services.sweep()


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=services.MAX_EMAIL_ATTEMPTS + 1)
def send_notification(self, notification_id: int) -> None:
    try:
        services.send_notification(notification_id)
    except services.RetryLater:
        # Back-off: 1, 2, 4, 8 minutes … capped at an hour; the attempts are counted on the row.
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600)) from None


@shared_task(acks_late=True, ignore_result=True)
def send_digests() -> int:
    return services.send_digests()
