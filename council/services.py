"""Writes of the core app. Every service is atomic and leaves an audit event in the same transaction."""

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, Heartbeat


def audit(*, actor, verb, subject=None, council=None, at=None, **data):
    """Record one audit event; call inside the service's transaction."""
    return AuditEvent.objects.create(
        at=at or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        council=council,
        verb=verb,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        data=data,
    )


@transaction.atomic
def user_set_language(*, user, language):
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        audit(actor=user, verb="user.set_language", subject=user, language=language)


def heartbeat_record(*, name, at):
    Heartbeat.objects.update_or_create(name=name, defaults={"at": at})


@transaction.atomic
def notification_mark_read(*, user, now, notification=None):
    """Mark one notice (or all of the user's unread notices) as read."""
    from .models import Notification

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification is not None:
        qs = qs.filter(pk=notification.pk)
    return qs.update(read_at=now)
