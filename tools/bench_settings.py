"""Settings of the benchmark's gunicorn (BENCH_SERVER=gunicorn): the app's, plus the ceiling page's URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tools.bench_urls"
AXES_ENABLED = False
