"""What users see of deadlines: my deadlines, the council's list, the calendar, the inbox."""

import datetime as dt

import pytest
from django.urls import reverse

from council.deadline_services import deadline_open, deadline_sweep
from council.models import Body, CalendarDay, Notification
from tests.factories import DeadlineFactory

pytestmark = pytest.mark.django_db
ALMATY = dt.timezone(dt.timedelta(hours=5))


@pytest.fixture
def rework(demo):
    def make(body_code, kind="rework"):
        republic = demo["republic"]
        return deadline_open(
            council=republic,
            subject=republic,
            kind=kind,
            rule_id="R-000-10c",
            anchor=dt.date(2026, 11, 23),
            title=("Материалдарды пысықтау", f"Доработка материалов {body_code}"),
            responsible_body=Body.objects.get(code=body_code),
            now=dt.datetime(2026, 11, 23, 8, tzinfo=ALMATY),
        )

    return make


def page_text(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def ru(user_named, username):
    user = user_named(username)
    user.preferred_language = "ru"
    user.save()
    return user


def test_my_deadlines_shows_my_bodys_deadlines_only(client, user_named, rework, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 24, 10, tzinfo=ALMATY))
    rework("mvd")
    rework("knb", kind="rework-2")
    text = page_text(client, ru(user_named, "sec_mvd"), reverse("my_deadlines"))
    assert "Доработка материалов mvd" in text
    assert "Доработка материалов knb" not in text
    assert "R-000-10c" in text
    assert "26.11.2026" in text
    everything = page_text(client, ru(user_named, "secretary"), reverse("my_deadlines"))
    assert "Доработка материалов mvd" in everything and "Доработка материалов knb" in everything


def test_overdue_filter_on_the_council_list(client, user_named, rework, time_machine):
    rework("mvd")
    deadline_sweep(now=dt.datetime(2026, 11, 27, 9, tzinfo=ALMATY))
    rework("knb", kind="later")  # anchored the same day but not swept: still open
    time_machine.move_to(dt.datetime(2026, 11, 27, 10, tzinfo=ALMATY))
    url = reverse("council_deadlines", args=["republic"])
    text = page_text(client, ru(user_named, "secretary"), url, state="overdue")
    assert "Доработка материалов mvd" in text
    assert "Доработка материалов knb" not in text
    assert "просрочен" in text


@pytest.mark.parametrize(("username", "status"), [("secretary", 200), ("member_mvd", 403), ("oblast_secretary", 404)])
def test_council_deadline_list_is_for_the_secretariat(client, user_named, username, status):
    client.force_login(user_named(username))
    assert client.get(reverse("council_deadlines", args=["republic"])).status_code == status


def test_deadline_list_query_count_does_not_grow_with_rows(client, user_named, demo, django_assert_max_num_queries):
    secretary = user_named("secretary")
    client.force_login(secretary)
    url = reverse("council_deadlines", args=["republic"])
    DeadlineFactory.create_batch(3, council=demo["republic"])
    # 12 for the list, and up to 10 for the header's count of "My work" when it is not cached yet.
    with django_assert_max_num_queries(22) as few:
        assert client.get(url).status_code == 200
    DeadlineFactory.create_batch(40, council=demo["republic"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_calendar_page_lists_holidays_in_the_users_language(client, user_named):
    text = page_text(client, ru(user_named, "member_mvd"), reverse("calendar_year", args=[2026]))
    assert "Наурыз мейрамы" in text
    assert "День Независимости" in text
    kk = user_named("chair")  # prefers Kazakh
    text = page_text(client, kk, reverse("calendar_year", args=[2026]))
    assert "Тәуелсіздік күні" in text


def test_a_decree_entered_by_the_administrator_appears_in_the_calendar(client, user_named):
    admin = user_named("admin")
    client.force_login(admin)
    response = client.post(
        reverse("admin:council_calendarday_add"),
        {
            "day": "2027-01-08",
            "kind": "day_off",
            "name_ru": "Выходной (перенос с 16.01.2027)",
            "name_kk": "Демалыс",
            "decree_number": "123",
            "decree_date": "2026-12-20",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert CalendarDay.objects.filter(day=dt.date(2027, 1, 8)).exists()
    text = page_text(client, admin, reverse("calendar_year", args=[2027]))
    assert "Выходной (перенос с 16.01.2027)" in text


def test_a_decree_that_changes_nothing_is_refused_with_the_reason(client, user_named):
    client.force_login(user_named("admin"))
    response = client.post(
        reverse("admin:council_calendarday_add"),
        {
            "day": "2027-01-09",
            "kind": "day_off",
            "name_ru": "Суббота",
            "decree_number": "1",
            "decree_date": "2026-12-01",
        },
    )
    assert response.status_code == 200
    assert "Эта дата уже является выходным днём." in response.content.decode()  # the admin reads Russian
    assert not CalendarDay.objects.exists()


def inbox_link(page):
    """The header's link to the inbox, with its unread badge (the page may show other badges)."""
    start = page.index('class="inbox-link"')
    return page[start : page.index("</a>", start)]


def test_inbox_counts_unread_and_marks_read(client, user_named, rework):
    rework("mvd")
    deadline_sweep(now=dt.datetime(2026, 11, 23, 9, tzinfo=ALMATY))
    user = ru(user_named, "sec_mvd")
    client.force_login(user)
    home = client.get("/").content.decode()
    assert 'class="badge badge--bad"' in inbox_link(home)
    inbox = client.get(reverse("inbox")).content.decode()
    assert "До срока 3 дня: Доработка материалов mvd" in inbox
    notice = Notification.objects.get(recipient=user)
    response = client.post(reverse("inbox_read", args=[notice.pk]), {"open": "1"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'class="badge badge--bad"' not in inbox_link(client.get("/").content.decode())


def test_nobody_reads_another_users_notice(client, user_named, rework):
    rework("mvd")
    deadline_sweep(now=dt.datetime(2026, 11, 23, 9, tzinfo=ALMATY))
    notice = Notification.objects.get()
    client.force_login(user_named("sec_knb"))
    assert client.post(reverse("inbox_read", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
