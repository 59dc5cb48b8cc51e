"""Every rule of REGULATION.md computed by its id (pure, no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council.calendar import Correction, default_calendar
from council.deadlines import RULES, UnknownRule, add_months, due_date

D = dt.date
cal = default_calendar()


@pytest.mark.parametrize(
    ("rule_id", "anchor", "expected"),
    [
        # R-000-10b: 20 calendar days before the meeting; a day off moves back to a working day.
        ("R-000-10b", D(2026, 12, 10), D(2026, 11, 20)),
        ("R-000-10b", D(2026, 4, 13), D(2026, 3, 20)),  # 24 March is Nauryz: back to Friday 20 March
        ("R-000-10b", D(2026, 12, 14), D(2026, 11, 24)),
        ("R-000-10b", D(2026, 12, 13), D(2026, 11, 23)),
        ("R-000-10b", D(2026, 12, 12), D(2026, 11, 20)),  # 22 Nov is a Sunday: back to Friday
        # R-000-10c: rework within 3 calendar days; a day off moves forward.
        ("R-000-10c", D(2026, 11, 23), D(2026, 11, 26)),
        ("R-000-10c", D(2026, 11, 19), D(2026, 11, 23)),  # Sunday 22 -> Monday 23
        ("R-000-10c", D(2025, 12, 29), D(2026, 1, 5)),  # 1 January -> first working day
        # R-000-10e: agenda 3 calendar days before the meeting.
        ("R-000-10e", D(2026, 12, 10), D(2026, 12, 7)),
        ("R-000-10e", D(2026, 3, 26), D(2026, 3, 20)),  # 23 March Nauryz -> back to 20 March
        ("R-000-10e", D(2026, 12, 21), D(2026, 12, 18)),
        # R-000-11a: protocol within 5 working days of the meeting.
        ("R-000-11a", D(2026, 11, 23), D(2026, 11, 30)),
        ("R-000-11a", D(2026, 3, 20), D(2026, 4, 1)),  # over Nauryz
        ("R-000-11a", D(2026, 12, 11), D(2026, 12, 21)),  # over Independence Day 16 December
        ("R-000-11a", D(2025, 12, 29), D(2026, 1, 8)),  # over the new year and Orthodox Christmas
        # R-000-11c: dispatch within 2 working days of signing.
        ("R-000-11c", D(2026, 11, 27), D(2026, 12, 1)),
        ("R-000-11c", D(2024, 5, 3), D(2024, 5, 6)),  # Saturday 4 May 2024 was a working day
        # R-000-11e: co-executors 5 calendar days before the execution deadline.
        ("R-000-11e", D(2026, 12, 31), D(2026, 12, 25)),  # 26 December is a Saturday
        ("R-000-11e", D(2026, 3, 1), D(2026, 2, 24)),
        # R-001-3e: monitoring-group protocol within 5 working days.
        ("R-001-3e", D(2026, 5, 8), D(2026, 5, 18)),  # Victory Day on Saturday moves to Monday 11 May
        # R-001-3f: executors report within 5 working days of receiving the protocol.
        ("R-001-3f", D(2026, 7, 3), D(2026, 7, 13)),  # Capital Day, Monday 6 July
        # R-002-8: published 10 days before the report.
        ("R-002-8", D(2027, 2, 20), D(2027, 2, 10)),
        ("R-002-8", D(2027, 3, 3), D(2027, 2, 19)),  # 21 February 2027 is a Sunday
        # R-003-19: a change at least one month before the item's deadline; month ends clamp.
        ("R-003-19", D(2026, 3, 31), D(2026, 2, 27)),  # 28 February 2026 is a Saturday
        ("R-003-19", D(2028, 3, 30), D(2028, 2, 29)),  # leap year
        # R-003-23: one month from the meeting.
        ("R-003-23", D(2026, 1, 31), D(2026, 3, 2)),  # 28 February is a Saturday -> next working day
        ("R-003-23", D(2028, 1, 31), D(2028, 2, 29)),  # leap year
        ("R-003-23", D(2026, 2, 20), D(2026, 3, 20)),
        ("R-003-23", D(2026, 2, 23), D(2026, 3, 26)),  # 23 March Nauryz ... 25 -> 26 March
        ("R-003-23", D(2026, 11, 16), D(2026, 12, 17)),  # 16 December Independence Day
        # R-004-5: by the 5th of the month after the quarter.
        ("R-004-5", D(2026, 2, 10), D(2026, 4, 6)),  # 5 April 2026 is a Sunday
        ("R-004-5", D(2026, 11, 23), D(2027, 1, 5)),
        ("R-004-5", D(2026, 7, 1), D(2026, 10, 5)),
        # R-003-12: annual proposals by 25 November, quarterly by the 5th of the month before the quarter.
        ("R-003-12.annual", D(2027, 1, 1), D(2026, 11, 25)),
        ("R-003-12.quarterly", D(2027, 1, 1), D(2026, 12, 7)),  # 5 December 2026 is a Saturday
        ("R-003-12.quarterly_draft", D(2027, 4, 1), D(2027, 3, 25)),
    ],
)
def test_due_date_by_rule(rule_id, anchor, expected):
    assert due_date(rule_id, anchor) == expected


def test_unknown_rule_is_a_clear_error():
    with pytest.raises(UnknownRule, match="R-999"):
        due_date("R-999", D(2026, 1, 1))


def test_a_decree_entered_later_moves_new_deadlines():
    decree = cal.with_corrections([Correction(D(2026, 11, 30), working=False)])
    assert due_date("R-000-11a", D(2026, 11, 23)) == D(2026, 11, 30)
    assert due_date("R-000-11a", D(2026, 11, 23), calendar=decree) == D(2026, 12, 1)


def test_profile_overrides_change_the_amount():
    assert due_date("R-000-10b", D(2026, 12, 10), overrides={"amount": 10}) == D(2026, 11, 30)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


anchors = st.dates(min_value=D(2013, 1, 1), max_value=D(2034, 12, 31))


@given(st.sampled_from(sorted(RULES)), anchors)
def test_every_rule_lands_on_a_working_day(rule_id, anchor):
    due = due_date(rule_id, anchor)
    if RULES[rule_id].unit != "same_day":
        assert cal.is_working_day(due)


@given(anchors)
def test_before_rules_leave_the_full_period(anchor):
    # R-000-10b: the secretary gets materials at least 20 days ahead, never fewer.
    assert (anchor - due_date("R-000-10b", anchor)).days >= 20
    assert (anchor - due_date("R-000-10e", anchor)).days >= 3
    assert (anchor - due_date("R-000-11e", anchor)).days >= 5


@given(anchors)
def test_after_rules_never_end_early(anchor):
    assert (due_date("R-000-10c", anchor) - anchor).days >= 3
    assert cal.working_days_between(anchor, due_date("R-000-11a", anchor)) == 5
    assert cal.working_days_between(anchor, due_date("R-000-11c", anchor)) == 2
