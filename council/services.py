"""Writes of the core app. Every service is atomic and leaves an audit event in the same transaction."""

from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent, AuditVerb, Heartbeat, Notification
from .navcache import touch_users

# The key of the PostgreSQL advisory lock that makes writers of the audit log take turns.
AUDIT_CHAIN_LOCK = int.from_bytes(b"audit", "big")


def audit(*, actor, verb, subject=None, council=None, at=None, **data):
    """Record one audit event; call inside the service's transaction.

    The event carries the hash of the event before it and of its own content (the chain that
    ``manage.py audit_verify`` walks). On PostgreSQL a transaction-scoped advisory lock, taken before the
    last hash is read and held until the writer's transaction ends, makes concurrent writers link one
    after another, never both to the same event; SQLite has a single writer already.
    """
    at = at or timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_CHAIN_LOCK])
        event = AuditEvent(
            at=at,
            actor=actor if getattr(actor, "pk", None) else None,
            council=council,
            verb=str(verb),
            subject_type=subject._meta.label_lower if subject is not None else "",
            subject_id=subject.pk if subject is not None else None,
            data=data,
            prev_hash=AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or "",
        )
        event.hash = event.content_hash()
        event.save(force_insert=True)
    return event


@transaction.atomic
def user_set_language(*, user, language):
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        audit(actor=user, verb=AuditVerb.USER_SET_LANGUAGE, subject=user, language=language)


@transaction.atomic
def user_set_email_digest(*, user, digest):
    """One e-mail a day with every notice (``digest``), or one e-mail per notice; the person's own choice.
    Notices already waiting for the daily e-mail are sent with it."""
    digest = bool(digest)
    if user.email_digest != digest:
        user.email_digest = digest
        user.save(update_fields=["email_digest"])
        audit(actor=user, verb=AuditVerb.USER_SET_EMAIL_DIGEST, subject=user, digest=digest)


def heartbeat_record(*, name, at):
    Heartbeat.objects.update_or_create(name=name, defaults={"at": at})


@transaction.atomic
def notification_mark_read(*, user, now, notification=None):
    """Mark one notice (or all of the user's unread notices) as read."""

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification is not None:
        qs = qs.filter(pk=notification.pk)
    marked = qs.update(read_at=now)
    touch_users([user.pk])  # the unread count in the header (an UPDATE sends no signal)
    return marked
