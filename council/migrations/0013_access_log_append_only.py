"""The access log to sensitive material is append-only in the database itself (R-004-11): a trigger refuses
every UPDATE and DELETE of its rows, whoever connects. SQLite (``make run``) gets the same with RAISE(ABORT)."""

from django.db import migrations

TABLE = "council_accesslogentry"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION council_access_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: %% refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER council_access_log_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION council_access_log_refuse_change();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS council_access_log_append_only ON {TABLE};
DROP FUNCTION IF EXISTS council_access_log_refuse_change();
"""
SQLITE_UP = [
    f"""CREATE TRIGGER council_access_log_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: UPDATE refused'); END;""",
    f"""CREATE TRIGGER council_access_log_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: DELETE refused'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS council_access_log_no_update;",
    "DROP TRIGGER IF EXISTS council_access_log_no_delete;",
]


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("council", "0012_position_categories_of_appendix_2")]

    operations = [migrations.RunPython(up, down)]
