"""Both chains sealed with a key the database does not hold (council/chain.py: HMAC-SHA256 under
AUDIT_CHAIN_KEY), every existing entry re-sealed in id order; and the audit log made append-only in the
database itself, as the access log is (migration 0013): a trigger refuses every UPDATE and DELETE, whoever
connects. The re-sealing runs as the owner, with the access log's trigger off for its own statements only."""

from django.db import migrations

from council.chain import access_entry_content, audit_event_content, seal

AUDIT = "council_auditevent"
ACCESS = "council_accesslogentry"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION council_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: %% refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER council_audit_append_only
    BEFORE UPDATE OR DELETE ON {AUDIT}
    FOR EACH ROW EXECUTE FUNCTION council_audit_refuse_change();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS council_audit_append_only ON {AUDIT};
DROP FUNCTION IF EXISTS council_audit_refuse_change();
"""
SQLITE_UP = [
    f"""CREATE TRIGGER council_audit_no_update BEFORE UPDATE ON {AUDIT}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END;""",
    f"""CREATE TRIGGER council_audit_no_delete BEFORE DELETE ON {AUDIT}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS council_audit_no_update;", "DROP TRIGGER IF EXISTS council_audit_no_delete;"]
# The access log's UPDATE trigger on SQLite (migration 0013), lifted while its seals are rewritten.
ACCESS_SQLITE_NO_UPDATE = f"""CREATE TRIGGER council_access_log_no_update BEFORE UPDATE ON {ACCESS}
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only: UPDATE refused'); END;"""


def _reseal(model, content):
    prev, batch = "", []
    for row in model.objects.order_by("id").iterator(chunk_size=2000):
        row.prev_hash = prev
        row.hash = prev = seal(content(row))
        batch.append(row)
        if len(batch) == 2000:
            model.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    if batch:
        model.objects.bulk_update(batch, ["prev_hash", "hash"])


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _reseal(apps.get_model("council", "AuditEvent"), audit_event_content)
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {ACCESS} DISABLE TRIGGER council_access_log_append_only")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS council_access_log_no_update")
    _reseal(apps.get_model("council", "AccessLogEntry"), access_entry_content)
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {ACCESS} ENABLE TRIGGER council_access_log_append_only")
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        schema_editor.execute(ACCESS_SQLITE_NO_UPDATE)
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("council", "0019_access_log_found_by_search")]

    operations = [migrations.RunPython(up, down)]
