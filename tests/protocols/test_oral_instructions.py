"""R-003-44: an urgent oral instruction is entered into the system by the end of the working day it is
given: when, by whom, to which body; its entry is a deadline row, met or late."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from council.models import Body, Deadline
from protocols.models import OralInstruction
from protocols.review import oral_instruction_record
from tests.helpers import at

pytestmark = pytest.mark.django_db


def record(demo, user_named, given_at, now, **kw):
    data = {
        "actor": user_named("secretary"),
        "council": demo["republic"],
        "given_by": "Генеральный Прокурор",
        "given_at": given_at,
        "body": Body.objects.get(code="mvd"),
        "text": "Представить сведения о розыске",
        "now": now,
    }
    return oral_instruction_record(**{**data, **kw})


def row(instruction):
    return Deadline.objects.get(kind="oral-instruction", subject_id=instruction.pk)


def test_an_instruction_entered_the_same_working_day_is_on_time(demo, user_named):
    given = at(dt.date(2026, 12, 15), 17, 30)
    instruction = record(demo, user_named, given, at(dt.date(2026, 12, 15), 18))
    assert (row(instruction).rule_id, row(instruction).due_date, row(instruction).state) == (
        "R-003-44",
        dt.date(2026, 12, 15),
        Deadline.State.MET,
    )
    assert not instruction.entered_late


def test_an_instruction_given_before_a_day_off_is_late_after_that_working_day(demo, user_named):
    """Given Tuesday 15 December 2026 and entered Thursday 17th (Independence Day, the 16th, between): late.
    Given on Independence Day itself, it is due the next working day, the 17th: on time."""
    late = record(demo, user_named, at(dt.date(2026, 12, 15), 19), at(dt.date(2026, 12, 17), 9))
    assert late.entered_late and row(late).state == Deadline.State.MET_LATE
    holiday = record(demo, user_named, at(dt.date(2026, 12, 16), 11), at(dt.date(2026, 12, 17), 9))
    assert row(holiday).due_date == dt.date(2026, 12, 17) and row(holiday).state == Deadline.State.MET


def test_who_and_when_are_required_and_only_the_secretary_enters(demo, user_named):
    now = at(dt.date(2026, 12, 15), 12)
    with pytest.raises(ValidationError) as exc:
        record(demo, user_named, at(dt.date(2026, 12, 15), 13), now, given_by=" ")
    assert {"given_by", "given_at"} <= set(exc.value.message_dict)
    with pytest.raises(PermissionDenied):
        record(demo, user_named, at(dt.date(2026, 12, 15), 11), now, actor=user_named("member_mvd"))


def test_the_page_enters_and_lists_an_instruction(demo, client, sign_in, time_machine):
    time_machine.move_to(at(dt.date(2026, 12, 15), 18))
    sign_in("secretary")
    url = reverse("protocols:oral_instructions", args=["republic"])
    response = client.post(
        url,
        {
            "given_by": "Заместитель Генерального Прокурора",
            "given_at": "2026-12-15T16:00",
            "body": Body.objects.get(code="mvd").pk,
            "text": "Срочно",
        },
    )
    assert response.status_code == 302
    assert "Заместитель Генерального Прокурора" in client.get(url).content.decode()
    assert OralInstruction.objects.get().given_by == "Заместитель Генерального Прокурора"
