"""The audit log becomes a hash chain: every existing event is linked to the one before it, in id order."""

import datetime
import hashlib
import json

from django.db import migrations, models


def content_hash(event):
    """The canonical form of ``AuditEvent.content_hash`` as of this migration."""
    content = {
        "at": event.at.astimezone(datetime.timezone.utc).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "council": event.council_id,
        "verb": event.verb,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def link_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("council", "AuditEvent")
    prev, batch = "", []
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        event.prev_hash = prev
        event.hash = prev = content_hash(event)
        batch.append(event)
        if len(batch) == 2000:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0006_dashboard_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="hash of the previous event"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.RunPython(link_existing_events, migrations.RunPython.noop, elidable=False),
    ]
