"""Notification e-mail: each notice records what became of its e-mail (admin shows it); a failed send is
kept as failed with its error and sent later by the retry task; a subject is always one line."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation

from council.messages import both
from council.models import Notification, User
from council.notify import SUBJECT_MAX, email_notifications, notify
from council.tasks import notification_email
from tests.helpers import at

pytestmark = pytest.mark.django_db
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
BROKEN = "tests.council.test_mail_delivery.BrokenBackend"


class BrokenBackend(BaseEmailBackend):
    """A mail server that drops the connection on every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed by mail.example.kz")


def notice(user, title, *, key="test:notice", now):
    """A notice stored with its sentence (as older notices are), e-mailed the way the sweep sends them."""
    created = Notification.objects.create(
        recipient=user, key=key, title=title, body="Подробности на странице.", created_at=now
    )
    email_notifications(ids=[created.pk], now=now)
    created.refresh_from_db()
    return created


def test_a_failed_send_shows_as_failed_and_the_retry_task_sends_it_later(
    demo, user_named, settings, client, time_machine
):
    settings.EMAIL_BACKEND = BROKEN
    first = at(dt.date(2026, 11, 24), 9)
    n = notice(user_named("sec_mvd"), "Материалы возвращены на доработку", now=first)
    assert (n.delivery, n.email_attempts, n.emailed_at) == (Notification.Delivery.FAILED, 1, None)
    assert "Connection unexpectedly closed by mail.example.kz" in n.email_error
    assert mail.outbox == []

    # The server is still down at the first retry: the attempt is counted and the error raised again,
    # which makes the task retry later with a longer wait, a bounded number of times.
    time_machine.move_to(at(dt.date(2026, 11, 24), 9) + dt.timedelta(minutes=1))
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_email(n.pk)
    n.refresh_from_db()
    assert (n.delivery, n.email_attempts) == (Notification.Delivery.FAILED, 2)
    assert notification_email.retry_backoff and notification_email.max_retries == 8

    # An administrator finds it among the failed notices, with its state in its own column.
    admin = User.objects.create_superuser("mail_admin", "mail_admin@council.example.kz", "x-pass-123")
    client.force_login(admin)
    changelist = reverse("admin:council_notification_changelist")
    page = client.get(changelist, {"delivery__exact": "failed"})
    assert page.status_code == 200
    assert [row.pk for row in page.context["cl"].result_list] == [n.pk]
    assert "delivery__exact=failed" in page.content.decode()
    assert "Материалы возвращены на доработку" in page.content.decode()
    assert client.get(changelist, {"delivery__exact": "sent"}).context["cl"].result_list.count() == 0

    # The server is back: the next retry sends it, once.
    settings.EMAIL_BACKEND = LOCMEM
    later = at(dt.date(2026, 11, 24), 9) + dt.timedelta(minutes=3)
    time_machine.move_to(later)
    notification_email(n.pk)
    notification_email(n.pk)  # a duplicate retry finds it sent
    n.refresh_from_db()
    assert (n.delivery, n.email_attempts, n.email_error, n.emailed_at) == (Notification.Delivery.SENT, 3, "", later)
    [message] = mail.outbox
    assert (message.to, message.subject) == (["sec_mvd@council.example.kz"], "Материалы возвращены на доработку")
    assert [r.pk for r in client.get(changelist, {"delivery__exact": "sent"}).context["cl"].result_list] == [n.pk]


def test_a_question_with_line_breaks_is_mailed_with_a_one_line_subject(demo, user_named, settings):
    settings.EMAIL_BACKEND = LOCMEM
    title = "Новый вопрос в повестке: О состоянии\r\nпреступности среди\n  несовершеннолетних\tв г. Алматы"
    n = notice(user_named("sec_mvd"), title, now=at(dt.date(2026, 11, 24), 9))
    assert n.delivery == Notification.Delivery.SENT
    [message] = mail.outbox
    assert message.subject == "Новый вопрос в повестке: О состоянии преступности среди несовершеннолетних в г. Алматы"
    assert message.message()["Subject"]  # the headers build without BadHeaderError
    assert n.title == title  # the notice itself keeps the text as written


def test_a_long_title_is_cut_at_a_word_in_the_subject(demo, user_named, settings):
    settings.EMAIL_BACKEND = LOCMEM
    question = "Вопрос: " + " ".join(["совершенствование межведомственного взаимодействия"] * 8)
    reader, now, ids = user_named("sec_mvd"), at(dt.date(2026, 11, 24), 9), []
    [n] = notify(
        recipients=[reader],
        key="test:long",
        message="proposal.submitted",
        params={"question": both(question, question), "justification": both("", "")},
        now=now,
        defer_email=ids,
    )
    email_notifications(ids=ids, now=now)
    with translation.override(reader.preferred_language):
        title = n.rendered()[0]
    assert len(title) > 300 and question in title
    [message] = mail.outbox
    assert len(message.subject) <= SUBJECT_MAX
    assert message.subject.endswith("…")
    assert title.startswith(message.subject[:-1])
    assert title[len(message.subject) - 1] == " "  # cut between words


def test_a_recipient_without_an_address_is_not_retried(demo, user_named, settings):
    settings.EMAIL_BACKEND = BROKEN
    person = user_named("sec_mvd")
    person.email = ""
    person.save(update_fields=["email"])
    n = notice(person, "Материалы возвращены на доработку", now=at(dt.date(2026, 11, 24), 9))
    assert (n.delivery, n.email_attempts) == (Notification.Delivery.NO_ADDRESS, 0)
    notification_email(n.pk)  # nothing to send, nothing raised
    n.refresh_from_db()
    assert (n.delivery, n.email_attempts) == (Notification.Delivery.NO_ADDRESS, 0)
