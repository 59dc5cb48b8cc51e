"""The compliance dashboard reads the summary, not the deadlines, and shows the same figures as counting the
deadlines themselves (R-000-11d); its number of queries does not grow with the deadlines."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.compliance_summary import COUNTED_KINDS, rebuild, rollup_rows, summary_rows
from council.deadline_services import deadline_close, deadline_open, deadline_sweep, deadline_waive
from council.models import Body, Council, User
from protocols.compliance import KINDS, figures_from_deadlines, figures_from_summary
from protocols.models import Assignment
from protocols.review import assignment_cancel
from protocols.services import protocol_dispatch
from tests.helpers import at

pytestmark = pytest.mark.django_db
SENT = at(dt.date(2026, 12, 8), 9)
BODIES = ["mvd", "knb", "gpo", "vap", None]


@pytest.fixture
def sent(signed, user_named):
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    return signed


def open_many(count, *, first_due, offset=0):
    """``count`` deadlines of every followed kind, council and body, due a few days apart from ``first_due``."""
    councils = list(Council.objects.order_by("id"))
    users = list(User.objects.order_by("id"))
    bodies = {code: Body.objects.get(code=code) if code else None for code in BODIES}
    kinds = itertools.cycle(KINDS)
    opened = []
    for i in range(count):
        kind, body = next(kinds), BODIES[i % len(BODIES)]
        opened.append(
            deadline_open(
                council=councils[i % len(councils)],
                subject=users[(offset + i) % len(users)],
                kind=kind,
                rule_id="R-000-10c",
                anchor=first_due,
                title=("Мерзім", "Срок"),
                responsible_body=bodies[body],
                now=at(first_due - dt.timedelta(days=10)),
                due_date=first_due + dt.timedelta(days=3 * i),
            )
        )
    return opened


def periods(year):
    yield dt.date(year, 1, 1), dt.date(year, 12, 31)
    for q in range(4):
        start = dt.date(year, 3 * q + 1, 1)
        yield start, (dt.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - dt.timedelta(days=1))


def assert_same_figures(today):
    ids = list(Council.objects.values_list("id", flat=True))
    for year in (2026, 2027):
        for start, end in periods(year):
            old = figures_from_deadlines(ids=ids, start=start, end=end, today=today)
            new = figures_from_summary(ids=ids, start=start, end=end, today=today)
            assert new == old, (today, start, end)


def test_the_dashboards_figures_equal_the_count_over_the_deadlines(sent, user_named):
    """Deadlines on time, late, overdue (marked by the sweep, and past due before the sweep has run), pending,
    waived and cancelled with their assignment (R-003-49), with and without a responsible body, judged on
    days in the middle of a month, on its first day and on the last."""
    assert set(KINDS) <= COUNTED_KINDS  # every measure of the dashboard is counted in the summary
    opened = open_many(45, first_due=dt.date(2026, 11, 2))  # 2 November 2026 to 11 March 2027
    for d in opened[::4]:
        deadline_close(deadline=d, actor=None, now=at(d.due_date - dt.timedelta(days=1)))
    for d in opened[1::6]:
        deadline_close(deadline=d, actor=None, now=at(d.due_date + dt.timedelta(days=2)))
    deadline_sweep(now=at(dt.date(2027, 1, 12), 9), email=False)  # overdue marks up to 11 January
    for d in opened[2::8]:
        deadline_close(deadline=d, actor=None, now=at(dt.date(2027, 1, 13)))  # overdue ones met late
    for d in opened[3::12]:
        deadline_waive(deadline=d, actor=None, reason="Утратило актуальность", now=at(dt.date(2027, 1, 13)))
    lead = Assignment.objects.get(decision__item__protocol=sent, responsible=True)
    per_council, _bodies = figures_from_summary(
        ids=[lead.council_id], start=dt.date(2027, 1, 1), end=dt.date(2027, 3, 31), today=dt.date(2027, 1, 20)
    )
    assert per_council[lead.council_id]["execution"].total >= 1
    for today in (dt.date(2027, 1, 20), dt.date(2027, 2, 1), dt.date(2027, 2, 28), dt.date(2026, 12, 15)):
        assert_same_figures(today)
    assignment_cancel(actor=user_named("secretary"), assignment=lead, reason="Утратило актуальность", now=SENT)
    assert_same_figures(dt.date(2027, 1, 20))
    kept = summary_rows(), rollup_rows()
    rebuild()
    assert (summary_rows(), rollup_rows()) == kept


def test_the_page_shows_the_figures_of_the_deadlines(sent, client, sign_in, time_machine):
    """The export of the page (the figures as shown) against the count over the deadlines."""
    open_many(30, first_due=dt.date(2027, 1, 4))
    deadline_sweep(now=at(dt.date(2027, 2, 10), 9), email=False)
    time_machine.move_to(at(dt.date(2027, 2, 16)))
    sign_in("secretary")
    response = client.get(reverse("protocols:compliance"), {"year": 2027, "format": "csv"})
    assert response.status_code == 200
    lines = response.content.decode().splitlines()[1:]
    shown_councils = {line.split(",")[0] for line in lines}  # the councils the secretary oversees
    assert len(shown_councils) > 1
    councils = {c.pk: c.code for c in Council.objects.filter(code__in=shown_councils)}
    per_council, _bodies = figures_from_deadlines(
        ids=list(councils), start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31), today=dt.date(2027, 2, 16)
    )
    expected = {
        f"{councils[pk]},{kind},{t.on_time},{t.late},{t.overdue},{t.pending},{t.waived}"
        for pk, tallies in per_council.items()
        for kind, t in tallies.items()
        if t.total or t.waived
    }
    shown = {",".join(line.split(",")[:2] + line.split(",")[3:]) for line in lines}
    assert expected and expected <= shown


def test_the_dashboards_queries_do_not_grow_with_the_deadlines(sent, client, sign_in, time_machine):
    time_machine.move_to(at(dt.date(2027, 2, 16)))
    sign_in("secretary")
    url = reverse("protocols:compliance")
    open_many(10, first_due=dt.date(2027, 1, 4))
    with CaptureQueriesContext(connection) as few:
        response = client.get(url, {"year": 2027})
    assert response.status_code == 200
    open_many(120, first_due=dt.date(2026, 12, 1), offset=10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"year": 2027})
    assert response.status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries), "\n".join(
        q["sql"][:150] for q in few.captured_queries + [{"sql": "-----"}] + many.captured_queries
    )
    counted_over_deadlines = [
        q["sql"] for q in many.captured_queries if "council_deadline" in q["sql"] and "BETWEEN" in q["sql"]
    ]
    assert not counted_over_deadlines  # the period's figures come from the summary
