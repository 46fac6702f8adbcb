"""Background work of the reports app. Tasks take ids, never text: a task message sits in the broker."""

from celery import shared_task

# The large synthetic municipality builds in well under a minute (README, Benchmark). The soft limit fails the
# build with its reason; the hard one ends the worker process; AnnualReport.STALE_AFTER is longer than both.
REPORT_SOFT_TIME_LIMIT = 240
REPORT_TIME_LIMIT = 300


@shared_task(acks_late=True, soft_time_limit=REPORT_SOFT_TIME_LIMIT, time_limit=REPORT_TIME_LIMIT)
def build_annual_report(report_id: int) -> None:
    from reports import services  # services queue this task: import at run time

    services.report_build(report_id=report_id)
