"""Who acted, for django-simple-history, when a write is not made inside a request (a task, a command)."""

from django.db import models


def acting(instance: models.Model, by) -> models.Model:
    """Mark `instance` as changed by `by`: its next history row names them, whoever calls the service."""
    instance._history_user = by
    return instance
