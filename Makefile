# Laget: `make demo` runs the app with a demo municipality; `make test` runs the whole test suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python >= 3.12 found: on PATH, then under pyenv. Override with `make PYTHON=/path/to/python3.13`.
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON ?= $(shell for p in python3.13 python3.12 $(wildcard $(PYENV_ROOT)/versions/3.13*/bin/python3) $(wildcard $(PYENV_ROOT)/versions/3.12*/bin/python3) python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
# The embedded default: SQLite, e-mail to files under var/mail/, and Celery on a broker in files under var/celery/
# (kombu's filesystem transport), so the worker and beat run the reminders without Redis.
DEMO_ENV := DEBUG=1 HTTPS=0 EMAIL_BACKEND=file CELERY_BROKER_URL=filesystem:// REMINDER_SWEEP_SECONDS=60

.PHONY: help demo test system-packages bench lint format lock clean

help:
	@echo "make demo   run Laget on http://127.0.0.1:8000 with the demo municipalities (SQLite, no servers needed)"
	@echo "make test   run the whole test suite (installs PostgreSQL, Redis, Chromium from Debian if missing;"
	@echo "           starts its own PostgreSQL and Redis)"
	@echo "make bench  time the key pages against the large synthetic municipality in PostgreSQL"

$(BIN)/.installed: requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Laget needs Python 3.12 or newer (python3.12/python3.13, or pyenv install 3.13)." >&2; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	@touch $@

var:
	@mkdir -p var/static var/mail var/celery/queue var/celery/processed var/celery/control

demo: $(BIN)/.installed var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo
	@echo "E-mails (invitations, reminders, password resets) are written to var/mail/."
	@echo "A Celery worker with beat runs alongside the web server: reminders are swept every minute."
	$(DEMO_ENV) bash -c 'trap "kill 0" EXIT; \
		$(BIN)/celery -A config worker --beat --pool=solo --loglevel=WARNING --schedule=var/celerybeat-schedule & \
		$(BIN)/python manage.py runserver 127.0.0.1:8000'

# What a fresh Debian machine lacks for the tests (PostgreSQL, Redis, Chromium, Pango, venv support); a no-op
# when all is there. Listed first among test's prerequisites, so it runs before the virtualenv is made.
system-packages:
	PYTHON="$(PYTHON)" tools/install-system-packages

test: system-packages $(BIN)/.installed var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

bench: $(BIN)/.installed var
	$(BIN)/python -m tools.bench

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin every package from pyproject.toml into requirements.lock.
lock:
	rm -rf /tmp/laget-lock && $(PYTHON) -m venv /tmp/laget-lock
	/tmp/laget-lock/bin/pip install --quiet '.[dev]'
	(echo '# Every package, pinned: regenerate with `make lock` after changing pyproject.toml.'; \
	 /tmp/laget-lock/bin/pip freeze --exclude laget) > requirements.lock

clean:
	rm -rf $(VENV) var .bench .pytest-db
