"""Notifications: an in-app notice per recipient, and its e-mail in the recipient's language after commit."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from .models import Notification

log = logging.getLogger(__name__)


def bilingual(message, **params):
    """A (Kazakh, Russian) pair of a translatable message, for content stored in both languages."""
    pair = []
    for lang in ("kk", "ru"):
        with translation.override(lang):
            pair.append(str(message) % params if params else str(message))
    return tuple(pair)


def notify(*, recipients, key, render, now, council=None, deadline=None, url="", defer_email=None):
    """Create one notice per recipient unless one with ``key`` exists already; returns the new ones.

    ``render()`` is called in each recipient's language and returns (title, body). E-mails go out after
    the transaction commits, or, with ``defer_email`` (a list), the caller sends them later in one pass.
    """
    created = []
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            title, body = render()
            title, body = str(title), str(body)
        try:
            with transaction.atomic():  # a savepoint: a duplicate leaves the outer transaction usable
                n = Notification.objects.create(
                    recipient=user,
                    key=key,
                    title=title[:300],
                    body=body,
                    url=url,
                    created_at=now,
                    council=council,
                    deadline=deadline,
                )
        except IntegrityError:
            continue  # sent before: the uniqueness constraint is the proof
        created.append(n)
    if created and defer_email is not None:
        # Sent by the caller after its transactions end; a rolled-back notice is gone and is not sent.
        defer_email.extend(n.pk for n in created)
    elif created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: email_notifications(ids=ids, now=now))
    return created


def email_notifications(*, ids, now):
    """Send the e-mail of each notice not e-mailed yet; marks the sent ones in one update."""
    sent = []
    for n in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("recipient"):
        if not n.recipient.email:
            continue
        try:
            link = f"{settings.SITE_URL.rstrip('/')}{n.url}" if n.url.startswith("/") else n.url
            send_mail(n.title, f"{n.body}\n\n{link}".strip(), None, [n.recipient.email])
        except Exception:  # noqa: BLE001 - the in-app notice stands; the failure is logged
            log.exception("Could not e-mail notification %s", n.pk)
            continue
        sent.append(n.pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=now)
