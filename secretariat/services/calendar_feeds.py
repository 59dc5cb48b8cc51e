"""A person's secret calendar address: made, remade (the old one stops working) and revoked."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.models import AuditVerb
from council.services import audit

from ..models import CalendarFeed


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _own_account(actor):
    """The address is the person's own: any active, signed-in account makes or revokes its own, nobody
    another's."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("Sign in to manage your calendar address."))


@transaction.atomic
def calendar_feed_create(*, actor, now):
    """A new secret address for ``actor``; any earlier one stops working. Returns the token, which is not
    stored (only its SHA-256)."""
    _own_account(actor)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(person=actor, defaults={"token_hash": token_hash(token), "created_at": now})
    audit(actor=actor, verb=AuditVerb.CALENDAR_FEED_CREATE, subject=actor, at=now)
    return token


@transaction.atomic
def calendar_feed_revoke(*, actor, now):
    _own_account(actor)
    deleted, _rows = CalendarFeed.objects.filter(person=actor).delete()
    if deleted:
        audit(actor=actor, verb=AuditVerb.CALENDAR_FEED_REVOKE, subject=actor, at=now)
    return bool(deleted)


def calendar_feed_person(token: str):
    """The active person whose address carries ``token``, or None."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("person").filter(token_hash=token_hash(token)).first()
    if feed is None or not feed.person.is_active:
        return None
    return feed.person
