"""The suite's clock: every test runs at one instant the suite sets, never at the machine's date.

The instant is 10:00 in Astana on the suite's date: 23 November 2026 unless ``SUITE_DATE=YYYY-MM-DD`` (or
``pytest --suite-date``) names another day, so that a fixture which assumes a date fails in CI rather than
in a user's calendar. The clock travels there when pytest is configured, before any fixture builds data, and
every test starts again at that instant (``_suite_instant`` in ``tests/conftest.py``); the clock ticks from
there, so timeouts and ordering by time still work. A test about another day moves to it with the
``time_machine`` fixture and names the day.

Test code asks this module for "now" and "today" (``clock.now()``, ``clock.today()``, ``NOW``, ``TODAY``);
``tests/test_clock.py`` fails when a test module reads the clock any other way.
"""

import datetime as dt
import os

import time_machine

TZ = dt.timezone(dt.timedelta(hours=5))  # Astana
DEFAULT_DATE = dt.date(2026, 11, 23)  # a Monday


def _parse(value):
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise SystemExit(f"SUITE_DATE must be a date as YYYY-MM-DD, not {value!r}") from error


def _settle(day):
    """Make ``day`` the suite's date: ``TODAY``, its instant ``NOW`` and its ``OFFSET`` from the day the
    fixtures were written for (fixtures that lay out a calendar relative to "today" name days with ``day()``)."""
    global TODAY, NOW, OFFSET
    TODAY = day
    NOW = dt.datetime.combine(day, dt.time(10), tzinfo=TZ)
    OFFSET = day - DEFAULT_DATE


_settle(_parse(os.environ["SUITE_DATE"]) if os.environ.get("SUITE_DATE") else DEFAULT_DATE)
_session = None


def start(day=None):
    """Travel to the suite's instant (``day`` overrides the date) for the whole session."""
    global _session
    if day is not None and day != TODAY:
        _settle(day)
        os.environ["SUITE_DATE"] = day.isoformat()
    _session = time_machine.travel(NOW, tick=True)
    _session.start()


def stop():
    global _session
    if _session is not None:
        _session.stop()
        _session = None


def at_instant():
    """A context manager that puts the clock back at the suite's instant (ticking from there)."""
    return time_machine.travel(NOW, tick=True)


def day(year, month, day_):
    """The fixtures' day ``year-month-day_`` (written for 23 November 2026) moved with the suite's date by
    whole weeks, so that it keeps its weekday and its distance from "today" to within three days."""
    weeks = round(OFFSET.days / 7)
    return dt.date(year, month, day_) + dt.timedelta(weeks=weeks)


def next_half_year():
    """The first day of the half-year after the suite's date's (1 January 2027 by default)."""
    return dt.date(TODAY.year, 7, 1) if TODAY.month <= 6 else dt.date(TODAY.year + 1, 1, 1)


def planned_meeting():
    """The day of the plan's meeting in ``next_half_year()``: its 22nd day, or the first working day after it
    (22 January 2027 by default)."""
    from council.calendar import default_calendar

    return default_calendar().next_working_day(next_half_year() + dt.timedelta(days=21))


def now():
    """The suite's "now" as the code under test reads it (the travelled clock)."""
    from django.utils import timezone

    return timezone.now()


def today():
    """The suite's "today" in the project's time zone (the travelled clock)."""
    from django.utils import timezone

    return timezone.localdate()
