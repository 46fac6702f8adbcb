"""The records nobody may change: the access log, the stafettlogg and every history table.

Two locks, installed after every `migrate` (so history tables of models added later are covered too):
- On PostgreSQL a trigger refuses UPDATE and DELETE on them, so a bug or a hurried repair through the app
  cannot rewrite who read a child's data or what a case said.
- The role the running app connects as (DATABASE_RUNTIME_ROLE; the production shape runs the web, the worker
  and beat as `laget_app`, and only `migrate` as the owner) gets INSERT and SELECT on them and nothing else: no
  UPDATE, DELETE or TRUNCATE, and as neither owner nor superuser it cannot disable a trigger or switch to
  replica mode either. A trigger alone would not hold against the tables' owner.
"""

from django.conf import settings
from django.db import connection

PROTECTED_TABLES = ("cases_accesslog", "cases_logentry")
TRIGGER = "laget_protect_record"

_FUNCTION = """
CREATE OR REPLACE FUNCTION laget_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Laget: % on % is refused: this table is a record that is never changed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql
"""


def protected_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' AND (table_name LIKE '%%\\_historical%%' OR table_name = ANY(%s))",
        [list(PROTECTED_TABLES)],
    )
    return sorted(row[0] for row in cursor.fetchall())


def install_protection(using: str = "default", **kwargs) -> None:
    from django.db import connections

    target = connections[using] if using else connection
    if target.vendor != "postgresql":
        return  # the demo's SQLite: a single-user sandbox with fictional children
    with target.cursor() as cursor:
        cursor.execute(_FUNCTION)
        for table in protected_tables(cursor):
            quoted = target.ops.quote_name(table)
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}")
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {quoted} "
                "FOR EACH ROW EXECUTE FUNCTION laget_refuse_change()"
            )
        role = settings.DATABASE_RUNTIME_ROLE
        if role:
            grant_runtime_role(cursor, target, role)


def grant_runtime_role(cursor, target, role: str) -> None:
    """What the running app may do: everything it needs on the working tables, only read and add records."""
    role = target.ops.quote_name(role)
    cursor.execute("SELECT current_schema()")
    schema = target.ops.quote_name(cursor.fetchone()[0])
    cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}")
    cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
    cursor.execute(f"REVOKE TRUNCATE ON ALL TABLES IN SCHEMA {schema} FROM {role}")
    for table in protected_tables(cursor):
        cursor.execute(f"REVOKE UPDATE, DELETE ON {target.ops.quote_name(table)} FROM {role}")
