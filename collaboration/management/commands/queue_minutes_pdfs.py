from django.core.management.base import BaseCommand

from collaboration.services import minutes_pdfs_queue_missing


class Command(BaseCommand):
    help = (
        "Queue the PDF of every meeting's newest approved minutes that has none stored yet (minutes approved "
        "before PDFs were stored). Without it, the first download of each queues its own. Safe to run again."
    )

    def handle(self, *args, **options):
        queued = minutes_pdfs_queue_missing()
        self.stdout.write(f"Queued {queued} minutes PDFs.")
