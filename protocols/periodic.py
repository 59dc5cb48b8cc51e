"""A periodic assignment's report dates as deadline rows (R-003-47): opened when the assignment is created,
and kept in step with its final date when an extension moves it (R-003-19)."""

from django.utils.translation import gettext_lazy as _

from council.deadline_services import deadline_open, deadline_waive
from council.models import Deadline
from council.notify import bilingual
from council.selectors import deadlines_of

from .assignment_kinds import occurrences

PREFIX = "periodic-"


def _report_dates(assignment):
    """The report dates before the final date, which is the assignment's own execution row."""
    decision = assignment.decision
    start = decision.item.protocol.meeting.date
    return [
        d for d in occurrences(period=decision.period, start=start, end=assignment.due_date) if d != assignment.due_date
    ]


def _open_row(assignment, day, *, actor, now):
    decision = assignment.decision
    number = f"{decision.item.number}.{decision.number}"
    deadline_open(
        council=assignment.council,
        subject=assignment,
        kind=f"{PREFIX}{day.isoformat()}",
        rule_id="R-003-47",
        anchor=day,
        due_date=day,
        now=now,
        actor=actor,
        responsible_body=assignment.body,
        title=bilingual(
            _("Periodic report on decision %(number)s for %(date)s"), number=number, date=day.strftime("%d.%m.%Y")
        ),
    )


def occurrences_open(assignment, *, actor, now):
    """R-003-47: a periodic assignment's report dates, each a deadline row, up to its final date (31 December
    when none was set)."""
    for day in _report_dates(assignment):
        _open_row(assignment, day, actor=actor, now=now)


def occurrences_follow(assignment, *, actor, now, reason):
    """R-003-47 after an extension (R-003-19): the report dates follow the new final date. A row still open
    on or after it is waived with ``reason`` (the final date is the execution row's); the dates up to it
    that have no row yet are opened. A row already met, on time or late, stays as it is."""
    if not (assignment.responsible and assignment.decision.period):
        return
    wanted = set(_report_dates(assignment))
    rows = list(deadlines_of(assignment).filter(kind__startswith=PREFIX))
    for row in rows:
        if row.is_active and row.due_date not in wanted:
            deadline_waive(deadline=row, actor=actor, reason=reason, now=now)
    # A date whose row was waived before (a final date brought earlier, then moved on again) is due again.
    kept = {row.kind for row in rows if row.state != Deadline.State.WAIVED}
    for day in sorted(wanted):
        if f"{PREFIX}{day.isoformat()}" not in kept:
            _open_row(assignment, day, actor=actor, now=now)
