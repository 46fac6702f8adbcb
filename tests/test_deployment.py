"""The production shape: deploy checks, security headers, and the real Redis behind the cache."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy_without_warnings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-for-this-check-only-9f8e7d6c5b4a3",
        "ALLOWED_HOSTS": "laget.kommune.no",
        "DATABASE_URL": "sqlite:////tmp/laget-deploy-check.sqlite3",
        "HTTPS": "",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests' process only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, org):
    client.force_login(org.users["staff_a"])
    response = client.get(reverse("organisation:staff-home"))
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "script-src 'self'" in csp  # a nonce is added only to pages that carry an inline script
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"


def test_the_cache_is_the_real_redis_started_for_this_run():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == os.environ["LAGET_TEST_REDIS_URL"]
    cache.set("laget-test", "hei", 5)
    assert cache.get("laget-test") == "hei"


def test_without_a_broker_tasks_run_in_process_and_with_redis_they_are_queued():
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"
    )
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    base.pop("REDIS_URL", None)
    demo = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True)
    assert demo.stdout.split() == ["True", "memory://"], demo.stderr
    production = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "REDIS_URL": "redis://redis:6379/0"},
        capture_output=True,
        text=True,
    )
    assert production.stdout.split() == ["False", "redis://redis:6379/0"], production.stderr


def test_without_a_secret_key_commands_run_but_nothing_serves():
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": "sqlite:////tmp/laget-nokey.sqlite3"})
    migrations = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert migrations.returncode == 0, migrations.stderr
    deploy = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert "security.W009" in deploy.stdout + deploy.stderr
    serve = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert serve.returncode != 0
    assert "SECRET_KEY must be set to serve Laget." in serve.stderr
