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
        previous = start
        for day in [*meetings, end]:
            if add_months(previous, 2) < day:
                warnings.append(
                    Warning(
                        "R-001-3b",
                        _(
                            "No meeting is planned between %(from)s and %(to)s: the group meets at least once "
                            "every two months."
                        )
                        % {"from": previous.strftime("%d.%m.%Y"), "to": day.strftime("%d.%m.%Y")},
                    )
                )
            previous = day
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
