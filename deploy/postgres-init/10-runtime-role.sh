#!/bin/sh
# Runs once, when the database volume is first created (the postgres image's /docker-entrypoint-initdb.d).
# `laget` owns the tables and runs the migrations; the web app, the worker and beat connect as `laget_app`,
# which is neither owner nor superuser, so the access log and the history stay as they were written
# (cases/protection.py grants it what it needs after every migrate).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set=app_password="$LAGET_APP_DB_PASSWORD" <<'SQL'
CREATE ROLE laget_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
SQL
