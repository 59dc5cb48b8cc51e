"""Keeping ``ComplianceSummary`` in step with the deadlines, and rebuilding it from them (R-000-11d).

Every service that changes a deadline's state, due date or existence calls ``count_changes`` in its own
transaction with the deadline's key before and after the change. The differences are added with one
``INSERT … ON CONFLICT DO UPDATE SET count = count + excluded.count`` (PostgreSQL, and the SQLite of
``make run``): no read-modify-write, so two transactions that count into the same row never lose a change; the
rows are written in key order, so two batches of the sweep lock them in the same order and never deadlock.

``rebuild`` recomputes the table from the deadlines (``manage.py rebuild_compliance_summary``); the counts
kept step by step equal it, which the tests check after a realistic sequence of changes."""

import datetime
from collections import Counter

from django.db import connection, transaction

from .models import NO_BODY, ComplianceSummary, Deadline

# The deadline kinds the compliance dashboard follows (``protocols.compliance.MEASURES``): R-000-10b, R-000-10e,
# R-000-11a, R-000-11c, R-000-11d, R-002-8.2, R-002-16 (a citizen's question checked), R-001-2. Other kinds
# are not counted.
COUNTED_KINDS = frozenset(
    (
        "materials",
        "agenda-dispatch",
        "protocol",
        "protocol-dispatch",
        "execution",
        "publication",
        "citizen-check",
        "plan-item",
    )
)
TABLE = ComplianceSummary._meta.db_table
KEY = ("council_id", "month", "kind", "body", "state")


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def summary_key(deadline: Deadline):
    """The summary row a deadline counts in as it is now, or None for a kind the dashboard does not follow."""
    if deadline.kind not in COUNTED_KINDS:
        return None
    return (
        deadline.council_id,
        month_of(deadline.due_date),
        deadline.kind,
        deadline.responsible_body_id or NO_BODY,
        str(deadline.state),
    )


def count_changes(changes):
    """Apply ``(key before, key after)`` pairs (None: the deadline did not count there) to the summary, inside
    the caller's transaction. One statement whatever the number of changes."""
    delta = Counter()
    for before, after in changes:
        if before == after:
            continue
        if before is not None:
            delta[before] -= 1
        if after is not None:
            delta[after] += 1
    rows = sorted((key, n) for key, n in delta.items() if n)
    if not rows:
        return
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params = [p for key, n in rows for p in (*key, n)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (council_id, month, kind, body, state, count) VALUES {values}"
            f" ON CONFLICT (council_id, month, kind, body, state) DO UPDATE SET count = {TABLE}.count + excluded.count",
            params,
        )


def rebuild_sql():
    """The statement that fills the (emptied) summary from the deadlines: one grouped INSERT … SELECT."""
    month = (
        "date_trunc('month', due_date)::date"
        if connection.vendor == "postgresql"
        else "date(due_date, 'start of month')"
    )
    kinds = ", ".join(["%s"] * len(COUNTED_KINDS))
    sql = (
        f"INSERT INTO {TABLE} (council_id, month, kind, body, state, count)"
        f" SELECT council_id, {month}, kind, COALESCE(responsible_body_id, {NO_BODY}), state, count(*)"
        f" FROM {Deadline._meta.db_table} WHERE kind IN ({kinds}) GROUP BY 1, 2, 3, 4, 5"
    )
    return sql, sorted(COUNTED_KINDS)


@transaction.atomic
def rebuild() -> int:
    """Recompute the summary from the deadlines; returns the number of rows. On PostgreSQL the table is locked
    against the services' upserts first, so a change committed during the rebuild is either in the deadlines
    it reads or added after it, never lost or counted twice."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(*rebuild_sql())
    return ComplianceSummary.objects.count()


def summary_rows():
    """The non-zero rows as {key: count}: what the rebuild would produce (a row that fell to zero stays)."""
    return {
        tuple(r[:5]): r[5] for r in ComplianceSummary.objects.exclude(count=0).values_list(*KEY, "count").order_by()
    }
