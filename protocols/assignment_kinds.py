"""The Office's rules for assignments (seed 003): minimum execution periods by kind (R-003-40..44), shortened
only on a recorded ground, one deadline per assignment (no interim deadlines: a decision carries one date);
periodic assignments reported at each date up to their final date or 31 December (R-003-47). Pure
arithmetic over the council's profile and the working-day calendar."""

import calendar as _stdlib_calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_rule_date, current_calendar

from .models import AssignmentKind, Periodicity, ShorteningGround

MINIMUM_RULES = {
    AssignmentKind.IN_DEPTH: "R-003-40..44.in_depth",
    AssignmentKind.CASE: "R-003-40..44.case",
    AssignmentKind.REQUEST: "R-003-40..44.request",
}


def earliest_due(council, kind, given_on):
    """The earliest deadline an assignment of ``kind`` given on ``given_on`` may have (R-003-40..44), as the
    council's profile and the calendar count it; None for a decision of no such kind."""
    rule_id = MINIMUM_RULES.get(kind)
    return council_rule_date(council, rule_id, given_on) if rule_id else None


def check_period(*, council, kind, shortened_on, period, given_on, due_date):
    """Refuse a kind, ground or periodicity that is not one of the lists, and a deadline shorter than the
    kind's minimum unless a ground is recorded (R-003-40..44). Returns the deadline to store: the one set;
    for a periodic assignment without one, 31 December of the year (R-003-47)."""
    if kind and kind not in AssignmentKind.values:
        raise ValidationError({"kind": _("Choose the kind of assignment from the list.")})
    if shortened_on and shortened_on not in ShorteningGround.values:
        raise ValidationError({"shortened_on": _("Choose the ground from the list.")})
    if period and period not in Periodicity.values:
        raise ValidationError({"period": _("Choose monthly or quarterly.")})
    if period and due_date is None:
        due_date = datetime.date(given_on.year, 12, 31)  # R-003-47
    earliest = earliest_due(council, kind, given_on)
    if earliest and due_date is not None and due_date < earliest and not shortened_on:
        raise ValidationError(
            {
                "due_date": _(
                    "%(kind)s: at least until %(date)s (R-003-40..44). A shorter period needs its ground: an "
                    "instruction of the President, the Presidential Administration or the Prosecutor General, or a "
                    "law."
                )
                % {"kind": AssignmentKind(kind).label, "date": earliest.strftime("%d.%m.%Y")}
            }
        )
    return due_date


def occurrences(*, period, start, end, calendar=None):
    """R-003-47: the report dates of a periodic assignment given on ``start`` up to ``end``: the last day of
    every month (or quarter) after ``start``, moved to the next working day when it is a day off, and the
    final date ``end`` itself (a decision of this system: the period's last day is its report date)."""
    calendar = calendar or current_calendar()
    step = 1 if period == Periodicity.MONTHLY else 3
    dates, year, month = [], start.year, start.month
    if step == 3:
        month = 3 * ((month - 1) // 3) + 3  # the quarter's last month
    while True:
        day = datetime.date(year, month, _stdlib_calendar.monthrange(year, month)[1])
        if day > end:
            break
        if day > start:
            dates.append(calendar.next_working_day(day))
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return sorted({min(d, end) for d in dates} | {end})
