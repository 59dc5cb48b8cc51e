import smtplib

from celery import shared_task
from django.utils import timezone

from .deadline_services import deadline_sweep as sweep
from .notify import RETRY_FIRST_DELAY, email_notifications, notification_digest_send, notification_email_retry
from .services import heartbeat_record


@shared_task(name="council.tasks.heartbeat")
def heartbeat():
    """Beat sends it every minute; the worker records when it ran (idempotent: one row, updated)."""
    heartbeat_record(name="worker", at=timezone.now())


@shared_task(name="council.tasks.deadline_sweep")
def deadline_sweep():
    """Beat runs it every few minutes: reminders, overdue marks and escalations whose time has come."""
    result = sweep(now=timezone.now(), email=False)
    for start in range(0, len(result.to_email), 500):  # the e-mails from the mail queue's worker
        notification_emails.delay(result.to_email[start : start + 500])
    return {"handled": result.handled, "notices": result.notices, "errors": len(result.errors)}


@shared_task(name="council.tasks.notification_emails")
def notification_emails(ids):
    """The first attempt at the e-mails of the notices a sweep created (idempotent: only those still
    pending are sent); a failure is retried one by one by ``notification_email``."""
    email_notifications(ids=ids, now=timezone.now())


@shared_task(
    name="council.tasks.notification_email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=RETRY_FIRST_DELAY,  # 1, 2, 4, 8 … minutes between attempts
    retry_backoff_max=6 * 60 * 60,
    retry_jitter=True,
    max_retries=8,  # then the notice stays "failed" with its last error, as admin shows
)
def notification_email(notification_id):
    """A failed notification e-mail, tried again with exponential backoff (idempotent: a notice sent
    meanwhile is not sent again)."""
    notification_email_retry(notification_id=notification_id, now=timezone.now())


@shared_task(name="council.tasks.notification_digest")
def notification_digest():
    """Beat runs it each morning: one e-mail per person who chose a daily e-mail (idempotent)."""
    return notification_digest_send(now=timezone.now())
