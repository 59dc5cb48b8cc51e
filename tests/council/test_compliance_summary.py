"""The compliance dashboard's summary and its roll-up without the body (R-000-11d): kept step by step by the
deadline services and the sweep, they always equal a rebuild from the deadlines, also when several transactions
count into the same row; the roll-up is the summary added up over the bodies."""

import datetime as dt
import io
import threading
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from council.compliance_summary import COUNTED_KINDS, rebuild, rollup_key, rollup_rows, summary_rows
from council.deadline_services import (
    deadline_close,
    deadline_open,
    deadline_reschedule,
    deadline_sweep,
    deadline_waive,
)
from council.models import NO_BODY, Body, ComplianceRollup, ComplianceSummary, Council, Deadline, User
from tests.helpers import at

pytestmark = pytest.mark.django_db


def open_deadline(council, subject, kind, anchor, body="mvd", due=None, rule="R-000-10c"):
    return deadline_open(
        council=council,
        subject=subject,
        kind=kind,
        rule_id=rule,
        anchor=anchor,
        title=("Мерзім", "Срок"),
        responsible_body=Body.objects.get(code=body) if body else None,
        now=at(anchor, 8),
        due_date=due,
    )


def kept_counts():
    """The summary and the roll-up as they are, after checking that the roll-up adds up the summary."""
    summary, rollup = summary_rows(), rollup_rows()
    added_up = Counter()
    for key, count in summary.items():
        added_up[rollup_key(key)] += count
    assert rollup == {key: count for key, count in added_up.items() if count}
    return summary, rollup


def rebuilt():
    rebuild()
    return summary_rows(), rollup_rows()


def test_the_summary_kept_by_the_services_equals_a_rebuild(demo):
    """Opens, closes on time and late, the sweep's overdue marks, a late close of an overdue deadline, waivers
    (cancellations), a move into another month, and kinds the dashboard does not follow."""
    republic, oblast = demo["republic"], demo["oblast"]
    subjects = list(User.objects.order_by("id")[:12])
    start = dt.date(2026, 11, 23)
    opened = []
    for i, user in enumerate(subjects):
        kind = ["materials", "execution", "protocol", "rework"][i % 4]
        council = republic if i % 3 else oblast
        due = start + dt.timedelta(days=3 + 4 * i)  # across November, December and January
        opened.append(open_deadline(council, user, kind, start, body=None if kind == "protocol" else "mvd", due=due))
    deadline_close(deadline=opened[0], actor=None, now=at(dt.date(2026, 11, 24)))  # on time
    deadline_close(deadline=opened[1], actor=None, now=at(dt.date(2026, 12, 5)))  # late, never marked overdue
    deadline_sweep(now=at(dt.date(2026, 12, 21), 9), email=False)  # overdue marks up to 20 December
    assert Deadline.objects.get(pk=opened[2].pk).state == Deadline.State.OVERDUE
    deadline_close(deadline=opened[2], actor=None, now=at(dt.date(2026, 12, 21)))  # overdue, then met late
    reason = "R-003-49: утратило актуальность"
    deadline_waive(deadline=opened[5], actor=None, reason=reason, now=at(dt.date(2026, 12, 21)))  # cancelled
    moved = deadline_reschedule(  # from overdue in December to open in February
        deadline=opened[4],
        anchor=start,
        actor=None,
        reason="продление",
        now=at(dt.date(2026, 12, 21)),
        due_date=dt.date(2027, 2, 15),
    )
    assert moved.state == Deadline.State.OPEN
    deadline_sweep(now=at(dt.date(2027, 1, 20), 9), email=False)
    deadline_close(deadline=opened[9], actor=None, now=at(dt.date(2027, 1, 21)))
    # Opened again on the same subject after the first was closed: counted once more.
    open_deadline(republic, subjects[0], "materials", start, due=dt.date(2027, 1, 4))

    kept, kept_rollup = kept_counts()
    states = {key[4] for key in kept}
    assert states == {"open", "met", "met_late", "overdue", "waived"}
    assert {key[2] for key in kept} <= COUNTED_KINDS  # "rework" is not counted
    assert sum(kept.values()) == Deadline.objects.filter(kind__in=COUNTED_KINDS).count()
    assert (republic.pk, dt.date(2027, 2, 1), "materials", Body.objects.get(code="mvd").pk, "open") in kept
    assert any(key[3] == NO_BODY for key in kept)  # the protocol's deadlines have no responsible body
    assert (republic.pk, dt.date(2027, 2, 1), "materials", "open") in kept_rollup
    assert (kept, kept_rollup) == rebuilt()


