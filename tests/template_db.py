"""Each worker's test database cloned from a migrated template, so the migrations run once, not once per run
and worker.

The template is named after a fingerprint of every installed app's migration files and Django's version
(``test_council_template_<fingerprint>``): a changed or added migration gives a new template, built on first
use and published by a rename, so a build that was cut short is never cloned. Building and cloning take a
file lock, so parallel workers and runs wait for one another rather than build twice. On a database other
than PostgreSQL (``DATABASE_URL`` names it) ``django_db_setup`` in ``tests/conftest.py`` migrates with
Django's ``setup_databases`` instead.
"""

import fcntl
import hashlib
import importlib.util
import os
import pathlib
import shutil
import tempfile

PREFIX = "template"


def fingerprint():
    import django
    from django.apps import apps

    digest = hashlib.sha256(django.get_version().encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        spec = importlib.util.find_spec(f"{config.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        for path in sorted(pathlib.Path(next(iter(spec.submodule_search_locations))).glob("*.py")):
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _lock():
    path = pathlib.Path(tempfile.gettempdir()) / "council-test-template.lock"
    handle = open(path, "a")  # noqa: SIM115 - held until the caller closes it
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _exists(cursor, name):
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _set_name(connection, name):
    from django.conf import settings

    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES[connection.alias]["NAME"] = name


def _build(connection, template, original):
    """Migrate a new database and publish it under the template's name."""
    creation = connection.creation
    building = f"{template}_building_{os.getpid()}"
    quote = connection.ops.quote_name
    connection.settings_dict["TEST"]["NAME"], test_name = building, connection.settings_dict["TEST"].get("NAME")
    try:
        creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    finally:
        connection.settings_dict["TEST"]["NAME"] = test_name
    _set_name(connection, original)
    with creation._nodb_cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
        # Templates of earlier migrations are dropped; one still in use by another run is left.
        base = template.rsplit("_", 1)[0]
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}\\_%"])
        for (stale,) in cursor.fetchall():
            if stale != template and "_building_" not in stale:
                try:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                except Exception:  # noqa: BLE001 - another run is cloning from it
                    pass


def setup(connection):
    """Create this worker's test database from the template (building the template first if needed);
    return what ``teardown`` needs."""
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    target = creation._get_test_db_name()
    base = connection.settings_dict["TEST"].get("NAME") or f"test_{original}"
    base = base.removesuffix(f"_{os.environ['PYTEST_XDIST_WORKER']}") if "PYTEST_XDIST_WORKER" in os.environ else base
    template = f"{base}_{PREFIX}_{fingerprint()}"
    quote = connection.ops.quote_name
    lock = _lock()
    try:
        with creation._nodb_cursor() as cursor:
            present = _exists(cursor, template)
        if not present:
            _build(connection, template, original)
        with creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
    finally:
        lock.close()
    _set_name(connection, target)
    return original, target


def teardown(connection, state):
    original, target = state
    _set_name(connection, original)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(target)}")


def sqlite_copy(destination, migrate):
    """A migrated SQLite file copied to ``destination``: built once per fingerprint by ``migrate(path)`` (which
    migrates an empty file at ``path``), kept in the temporary directory and published by a rename, as the
    PostgreSQL template is. ``make run``'s test still runs ``migrate`` on the copy, as ``make run`` does on
    every start. Files built for other migrations are removed when a new one is published."""
    folder = pathlib.Path(tempfile.gettempdir())
    cached = folder / f"council-test-{PREFIX}-{fingerprint()}.sqlite3"
    with _lock():
        if not cached.exists():
            building = cached.with_suffix(f".{os.getpid()}.building")
            building.unlink(missing_ok=True)
            migrate(building)
            building.rename(cached)
            for stale in folder.glob(f"council-test-{PREFIX}-*.sqlite3"):
                if stale != cached:
                    stale.unlink(missing_ok=True)
        shutil.copyfile(cached, destination)
