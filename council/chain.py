"""The seal of the audit log's and the access log's hash chains: HMAC-SHA256 of an entry's canonical content
(JSON, sorted keys, times in UTC to the microsecond, the previous entry's seal included) under
``AUDIT_CHAIN_KEY``, a key that comes from the environment and that the database does not hold. Whoever can
write to the database but does not have the key cannot rewrite a tail of either chain so that
``manage.py audit_verify`` passes: the seals they would recompute are not the application's."""

import datetime
import hashlib
import hmac
import json

from django.conf import settings


def seal(content: dict) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(settings.AUDIT_CHAIN_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def audit_event_content(e) -> dict:
    """What an audit event's seal covers (a model instance, or a migration's historical one)."""
    return {
        "at": e.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": e.actor_id,
        "council": e.council_id,
        "verb": e.verb,
        "subject_type": e.subject_type,
        "subject_id": e.subject_id,
        "data": e.data,
        "prev_hash": e.prev_hash,
    }


def access_entry_content(e) -> dict:
    """What an access log entry's seal covers."""
    return {
        "at": e.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "person": e.person_id,
        "category": e.category_number,
        "council": e.council_id,
        "material": e.material_id,
        "action": e.action,
        "basis": [e.basis_kind, e.basis_reference, e.basis_date and e.basis_date.isoformat()],
        "order": e.order_id,
        "workstation": e.workstation,
        "address": e.address,
        "reason": e.reason,
        "prev_hash": e.prev_hash,
    }