def test_the_rebuild_command_repairs_the_summary_and_its_check_reports_a_difference(demo):
    republic = demo["republic"]
    open_deadline(republic, republic, "execution", dt.date(2026, 11, 23), due=dt.date(2026, 12, 7))
    good = kept_counts()
    for table in (ComplianceSummary, ComplianceRollup):  # each table checked on its own
        table.objects.filter(kind="execution").update(count=7)
        with pytest.raises(CommandError) as refused, translation.override("en"):
            call_command("rebuild_compliance_summary", "--check", stdout=io.StringIO())
        assert "differs" in str(refused.value)
        assert table.objects.filter(kind="execution", count=7).exists()  # a check changes nothing
        out = io.StringIO()
        call_command("rebuild_compliance_summary", stdout=out)
        assert kept_counts() == good
        assert str(len(good[0])) in out.getvalue()
    call_command("rebuild_compliance_summary", "--check", stdout=io.StringIO())  # agrees: no error


@pytest.mark.django_db(transaction=True)
def test_concurrent_closes_into_the_same_row_lose_no_count(demo):
    """Eight transactions close deadlines of the same council, month, kind and body at once: each moves one
    from open to met in the same two summary rows and the same two rows of the roll-up; none is lost."""
    republic = Council.objects.get(code="republic")
    subjects = list(User.objects.order_by("id")[:8])
    deadlines = [
        open_deadline(republic, user, "materials", dt.date(2026, 11, 23), due=dt.date(2026, 12, 15))
        for user in subjects
    ]
    barrier = threading.Barrier(len(deadlines))
    errors = []

    def close(deadline):
        barrier.wait()
        try:
            deadline_close(deadline=deadline, actor=None, now=at(dt.date(2026, 12, 1)))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(d,)) for d in deadlines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    key = (republic.pk, dt.date(2026, 12, 1), "materials", Body.objects.get(code="mvd").pk)
    kept, kept_rollup = kept_counts()
    assert kept.get((*key, "met")) == len(deadlines)
    assert (*key, "open") not in kept  # fell to zero
    assert kept_rollup.get((*key[:3], "met")) == len(deadlines)
    assert (kept, kept_rollup) == rebuilt()


def test_the_migration_adds_up_the_summary_of_an_existing_database_into_the_rollup(demo):
    """A database that had the summary before the roll-up existed: the migration that brings the roll-up fills
    it from the summary (two bodies' counts added up, a row fallen to zero left out). Its data step runs on
    such a database (summary rows, an empty roll-up); going back to 0016 and forward again would undo and redo
    every later migration, for the same step."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    migration = importlib.import_module("council.migrations.0017_compliance_rollup")
    republic = demo["republic"]
    mvd, knb = Body.objects.get(code="mvd").pk, Body.objects.get(code="knb").pk
    month = dt.date(2025, 3, 1)
    ComplianceRollup.objects.all().delete()
    ComplianceSummary.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO council_compliancesummary (council_id, month, kind, body, state, count)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (republic.pk, month, "execution", mvd, "met", 3),
                (republic.pk, month, "execution", knb, "met", 4),
                (republic.pk, month, "execution", knb, "overdue", 1),
                (republic.pk, month, "execution", mvd, "open", 0),
            ],
        )
    migration.fill_from_summary(apps, SimpleNamespace(connection=connection))
    _summary, rollup = kept_counts()  # the whole roll-up is the summary added up over the bodies
    assert rollup[(republic.pk, month, "execution", "met")] == 7
    assert rollup[(republic.pk, month, "execution", "overdue")] == 1
    assert (republic.pk, month, "execution", "open") not in rollup
    assert not ComplianceRollup.objects.filter(count=0).exists()
