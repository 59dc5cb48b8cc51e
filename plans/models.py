"""Work plans: members' proposals, the secretary's draft, the chair's approval, corrections as revisions.

Rules: R-000-9a (half-year plans from members' proposals, signed by the chair), R-000-9b (corrections
notify all members), R-000-9c (a meeting at least every quarter), R-001-2 and R-001-3b (the monitoring
group: quarterly and annual plans, a meeting every two months), R-003-12/R-003-15 (plan columns),
R-003-19 (changes within a month of an item's deadline need a reason), R-004-4.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body, CoExecutorLink, Council, StoredDocument, WithCoExecutors, localized
from council.uploads import storage_name
from council.workflow import Step


def justification_upload_to(instance, filename):

    return storage_name("proposals", filename)


class Plan(models.Model):
    class Period(models.TextChoices):
        HALF_YEAR = "half_year", _("half-year")
        QUARTER = "quarter", _("quarter")
        YEAR = "year", _("year")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the chair")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned with remarks")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.APPROVED: set(),
    }

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="plans", verbose_name=_("council"))
    period = models.CharField(_("period"), max_length=16, choices=Period.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    remarks = models.TextField(_("remarks of the chair"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "period", "start"], name="plan_one_per_council_period"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="plan_valid_range"),
        ]

    def __str__(self):
        return f"{self.council.short_name}: {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])


class PlanItem(WithCoExecutors, models.Model):
    """One line of the plan (R-003-15): number, question, responsible executor first, co-executors,
    deadline, form of completion, planned quarter or month and meeting; for analytical plans the stage
    of the measure (R-004-4)."""

    class Stage(models.TextChoices):
        INSPECTION = "inspection", _("inspection")
        ANALYSIS = "analysis", _("analysis")
        GENERALISATION = "generalisation", _("generalisation")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("number"))
    question_kk = models.TextField(_("question (Kazakh)"))
    question_ru = models.TextField(_("question (Russian)"))
    responsible_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible executor (listed first)"),
    )
    co_executors = models.ManyToManyField(
        Body, through="PlanItemCoExecutor", related_name="+", verbose_name=_("co-executors"), blank=True
    )
    planned_quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    planned_month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    planned_meeting = models.DateField(_("planned meeting"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    form_kk = models.CharField(_("form of completion (Kazakh)"), max_length=300, blank=True)
    form_ru = models.CharField(_("form of completion (Russian)"), max_length=300, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, blank=True)
    proposal = models.ForeignKey(
        "Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("proposal")
    )
    # Control of an approved plan's item (R-001-2, R-003-18): the results reported to whoever approved the
    # plan, the resolution on that report, the package for removal from control, the results acted on.
    results_reported_at = models.DateTimeField(_("results reported"), null=True, blank=True)
    results_note = models.TextField(_("results"), blank=True)
    resolution_date = models.DateField(_("date of the resolution"), null=True, blank=True)
    removal_submitted_at = models.DateTimeField(_("submitted for removal from control"), null=True, blank=True)
    certificate = models.TextField(_("certificate of results"), blank=True)
    acted_at = models.DateTimeField(_("results acted on"), null=True, blank=True)
    # Raised by every save of the draft's edit form; a save based on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.question}"

    @property
    def question(self):
        return localized(self, "question")

    @property
    def form(self):
        return localized(self, "form")


class PlanItemCoExecutor(CoExecutorLink):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="co_executor_links")

    class Meta(CoExecutorLink.Meta):
        constraints = [models.UniqueConstraint(fields=["item", "body"], name="plan_item_co_executor_once")]


class PlanRevision(models.Model):
    """The plan as approved (revision 1) and after every correction (R-000-9b), with the reason."""

    class Reason(models.TextChoices):
        APPROVAL = "approval", _("approval by the chair")
        SITUATION = "situation", _("change of the operational situation")
        PRESIDENT = "president", _("instruction of the President of the Republic of Kazakhstan")
        ADMINISTRATION = "administration", _("instruction of the Presidential Administration")
        SECURITY_COUNCIL = "security_council", _("instruction of the Security Council")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    explanation = models.TextField(_("explanation"), blank=True)
    items = models.JSONField(_("items"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_unique")]

    def __str__(self):
        return f"{self.plan} r{self.number}"


class PlanStep(Step):
    """Every status move of a plan: who, when, from, to, comment."""

    subject_field = "plan"
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")


class Proposal(WithCoExecutors, StoredDocument):
    """A member's proposal to the next plan, addressed to the chair (R-000-9a, R-001-3c), with its
    justification note as text or as a stored document."""

    file_field = "justification_file"
    uploaded_by_field = "author"
    uploaded_at_field = "created_at"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted into the plan")
        REJECTED = "rejected", _("not accepted")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: set(),
        Status.REJECTED: set(),
    }

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("council"))
    period_start = models.DateField(_("for the plan starting"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposing body"))
    question_kk = models.TextField(_("question (Kazakh)"))
    question_ru = models.TextField(_("question (Russian)"))
    justification_kk = models.TextField(_("justification (Kazakh)"), blank=True)
    justification_ru = models.TextField(_("justification (Russian)"), blank=True)
    justification_file = models.FileField(_("justification note"), upload_to=justification_upload_to, blank=True)
    responsible_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed responsible executor")
    )
    desired_quarter = models.PositiveSmallIntegerField(_("desired quarter"), null=True, blank=True)
    # R-001-1.2: the proposer confirms the question does not concern a specific criminal case.
    not_a_criminal_case = models.BooleanField(_("does not concern a specific criminal case"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    decision_note = models.TextField(_("secretary's note"), blank=True)
    created_at = models.DateTimeField(_("submitted"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal to the plan")
        verbose_name_plural = _("proposals to the plan")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "period_start", "status"])]

    def __str__(self):
        return self.question

    @property
    def question(self):
        return localized(self, "question")

    @property
    def justification(self):
        return localized(self, "justification")


class ProposalCoExecutor(CoExecutorLink):
    """A co-executor the proposal names, in its order; the plan item made from it copies them."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_executor_links")

    class Meta(CoExecutorLink.Meta):
        constraints = [models.UniqueConstraint(fields=["proposal", "body"], name="proposal_co_executor_once")]


from .models_analytics import UnplannedDocument, UnplannedWork, UnplannedWorkStep  # noqa: E402, F401
