"""The audit log is a hash chain sealed with a key the database does not hold: `manage.py audit_verify`
confirms an untouched log and names the first event that was edited or deleted behind the application's back
(in SQL, by the database's owner with the append-only trigger lifted); a tail rewritten without the key does
not pass; concurrent writers never fork it."""

import datetime as dt
import io
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from council.models import AuditEvent
from council.services import audit

ALMATY = ZoneInfo("Asia/Almaty")
pytestmark = pytest.mark.django_db


@pytest.fixture
def events(demo):
    """Five events as an extension's life writes them (R-003-19), with Cyrillic text, lists and a float."""
    council = demo["republic"]
    start = dt.datetime(2026, 12, 10, 10, 0, 0, 123456, tzinfo=ALMATY)
    verbs = ["extension.request", "extension.approved", "deadline.reschedule", "report.submit", "report.accept"]
    return [
        audit(
            actor=None,
            verb=verb,
            council=council,
            subject=council,
            at=start + dt.timedelta(minutes=i),
            reason="Ожидаются данные статистики за год",
            new="2027-02-01",
            step=i,
            checks=[True, None, 1.5],
        )
        for i, verb in enumerate(verbs)
    ]


def verify():
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def broken_at():
    with pytest.raises(CommandError) as caught:
        verify()
    return str(caught.value)


def as_the_owner(sql, params):
    """Run ``sql`` as only a database superuser can (the application's role cannot, tests/council/
    test_database_roles.py): with the triggers lifted for the statement."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


def named(event):
    return f"event {event.pk} ({timezone.localtime(event.at).isoformat()}, {event.verb})"


def test_an_untouched_log_verifies_and_reports_its_count_and_last_hash(events):
    report = verify()
    assert f"OK: {len(events)} audit events" in report
    assert events[-1].hash in report
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_data_edited_in_sql_is_named_by_audit_verify(events):
    victim = events[2]
    as_the_owner(
        "UPDATE council_auditevent SET data = jsonb_set(data, '{new}', '\"2027-03-01\"') WHERE id = %s", [victim.pk]
    )
    message = broken_at()
    assert named(victim) in message
    assert "content was changed" in message
    for other in events[:2] + events[3:]:
        assert f"event {other.pk} " not in message


def test_an_edit_that_recomputes_the_hash_is_caught_at_the_next_event(events):
    victim, following = events[1], events[2]
    as_the_owner("UPDATE council_auditevent SET verb = 'extension.declined' WHERE id = %s", [victim.pk])
    forged = AuditEvent.objects.get(pk=victim.pk)
    as_the_owner("UPDATE council_auditevent SET hash = %s WHERE id = %s", [forged.content_hash(), victim.pk])
    message = broken_at()
    assert named(following) in message
    assert "the event before it is missing or was changed" in message


def test_a_row_deleted_from_the_middle_is_caught_at_the_event_after_it(events):
    as_the_owner("DELETE FROM council_auditevent WHERE id = %s", [events[2].pk])
    message = broken_at()
    assert named(events[3]) in message
    assert "the event before it is missing" in message


def test_the_database_refuses_to_change_or_delete_an_event(events):
    """Finding 10 of the second trust round: ``AuditEvent`` had no trigger. Now, as for the access log, the
    database itself refuses UPDATE and DELETE, whoever sends them."""
    for sql in (
        "UPDATE council_auditevent SET verb = 'forged' WHERE id = %s",
        "DELETE FROM council_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [events[1].pk])
    assert "OK:" in verify()


def test_a_tail_rewritten_without_the_key_is_caught(events, settings):
    """Whoever writes to the database without the key recomputes seals that are not the application's: the
    whole tail rewritten with plain SHA-256, or under another key, does not verify."""
    import hashlib
    import json

    from council.chain import audit_event_content

    prev = events[1].hash
    for event in AuditEvent.objects.filter(pk__gte=events[2].pk).order_by("id"):
        event.prev_hash, event.verb = prev, "forged"
        text = json.dumps(audit_event_content(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        prev = hashlib.sha256(text.encode()).hexdigest()
        as_the_owner(
            "UPDATE council_auditevent SET verb = %s, prev_hash = %s, hash = %s WHERE id = %s",
            ["forged", event.prev_hash, prev, event.pk],
        )
    message = broken_at()
    assert f"event {events[2].pk} " in message and "content was changed" in message
    settings.AUDIT_CHAIN_KEY = "another-key"
    assert "broken" in broken_at()


def test_an_audit_event_cannot_be_changed_through_the_orm(events):
    event = AuditEvent.objects.get(pk=events[0].pk)
    event.data = {**event.data, "reason": "другая причина"}
    with pytest.raises(ValueError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).data["reason"] == "Ожидаются данные статистики за год"
    assert "OK:" in verify()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_link_one_after_another():
    """The first writer keeps its transaction open after writing; the second one, writing meanwhile,
    links to the first one's event once it commits instead of forking the chain."""
    first_wrote = threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                audit(actor=None, verb="test.first", n=1)
                first_wrote.set()
                threading.Event().wait(0.5)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            first_wrote.set()
            connection.close()

    def second():
        try:
            first_wrote.wait(5)
            with transaction.atomic():
                audit(actor=None, verb="test.second", n=2)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    audit(actor=None, verb="test.start")
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    start, one, two = AuditEvent.objects.order_by("id")
    assert [e.verb for e in (start, one, two)] == ["test.start", "test.first", "test.second"]
    assert (one.prev_hash, two.prev_hash) == (start.hash, one.hash)
    assert "OK: 3 audit events" in verify()
