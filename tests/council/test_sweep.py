"""The deadline engine on PostgreSQL: reminders on the right days, overdue the day after, escalation,
no duplicates after a second or concurrent run, nothing half-done after a failure mid-sweep."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from council import deadline_services
from council.deadline_services import (
    council_profile,
    deadline_close,
    deadline_open,
    deadline_sweep,
    profile_new_version,
)
from council.models import Body, Council, Deadline, Notification
from council.tasks import deadline_sweep as deadline_sweep_task
from tests.helpers import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def republic(demo):
    return demo["republic"]


def open_rework(council, anchor, body_code="mvd", now=None, kind="rework"):
    """R-000-10c: returned materials are due back 3 calendar days later."""
    return deadline_open(
        council=council,
        subject=council,
        kind=kind,
        rule_id="R-000-10c",
        anchor=anchor,
        title=("Материалдарды пысықтау", "Доработка материалов"),
        responsible_body=Body.objects.get(code=body_code),
        now=now or at(anchor, 8),
    )


def notices(username=None):
    qs = Notification.objects.order_by("created_at", "id")
    if username:
        qs = qs.filter(recipient__username=username)
    return list(qs.values_list("recipient__username", "key"))


def test_reminders_overdue_and_escalation_come_on_their_days(republic, time_machine):
    """R-000-10c due Thursday 26 November 2026: reminders 3 and 1 days before and on the day, overdue on
    Friday, the chair told 3 days later; each through the beat task that reads the clock."""
    d = open_rework(republic, dt.date(2026, 11, 23))
    assert d.due_date == dt.date(2026, 11, 26)

    def sweep_at(moment):
        time_machine.move_to(moment)
        deadline_sweep_task()

    sweep_at(at(dt.date(2026, 11, 23), 8, 59))
    assert notices() == []
    sweep_at(at(dt.date(2026, 11, 23), 9))
    assert notices() == [("sec_mvd", f"deadline:{d.pk}:{d.due_date}:remind:3")]
    sweep_at(at(dt.date(2026, 11, 24), 12))
    assert len(notices()) == 1
    sweep_at(at(dt.date(2026, 11, 25), 9))
    sweep_at(at(dt.date(2026, 11, 26), 9))
    assert [k for _, k in notices("sec_mvd")] == [
        f"deadline:{d.pk}:{d.due_date}:remind:3",
        f"deadline:{d.pk}:{d.due_date}:remind:1",
        f"deadline:{d.pk}:{d.due_date}:remind:0",
    ]
    d.refresh_from_db()
    assert d.state == Deadline.State.OPEN

    sweep_at(at(dt.date(2026, 11, 27), 9))
    d.refresh_from_db()
    assert d.state == Deadline.State.OVERDUE
    assert ("secretary", f"deadline:{d.pk}:{d.due_date}:overdue:1") in notices()
    assert ("sec_mvd", f"deadline:{d.pk}:{d.due_date}:overdue:1") in notices()
    assert not Notification.objects.filter(recipient__username="chair").exists()

    sweep_at(at(dt.date(2026, 11, 30), 9))
    assert ("chair", f"deadline:{d.pk}:{d.due_date}:escalate:3") in notices()
    d.refresh_from_db()
    assert d.next_action_at is None
    count = len(notices())
    sweep_at(at(dt.date(2026, 12, 20), 9))
    assert len(notices()) == count


def test_a_second_sweep_sends_nothing_twice(republic):
    d = open_rework(republic, dt.date(2026, 11, 23))
    first = deadline_sweep(now=at(dt.date(2026, 11, 27), 9))
    # Caught up after the reminders' days: only the most severe stage, overdue, to sec_mvd and the secretary.
    assert first.notices == 2
    again = deadline_sweep(now=at(dt.date(2026, 11, 27), 9))
    assert again.handled == 0 and again.notices == 0
    assert Notification.objects.filter(deadline=d).count() == 2


def test_stale_reminders_collapse_after_a_pause(republic):
    d = open_rework(republic, dt.date(2026, 11, 23))
    deadline_sweep(now=at(dt.date(2026, 11, 26), 10))  # the worker was down since Monday
    assert [k for _, k in notices()] == [f"deadline:{d.pk}:{d.due_date}:remind:0"]


def test_a_met_deadline_is_not_chased(republic):
    d = open_rework(republic, dt.date(2026, 11, 23))
    d = deadline_close(deadline=d, actor=None, now=at(dt.date(2026, 11, 25), 15))
    assert d.state == Deadline.State.MET
    deadline_sweep(now=at(dt.date(2026, 12, 10), 9))
    assert notices() == []


def test_work_done_after_the_due_date_is_met_late(republic):
    d = open_rework(republic, dt.date(2026, 11, 23))
    d = deadline_close(deadline=d, actor=None, now=at(dt.date(2026, 11, 27), 10))
    assert d.state == Deadline.State.MET_LATE


def test_opening_twice_returns_the_same_deadline(republic):
    first = open_rework(republic, dt.date(2026, 11, 23))
    assert open_rework(republic, dt.date(2026, 11, 24)) == first
    assert Deadline.objects.count() == 1


def test_a_new_profile_version_never_moves_existing_deadlines(republic):
    old = open_rework(republic, dt.date(2026, 11, 23))
    profile = council_profile(republic)
    new_profile = profile_new_version(
        profile=profile,
        actor=None,
        now=at(dt.date(2026, 11, 23), 9),
        rules={**profile.rules, "R-000-10c": {"amount": 5}},
    )
    Council.objects.filter(pk=republic.pk).update(profile=new_profile)
    republic.refresh_from_db()
    new = open_rework(republic, dt.date(2026, 11, 23), kind="rework-2")
    old.refresh_from_db()
    assert (old.due_date, old.profile.version) == (dt.date(2026, 11, 26), 1)
    assert (new.due_date, new.profile.version) == (dt.date(2026, 11, 30), 2)  # 28 Nov is a Saturday


def test_notices_are_emailed_in_the_recipients_language_after_commit(republic, django_capture_on_commit_callbacks):
    open_rework(republic, dt.date(2026, 11, 23), body_code="vap")
    with django_capture_on_commit_callbacks(execute=True):
        deadline_sweep(now=at(dt.date(2026, 11, 23), 9))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sec_vap@council.example.kz"]
    assert mail.outbox[0].subject == "Мерзімге 3 күн қалды: Материалдарды пысықтау"  # sec_vap reads Kazakh
    assert Notification.objects.get().emailed_at is not None


def test_a_failure_mid_sweep_leaves_nothing_half_done(republic, monkeypatch):
    first = open_rework(republic, dt.date(2026, 11, 23), body_code="mvd")
    second = open_rework(republic, dt.date(2026, 11, 23), body_code="knb", kind="rework-2")
    real_notices = deadline_services._stage_notices

    def notices_then_die(deadline, *args, **kwargs):
        rows = real_notices(deadline, *args, **kwargs)
        if deadline.pk == second.pk:
            raise RuntimeError("worker killed")
        return rows

    # The batch with both rows fails and is rolled back; each row is then handled on its own.
    monkeypatch.setattr(deadline_services, "_stage_notices", notices_then_die)
    result = deadline_sweep(now=at(dt.date(2026, 11, 27), 9))
    assert [pk for pk, _ in result.errors] == [second.pk]
    second.refresh_from_db()
    assert (second.state, second.stage) == (Deadline.State.OPEN, 0)
    assert not Notification.objects.filter(deadline=second).exists()  # rolled back with the row
    assert Notification.objects.filter(deadline=first).count() == 2  # the overdue notice, caught up

    monkeypatch.setattr(deadline_services, "_stage_notices", real_notices)
    deadline_sweep(now=at(dt.date(2026, 11, 27), 9))
    second.refresh_from_db()
    assert second.state == Deadline.State.OVERDUE
    assert Notification.objects.filter(deadline=second).count() == 2
    assert Notification.objects.filter(deadline=first).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_each_notice_once(demo):
    republic = demo["republic"]
    bodies = ["mvd", "knb", "vap", "apk", "mju", "gpo"]
    deadlines = [
        open_rework(republic, dt.date(2026, 11, 23), body_code=bodies[i % 6], kind=f"rework-{i}") for i in range(60)
    ]
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(deadline_sweep(now=at(dt.date(2026, 11, 27), 9), batch=7))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.handled for r in results) == len(deadlines)
    assert all(not r.errors for r in results)
    keys = list(Notification.objects.values_list("recipient_id", "key"))
    assert len(keys) == len(set(keys)) == 2 * len(deadlines)  # the overdue notice, caught up: body and secretary
    assert set(Deadline.objects.values_list("state", flat=True)) == {Deadline.State.OVERDUE}


def _sweep_queries(republic, count, tag):
    from django.test.utils import CaptureQueriesContext

    bodies = ["mvd", "knb", "vap"]
    for i in range(count):
        open_rework(republic, dt.date(2026, 11, 23), body_code=bodies[i % 3], kind=f"{tag}-{i}")
    with CaptureQueriesContext(connection) as ctx:
        result = deadline_sweep(now=at(dt.date(2026, 11, 24), 9), batch=1000)
    assert result.handled == count and not result.errors
    return len(ctx.captured_queries), result.notices


def test_the_sweep_works_in_batches_its_queries_do_not_grow_with_the_rows(republic):
    """Claimed in one statement, notices inserted in one, rows saved in one: the number of queries of a sweep
    follows the councils, bodies and people concerned, not the number of due rows."""
    few, few_notices = _sweep_queries(republic, 6, "few")
    Notification.objects.all().delete()
    Deadline.objects.all().delete()
    many, many_notices = _sweep_queries(republic, 60, "many")
    assert many_notices == 10 * few_notices > 0
    assert many <= few + 4  # the bulk statements split in 500s; nothing per row


def test_the_periodic_sweep_leaves_the_mail_to_the_mail_queue(republic):
    """The task's sweep does not wait on the mail server: it returns the notices to e-mail, and the mail
    queue's task sends them (each once: a second run finds nothing pending)."""
    from council.tasks import notification_emails

    open_rework(republic, dt.date(2026, 11, 23), body_code="vap")
    result = deadline_sweep(now=at(dt.date(2026, 11, 23), 9), email=False)
    assert result.notices == 1 and len(result.to_email) == 1
    assert mail.outbox == []
    notification_emails(result.to_email)
    notification_emails(result.to_email)
    assert [m.to for m in mail.outbox] == [["sec_vap@council.example.kz"]]
    assert Notification.objects.get().delivery == Notification.Delivery.SENT
