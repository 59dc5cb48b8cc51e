"""Keeping ``ComplianceSummary`` in step with the deadlines, and rebuilding it from them (R-000-11d).

Every service that changes a deadline's state, due date or existence calls ``count_changes`` in its own
transaction with the deadline's key before and after the change. The differences are added with one
``INSERT … ON CONFLICT DO UPDATE SET count = count + excluded.count`` (PostgreSQL, and the SQLite of
``make run``): no read-modify-write, so two transactions that count into the same row never lose a change; the
rows are written in key order, so two batches of the sweep lock them in the same order and never deadlock.

The same statement's differences, added up over the bodies, go into ``ComplianceRollup`` right after, in the
same transaction and again in key order (every transaction takes the summary's rows before the roll-up's).

``rebuild`` recomputes both tables from the deadlines (``manage.py rebuild_compliance_summary``); the counts
kept step by step equal it, which the tests check after a realistic sequence of changes."""

import datetime
from collections import Counter

from django.db import connection, transaction

from .models import NO_BODY, ComplianceRollup, ComplianceSummary, Deadline
from .navcache import touch_all

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
ROLLUP_TABLE = ComplianceRollup._meta.db_table
ROLLUP_KEY = ("council_id", "month", "kind", "state")


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


def rollup_key(key):
    """The roll-up's row of a summary key: the same without the body."""
    council_id, month, kind, _body, state = key
    return council_id, month, kind, state


def _add_counts(cursor, table, columns, delta):
    rows = sorted((key, n) for key, n in delta.items() if n)
    if not rows:
        return
    values = ", ".join(["(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"] * len(rows))
    params = [p for key, n in rows for p in (*key, n)]
    names = ", ".join(columns)
    cursor.execute(
        f"INSERT INTO {table} ({names}, count) VALUES {values}"
        f" ON CONFLICT ({names}) DO UPDATE SET count = {table}.count + excluded.count",
        params,
    )


def count_changes(changes):
    """Apply ``(key before, key after)`` pairs (None: the deadline did not count there) to the summary and its
    roll-up, inside the caller's transaction. One statement per table whatever the number of changes."""
    delta = Counter()
    for before, after in changes:
        if before == after:
            continue
        if before is not None:
            delta[before] -= 1
        if after is not None:
            delta[after] += 1
    rolled = Counter()
    for key, n in delta.items():
        rolled[rollup_key(key)] += n
    with connection.cursor() as cursor:
        _add_counts(cursor, TABLE, KEY, delta)
        _add_counts(cursor, ROLLUP_TABLE, ROLLUP_KEY, rolled)


def rebuild_sql():
    """The statement that fills the (emptied) summary from the deadlines: one grouped INSERT … SELECT. The
    roll-up follows from it with ``rollup_sql``."""
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


def rollup_sql():
    """The statement that fills the (emptied) roll-up from the summary: its non-zero counts added up over the
    bodies. Also the data migration that brought the roll-up to databases that had the summary."""
    return (
        f"INSERT INTO {ROLLUP_TABLE} (council_id, month, kind, state, count)"
        f" SELECT council_id, month, kind, state, sum(count) FROM {TABLE} WHERE count <> 0 GROUP BY 1, 2, 3, 4"
    )


@transaction.atomic
def rebuild() -> int:
    """Recompute the summary and its roll-up from the deadlines; returns the number of the summary's rows. On
    PostgreSQL both tables are locked against the services' upserts first (in the order the upserts take
    them), so a change committed during the rebuild is either in the deadlines it reads or added after it,
    never lost or counted twice."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {TABLE}, {ROLLUP_TABLE} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"DELETE FROM {ROLLUP_TABLE}")
        cursor.execute(*rebuild_sql())
        cursor.execute(rollup_sql())
    touch_all()  # the pages kept under the generations (the compliance dashboard) count from these tables
    return ComplianceSummary.objects.count()


def summary_rows():
    """The non-zero rows as {key: count}: what the rebuild would produce (a row that fell to zero stays)."""
    return {
        tuple(r[:5]): r[5] for r in ComplianceSummary.objects.exclude(count=0).values_list(*KEY, "count").order_by()
    }


def rollup_rows():
    """The roll-up's non-zero rows as {key: count}, like ``summary_rows``."""
    return {
        tuple(r[:4]): r[4]
        for r in ComplianceRollup.objects.exclude(count=0).values_list(*ROLLUP_KEY, "count").order_by()
    }
