"""Walk the audit log's hash chain in id order, then the access log's; name the first entry where either breaks.

Each event stores the hash of the event before it and the hash of its own content. An event whose
content no longer matches its hash was edited; an event whose stored previous hash is not the hash of
the event before it follows a deleted (or edited) event. The last hash is printed so that it can be
kept elsewhere: only that detects rewriting of the whole tail.
"""

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.access import access_log_verify
from council.models import AccessLogEntry, AuditEvent


class Command(BaseCommand):
    help = gettext_lazy(
        "Check the hash chains of the audit log and the access log; names the first broken entry and exits with "
        "an error."
    )

    @no_translations  # the same words whatever language the caller's thread had active
    def handle(self, *args, **options):
        count, prev = 0, ""
        events = AuditEvent.objects.order_by("id").only(
            "id", "at", "actor_id", "council_id", "verb", "subject_type", "subject_id", "data", "prev_hash", "hash"
        )
        for event in events.iterator(chunk_size=2000):
            if event.prev_hash != prev:
                raise CommandError(self._broken(event, _("the event before it is missing or was changed")))
            if event.content_hash() != event.hash:
                raise CommandError(self._broken(event, _("its content was changed after it was recorded")))
            prev = event.hash
            count += 1
        self.stdout.write(
            ngettext(
                "OK: %(count)d audit event, the chain is intact. Last hash: %(hash)s",
                "OK: %(count)d audit events, the chain is intact. Last hash: %(hash)s",
                count,
            )
            % {"count": count, "hash": prev or "-"}
        )
        # The access log to sensitive material (R-004-11) is a chain of its own, sealed with the same key.
        broken = access_log_verify()
        if broken is not None:
            raise CommandError(
                _("The access log's chain is broken at entry %(id)d (%(at)s): it was changed or one before it removed.")
                % {"id": broken.pk, "at": timezone.localtime(broken.at).isoformat()}
            )
        entries = AccessLogEntry.objects.count()
        last = AccessLogEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        self.stdout.write(
            ngettext(
                "OK: %(count)d access log entry, the chain is intact. Last hash: %(hash)s",
                "OK: %(count)d access log entries, the chain is intact. Last hash: %(hash)s",
                entries,
            )
            % {"count": entries, "hash": last or "-"}
        )

    @staticmethod
    def _broken(event, reason):
        return _("The audit chain is broken at event %(id)d (%(at)s, %(verb)s): %(reason)s.") % {
            "id": event.pk,
            "at": timezone.localtime(event.at).isoformat(),
            "verb": event.verb,
            "reason": reason,
        }
