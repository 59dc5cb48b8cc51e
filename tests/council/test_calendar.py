"""The Kazakhstan working-day calendar (pure, no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council.calendar import Correction, default_calendar, russian_name

D = dt.date
cal = default_calendar()
days = st.dates(min_value=D(2012, 1, 1), max_value=D(2035, 12, 31))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 11, 23), True),  # a Monday
        (D(2026, 11, 21), False),  # Saturday
        (D(2026, 11, 22), False),  # Sunday
        (D(2026, 1, 1), False),  # New Year
        (D(2026, 1, 2), False),
        (D(2026, 1, 7), False),  # Orthodox Christmas
        (D(2026, 3, 8), False),  # Women's Day on a Sunday ...
        (D(2026, 3, 9), False),  # ... moves to Monday
        (D(2026, 3, 21), False),  # Nauryz on Saturday
        (D(2026, 3, 23), False),  # Nauryz
        (D(2026, 3, 24), False),  # Nauryz moved from the weekend
        (D(2026, 3, 25), False),
        (D(2026, 3, 26), True),
        (D(2026, 12, 16), False),  # Independence Day
        (D(2024, 5, 4), True),  # a Saturday made a working day by decree (moved to 8 May)
        (D(2024, 5, 8), False),
        (D(2025, 1, 3), False),  # moved from Sunday 5 January 2025 by decree
        (D(2025, 1, 5), True),
        (D(2024, 6, 16), False),  # Kurban ait on a Sunday ...
        (D(2024, 6, 17), True),  # ... is a religious holiday: not moved
        (D(2024, 2, 29), True),  # leap day, a Thursday
    ],
)
def test_working_days_of_kazakhstan(day, working):
    assert cal.is_working_day(day) is working


def test_add_working_days_counts_from_the_day_after_and_skips_nauryz():
    # Friday 20 March 2026 + 5 working days: 21-25 March are days off.
    assert cal.add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 26)
    assert cal.add_working_days(D(2026, 3, 20), 5) == D(2026, 4, 1)


def test_add_working_days_across_the_new_year():
    assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)


def test_add_working_days_refuses_zero():
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 1, 5), 0)


def test_working_days_between():
    assert cal.working_days_between(D(2026, 3, 20), D(2026, 3, 31)) == 4
    assert cal.working_days_between(D(2026, 3, 31), D(2026, 3, 20)) == -4
    assert cal.working_days_between(D(2026, 3, 20), D(2026, 3, 20)) == 0


def test_corrections_layer_over_the_statute():
    decree = [
        Correction(D(2027, 1, 8), working=False, name_ru="Выходной (перенос)"),
        Correction(D(2027, 1, 16), working=True),
    ]
    corrected = cal.with_corrections(decree)
    assert cal.is_working_day(D(2027, 1, 8))
    assert not corrected.is_working_day(D(2027, 1, 8))
    assert corrected.is_working_day(D(2027, 1, 16))  # a Saturday
    assert D(2027, 1, 16) in corrected.working_weekend_days(2027)
    assert any(d.day == D(2027, 1, 8) and d.source == "decree" for d in corrected.days_off(2027))


def test_days_off_have_kazakh_and_russian_names():
    days_off = {d.day: d for d in cal.days_off(2026)}
    assert days_off[D(2026, 3, 21)].name_kk == "Наурыз мейрамы"
    assert days_off[D(2026, 3, 21)].name_ru == "Наурыз мейрамы"
    assert days_off[D(2026, 12, 16)].name_ru == "День Независимости"
    assert "перенесённый выходной" in days_off[D(2026, 3, 9)].name_ru
    assert all(d.name_ru and d.name_kk for d in days_off.values())


def test_russian_name_of_a_decreed_move():
    assert russian_name("Day off (substituted from 01/05/2025)") == "Выходной день (перенесён с 05.01.2025)"


@given(days, st.integers(min_value=1, max_value=40))
def test_add_working_days_lands_on_a_working_day_exactly_n_working_days_later(day, n):
    result = cal.add_working_days(day, n)
    assert cal.is_working_day(result)
    assert result > day
    assert cal.working_days_between(day, result) == n


@given(days, st.integers(min_value=1, max_value=40))
def test_subtract_is_the_inverse_of_add_on_working_days(day, n):
    start = cal.next_working_day(day)
    assert cal.subtract_working_days(cal.add_working_days(start, n), n) == start


@given(days, days)
def test_working_days_between_is_additive(a, b):
    mid = a + (b - a) / 2 if b >= a else b + (a - b) / 2
    assert cal.working_days_between(a, b) == cal.working_days_between(a, mid) + cal.working_days_between(mid, b)


@given(days)
def test_next_and_previous_working_day_are_working_days_around_the_day(day):
    nxt, prev = cal.next_working_day(day), cal.previous_working_day(day)
    assert cal.is_working_day(nxt) and cal.is_working_day(prev)
    assert prev <= day <= nxt
    assert (nxt == day) == cal.is_working_day(day)
