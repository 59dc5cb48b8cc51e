"""Approval of territorial councils' regulations and composition by the republic chair (R-000-6, R-000-14)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Council, RegulationProfile, StoredDocument
from council.uploads import storage_name
from council.workflow import Step


def approval_upload_to(instance, filename):

    return storage_name("territorial", filename)


class Approval(StoredDocument):
    """A territorial council's regulation or composition sent to the republic chair, with its document."""

    file_field = "document"
    uploaded_by_field = "created_by"
    uploaded_at_field = "created_at"

    class Kind(models.TextChoices):
        REGULATION = "regulation", _("regulation of the council")
        COMPOSITION = "composition", _("composition of the council")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the republic chair")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned with remarks")

    # The allowed moves; anything else is refused with a reason.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.APPROVED: set(),
    }

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("territorial council")
    )
    kind = models.CharField(_("what is approved"), max_length=16, choices=Kind.choices)
    note = models.TextField(_("covering note"), blank=True)
    document = models.FileField(_("document"), upload_to=approval_upload_to, blank=True)
    profile = models.ForeignKey(
        RegulationProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regulation profile"),
    )
    composition = models.JSONField(_("composition submitted"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    remarks = models.TextField(_("remarks of the chair"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval by the republic chair")
        verbose_name_plural = _("approvals by the republic chair")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "council"])]

    def __str__(self):
        return f"{self.council.short_name}: {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("territorial:approval_detail", args=[self.pk])


class ApprovalStep(Step):
    """Every move of an approval: who, when, from, to, comment."""

    subject_field = "approval"
    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")


def regional_report_upload_to(instance, filename):
    return storage_name("regional-reports", filename)


class RegionalReport(StoredDocument):
    """The regional prosecutor's quarterly report on the collegium and the regional coordination council,
    by the 5th of the month after the quarter, at most 5 pages (R-003-33). One row per territorial council
    and quarter, opened at the quarter's start with its deadline."""

    file_field = "document"
    uploaded_by_field = "submitted_by"
    uploaded_at_field = "submitted_at"

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="regional_reports", verbose_name=_("territorial council")
    )
    quarter_start = models.DateField(_("quarter"))
    document = models.FileField(_("report"), upload_to=regional_report_upload_to, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("regional quarterly report")
        verbose_name_plural = _("regional quarterly reports")
        ordering = ["council", "-quarter_start"]
        constraints = [
            models.UniqueConstraint(fields=["council", "quarter_start"], name="regional_report_once_per_quarter")
        ]

    def __str__(self):
        return f"{self.council.short_name}: {self.quarter_start:%m.%Y}"

    def get_absolute_url(self):
        return reverse("territorial:regional_reports", args=[self.council.code])

    @property
    def quarter(self):
        return (self.quarter_start.month - 1) // 3 + 1
