"""Background work of the collaboration app: documents too slow to make inside a request.

Tasks are thin and take ids, never text: a task message sits in the broker and may be logged.
"""

from celery import shared_task

# Minutes text is bounded (MINUTES_TEXT_MAX, AGENDA_MAX_ITEMS), so a PDF takes seconds. The limits stop a
# runaway render: the soft one fails the build with its reason, the hard one ends the worker process, and
# its rendering is retried once stale (MinutesPdf.STALE_AFTER is longer).
MINUTES_PDF_SOFT_TIME_LIMIT = 120
MINUTES_PDF_TIME_LIMIT = 180


@shared_task(acks_late=True, soft_time_limit=MINUTES_PDF_SOFT_TIME_LIMIT, time_limit=MINUTES_PDF_TIME_LIMIT)
def render_minutes_pdf(pdf_id: int) -> None:
    from collaboration import services  # services queue this task: import at run time

    services.minutes_pdf_build(pdf_id=pdf_id)
