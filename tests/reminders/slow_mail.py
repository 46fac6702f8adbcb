"""The e-mail backend of a test's Celery worker: files, each send taking LAGET_TEST_SLOW_EMAIL seconds, so a test
can kill the worker while it is sending."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("LAGET_TEST_SLOW_EMAIL", "0")))
        return super().send_messages(email_messages)
