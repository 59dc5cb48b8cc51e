"""The regional quarterly report (R-003-33): for every territorial council whose profile lists the rule,
a row each quarter with its deadline (the 5th of the month after the quarter); the report is a PDF of at
most 5 pages, counted as the reference note's 8 pages are (R-000-10b)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, deadline_close_for, deadline_open
from council.models import AuditVerb, Council
from council.notify import bilingual
from council.rules import allowed
from council.services import audit
from council.uploads import discarded_on_failure, store_upload
from secretariat.services.materials import pdf_pages

from .models import RegionalReport

REGIONAL_REPORT_MAX_PAGES = 5  # R-003-33
KIND = "regional-report"


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@transaction.atomic
def regional_reports_open(*, today, now):
    """Every territorial council whose profile lists R-003-33 gets its report of the quarter containing
    ``today``, with the deadline (idempotent: run daily, it opens each quarter's rows once)."""
    start = quarter_start(today)
    opened = []
    for council in Council.objects.filter(kind="territorial", is_active=True).select_related("profile"):
        if "R-003-33" not in council_profile(council).rules:
            continue
        report, created = RegionalReport.objects.get_or_create(
            council=council, quarter_start=start, defaults={"created_at": now}
        )
        deadline_open(
            council=council,
            subject=report,
            kind=KIND,
            rule_id="R-003-33",
            anchor=start,
            now=now,
            title=bilingual(
                _("Quarterly report on the collegium and the regional coordination council, quarter %(q)s of %(y)s"),
                q=report.quarter,
                y=start.year,
            ),
        )
        if created:
            opened.append(report)
    return opened


@transaction.atomic
def regional_report_submit(*, actor, report, upload, now):
    """The territorial council's secretary submits the quarter's report: a PDF of at most 5 pages
    (R-003-33); a longer one is refused with its page count. Closes the deadline (late after the 5th)."""
    report = RegionalReport.objects.select_for_update().select_related("council").get(pk=report.pk)
    if not allowed(actor, "territorial.submit_regional_report", report.council, day=now.date()):
        raise PermissionDenied(_("Only the territorial council's secretary submits its quarterly report."))
    if report.submitted_at is not None:
        raise ValidationError(_("The report of this quarter is submitted already."))
    if upload is None:
        raise ValidationError({"document": _("Attach the report.")})
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError({"document": _("The report is submitted as PDF, so its pages can be counted.")})
    pages = pdf_pages(upload)
    if pages > REGIONAL_REPORT_MAX_PAGES:
        raise ValidationError(
            {
                "document": _("The report has %(pages)s pages; at most %(max)s are allowed (R-003-33).")
                % {"pages": pages, "max": REGIONAL_REPORT_MAX_PAGES}
            }
        )
    store_upload(report, upload)
    report.pages, report.submitted_by, report.submitted_at = pages, actor, now
    with discarded_on_failure(report):
        report.save()
    deadline_close_for(subject=report, kind=KIND, actor=actor, now=now)
    audit(
        actor=actor,
        verb=AuditVerb.REGIONAL_REPORT_SUBMIT,
        subject=report,
        council=report.council,
        at=now,
        pages=pages,
    )
    return report
