"""Writes of the read API's personal tokens: a user creates and revokes their own; nobody else can."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ApiToken, AuditVerb, token_digest
from .rules import allowed
from .services import audit

TOKEN_BYTES = 32
MAX_ACTIVE_TOKENS = 10


@transaction.atomic
def api_token_create(*, actor, name, now):
    """A new token for ``actor``; returns (token, the raw value). The raw value is shown once and never
    stored: only its SHA-256 is kept."""
    if not allowed(actor, "council.create_api_token", actor, day=now.date()):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the token, for example after the program that will use it.")})
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"name": _("The name is too long.")})
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(count)s active tokens already; revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(user=actor, name=name, prefix=raw[:8], digest=token_digest(raw), created_at=now)
    audit(actor=actor, verb=AuditVerb.API_TOKEN_CREATE, subject=token, at=now, name=name, prefix=token.prefix)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor, token, now):
    """Revoke one of the actor's tokens; from then on it is refused. Revoking twice is refused with a
    reason."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not allowed(actor, "council.revoke_api_token", token, day=now.date()):
        raise PermissionDenied
    if token.revoked_at is not None:
        raise ValidationError(_("This token is revoked already."))
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])
    audit(actor=actor, verb=AuditVerb.API_TOKEN_REVOKE, subject=token, at=now, prefix=token.prefix)
    return token
