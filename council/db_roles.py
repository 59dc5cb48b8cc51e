"""The application's database role (finding 10 of the second trust round: the application connected as a
superuser, so it could TRUNCATE the access log, disable its trigger, or replay with
``session_replication_role``). In production two roles exist: the owner, which runs the migrations and owns
every table, and the application's role (``APP_DATABASE_ROLE``), which owns nothing and is no superuser.
After every ``migrate`` the owner grants the application's role what it needs and no more: reading and
writing the tables, but only SELECT and INSERT on the audit log and the access log (which also refuse UPDATE
and DELETE by trigger, and which a role that owns no table cannot TRUNCATE, ALTER or disable)."""

from django.conf import settings
from django.db import connections

APPEND_ONLY = ("council_auditevent", "council_accesslogentry")


def grant(role, using="default"):
    """Give ``role`` the application's privileges on every table and sequence of the schema, now and for the
    tables later migrations make; PostgreSQL only (``make run``'s SQLite has no roles)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    quoted = connection.ops.quote_name(role)
    database = connection.ops.quote_name(connection.settings_dict["NAME"])
    tables = ", ".join(APPEND_ONLY)
    with connection.cursor() as cursor:
        for statement in (
            f"GRANT CONNECT ON DATABASE {database} TO {quoted}",
            f"GRANT USAGE ON SCHEMA public TO {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {tables} FROM {quoted}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        ):
            cursor.execute(statement)


def grant_after_migrate(sender, using="default", **kwargs):
    """post_migrate: the grants again, for the tables the migrations have just made."""
    role = getattr(settings, "APP_DATABASE_ROLE", "")
    if role:
        grant(role, using=using)
