"""Settings for the test run: the production settings, on plain HTTP, against the private PostgreSQL and Redis
that tests/conftest.py starts (it fills in their ports before the first connection)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:1/laget")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:1/0")

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing; not a security test
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if os.environ.get("LAGET_TEST_EMAIL_DIR"):  # a Celery worker started by tests/reminders/test_worker.py
    MAILERS = {
        "default": {
            "BACKEND": "tests.reminders.slow_mail.SlowFileBackend",
            "OPTIONS": {"file_path": os.environ["LAGET_TEST_EMAIL_DIR"]},
        }
    }
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
