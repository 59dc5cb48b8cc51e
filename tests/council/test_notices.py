"""Notices say what is due in the reader's language, whenever they read it; a deadline found late sends its
most severe stage once; a person may take one e-mail a day instead of one per notice."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from council.deadline_services import deadline_open, deadline_sweep
from council.models import Body, Notification
from council.notify import notification_digest_send
from tests.helpers import at

pytestmark = pytest.mark.django_db


def open_rework(council, body_code="vap", anchor=dt.date(2026, 11, 23), now=None):
    """R-000-10c: returned materials are due back 3 calendar days later (Monday 23 → Thursday 26 November)."""
    return deadline_open(
        council=council,
        subject=council,
        kind="rework",
        rule_id="R-000-10c",
        anchor=anchor,
        title=("Материалдарды пысықтау", "Доработка материалов"),
        responsible_body=Body.objects.get(code=body_code),
        now=now or at(anchor, 8),
    )


def test_a_notice_is_shown_and_mailed_in_the_language_the_reader_has_now(
    demo, client, user_named, django_capture_on_commit_callbacks
):
    """Written while sec_vap read Kazakh; after switching to Russian the inbox and the e-mail are Russian."""
    open_rework(demo["republic"])
    reader = user_named("sec_vap")
    assert reader.preferred_language == "kk"
    deadline_sweep(now=at(dt.date(2026, 11, 23), 9))
    notice = Notification.objects.get(recipient=reader)
    assert (notice.message, notice.params["days"]) == ("deadline.remind", 3)
    reader.preferred_language = "ru"
    reader.save(update_fields=["preferred_language"])
    client.force_login(reader)
    inbox = client.get(reverse("inbox")).content.decode()
    assert "До срока 3 дня: Доработка материалов" in inbox
    assert "Мерзімге 3 күн қалды" not in inbox
    from council.notify import _send

    notice.refresh_from_db()
    _send(notice)
    assert mail.outbox[-1].subject == "До срока 3 дня: Доработка материалов"
    # Back to Kazakh: the same notice reads Kazakh again.
    reader.preferred_language = "kk"
    reader.save(update_fields=["preferred_language"])
    assert "Мерзімге 3 күн қалды: Материалдарды пысықтау" in client.get(reverse("inbox")).content.decode()


def test_the_notice_has_no_internal_terms(demo, user_named):
    open_rework(demo["republic"])
    deadline_sweep(now=at(dt.date(2026, 11, 23), 9))
    title, body = Notification.objects.get(recipient=user_named("sec_vap")).rendered()
    for jargon in ("regulation profile", "decision of this system", "R-000", "профил", "системы"):
        assert jargon not in title + body


def test_a_deadline_found_late_sends_only_its_most_severe_stage_once(demo, user_named):
    """Opened on Thursday 3 December for a due date of Thursday 26 November: the reminders (3, 1, 0 days
    before), the overdue mark (27 November) and the escalation to the chair (3 days later) have all passed.
    Only the escalation goes out, once, to the chair and the secretary and to the body that answers."""
    d = open_rework(demo["republic"], now=at(dt.date(2026, 12, 3), 8))
    result = deadline_sweep(now=at(dt.date(2026, 12, 3), 9))
    assert (result.reminders, result.overdue, result.escalations) == (0, 0, 1)
    sent = Notification.objects.filter(deadline=d)
    assert {n.message for n in sent} == {"deadline.escalate"}
    assert sorted(n.recipient.username for n in sent) == ["chair", "sec_vap", "secretary"]
    d.refresh_from_db()
    assert d.state == "overdue"
    assert deadline_sweep(now=at(dt.date(2026, 12, 4), 9)).notices == 0
    assert deadline_sweep(now=at(dt.date(2026, 12, 20), 9)).notices == 0


def test_a_daily_email_instead_of_one_per_notice(demo, client, user_named, django_capture_on_commit_callbacks):
    reader = user_named("sec_vap")
    client.force_login(reader)
    page = client.get(reverse("notification_settings"))
    assert page.status_code == 200
    assert client.post(reverse("notification_settings"), {"email_digest": "on"}).status_code == 302
    reader.refresh_from_db()
    assert reader.email_digest
    open_rework(demo["republic"])
    with django_capture_on_commit_callbacks(execute=True):
        deadline_sweep(now=at(dt.date(2026, 11, 23), 9))
        deadline_sweep(now=at(dt.date(2026, 11, 25), 9))
    assert [m for m in mail.outbox if reader.email in m.to] == []  # nothing one by one
    assert notification_digest_send(now=at(dt.date(2026, 11, 26), 8)) == 1
    [digest] = [m for m in mail.outbox if reader.email in m.to]
    assert "Мерзімге 3 күн қалды: Материалдарды пысықтау" in digest.body
    assert "Мерзімге 1 күн қалды: Материалдарды пысықтау" in digest.body
    assert notification_digest_send(now=at(dt.date(2026, 11, 27), 8)) == 0  # sent once
    assert set(Notification.objects.filter(recipient=reader).values_list("delivery", flat=True)) == {"sent"}
