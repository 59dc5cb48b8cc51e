"""Coverage warnings of a plan (pure: plain inputs, no database).

- R-000-9c: the coordination council meets at least once per quarter: a quarter of the plan's period
  with no planned meeting is reported.
- R-002-4: the police chief reports to the public in the first quarter of each year.
- R-001-3b: the monitoring group meets at least once every two months: a gap of more than two months
  without a planned meeting (from the period's start, between meetings, up to its end) is reported.
- Every item needs a responsible executor (R-000-10a: the body listed first prepares the materials).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from council.deadlines import add_months


@dataclass(frozen=True)
class Warning:
    rule: str
    message: str


def quarters_between(start: datetime.date, end: datetime.date):
    """(year, quarter) of every quarter that overlaps [start, end]."""
    result, day = [], datetime.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while day <= end:
        result.append((day.year, (day.month - 1) // 3 + 1))
        day = add_months(day, 3)
    return result


MEETING_GAP_MONTHS = 2  # R-001-3b: "at least once every two months"


def meeting_gaps(*, start, end, meeting_dates, months=MEETING_GAP_MONTHS):
    """R-001-3b, the one place the rule is counted: (from, to) of every stretch of more than ``months``
    months without a meeting, from ``start`` (or the last meeting before it), between meetings, up to
    ``end``. A group that meets exactly every two months (15 January, 15 March) has no gap."""
    dates = sorted(d for d in meeting_dates if d and d <= end)
    before = [d for d in dates if d < start]
    previous = before[-1] if before else start
    gaps = []
    for day in [*(d for d in dates if d >= start), end]:
        if add_months(previous, months) < day:
            gaps.append((previous, day))
        previous = max(previous, day)
    return gaps


def coverage_warnings(*, start, end, min_meetings, meeting_dates, items_without_responsible):
    """``min_meetings`` is the profile's {"per": "quarter" | "two_months" | ..., "count": n}."""
    warnings = []
    meetings = sorted(d for d in meeting_dates if d and start <= d <= end)
    per = (min_meetings or {}).get("per")
    if per == "quarter":
        planned = {(d.year, (d.month - 1) // 3 + 1) for d in meetings}
        for year, quarter in quarters_between(start, end):
            if (year, quarter) not in planned:
                warnings.append(
                    Warning(
                        "R-000-9c",
                        _(
                            "No meeting is planned in quarter %(quarter)s of %(year)s: the council meets at least "
                            "once per quarter."
                        )
                        % {"quarter": quarter, "year": year},
                    )
                )
    elif per == "year_first_quarter":  # R-002-4: the police chief reports in the first quarter of each year
        held = {d.year for d in meetings if d.month <= 3}
        for year in sorted({y for y, q in quarters_between(start, end) if q == 1}):
            if year not in held:
                warnings.append(
                    Warning(
                        "R-002-4",
                        _("No report to the public is scheduled in the first quarter of %(year)s.") % {"year": year},
                    )
                )
    elif per == "two_months":
        for gap_from, gap_to in meeting_gaps(start=start, end=end, meeting_dates=meetings):
            warnings.append(
                Warning(
                    "R-001-3b",
                    _(
                        "No meeting is planned between %(from)s and %(to)s: the group meets at least once "
                        "every two months."
                    )
                    % {"from": gap_from.strftime("%d.%m.%Y"), "to": gap_to.strftime("%d.%m.%Y")},
                )
            )
    for number in items_without_responsible:
        warnings.append(Warning("R-000-10a", _("Item %(number)s has no responsible executor.") % {"number": number}))
    return warnings


PERIOD_MONTHS = {"quarter": 3, "half_year": 6, "year": 12}


def period_start(day: datetime.date, period: str) -> datetime.date:
    """The first day of the quarter, half-year or year that contains ``day``."""
    months = PERIOD_MONTHS[period]
    return datetime.date(day.year, months * ((day.month - 1) // months) + 1, 1)


def period_end(start: datetime.date, period: str) -> datetime.date:
    return add_months(start, PERIOD_MONTHS[period]) - datetime.timedelta(days=1)
