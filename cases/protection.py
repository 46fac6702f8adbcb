"""The records nobody may change: the access log, the stafettlogg and every history table.

On PostgreSQL a trigger refuses UPDATE and DELETE on them, for every database role the application uses, so a
bug, an injected query or a hurried repair cannot rewrite who read a child's data or what a case said. (The
triggers are installed after every `migrate`, so history tables of models added later are covered too.)
Removing the triggers needs the table owner's `ALTER TABLE`: an operator's deliberate act, outside the app.
"""

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
