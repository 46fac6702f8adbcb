"""`make demo` runs on SQLite: the demo is seeded there and every main page answers each demo login without a
server error. SQLite refuses some SQL PostgreSQL takes (a LIMIT inside a UNION), so the suite's PostgreSQL
tests alone would not notice."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_seeds_and_serves_its_pages_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "HTTPS": "0",
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "CELERY_BROKER_URL": "memory://",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )

    for step in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        done = manage(*step)
        assert done.returncode == 0, done.stderr[-3000:]
    smoke = manage("shell", "-c", (ROOT / "tools" / "demo_smoke.py").read_text())
    assert smoke.returncode == 0 and smoke.stdout.strip().endswith("ok"), smoke.stdout[-3000:] + smoke.stderr[-3000:]
