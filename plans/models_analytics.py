"""Unplanned information-analytical work (seed 004, R-004-6..10, R-004-14).

Its only bases are an assignment of the Prosecutor General or a deputy, or a substantiated request of a
state body agreed by them (R-004-6). A request is assessed within 5 calendar days (R-004-7, rule
``R-004-6`` of ``council/deadlines.py``); it is accepted with an execution period (the one set by the
Prosecutor General or deputy, else one month, R-004-10) or refused by a reasoned report to the Prosecutor
General followed at once by a reasoned answer to the body (R-004-8, R-004-9). Results are attached to the
work (R-004-14) as sensitive material (``council.SensitiveMaterial``).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.models import Body, Council, StoredDocument, localized
from council.uploads import storage_name
from council.workflow import Step


def unplanned_upload_to(instance, filename):
    return storage_name("analytics", filename)


class UnplannedWork(models.Model):
    class Basis(models.TextChoices):
        ASSIGNMENT = "assignment", _("assignment of the Prosecutor General or a deputy")
        REQUEST = "request", _("substantiated request of a state body agreed by the Prosecutor General or a deputy")

    class Status(models.TextChoices):
        ASSESSMENT = "assessment", _("being assessed")
        ACCEPTED = "accepted", _("accepted, under control")
        REFUSAL_REPORTED = "refusal_reported", _("refusal reported to the Prosecutor General")
        REFUSED = "refused", _("refused, answer sent")
        REPORTED = "reported", _("results attached")
        CLOSED = "closed", _("removed from control")

    TRANSITIONS = {
        Status.ASSESSMENT: {Status.ACCEPTED, Status.REFUSAL_REPORTED},
        Status.ACCEPTED: {Status.REPORTED},
        Status.REFUSAL_REPORTED: {Status.REFUSED},
        Status.REFUSED: set(),
        Status.REPORTED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    OPEN_STATUSES = (Status.ASSESSMENT, Status.ACCEPTED, Status.REPORTED)

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="unplanned_work", verbose_name=_("council")
    )
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    number = models.CharField(_("number"), max_length=64)
    date = models.DateField(_("date"))
    author = models.CharField(_("author (who signed)"), max_length=300)
    requesting_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("requesting body")
    )
    agreed_by = models.CharField(_("agreed by (Prosecutor General or deputy)"), max_length=300, blank=True)
    received_on = models.DateField(_("received"))
    text_kk = models.TextField(_("text (Kazakh)"))
    text_ru = models.TextField(_("text (Russian)"))
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("executor")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASSESSMENT)
    period_set_by_chief = models.BooleanField(_("period set by the Prosecutor General or deputy"), default=False)
    due_date = models.DateField(_("execution deadline"), null=True, blank=True)
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"))
    # R-004-6, R-004-11: the basis is a basis of access only once someone other than the analyst who recorded
    # it, with the right to (the secretary, the chair), has confirmed it against the document itself.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("basis confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("basis confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("unplanned analytical work")
        verbose_name_plural = _("unplanned analytical work")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["council", "status"], name="unplanned_council_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(basis="assignment") | models.Q(requesting_body__isnull=False),
                name="unplanned_request_has_body",
            ),
        ]

    def __str__(self):
        return f"№ {self.number} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("analytics:unplanned_detail", args=[self.pk])

    @property
    def text(self):
        return localized(self, "text")

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class UnplannedWorkStep(Step):
    subject_field = "work"
    work = models.ForeignKey(UnplannedWork, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("unplanned work step")
        verbose_name_plural = _("unplanned work steps")


class UnplannedDocument(StoredDocument):
    """The reasoned report to the Prosecutor General (R-004-8) and the reasoned answer to the body (R-004-9),
    with the answer's dispatch."""

    uploaded_at_field = "submitted_at"

    class Kind(models.TextChoices):
        REFUSAL_REPORT = "refusal_report", _("reasoned report to the Prosecutor General")
        ANSWER = "answer", _("reasoned answer to the state body")

    work = models.ForeignKey(UnplannedWork, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("document"), upload_to=unplanned_upload_to)
    number = models.CharField(_("outgoing number"), max_length=64, blank=True)
    dispatched_on = models.DateField(_("sent on"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("stored"))

    class Meta:
        verbose_name = _("document of unplanned work")
        verbose_name_plural = _("documents of unplanned work")
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "kind"], name="unplanned_document_once")]

    def __str__(self):
        return self.get_kind_display()
