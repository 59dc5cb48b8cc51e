"""Deadline wording in working days of the Kazakhstan calendar: late, today, ahead; one and many.

The regulation counts periods in working days (R-000-11a: 5 working days to draw up the protocol;
R-000-11c: 2 working days to send it), so the days-left column counts them too, on the calendar that
skips Saturdays, Sundays and holidays (16 December 2026, Independence Day, a Wednesday).
"""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from council.deadline_services import deadline_open
from council.models import Body, Council

pytestmark = pytest.mark.django_db  # the calendar reads the decrees entered in the application
MON = dt.date(2026, 11, 23)  # a Monday
FRI_BEFORE = dt.date(2026, 11, 20)


def cell(due, today, language="en"):
    template = Template("{% load council_tags %}{% due_in due today as left %}{{ left.tone }}|{{ left }}")
    with translation.override(language):
        return template.render(Context({"due": due, "today": today}))


def translated(msgid, language):
    with translation.override(language):
        return translation.gettext(msgid) != msgid


@pytest.mark.parametrize(
    ("due", "today", "shown"),
    [
        (MON, MON, "warn|due today"),
        (MON + dt.timedelta(days=1), MON, "warn|1 working day left"),
        (MON + dt.timedelta(days=2), MON, "|2 working days left"),
        (FRI_BEFORE, MON, "bad|1 working day late"),
        (FRI_BEFORE, MON + dt.timedelta(days=2), "bad|3 working days late"),
        (FRI_BEFORE, dt.date(2026, 11, 21), "bad|overdue"),  # Saturday: no working day has passed yet
        # Tuesday 15 December to Thursday 17 December: the 16th is Independence Day, one working day is left.
        (dt.date(2026, 12, 17), dt.date(2026, 12, 15), "warn|1 working day left"),
        # Monday 7 December to Monday 14 December: 5 working days, not "1 week".
        (dt.date(2026, 12, 14), dt.date(2026, 12, 7), "|5 working days left"),
    ],
)
def test_wording_in_working_days(due, today, shown):
    assert cell(due, today) == shown


@pytest.mark.parametrize(
    ("language", "due", "today", "shown"),
    [
        ("ru", FRI_BEFORE, MON + dt.timedelta(days=2), "просрочено на 3 рабочих дня"),
        ("ru", FRI_BEFORE, MON, "просрочено на 1 рабочий день"),
        ("ru", dt.date(2026, 12, 14), dt.date(2026, 12, 7), "осталось 5 рабочих дней"),
        ("ru", MON + dt.timedelta(days=2), MON, "осталось 2 рабочих дня"),
        ("ru", MON, MON, "срок сегодня"),
        ("kk", FRI_BEFORE, MON + dt.timedelta(days=2), "3 жұмыс күнге кешікті"),
        ("kk", MON + dt.timedelta(days=2), MON, "2 жұмыс күні қалды"),
        ("kk", MON, MON, "мерзімі бүгін"),
    ],
)
def test_wording_in_kazakh_and_russian(language, due, today, shown):
    if not translated("due today", language):
        pytest.skip("the catalogs are regenerated with these messages after merging")
    assert cell(due, today, language).split("|")[1] == shown


def test_the_deadline_table_counts_working_days_late_not_minutes(client, user_named, time_machine):
    """The returned materials of R-000-10c (3 calendar days from Monday 23 November: Thursday 26) read on
    Tuesday 1 December are 3 working days late (27, 30 November, 1 December), and the row links to the
    page where the work is done."""
    republic = Council.objects.get(code="republic")
    user = user_named("secretary")
    user.preferred_language = "en"
    user.save()
    row = deadline_open(
        council=republic,
        subject=republic,
        kind="rework",
        rule_id="R-000-10c",
        anchor=MON,
        title=("Материалдарды пысықтау", "Доработка материалов"),
        responsible_body=Body.objects.get(code="mvd"),
        now=dt.datetime(2026, 11, 23, 8, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    )
    row.url = "/councils/republic/"
    row.save(update_fields=["url"])
    time_machine.move_to(dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    client.force_login(user)
    text = client.get(reverse("my_deadlines")).content.decode()
    assert "3 working days late" in text
    assert "minutes" not in text
    assert '<a href="/councils/republic/">' in text
