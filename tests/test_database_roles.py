"""Finding 10 of the second trust round: the application connected as a superuser, and ``TRUNCATE
council_accesslogentry``, ``DISABLE TRIGGER`` or ``session_replication_role = replica`` then UPDATE all
passed. Connected as the application's role (council/db_roles.py: it owns no table and is no superuser),
each is refused by PostgreSQL, while the application's own work (reading, writing, appending to the logs)
goes on. Run on a role made for the test, with the grants ``migrate`` gives ``APP_DATABASE_ROLE``."""

import os

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from council.services import audit

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "app-role-test-only"


@pytest.fixture
def app_connection():
    role = f"council_app_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}" if _exists(cursor, role) else "SELECT 1")
        cursor.execute(f"DROP ROLE IF EXISTS {role}")
        cursor.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER PASSWORD '{PASSWORD}'")
    call_command("grant_app_role", role, stdout=open(os.devnull, "w"))  # noqa: SIM115
    audit(actor=None, verb="test.before")  # one event and, below, one access entry already in the logs
    settings = connection.settings_dict
    conn = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, dbname=settings["NAME"],
        user=role, password=PASSWORD, autocommit=True,
    )  # fmt: skip
    yield conn
    conn.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


def _exists(cursor, role):
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


REFUSED = [
    "TRUNCATE council_accesslogentry",
    "TRUNCATE council_auditevent",
    "ALTER TABLE council_auditevent DISABLE TRIGGER ALL",
    "ALTER TABLE council_accesslogentry DISABLE TRIGGER council_access_log_append_only",
    "SET session_replication_role = replica",
    "UPDATE council_auditevent SET verb = 'forged'",
    "DELETE FROM council_auditevent",
    "DELETE FROM council_accesslogentry",
    "DROP TRIGGER council_audit_append_only ON council_auditevent",
]


def test_the_application_role_cannot_erase_or_rewrite_the_logs_and_does_its_work(app_connection):
    """One role for every statement (a role and its grants are made once: the test commits)."""
    refused = []
    for sql in REFUSED:
        try:
            app_connection.execute(sql)
        except psycopg.errors.InsufficientPrivilege:
            refused.append(sql)
    assert refused == REFUSED
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM council_auditevent")
        assert cursor.fetchone()[0] >= 1
    # What the application does goes through: reading, writing its tables, appending to the log.
    app_connection.execute("INSERT INTO council_heartbeat (name, at) VALUES ('probe', now())")
    assert app_connection.execute("SELECT count(*) FROM council_auditevent").fetchone()[0] >= 1
    app_connection.execute(
        "INSERT INTO council_auditevent (at, verb, subject_type, data, prev_hash, hash) "
        "SELECT now(), 'test.appended', '', '{}', hash, 'appended' FROM council_auditevent ORDER BY id DESC LIMIT 1"
    )
    app_connection.execute("UPDATE council_heartbeat SET at = now() WHERE name = 'probe'")
    app_connection.execute("DELETE FROM council_heartbeat WHERE name = 'probe'")
