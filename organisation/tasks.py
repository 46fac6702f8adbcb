"""Background work of the organisation app: every e-mail leaves from here, never from inside a request.

Tasks are thin and take ids or opaque keys, never an e-mail address or a link with a token: a task message
sits in the broker and may be logged.
"""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(person_id: int, base_url: str, language: str) -> None:
    from organisation import services  # services queue these tasks: import at run time

    services.person_email_invitation(person_id=person_id, base_url=base_url, language=language)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset(request_key: str) -> None:
    from organisation import services

    services.password_reset_send(request_key=request_key)
