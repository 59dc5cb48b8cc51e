import datetime
import os

import pytest
from hypothesis import settings as hypothesis_settings

# Playwright's sync API runs an event loop in the test thread; Django's live server tests touch the
# database from that thread too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests check what is computed, not how fast: on a loaded machine (CI beside the browser journeys) a
# single example can pass Hypothesis's 200 ms deadline and fail a correct test.
hypothesis_settings.register_profile("council", deadline=None)
hypothesis_settings.load_profile("council")

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
    return datetime.date(2026, 11, 23)


@pytest.fixture
def demo(db, today):
    from council.demo import load_demo

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
    """An approved plan item of the republic council for the meeting of 22 January 2027: the Ministry of
    Internal Affairs responsible, the KNB co-executing."""
    from council.models import Body
    from plans import services as plans
    from tests.helpers import NOW

    secretary = user_named("secretary")
    plan = plans.plan_create(actor=secretary, council=demo["republic"], start=datetime.date(2027, 1, 1), now=NOW)
    item = plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={
            "question_kk": "Қылмыс туралы",
            "question_ru": "О преступности",
            "responsible_body": Body.objects.get(code="mvd"),
            "planned_meeting": datetime.date(2027, 1, 22),
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
        date=datetime.date(2027, 1, 22),
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
        date=datetime.date(2026, 12, 1),
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
    import datetime as dt

    from protocols import services as protocol_services
    from tests.helpers import DAY, roster

    secretary = user_named("secretary")
    protocol_services.protocol_send_for_agreement(
        actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 3), now=DAY
    )
    for e in roster(voted.meeting):
        protocol_services.protocol_answer(actor=e.person, protocol=voted, agrees=True, now=DAY)
    protocol_services.protocol_present(actor=secretary, protocol=voted, now=DAY)
    voted.refresh_from_db()
    return voted


@pytest.fixture
def signed(presented, user_named):
    import datetime as dt

    from protocols import services as protocol_services
    from tests.helpers import TZ

    protocol_services.protocol_sign(
        actor=user_named("chair"),
        protocol=presented,
        password="demo-pass-123",
        now=dt.datetime(2026, 12, 7, 11, tzinfo=TZ),
    )
    presented.refresh_from_db()
    return presented
