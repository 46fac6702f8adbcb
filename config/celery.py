import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("laget")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def _refuse_without_secret_key(**kwargs):
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if not (settings.SECRET_KEY_IS_SET or settings.DEBUG):
        raise ImproperlyConfigured("SECRET_KEY must be set to run Laget's workers.")
