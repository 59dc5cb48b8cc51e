"""The compliance dashboard's running counts of deadlines (R-000-11d): how many deadlines of each kind the
dashboard follows are in each state, per council, month of the due date and responsible body.

The deadline services keep it in step with ``Deadline`` in the same transaction as each change (open, close,
waive, reschedule, the sweep's overdue mark), by adding signed differences; ``council.compliance_summary``
holds that code and the rebuild from the deadlines themselves, which stay the source of truth. A month whose
deadlines are all closed never changes again, so the dashboard reads hundreds of rows, not the deadlines.

``ComplianceRollup`` holds the same counts without the body, kept by the same code in the same transaction:
the page's tables per council and over all councils read it (a few rows per council and month), and only the
table of execution by body reads ``ComplianceSummary``, its execution rows alone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Council

NO_BODY = 0  # ``body`` of a deadline without a responsible body (a key column cannot be NULL and still unique)
KEY = ["kind", "month", "council", "body", "state"]
ROLLUP_KEY = ["month", "council", "kind", "state"]


class ComplianceSummary(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="+", db_index=False, verbose_name=_("council")
    )
    month = models.DateField(_("month"))  # the first day of the due date's month
    kind = models.SlugField(_("what is due"), max_length=64, db_index=False)  # the key's index leads with it
    body = models.BigIntegerField(_("responsible body"), default=NO_BODY)  # Body id, or NO_BODY
    state = models.CharField(_("state"), max_length=16)
    count = models.IntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("compliance summary")
        verbose_name_plural = _("compliance summary")
        constraints = [
            # The key of the counts and the conflict target of their upsert. Kind, then month: the dashboard
            # reads the execution rows of a period's months as one range of the index, whatever the years of
            # history before and after it and the other kinds' rows (those it reads from the roll-up).
            models.UniqueConstraint(fields=KEY, name="compliance_summary_key")
        ]
        indexes = [
            # The same with the count, for the dashboard to read the index alone (PostgreSQL; an embedded
            # database has no covering index, and a unique constraint with one would not be made there at all).
            models.Index(fields=KEY, include=["count"], name="compliance_summary_read")
        ]

    def __str__(self):
        return f"{self.council_id} {self.month:%Y-%m} {self.kind} {self.body} {self.state}: {self.count}"


class ComplianceRollup(models.Model):
    """``ComplianceSummary`` added up over the bodies: per council, month of the due date, kind and state."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="+", db_index=False, verbose_name=_("council")
    )
    month = models.DateField(_("month"))  # the first day of the due date's month
    kind = models.SlugField(_("what is due"), max_length=64, db_index=False)  # read through the key's index
    state = models.CharField(_("state"), max_length=16)
    count = models.IntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("compliance summary by council")
        verbose_name_plural = _("compliance summary by council")
        constraints = [
            # The key of the counts and the conflict target of their upsert; month first: a period's months are
            # one range of the index, whatever the years of history before and after it.
            models.UniqueConstraint(fields=ROLLUP_KEY, name="compliance_rollup_key")
        ]
        indexes = [models.Index(fields=ROLLUP_KEY, include=["count"], name="compliance_rollup_read")]  # as above

    def __str__(self):
        return f"{self.council_id} {self.month:%Y-%m} {self.kind} {self.state}: {self.count}"
