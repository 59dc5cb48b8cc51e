"""Triggers that raise ``RegistryVersion.n`` whenever a table that roles are made of changes, installed by
the migrations of the apps that own the tables (``install``/``uninstall`` in a ``RunPython``). PostgreSQL
bumps once per statement (an UPDATE of a thousand rows is one bump); SQLite (``make run``) once per row.
Only the columns roles read are watched on tables written often (a login writes ``last_login``)."""

BUMP_FUNCTION = "council_registry_bump"


def _pg_trigger(table, events):
    name = f"{table}_registry_bump"
    return (
        f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {BUMP_FUNCTION}();",
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
    )


def _sqlite_triggers(table, events):
    up, down = [], []
    for event in events:
        name = f"{table}_registry_bump_{event.split()[0].lower()}"
        up.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} "
            "BEGIN INSERT OR IGNORE INTO council_registryversion (id, n) VALUES (1, 0); "
            "UPDATE council_registryversion SET n = n + 1 WHERE id = 1; END;"
        )
        down.append(f"DROP TRIGGER IF EXISTS {name};")
    return up, down


def _statements(vendor, tables, which):
    """The statements that make (``which`` 0) or drop (1) the triggers of ``tables`` on this vendor."""
    for table, events in tables.items():
        if vendor == "postgresql":
            yield _pg_trigger(table, " OR ".join(events))[which]
        elif vendor == "sqlite":
            yield from _sqlite_triggers(table, events)[which]


def install(schema_editor, tables):
    """``tables``: {table: [events]}, events as ``INSERT``, ``DELETE``, ``UPDATE`` or ``UPDATE OF a, b``."""
    for statement in _statements(schema_editor.connection.vendor, tables, 0):
        schema_editor.execute(statement)


def uninstall(schema_editor, tables):
    for statement in _statements(schema_editor.connection.vendor, tables, 1):
        schema_editor.execute(statement)


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {BUMP_FUNCTION}() RETURNS trigger AS $$
BEGIN
    -- the row is made again should the table have been emptied (a TRUNCATE fires no row trigger)
    INSERT INTO council_registryversion (id, n) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET n = council_registryversion.n + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
