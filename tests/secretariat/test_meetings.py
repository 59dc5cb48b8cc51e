"""Scheduling a meeting opens the regulation's deadlines; invited persons speak and never vote
(R-000-10a, R-000-10b, R-000-10e, R-000-10f, R-000-12)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from council.models import Body, Deadline
from council.roles import Role, council_roles
from council.selectors import council_roster
from plans import services as plans
from secretariat.models import AgendaItem
from secretariat.services import invitee_add, invitee_confirm, meeting_schedule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=5)))


@pytest.fixture
def approved_item(demo, user_named):
    secretary = user_named("secretary")
    plan = plans.plan_create(actor=secretary, council=demo["republic"], start=dt.date(2027, 1, 1), now=NOW)
    item = plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={
            "question_kk": "Қылмыс туралы",
            "question_ru": "О преступности",
            "responsible_body": Body.objects.get(code="mvd"),
            "planned_meeting": dt.date(2027, 1, 22),
        },
        co_executors=[Body.objects.get(code="knb")],
    )
    plans.plan_submit(actor=secretary, plan=plan, now=NOW)
    plans.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=NOW)
    return item


def test_scheduling_opens_the_materials_and_agenda_deadlines(demo, user_named, approved_item):
    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=dt.date(2027, 1, 22),
        now=NOW,
        plan_items=[approved_item],
    )
    [item] = meeting.items.all()
    assert (item.responsible_body.code, item.co_executor_ids) == ("mvd", [Body.objects.get(code="knb").pk])
    materials = Deadline.objects.get(kind="materials", subject_id=item.pk)
    # R-000-10b: 20 calendar days before 22 January 2027 is Saturday 2 January: back to Thursday 31 December.
    assert (materials.rule_id, materials.due_date, materials.responsible_body.code) == (
        "R-000-10b",
        dt.date(2026, 12, 31),
        "mvd",
    )
    agenda = Deadline.objects.get(kind="agenda-dispatch", subject_id=meeting.pk)
    assert (agenda.rule_id, agenda.due_date) == ("R-000-10e", dt.date(2027, 1, 19))  # R-000-10e


def test_only_the_secretary_schedules_and_online_only_where_the_profile_allows(demo, user_named):
    with pytest.raises(PermissionDenied):
        meeting_schedule(actor=user_named("member_mvd"), council=demo["republic"], date=dt.date(2027, 1, 22), now=NOW)
    with pytest.raises(ValidationError):  # R-001-3b allows online meetings to the monitoring group only
        meeting_schedule(
            actor=user_named("secretary"), council=demo["republic"], date=dt.date(2027, 1, 22), now=NOW, online=True
        )
    group = meeting_schedule(
        actor=user_named("group_secretary"), council=demo["group"], date=dt.date(2027, 1, 22), now=NOW, online=True
    )
    assert group.online


def test_an_invitee_is_a_role_that_never_sits_or_votes(demo, user_named, approved_item):
    """R-000-12: invited participants speak on their items and never vote."""
    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=dt.date(2027, 1, 22),
        now=NOW,
        plan_items=[approved_item],
    )
    item = AgendaItem.objects.get(meeting=meeting)
    judge = UserFactory(username="judge", full_name_ru="Судья Верховного суда")
    invitee = invitee_add(
        actor=user_named("sec_mvd"),
        item=item,
        full_name_ru="Судья Верховного суда",
        position_ru="Судья",
        person=judge,
        now=NOW,
    )
    assert council_roles(judge, demo["republic"], NOW.date()) == {Role.INVITEE}
    assert judge not in [e.person for e in council_roster(council=demo["republic"], day=meeting.date)]
    assert council_roles(judge, demo["republic"], dt.date(2027, 1, 23)) == frozenset()  # after the meeting

    with pytest.raises(PermissionDenied):  # another body's employee cannot confirm (R-000-10f)
        invitee_confirm(actor=user_named("sec_knb"), invitee=invitee, now=NOW)
    invitee = invitee_confirm(actor=user_named("sec_mvd"), invitee=invitee, now=NOW)
    assert invitee.attendance_confirmed_at == NOW and invitee.documents_received_at == NOW


def test_another_bodys_employee_cannot_invite(demo, user_named, approved_item):
    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=dt.date(2027, 1, 22),
        now=NOW,
        plan_items=[approved_item],
    )
    with pytest.raises(PermissionDenied):
        invitee_add(actor=user_named("sec_knb"), item=meeting.items.get(), full_name_ru="Кто-то", now=NOW)
