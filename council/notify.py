"""Notifications: an in-app notice per recipient, and its e-mail in the recipient's language after commit."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import ngettext

from .links import absolute
from .messages import MESSAGES, render
from .models import Notification

log = logging.getLogger(__name__)


def bilingual(message, **params):
    """A (Kazakh, Russian) pair of a translatable message, for content stored in both languages."""
    pair = []
    for lang in ("kk", "ru"):
        with translation.override(lang):
            pair.append(str(message) % params if params else str(message))
    return tuple(pair)


def notice_rows(*, recipients, key, now, message, params=None, council=None, deadline=None, url=""):
    """The unsaved notices of ``key``, one per active recipient: ``message`` of ``council.messages`` with its
    ``params``. Its words in each one's language are kept in ``title``/``body`` as first written (made once
    per language); the inbox and the e-mail word it again in the reader's language at the time. ``notify``
    saves them one by one; the sweep inserts a batch's in one statement."""
    if message not in MESSAGES:
        raise ImproperlyConfigured(f"The notice message {message!r} is not registered in council.messages.")
    params = params or {}
    rows, seen, wording = [], set(), {}
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        language = user.preferred_language or settings.LANGUAGE_CODE
        if language not in wording:
            with translation.override(language):
                wording[language] = render(message, params)
        title, body = wording[language]
        rows.append(
            Notification(
                recipient=user,
                key=key,
                message=message,
                params=params,
                delivery=Notification.Delivery.DIGEST if user.email_digest else Notification.Delivery.PENDING,
                title=title[:300],
                body=body,
                url=url,
                created_at=now,
                council=council,
                deadline=deadline,
            )
        )
    return rows


def notify(
    *,
    recipients,
    key,
    now,
    message,
    params=None,
    council=None,
    deadline=None,
    url="",
    defer_email=None,
):
    """Create one notice per recipient unless one with ``key`` exists already; returns the new ones.

    What it says is ``message`` with ``params`` (``council.messages``: plain JSON, a person's free text kept
    as written), put into words in the reader's language whenever it is shown or e-mailed. E-mails go out
    after the transaction commits, or, with ``defer_email`` (a list), the caller sends them later in one
    pass; a person who chose one e-mail a day gets the notice in the daily digest instead
    (``notification_digest_send``).
    """
    created = []
    for n in notice_rows(
        recipients=recipients,
        key=key,
        now=now,
        message=message,
        params=params,
        council=council,
        deadline=deadline,
        url=url,
    ):
        try:
            with transaction.atomic():  # a savepoint: a duplicate leaves the outer transaction usable
                n.save(force_insert=True)
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


SUBJECT_MAX = 150  # characters of an e-mail subject; the full title stays in the in-app notice
RETRY_FIRST_DELAY = 60  # seconds before the first retry of a failed e-mail; each next wait doubles


