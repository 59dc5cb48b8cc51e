import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests import clock

# Playwright's sync API runs an event loop in the test thread; Django's live server tests touch the
# database from that thread too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests check what is computed, not how fast: on a loaded machine (CI beside the browser journeys) a
# single example can pass Hypothesis's 200 ms deadline and fail a correct test.
hypothesis_settings.register_profile("council", deadline=None)
hypothesis_settings.load_profile("council")


def pytest_addoption(parser):
    parser.addoption(
        "--suite-date",
        default=None,
        help="run the suite at 10:00 in Astana on this day (YYYY-MM-DD); SUITE_DATE does the same",
    )


def pytest_configure(config):
    """Travel to the suite's instant before any fixture builds data (tests/clock.py)."""
    value = config.getoption("--suite-date")
    clock.start(clock._parse(value) if value else None)


def pytest_unconfigure(config):
    clock.stop()


def pytest_report_header(config):
    return f"suite instant: {clock.NOW.isoformat()}"


@pytest.fixture(autouse=True)
def _suite_instant():
    """Every test starts at the suite's instant, however long the tests before it took."""
    with clock.at_instant():
        yield


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Redis db of the test run): no header, throttle or page cached
    by an earlier test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def today():
    """The suite's date (tests/clock.py)."""
    return clock.TODAY


# The demo registry is loaded once per worker, not once per test: the first test that asks for ``demo`` loads
# it inside an open transaction, and each test after it runs in a savepoint of that transaction (pytest-django's
# own atomic blocks nest inside), so it sees the demo as loaded and leaves nothing behind — as Django's
# ``setUpTestData`` does for a class. A test that uses the database without the demo, or that commits for
# real (``transaction=True``, the live server), runs with the transaction rolled back, on the database as the
# migrations leave it; the next demo test loads the demo again. The tests are ordered so that this happens
# about once per worker. ``DEMO_PER_TEST=1`` loads the demo in every test instead, to tell a leak from a bug.


class _SharedDemo:
    atomic = None
    councils = None

    @classmethod
    def load(cls, django_db_blocker):
        from django.db import transaction

        from council.demo import load_demo

        with django_db_blocker.unblock():
            cls.atomic = transaction.atomic(using="default")
            cls.atomic._from_testcase = True  # durable blocks inside are allowed, as in Django's TestCase
            cls.atomic.__enter__()
            councils = load_demo(today=clock.TODAY, password="demo-pass-123")
        cls.councils = {name: (type(council), council.pk) for name, council in councils.items()}

    @classmethod
    def drop(cls, django_db_blocker):
        from django.db import transaction

        if cls.atomic is None:
            return
        with django_db_blocker.unblock():
            transaction.set_rollback(True, using="default")
            cls.atomic.__exit__(None, None, None)
        cls.atomic = cls.councils = None

    @classmethod
    def councils_now(cls):
        return {name: model.objects.get(pk=pk) for name, (model, pk) in cls.councils.items()}


def _uses_demo(item):
    return "demo" in getattr(item, "fixturenames", ())


def _commits(item):
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or "django_db_reset_sequences" in names
        or bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (database tests, then those that commit): the demo tests first, together."""
    items.sort(key=lambda item: (_commits(item), not _uses_demo(item)))


@pytest.fixture(autouse=True)
def _django_db_marker(request):
    """pytest-django's fixture of the same name (the test's own database setup for the ``django_db`` mark),
    preceded by the shared demo's step: its transaction opened before the test's own for a demo test, rolled
    back for any other test that uses the database. Being the first function fixture pytest-django sets up,
    it runs before ``db`` whether the test has the mark or asks for the fixture."""
    names = request.fixturenames
    uses_db = "db" in names or "transactional_db" in names or request.node.get_closest_marker("django_db")
    if uses_db:
        blocker = request.getfixturevalue("django_db_blocker")
        if _uses_demo(request.node) and not _commits(request.node) and not os.environ.get("DEMO_PER_TEST"):
            if _SharedDemo.atomic is None:
                request.getfixturevalue("django_db_setup")
                _SharedDemo.load(blocker)
        else:
            _SharedDemo.drop(blocker)
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's fixture of the same name: on PostgreSQL the worker's database is cloned from a
    template migrated once per set of migrations (tests/template_db.py)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from tests import template_db

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            state = template_db.setup(connection)
        else:
            config = setup_databases(verbosity=0, interactive=False, aliases=["default"])
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            template_db.teardown(connection, state)
        else:
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _shared_demo_rolled_back(django_db_blocker):
    """The demo's transaction rolled back before the test database is dropped."""
    yield
    _SharedDemo.drop(django_db_blocker)


@pytest.fixture
def demo(db, today):
    from council.demo import load_demo

    if _SharedDemo.atomic is not None and today == clock.TODAY:
        return _SharedDemo.councils_now()
    return load_demo(today=today, password="demo-pass-123")


@pytest.fixture
def user_named(demo):
    from council.models import User

    def get(username):
        return User.objects.get(username=username)

    return get


