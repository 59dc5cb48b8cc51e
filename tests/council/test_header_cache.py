"""The header of every page (the count beside "My work", the unread notices, the links of one's roles) is
cached per person (``council.navcache``): pages cost a fixed, small number of queries once it is cached, and
the person sees a change on the very next page: a new notice, a deadline opened for their body, a task done,
a role granted or taken away, another language."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import CouncilOfficer, Notification
from council.notify import notify
from council.services import notification_mark_read
from secretariat.services import item_report, material_submit, meeting_schedule
from tests import clock
from tests.helpers import NOW, at, pdf_of, upload

pytestmark = pytest.mark.django_db

PAGE_QUERIES = 15  # a page's budget once the header is cached (bench: "<= 15 queries")


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries.captured_queries)


def nav(page):
    return re.search(r'<nav class="mainnav".*?</nav>', page, re.S).group(0)


def my_work_badge(page):
    """The number beside "My work" in the header, 0 when there is none."""
    found = re.search(r'<span class="badge" aria-label="[^"]*">(\d+)</span>', nav(page))
    return int(found.group(1)) if found else 0


def unread_badge(page):
    header = page[page.index('class="inbox-link"') : page.index("</a>", page.index('class="inbox-link"'))]
    found = re.search(r'<span class="badge badge--bad"[^>]*>(\d+)</span>', header)
    return int(found.group(1)) if found else 0


PAGES = {
    "my work": lambda fx: reverse("home"),
    "my meetings": lambda fx: reverse("secretariat:my_meetings"),
    "meeting page": lambda fx: fx["dispatched_meeting"].get_absolute_url(),
    "control list": lambda fx: reverse("protocols:assignment_list", args=["republic"]) + "?status=",
    "calendar": lambda fx: reverse("secretariat:calendar_month"),
    "my deadlines": lambda fx: reverse("my_deadlines"),
}


@pytest.mark.parametrize("username", ["secretary", "member_mvd"])
@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_costs_few_queries_once_the_header_is_cached(
    client, sign_in, dispatched_meeting, time_machine, page, username
):
    time_machine.move_to(NOW)
    sign_in(username)
    url = PAGES[page]({"dispatched_meeting": dispatched_meeting})
    first_page, first = _get(client, url)
    second_page, second = _get(client, url)
    third_page, third = _get(client, url)
    fourth_page, fourth = _get(client, url)
    assert second < first, (first, second)
    assert second <= PAGE_QUERIES, second
    # Constant once cached. (A member's first visit to a dispatched meeting records its receipt, which
    # changes the person's generation: their roles, kept under it, are read again once, on the second.)
    assert fourth == third <= second
    assert nav(second_page) == nav(first_page) == nav(third_page) == nav(fourth_page)  # from the cache


def test_the_unread_count_follows_a_new_notice_and_reading_it(client, sign_in, demo, time_machine):
    time_machine.move_to(NOW)
    member = sign_in("member_mvd")
    before = unread_badge(_get(client, reverse("secretariat:my_meetings"))[0])
    notify(
        recipients=[member],
        key="header-test",
        now=NOW,
        message="member_request.answered",
        params={"what": "Тест", "answer": "Текст"},
    )
    page, _ = _get(client, reverse("secretariat:my_meetings"))
    assert unread_badge(page) == before + 1
    notification_mark_read(user=member, now=NOW)  # an UPDATE: no signal, the service bumps the header
    assert unread_badge(_get(client, reverse("secretariat:my_meetings"))[0]) == 0
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


@pytest.mark.fixed_calendar
def test_the_sweep_s_reminders_reach_the_unread_count(client, sign_in, scheduled_item, time_machine):
    """The deadline sweep inserts its notices in bulk (no signals): the header still counts them."""
    from council.deadline_services import deadline_sweep

    time_machine.move_to(NOW)
    sign_in("sec_mvd")
    before = unread_badge(_get(client, reverse("my_deadlines"))[0])
    result = deadline_sweep(now=at(clock.day(2026, 12, 29), 10), email=False)
    assert result.notices
    assert unread_badge(_get(client, reverse("my_deadlines"))[0]) > before


def test_a_deadline_opened_for_the_body_is_counted_on_the_next_page(
    client, sign_in, user_named, demo, approved_item, time_machine
):
    """R-000-10b: scheduling the meeting opens the materials deadline of the responsible body (MVD); its
    secretariat employee sees it counted beside "My work" on the next page, whatever page it is."""
    time_machine.move_to(NOW)
    sign_in("sec_mvd")
    before = my_work_badge(_get(client, reverse("secretariat:my_meetings"))[0])
    meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=clock.planned_meeting(),
        now=NOW,
        plan_items=[approved_item],
    )
    page, _ = _get(client, reverse("secretariat:calendar_month"))
    assert my_work_badge(page) > before


def test_a_task_done_leaves_the_count_and_reaches_the_next_person(
    client, sign_in, user_named, scheduled_item, time_machine
):
    """R-000-10c: materials arrive: the secretary has them to check; once reported to the chair they leave
    the secretary's count and join the chair's."""
    time_machine.move_to(NOW)
    sign_in("secretary")
    secretary_before = my_work_badge(_get(client, reverse("my_deadlines"))[0])
    sign_in("chair")
    chair_before = my_work_badge(_get(client, reverse("my_deadlines"))[0])
    material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("n.pdf", pdf_of(2)),
        now=NOW,
    )
    sign_in("secretary")
    assert my_work_badge(_get(client, reverse("my_deadlines"))[0]) == secretary_before + 1
    item_report(actor=user_named("secretary"), item=scheduled_item, now=NOW)
    assert my_work_badge(_get(client, reverse("my_deadlines"))[0]) == secretary_before
    sign_in("chair")
    assert my_work_badge(_get(client, reverse("my_deadlines"))[0]) == chair_before + 1


def test_the_menu_follows_a_role_granted_and_taken_away(client, sign_in, user_named, demo, time_machine):
    """A member who becomes the council's secretary gets the compliance link (R-000-11d, R-000-14) on the
    next page; the secretary whose term ended loses it."""
    time_machine.move_to(NOW)
    compliance = reverse("protocols:compliance")
    sign_in("member_mvd")
    assert compliance not in nav(_get(client, reverse("secretariat:my_meetings"))[0])
    sign_in("secretary")
    assert compliance in nav(_get(client, reverse("secretariat:my_meetings"))[0])

    today = NOW.date()
    old = CouncilOfficer.objects.get(council=demo["republic"], role=CouncilOfficer.Role.SECRETARY, end=None)
    old.end = today - dt.timedelta(days=1)
    old.save()
    CouncilOfficer.objects.create(
        council=demo["republic"], person=user_named("member_mvd"), role=CouncilOfficer.Role.SECRETARY, start=today
    )

    assert compliance not in nav(_get(client, reverse("secretariat:my_meetings"))[0])
    sign_in("member_mvd")
    assert compliance in nav(_get(client, reverse("secretariat:my_meetings"))[0])


def test_the_header_is_cached_apart_in_each_language(client, sign_in, demo, time_machine):
    """The navigation switches language with the person: Kazakh after they choose it, Russian again after."""
    time_machine.move_to(NOW)
    sign_in("member_mvd", language="ru")
    url = reverse("secretariat:my_meetings")
    ru, _ = _get(client, url)
    client.post(reverse("set_language"), {"language": "kk", "next": url})
    kk, _ = _get(client, url)
    assert "Менің жұмысым" in nav(kk) and "Мои задачи" not in nav(kk)
    assert "Мои задачи" in nav(ru) and "Менің жұмысым" not in nav(ru)
    assert nav(_get(client, url)[0]) == nav(kk)
    client.post(reverse("set_language"), {"language": "ru", "next": url})
    back, _ = _get(client, url)
    assert nav(back) == nav(ru)


def test_pages_open_with_the_right_header_while_the_cache_is_down(client, sign_in, demo, time_machine, settings):
    """The cache server unreachable: the header is computed on each page, never a 500."""
    time_machine.move_to(NOW)
    member = sign_in("member_mvd")
    notify(
        recipients=[member],
        key="header-down",
        now=NOW,
        message="member_request.answered",
        params={"what": "Тест", "answer": "Текст"},
    )
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    page, _ = _get(client, reverse("secretariat:my_meetings"))
    assert unread_badge(page) == 1
    assert "Мои задачи" in nav(page)


def _home(client):
    page, queries = _get(client, reverse("home"))
    return page[page.index("<main") :], queries


def test_my_work_is_kept_until_what_it_shows_changes(client, sign_in, user_named, scheduled_item, time_machine):
    """The body of "My work" is kept with the header (the same generations): the second visit reads no
    task, and materials arriving (R-000-10c) are listed on the very next visit."""
    time_machine.move_to(NOW)
    sign_in("secretary", language="en")
    first, first_queries = _home(client)
    second, second_queries = _home(client)
    assert second == first
    assert second_queries < first_queries
    assert "Materials arrived" not in second
    material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("n.pdf", pdf_of(2)),
        now=NOW,
    )
    assert "Materials arrived: 1." in _home(client)[0]


def _left(page, rule_id):
    """The "time left" of the row of My work that cites ``rule_id``."""
    row = re.search(rf"<tr [^>]*>(?:(?!</tr>).)*\({re.escape(rule_id)}\)(?:(?!</tr>).)*</tr>", page, re.S).group(0)
    return int(re.search(r"(\d+) working days? left", row).group(1))


def test_a_decree_entered_changes_the_time_left_on_my_work(client, sign_in, scheduled_item, time_machine):
    """R-000-10b counts to 31 December 2026 (at the default date); a day off decreed on the next working day
    (Monday 30 November 2026) leaves one working day less, on the next visit although the page was kept."""
    from council.calendar import default_calendar
    from council.models import CalendarDay

    time_machine.move_to(NOW)
    sign_in("sec_mvd", language="en")
    before = _left(_home(client)[0], "R-000-10b")
    assert _left(_home(client)[0], "R-000-10b") == before  # kept
    CalendarDay.objects.create(
        day=default_calendar().next_working_day(clock.today() + dt.timedelta(days=1)),
        kind=CalendarDay.Kind.DAY_OFF,
        name_ru="Перенос",
        decree_number="1",
        decree_date=clock.today() - dt.timedelta(days=3),
    )
    assert _left(_home(client)[0], "R-000-10b") == before - 1


def test_a_body_renamed_changes_every_kept_page(demo):
    """Pages kept under the generations (My work, the compliance dashboard) show bodies' names: renaming a
    body changes their keys."""
    from council.navcache import fragment_key

    key = fragment_key("test", councils=[demo["republic"].pk], parts=("ru",))
    assert fragment_key("test", councils=[demo["republic"].pk], parts=("ru",)) == key
    body = demo["republic"].seats.exclude(position__body=None).first().position.body
    body.short_name_ru = "Переименованный орган"
    body.save()
    assert fragment_key("test", councils=[demo["republic"].pk], parts=("ru",)) != key


def test_roles_are_kept_until_an_invitation_changes_them(scheduled_item, time_machine):
    """A person's roles on a council are kept between requests (council.navcache): read again, they cost one
    query, the registry's version (it decides whether they are still current); invited to a question of its
    coming meeting the person is an invitee at once (R-000-12), and no longer once the invitation is
    withdrawn."""
    from council.models import User
    from council.roles import Role, council_roles
    from secretariat.models import Invitee
    from tests.factories import UserFactory

    time_machine.move_to(NOW)
    judge = UserFactory(username="judge")
    council, day = scheduled_item.meeting.council, NOW.date()

    def roles():  # as a new request reads them: a fresh user object
        return council_roles(User.objects.get(pk=judge.pk), council, day)

    assert roles() == frozenset()
    user = User.objects.get(pk=judge.pk)
    with CaptureQueriesContext(connection) as kept:
        assert council_roles(user, council, day) == frozenset()
    [query] = kept.captured_queries
    assert 'FROM "council_registryversion"' in query["sql"]
    invitation = Invitee.objects.create(item=scheduled_item, person=judge, full_name_ru="Судья")
    assert roles() == {Role.INVITEE}
    invitation.delete()
    assert roles() == frozenset()


def test_a_secretary_whose_post_ends_loses_the_meeting_on_the_next_page(
    client, sign_in, demo, dispatched_meeting, time_machine
):
    """R-000-8: the secretary's roles are kept; the post ended, the next page refuses the council's meeting."""
    time_machine.move_to(NOW)
    sign_in("secretary")
    url = dispatched_meeting.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    post = CouncilOfficer.objects.get(council=demo["republic"], role=CouncilOfficer.Role.SECRETARY, end=None)
    post.end = NOW.date() - dt.timedelta(days=1)
    post.save()
    assert client.get(url).status_code == 404