def email_subject(title):
    """One line, whatever the title holds (a question's text may have line breaks; a header with one is
    refused by ``BadHeaderError``): whitespace collapsed, cut at a word with an ellipsis when long."""
    subject = " ".join(str(title).split())
    if len(subject) <= SUBJECT_MAX:
        return subject
    cut = subject[: SUBJECT_MAX - 1]
    if " " in cut[SUBJECT_MAX // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-") + "…"


def _link(n):
    return absolute(n.url)


def _send(n):
    """The notice's e-mail, worded in the recipient's language as it is now."""
    with translation.override(n.recipient.preferred_language or settings.LANGUAGE_CODE):
        title, body = n.rendered()
    send_mail(email_subject(title), f"{body}\n\n{_link(n)}".strip(), None, [n.recipient.email])


def notification_digest_send(*, now):
    """The daily e-mail of each person who chose one: every notice waiting for it, in their language, in
    one message; they are marked sent (a person without an address: no address). Safe to run twice: a
    notice leaves the digest once sent. Returns the number of e-mails sent."""
    waiting = (
        Notification.objects.filter(delivery=Notification.Delivery.DIGEST, created_at__lte=now)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_person = {}
    for n in waiting:
        by_person.setdefault(n.recipient, []).append(n)
    sent = 0
    for person, notices in by_person.items():
        ids = [n.pk for n in notices]
        if not person.email:
            Notification.objects.filter(pk__in=ids).update(delivery=Notification.Delivery.NO_ADDRESS)
            continue
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            lines = []
            for n in notices:
                title, body = n.rendered()
                lines.append("\n".join(part for part in (f"• {title}", body, _link(n)) if part))
            subject = ngettext(
                "%(count)d notice of the council secretariat", "%(count)d notices of the council secretariat", len(ids)
            ) % {"count": len(ids)}
        try:
            send_mail(email_subject(subject), "\n\n".join(lines), None, [person.email])
        except Exception as exc:  # noqa: BLE001 - kept for tomorrow's digest; the in-app notices stand
            log.warning("Daily e-mail to %s failed: %s", person.pk, exc)
            continue
        Notification.objects.filter(pk__in=ids).update(
            delivery=Notification.Delivery.SENT, emailed_at=now, email_attempts=F("email_attempts") + 1
        )
        sent += 1
    return sent


def _error_text(exc):
    return f"{type(exc).__name__}: {exc}"[:2000]


def email_notifications(*, ids, now):
    """The first attempt at the e-mail of each pending notice. Sent ones are marked in one update; a
    failed one is marked failed with the error and handed to the retry task, which tries again with
    exponential backoff (``council.tasks.notification_email``)."""
    sent, no_address, failed = [], [], []
    pending = Notification.objects.filter(pk__in=ids, delivery=Notification.Delivery.PENDING)
    for n in pending.select_related("recipient"):
        if not n.recipient.email:
            no_address.append(n.pk)
            continue
        try:
            _send(n)
        except Exception as exc:  # noqa: BLE001 - the in-app notice stands; the e-mail is retried
            log.exception("Could not e-mail notification %s", n.pk)
            failed.append((n.pk, _error_text(exc)))
            continue
        sent.append(n.pk)
    if sent:
        Notification.objects.filter(pk__in=sent).update(
            delivery=Notification.Delivery.SENT, emailed_at=now, email_attempts=F("email_attempts") + 1, email_error=""
        )
    if no_address:
        Notification.objects.filter(pk__in=no_address).update(delivery=Notification.Delivery.NO_ADDRESS)
    for pk, error in failed:
        Notification.objects.filter(pk=pk).update(
            delivery=Notification.Delivery.FAILED, email_attempts=F("email_attempts") + 1, email_error=error
        )
    if failed:
        retry = [pk for pk, _error in failed]
        transaction.on_commit(lambda: _queue_retries(retry))


def _queue_retries(ids):
    from .tasks import notification_email  # here: council.tasks imports this module at its top

    for pk in ids:
        try:
            notification_email.apply_async(args=[pk], countdown=RETRY_FIRST_DELAY)
        except Exception:  # noqa: BLE001 - without a broker the notice stays failed, as admin shows
            log.exception("Could not queue the e-mail retry of notification %s", pk)


def notification_email_retry(*, notification_id, now):
    """Another attempt at a failed notice's e-mail (the retry task calls it). The row is locked while
    sending, so two attempts at once send it once; a notice sent meanwhile, or one without an address,
    is left alone. A send error is recorded (attempts, last error) and raised again for the backoff."""
    error = None
    with transaction.atomic():
        qs = Notification.objects.select_related("recipient").filter(pk=notification_id)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        n = qs.first()
        if n is None or n.delivery in (Notification.Delivery.SENT, Notification.Delivery.NO_ADDRESS):
            return n
        if not n.recipient.email:
            n.delivery = Notification.Delivery.NO_ADDRESS
            n.save(update_fields=["delivery"])
            return n
        n.email_attempts += 1
        try:
            _send(n)
        except Exception as exc:  # noqa: BLE001 - recorded here, raised below once the record is committed
            log.warning("E-mail of notification %s failed again (attempt %s): %s", n.pk, n.email_attempts, exc)
            n.delivery, n.email_error, error = Notification.Delivery.FAILED, _error_text(exc), exc
        else:
            n.delivery, n.email_error, n.emailed_at = Notification.Delivery.SENT, "", now
        n.save(update_fields=["delivery", "email_attempts", "email_error", "emailed_at"])
    if error is not None:
        raise error
    return n