@pytest.fixture
def sign_in(client, user_named):
    """Log the test client in as a demo user reading the given language (Russian unless told)."""

    def do(username, language="ru"):
        user = user_named(username)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client.force_login(user)
        return user

    return do


@pytest.fixture
def approved_item(demo, user_named):
    """An approved plan item of the republic council for the meeting of 22 January 2027 (moved with the
    suite's date: ``clock.planned_meeting()``): the Ministry of Internal Affairs responsible, the KNB
    co-executing."""
    from council.models import Body
    from plans import services as plans
    from tests.helpers import NOW

    secretary = user_named("secretary")
    plan = plans.plan_create(actor=secretary, council=demo["republic"], start=clock.next_half_year(), now=NOW)
    item = plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={
            "question_kk": "Қылмыс туралы",
            "question_ru": "О преступности",
            "responsible_body": Body.objects.get(code="mvd"),
            "planned_meeting": clock.planned_meeting(),
        },
        co_executors=[Body.objects.get(code="knb")],
    )
    plans.plan_submit(actor=secretary, plan=plan, now=NOW)
    plans.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=NOW)
    return item


@pytest.fixture
def scheduled_item(demo, user_named, approved_item):
    """The question of ``approved_item`` on the agenda of the meeting scheduled for 22 January 2027."""
    from secretariat.services import meeting_schedule
    from tests.helpers import NOW

    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=clock.planned_meeting(),
        now=NOW,
        plan_items=[approved_item],
    )
    return meeting.items.get()


@pytest.fixture
def dispatched_meeting(demo, user_named):
    """A republic council meeting on Tuesday 1 December 2026, while the acting Minister of Justice sits,
    with two questions, its agenda sent to the members (the preparation is tested on its own)."""
    from council.models import Body
    from secretariat.models import AgendaItem, Invitee, Meeting
    from secretariat.services import meeting_schedule
    from tests.helpers import NOW

    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=clock.day(2026, 12, 1),
        place_ru="г. Астана, Генеральная прокуратура",
        place_kk="Астана қ., Бас прокуратура",
        now=NOW,
    )
    first = AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        question_kk="Қылмыстың алдын алу туралы",
        question_ru="О профилактике преступности",
        responsible_body=Body.objects.get(code="mvd"),
        status=AgendaItem.Status.ACCEPTED,
    )
    AgendaItem.objects.create(
        meeting=meeting,
        number=2,
        question_kk="Әділет органдарының жұмысы туралы",
        question_ru="О работе органов юстиции",
        responsible_body=Body.objects.get(code="mju"),
        status=AgendaItem.Status.ACCEPTED,
    )
    Invitee.objects.create(item=first, full_name_ru="Иванов И. И.", full_name_kk="Иванов И. И.", position_ru="судья")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DISPATCHED)
    meeting.refresh_from_db()
    return meeting


# The protocol of the meeting of 1 December 2026 at each of its stages.


@pytest.fixture
def held(dispatched_meeting, user_named):
    """The meeting held with everyone present; the chair presides."""
    from secretariat.meeting_day import attendance_record, meeting_hold
    from tests.helpers import DAY, everyone

    secretary = user_named("secretary")
    attendance_record(actor=secretary, meeting=dispatched_meeting, presence=everyone(dispatched_meeting), now=DAY)
    meeting_hold(actor=secretary, meeting=dispatched_meeting, now=DAY)
    dispatched_meeting.refresh_from_db()
    return dispatched_meeting


@pytest.fixture
def voted(held, user_named):
    """The draft with decision 1.1 voted on, every member present for; what was heard on each question, and
    decision 2.1 on the second."""
    from protocols import services as protocol_services
    from tests.helpers import DAY, decide, heard_and_decided, votes_for

    protocol = held.protocols.get()
    decision = decide(protocol, user_named)
    protocol_services.votes_record(
        actor=user_named("secretary"), decision=decision, choices=votes_for(protocol, {}), now=DAY
    )
    heard_and_decided(protocol, user_named)
    return protocol


@pytest.fixture
def presented(voted, user_named):
    from protocols import services as protocol_services
    from protocols.services.agreement import earliest_agree_by
    from tests.helpers import DAY, roster

    secretary = user_named("secretary")
    # The members' shortest term (R-003-65): 3 December 2026 at the default date, later when a holiday falls
    # in it (8 March at 2028-02-29).
    agree_by = earliest_agree_by(voted, DAY.date())
    protocol_services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=agree_by, now=DAY)
    for e in roster(voted.meeting):
        protocol_services.protocol_answer(actor=e.person, protocol=voted, agrees=True, now=DAY)
    protocol_services.protocol_present(actor=secretary, protocol=voted, now=DAY)
    voted.refresh_from_db()
    return voted


@pytest.fixture
def signed(presented, user_named):

    from protocols import services as protocol_services
    from tests.helpers import at

    protocol_services.protocol_sign(
        actor=user_named("chair"),
        protocol=presented,
        password="demo-pass-123",
        now=at(clock.day(2026, 12, 7), 11),
    )
    presented.refresh_from_db()
    return presented
