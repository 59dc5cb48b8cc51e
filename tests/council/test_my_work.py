""" "My work": the home page lists what awaits each person across their councils, earliest due first, each
row a link to the page where it is done; the header counts it."""

import datetime as dt
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.calendar import default_calendar
from plans import services as plans
from secretariat.models import AgendaItem
from secretariat.services import material_submit
from tests.helpers import NOW, pdf_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_plan(demo, user_named, approved_item):
    """The approved plan of 2027 H1 (``approved_item``) and a plan for 2027 H2 submitted to the chair."""
    secretary = user_named("secretary")
    plan = plans.plan_create(actor=secretary, council=demo["republic"], start=dt.date(2027, 7, 1), now=NOW)
    plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={"question_kk": "Жемқорлық туралы", "question_ru": "О коррупции", "planned_meeting": dt.date(2027, 9, 1)},
    )
    plans.plan_submit(actor=secretary, plan=plan, now=NOW)
    return plan


def home(client, user, language="ru"):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_chair_is_told_a_plan_awaits_his_approval_on_my_work_and_on_approvals(
    client, user_named, submitted_plan, time_machine
):
    """R-000-6, R-000-9a: the chair approves the plan; "Approvals" no longer says nothing awaits him."""
    time_machine.move_to(NOW)
    chair = user_named("chair")
    page = home(client, chair, "en")
    assert "The plan for 01.07.2027–31.12.2027 awaits your approval" in page
    assert f'<a href="{submitted_plan.get_absolute_url()}">' in page
    assert 'data-group="approvals"' in page
    approvals = client.get(reverse("territorial:approvals_awaiting")).content.decode()
    assert "The plan for 01.07.2027–31.12.2027 awaits your approval" in approvals
    assert "Nothing is awaiting your decision." not in approvals
    # Nobody else is asked to approve it.
    assert "awaits your approval" not in home(client, user_named("member_mvd"), "en")
    assert "awaits your approval" not in home(client, user_named("secretary"), "en")


def test_a_body_employee_reaches_the_upload_form_in_one_click(client, user_named, scheduled_item, time_machine):
    """R-000-10b: the materials of the meeting are due 20 calendar days before it, moved back to a working
    day (at the default date: the 22 January 2027 meeting, 2 January 2027 a Saturday, so Thursday
    31 December 2026): the row links to the upload form."""
    calendar = default_calendar()
    materials = calendar.previous_working_day(scheduled_item.meeting.date - dt.timedelta(days=20))
    contributions = calendar.previous_working_day(materials - dt.timedelta(days=5))
    time_machine.move_to(NOW)
    page = home(client, user_named("sec_mvd"), "en")
    url = reverse("secretariat:item_materials", args=[scheduled_item.pk])
    assert f'<a href="{url}">' in page
    assert "R-000-10b" in page
    assert f"{materials:%d.%m.%Y}" in page
    assert client.get(url).status_code == 200
    # The co-executor (KNB) gives its contribution 5 calendar days before (R-000-10a.contributions), the
    # materials themselves are not its work; a member has neither.
    knb = home(client, user_named("sec_knb"), "en")
    assert "R-000-10a.contributions" in knb and f"{contributions:%d.%m.%Y}" in knb and "R-000-10b" not in knb
    assert url not in home(client, user_named("member_mvd"), "en")


def test_the_secretary_checks_arrived_materials_and_the_list_is_ranked_by_due_date(
    client, user_named, scheduled_item, submitted_plan, time_machine
):
    time_machine.move_to(NOW)
    material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("note.pdf", pdf_of(2)),
        now=NOW,
    )
    assert AgendaItem.objects.get(pk=scheduled_item.pk).status == AgendaItem.Status.SUBMITTED
    page = home(client, user_named("secretary"), "en")
    assert "Materials arrived: 1. О преступности" in page or "Materials arrived: 1. Қылмыс туралы" in page
    dates = [d for d in (f"{scheduled_item.meeting.date:%d.%m.%Y}", "01.07.2027") if d in page]
    assert dates and page.index(dates[0]) < page.index("My councils")
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    due = [dt.datetime.strptime(d, "%d.%m.%Y").date() for d in re.findall(r"<td>(\d\d\.\d\d\.\d{4})</td>", rows)]
    assert due == sorted(due) and due


def test_the_header_counts_my_work(client, user_named, submitted_plan, time_machine):
    time_machine.move_to(NOW)
    page = home(client, user_named("chair"), "en")
    count = page.count('<tr data-group="')
    assert count >= 1
    assert f'tasks await you">{count}</span>' in page or f'task awaits you">{count}</span>' in page


