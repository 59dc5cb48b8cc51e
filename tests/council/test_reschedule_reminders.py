"""A deadline moved by an approved extension (R-003-19) gets the full set of reminders, the overdue mark
and the escalation for its new date, for the responsible body (R-000-11d) and for a co-executor's part
(R-000-11e), each sent once: the sweep runs day by day across the extension."""

import datetime as dt
from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from council.deadline_services import deadline_sweep
from council.models import Deadline, Notification
from protocols import control
from protocols.models import Assignment, Extension
from protocols.services import protocol_dispatch
from tests.helpers import at

pytestmark = pytest.mark.django_db
D = dt.date

REQUESTED = at(D(2026, 12, 28), 10)  # the last days before R-003-19's limit (29 December)
APPROVED = at(D(2027, 1, 4), 10)  # after the part went overdue and the chair was told


@pytest.fixture
def under_control(signed, user_named):
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=at(D(2026, 12, 8), 9))
    lead = Assignment.objects.get(decision__item__protocol=signed, responsible=True)
    part = Assignment.objects.get(decision__item__protocol=signed, responsible=False)
    return (
        Deadline.objects.get(kind="execution", subject_id=lead.pk),
        Deadline.objects.get(kind="execution-part", subject_id=part.pk),
        lead,
    )


def days(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def told(deadline, username):
    """What ``username`` was told about ``deadline``: (day it arrived, due date, stage, days)."""
    rows = Notification.objects.filter(deadline=deadline, recipient__username=username).order_by("created_at", "id")
    result = []
    for created, key in rows.values_list("created_at", "key"):
        _prefix, _pk, due, kind, n = key.split(":")
        result.append((timezone.localtime(created).date(), D.fromisoformat(due), kind, int(n)))
    return result


@pytest.mark.fixed_calendar
def test_an_approved_extension_brings_reminders_overdue_and_escalation_for_the_new_dates(
    under_control, user_named, time_machine
):
    execution, part, lead = under_control
    assert (execution.due_date, part.due_date) == (D(2027, 1, 5), D(2026, 12, 31))
    extension = None
    for day in days(D(2026, 12, 8), D(2027, 2, 10)):
        for moment in (at(day, 9), at(day, 18)):  # twice a day: the second run finds nothing new
            if extension is None and moment > REQUESTED:
                time_machine.move_to(REQUESTED)
                extension = control.extension_request(
                    actor=user_named("sec_mvd"),
                    assignment=lead,
                    new_due_date=D(2027, 2, 1),
                    reason="Ожидаются данные статистики за год",
                    now=REQUESTED,
                )
            if extension is not None and extension.status == Extension.Status.REQUESTED and moment > APPROVED:
                time_machine.move_to(APPROVED)
                extension = control.extension_decide(
                    actor=user_named("chair"), extension=extension, approve=True, now=APPROVED
                )
                execution.refresh_from_db()
                part.refresh_from_db()
                # The sweep starts the new dates from their first reminder.
                assert (execution.due_date, execution.state, execution.next_action_at) == (
                    D(2027, 2, 1),
                    Deadline.State.OPEN,
                    at(D(2027, 1, 29), 9),
                )
                assert (part.due_date, part.state, part.next_action_at) == (
                    D(2027, 1, 27),
                    Deadline.State.OPEN,
                    at(D(2027, 1, 24), 9),
                )
            time_machine.move_to(moment)
            deadline_sweep(now=moment)
            if day == D(2027, 1, 28) and moment.hour == 18:
                part.refresh_from_db()
                assert part.state == Deadline.State.OVERDUE  # the moved part is overdue the day after
        if day == D(2027, 1, 20):
            execution.refresh_from_db()
            assert execution.state == Deadline.State.OPEN  # not overdue on its old date

    new_lead, new_part = D(2027, 2, 1), D(2027, 1, 27)
    old_lead, old_part = D(2027, 1, 5), D(2026, 12, 31)
    # The responsible body: two reminders for the old date, then everything for the new one.
    assert told(execution, "sec_mvd") == [
        (D(2027, 1, 2), old_lead, "remind", 3),
        (D(2027, 1, 4), old_lead, "remind", 1),
        (D(2027, 1, 29), new_lead, "remind", 3),
        (D(2027, 1, 31), new_lead, "remind", 1),
        (D(2027, 2, 1), new_lead, "remind", 0),
        (D(2027, 2, 2), new_lead, "overdue", 1),
    ]
    assert told(execution, "secretary") == [
        (D(2027, 2, 2), new_lead, "overdue", 1),
        (D(2027, 2, 5), new_lead, "escalate", 3),
    ]
    assert told(execution, "chair") == [(D(2027, 2, 5), new_lead, "escalate", 3)]
    # The co-executor: its part went overdue and escalated on the old date, and again on the new one.
    assert told(part, "sec_gpo") == [
        (D(2026, 12, 28), old_part, "remind", 3),
        (D(2026, 12, 30), old_part, "remind", 1),
        (D(2026, 12, 31), old_part, "remind", 0),
        (D(2027, 1, 1), old_part, "overdue", 1),
        (D(2027, 1, 24), new_part, "remind", 3),
        (D(2027, 1, 26), new_part, "remind", 1),
        (D(2027, 1, 27), new_part, "remind", 0),
        (D(2027, 1, 28), new_part, "overdue", 1),
    ]
    assert told(part, "secretary") == [
        (D(2027, 1, 1), old_part, "overdue", 1),
        (D(2027, 1, 4), old_part, "escalate", 3),
        (D(2027, 1, 28), new_part, "overdue", 1),
        (D(2027, 1, 31), new_part, "escalate", 3),
    ]
    assert told(part, "chair") == [
        (D(2027, 1, 4), old_part, "escalate", 3),
        (D(2027, 1, 31), new_part, "escalate", 3),
    ]
    execution.refresh_from_db()
    part.refresh_from_db()
    assert (execution.state, part.state) == (Deadline.State.OVERDUE, Deadline.State.OVERDUE)
    assert (execution.next_action_at, part.next_action_at) == (None, None)  # all stages done

    # Each notice was e-mailed once, and a last sweep finds nothing left to send.
    notices = Notification.objects.filter(deadline__in=[execution, part]).select_related("recipient")
    expected = Counter((n.recipient.email, n.title) for n in notices if n.recipient.email)
    sent = Counter((m.to[0], m.subject) for m in mail.outbox if (m.to[0], m.subject) in expected)
    assert sent == expected
    assert deadline_sweep(now=at(D(2027, 2, 20))).notices == 0