def test_my_work_costs_the_same_whatever_the_number_of_rows(
    client, user_named, demo, django_assert_max_num_queries, time_machine
):
    from tests.factories import DeadlineFactory

    time_machine.move_to(NOW)
    secretary = user_named("secretary")
    client.force_login(secretary)
    DeadlineFactory.create_batch(2, council=demo["republic"])
    with django_assert_max_num_queries(40) as few:
        assert client.get(reverse("home")).status_code == 200
    DeadlineFactory.create_batch(30, council=demo["republic"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("home")).status_code == 200


def _rows(page):
    """The rows of "My work": (what, due date as shown), in the order shown."""
    if "<tbody>" not in page:
        return []
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    found = re.findall(
        r'<tr data-group="[^"]*">\s*<td>(?:<a [^>]*>)?(.*?)[<].*?<td>[^<]*</td>\s*<td>([^<]*)</td>', body, re.S
    )
    return [(what.strip(), due) for what, due in found]


def _due(shown):
    return dt.date.max if shown == "—" else dt.datetime.strptime(shown, "%d.%m.%Y").date()


def _deadlines(council, days):
    """Deadlines the council's secretary answers for, due ``days`` after 1 December 2026, created in the
    order given (not the order due)."""
    from tests.factories import DeadlineFactory

    for n in days:
        due = dt.date(2026, 12, 1) + dt.timedelta(days=n)
        DeadlineFactory(council=council, due_date=due, title_ru=f"Срок {n:03d}", title_kk=f"Мерзім {n:03d}")


def test_my_work_shows_the_first_fifty_by_due_date_and_links_to_the_rest(client, sign_in, demo, time_machine):
    """A secretary with more than 50 tasks sees the 50 due first, is told how many there are in all, and
    reaches every one of them with "Show all"."""
    time_machine.move_to(NOW)
    sign_in("secretary", language="en")
    before = len(_rows(client.get(reverse("home") + "?all=1").content.decode()))
    days = list(range(0, 120, 2))
    random.Random(7).shuffle(days)  # created in no particular order
    _deadlines(demo["republic"], days)
    total = before + len(days)

    page = client.get(reverse("home")).content.decode()
    shown = _rows(page)
    assert len(shown) == 50
    due = [_due(d) for _, d in shown]
    assert due == sorted(due)
    assert f"{total} tasks await you, earliest first." in page
    assert f"Showing the first 50 of {total}." in page
    assert '<a href="?all=1">Show all</a>' in page
    assert "Срок 000" in page and "Срок 118" not in page  # the earliest shown, the latest not

    everything = client.get(reverse("home") + "?all=1").content.decode()
    rows = _rows(everything)
    assert len(rows) == total
    assert rows[:50] == shown  # the page is the beginning of the full list
    assert [_due(d) for _, d in rows] == sorted(_due(d) for _, d in rows)
    assert {f"Срок {n:03d}" for n in days} <= {what for what, _ in rows}
    assert "Showing the first" not in everything
    assert f'<a href="{reverse("home")}">Show only the first 50</a>' in everything
    # the count of each group and the header's count are of everything, not of the 50 shown
    deadlines = re.findall(r'<tr data-group="([^"]*)"', everything).count("deadline")
    assert f'<span class="badge" data-group="deadline">Deadlines: {deadlines}</span>' in page
    assert f'tasks await you">{total}</span>' in page


def test_my_work_with_few_tasks_shows_them_all_without_a_link(client, sign_in, demo, time_machine):
    time_machine.move_to(NOW)
    sign_in("secretary", language="en")
    _deadlines(demo["republic"], range(3))
    page = client.get(reverse("home")).content.decode()
    assert "Срок 002" in page
    assert "Showing the first" not in page and "?all=1" not in page


def test_my_work_costs_the_same_with_60_and_200_tasks(client, sign_in, demo, time_machine):
    """The page asks each provider for its earliest tasks only: the same queries with 60 tasks as with 200
    (once the header, which counts them all, is cached: here by another page, so that the page's own body is
    rendered, not read from the cache)."""
    time_machine.move_to(NOW)
    sign_in("secretary", language="en")

    def warm_queries():
        client.get(reverse("my_deadlines"))  # the header recomputed after the change, on another page
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("home")).content.decode()
        return len(queries.captured_queries), len(_rows(page)), queries.captured_queries

    _deadlines(demo["republic"], range(60))
    at_60, rows_60, _ = warm_queries()
    _deadlines(demo["republic"], range(60, 200))
    at_200, rows_200, queries = warm_queries()
    assert rows_60 == rows_200 == 50
    assert at_200 == at_60
    assert at_60 <= 15  # bench: "<= 15 queries"
    # the deadlines are read no more than a page at a time, however many there are
    read = [q["sql"] for q in queries if q["sql"].startswith('SELECT "council_deadline"')]
    assert read and all(sql.endswith("LIMIT 51") for sql in read)
