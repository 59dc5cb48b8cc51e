"""Protocols of meetings: items heard, decisions with executors, deadlines and votes; agreement with the
members, signatures, the frozen PDFs and dispatch (R-000-11a, R-000-11b, R-000-11c, R-001-3e, R-002-12,
R-003-23, R-003-65)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body, Council, StoredDocument, localized
from council.uploads import storage_name
from council.workflow import Step

from .assignment_labels import ExecutedSubject


def protocol_upload_to(instance, filename):

    return storage_name("protocols", filename)


def registration_number(number, year):
    """A protocol's registration number as printed: number/year; empty before it is registered."""
    return f"{number}/{year}" if number else ""


class Protocol(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGREEMENT = "agreement", _("with the members for agreement")
        FOR_SIGNATURE = "for_signature", _("presented for signature")
        SIGNED = "signed", _("signed")
        DISPATCHED = "dispatched", _("sent")

    TRANSITIONS = {
        # Straight to signature only where the profile has no agreement with members (R-002-14);
        # protocol_present refuses it otherwise (R-000-11b).
        Status.DRAFT: {Status.AGREEMENT, Status.FOR_SIGNATURE},
        Status.AGREEMENT: {Status.DRAFT, Status.FOR_SIGNATURE},
        Status.FOR_SIGNATURE: {Status.DRAFT, Status.SIGNED},
        Status.SIGNED: {Status.DISPATCHED},
        Status.DISPATCHED: set(),
    }
    # A sent correction cancels what of the corrected protocol is still under control (R-003-49).
    CASCADES = {Status.DISPATCHED: ("protocols.control.supersede",)}
    FROZEN = (Status.SIGNED, Status.DISPATCHED)

    meeting = models.ForeignKey(
        "secretariat.Meeting", on_delete=models.PROTECT, related_name="protocols", verbose_name=_("meeting")
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="protocols", verbose_name=_("council"))
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects the protocol"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version of the draft"), default=1)
    agree_by = models.DateField(_("members answer by"), null=True, blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("registration number"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    keep_until = models.DateField(_("kept until"), null=True, blank=True)
    pdf_kk = models.FileField(_("PDF in Kazakh"), upload_to=protocol_upload_to, blank=True)
    pdf_ru = models.FileField(_("PDF in Russian"), upload_to=protocol_upload_to, blank=True)
    sha256_kk = models.CharField(_("SHA-256 of the Kazakh PDF"), max_length=64, blank=True)
    sha256_ru = models.CharField(_("SHA-256 of the Russian PDF"), max_length=64, blank=True)
    dispatched_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A police chief's report to the public (R-002-12..R-002-14): how many took part, and what citizens said.
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    public_remarks_kk = models.TextField(_("citizens' complaints, proposals and remarks (Kazakh)"), blank=True)
    public_remarks_ru = models.TextField(_("citizens' complaints, proposals and remarks (Russian)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")
        ordering = ["-meeting__date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="protocol_number_unique"),
            models.UniqueConstraint(
                fields=["meeting"], condition=models.Q(corrects__isnull=True), name="protocol_one_original_per_meeting"
            ),
        ]
        indexes = [models.Index(fields=["council", "status"])]

    def __str__(self):
        if self.number:
            return _("Protocol No. %(number)s of %(date)s") % {
                "number": self.registration,
                "date": self.meeting.date.strftime("%d.%m.%Y"),
            }
        return _("Draft protocol of the meeting of %(date)s") % {"date": self.meeting.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self):
        return reverse("protocols:protocol_detail", args=[self.pk])

    @property
    def is_draft(self):
        """A draft is the secretariat's until it is sent to the members for agreement (R-000-11b)."""
        return self.status == self.Status.DRAFT

    @property
    def registration(self):
        """The registration number as printed: number/year."""
        return registration_number(self.number, self.year)

    @property
    def frozen(self):
        return self.status in self.FROZEN


class ProtocolItem(models.Model):
    """A question of the meeting in the protocol: what was heard, and the decisions."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.ForeignKey(
        "secretariat.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    number = models.PositiveIntegerField(_("number"))
    question_kk = models.TextField(_("question (Kazakh)"))
    question_ru = models.TextField(_("question (Russian)"))
    heard_kk = models.TextField(_("heard (Kazakh)"), blank=True)
    heard_ru = models.TextField(_("heard (Russian)"), blank=True)
    # Raised by every save of the edit form; a save based on an older version is refused (no lost update).
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question of the protocol")
        verbose_name_plural = _("questions of the protocol")
        ordering = ["protocol", "number"]
        constraints = [models.UniqueConstraint(fields=["protocol", "number"], name="protocol_item_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.question}"

    @property
    def question(self):
        return localized(self, "question")

    @property
    def heard(self):
        return localized(self, "heard")


class AssignmentKind(models.TextChoices):
    """R-003-40..44: the kinds of the Office's assignments, each with its minimum execution period."""

    IN_DEPTH = "in_depth", _("in-depth assignment (at least 20 working days)")
    CASE = "case", _("instruction on a specific case (at least 10 working days)")
    REQUEST = "request", _("information request (at least 3 working days)")


class ShorteningGround(models.TextChoices):
    """R-003-40..44: a minimum period is shortened only on one of these grounds."""

    PRESIDENT = "president", _("instruction of the President of the Republic of Kazakhstan")
    ADMINISTRATION = "administration", _("instruction of the Presidential Administration")
    PROSECUTOR_GENERAL = "prosecutor_general", _("instruction of the Prosecutor General")
    LAW = "law", _("a period set by law")


class Periodicity(models.TextChoices):
    """R-003-47: a periodic assignment's dates."""

    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")


class Decision(models.Model):
    """A decision on a question: its text in both languages, executors in order (the first organises,
    R-000-11e), a deadline (one month from the meeting unless set, R-003-23) and the vote (R-000-9g)."""

    item = models.ForeignKey(ProtocolItem, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField(_("number"))
    text_kk = models.TextField(_("decision (Kazakh)"))
    text_ru = models.TextField(_("decision (Russian)"))
    due_date = models.DateField(_("execution deadline"), null=True, blank=True)
    # The Office's assignments (seed 003): the kind sets the minimum period (R-003-40..44), which is
    # shortened only on a recorded ground; a periodic assignment is reported at each of its dates (R-003-47).
    kind = models.CharField(_("kind of assignment"), max_length=16, choices=AssignmentKind.choices, blank=True)
    shortened_on = models.CharField(
        _("ground for a shorter period"), max_length=24, choices=ShorteningGround.choices, blank=True
    )
    period = models.CharField(_("periodicity"), max_length=16, choices=Periodicity.choices, blank=True)
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    abstained = models.PositiveIntegerField(_("abstained"), null=True, blank=True)
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    casting_vote = models.BooleanField(_("the presiding person's vote decided"), default=False)
    # Raised by every save of the edit form; a save based on an older version is refused (no lost update).
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="decision_number_unique")]

    def __str__(self):
        return f"{self.item.number}.{self.number}. {self.text}"

    @property
    def text(self):
        return localized(self, "text")

    def ordered_executors(self):
        return [e.body for e in sorted(self.executors.all(), key=lambda e: e.order)]


class DecisionExecutor(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="executors")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("body"))
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("executor")
        verbose_name_plural = _("executors")
        ordering = ["decision", "order"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "body"], name="decision_executor_once"),
            models.UniqueConstraint(fields=["decision", "order"], name="decision_executor_order"),
        ]

    def __str__(self):
        return f"{self.decision_id}: {self.order}. {self.body}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstained")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey("council.Seat", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["decision", "seat"], name="vote_once_per_seat")]

    def __str__(self):
        return f"{self.decision_id}: {self.seat_id} {self.choice}"


class ProtocolVersion(models.Model):
    """The text of the draft as it went to the members; remarks are worked into the next version."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("version of the draft protocol")
        verbose_name_plural = _("versions of the draft protocol")
        ordering = ["protocol", "version"]
        constraints = [models.UniqueConstraint(fields=["protocol", "version"], name="protocol_version_unique")]

    def __str__(self):
        return f"{self.protocol_id} v{self.version}"


class ProtocolAnswer(models.Model):
    """A member's answer on a version of the draft decision: agrees, or remarks (R-000-11b)."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="answers")
    version = models.PositiveIntegerField(_("version"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField(_("agrees"))
    remarks = models.TextField(_("remarks"), blank=True)
    answered_at = models.DateTimeField(_("answered"))
    # How the secretariat handled the remarks (worked in, or why not); kept with the version they were made on.
    handling = models.TextField(_("how the remarks were handled"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer on the draft protocol")
        verbose_name_plural = _("answers on the draft protocol")
        constraints = [models.UniqueConstraint(fields=["protocol", "version", "person"], name="protocol_answer_once")]

    def __str__(self):
        return f"{self.protocol_id} v{self.version}: {self.person_id}"


class Signature(models.Model):
    """A signature given from the signer's own account, confirmed by the password; the method leaves room
    for the national electronic signature without changing the flow."""

    class Capacity(models.TextChoices):
        CHAIR = "chair", _("chair")
        PRESIDING = "presiding", _("presiding person")
        SECRETARY = "secretary", _("secretary")

    class Method(models.TextChoices):
        PASSWORD = "password", _("account password")
        EDS = "eds", _("electronic digital signature")

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="signatures")
    capacity = models.CharField(_("signs as"), max_length=16, choices=Capacity.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("signer")
    )
    signed_at = models.DateTimeField(_("signed"))
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices, default=Method.PASSWORD)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["protocol", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["protocol", "capacity"], name="signature_once_per_capacity")]

    def __str__(self):
        return f"{self.protocol_id}: {self.capacity} {self.person_id}"


class ProtocolReceipt(models.Model):
    """To whom the signed protocol was sent (a member, or a body the profile lists) and when a member
    first opened it (R-000-11c, R-001-3e)."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(_("sent"))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("receipt of the protocol")
        verbose_name_plural = _("receipts of the protocol")
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "person"], condition=models.Q(person__isnull=False), name="protocol_receipt_person"
            ),
            models.UniqueConstraint(
                fields=["protocol", "body"], condition=models.Q(body__isnull=False), name="protocol_receipt_body"
            ),
        ]

    def __str__(self):
        return f"{self.protocol_id}: {self.person_id or self.body_id}"


class ProtocolStep(Step):
    subject_field = "protocol"
    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("protocol step")
        verbose_name_plural = _("protocol steps")


# Control of execution (R-000-11d, R-000-11e, R-001-3f, R-003-18, R-003-19) ------------------------------


class Assignment(ExecutedSubject, models.Model):
    """A body's part in executing a decision: the first-listed body organises and reports to the secretary;
    each co-executor gives the responsible body its part 5 calendar days before the deadline (R-000-11e).
    At a police chief's report, the check of a citizen's question not answered in full is under control the
    same way: an assignment of the police body with the check's deadline, from the signed protocol, executed
    when the result of the check is recorded (R-002-16, R-002-19); it has the check instead of a decision."""

    class Status(models.TextChoices):
        IN_WORK = "in_work", _("in work")
        REPORTED = "reported", _("reported")
        RETURNED = "returned", _("returned with remarks")
        PROPOSED = "proposed", _("proposed for removal from control")
        REMOVED = "removed", _("removed from control")
        CANCELLED = "cancelled", _("cancelled")

    TRANSITIONS = {
        Status.IN_WORK: {Status.REPORTED, Status.CANCELLED},
        Status.REPORTED: {Status.RETURNED, Status.PROPOSED, Status.CANCELLED},
        Status.RETURNED: {Status.REPORTED, Status.CANCELLED},
        Status.PROPOSED: {Status.REMOVED, Status.RETURNED, Status.CANCELLED},
        Status.REMOVED: set(),
        Status.CANCELLED: set(),
    }
    # Removing the responsible body's assignment from control closes the co-executors' parts with it.
    CASCADES = {Status.REMOVED: ("protocols.control.close_parts",)}
    OPEN = (Status.IN_WORK, Status.RETURNED)
    CLOSED = (Status.REMOVED, Status.CANCELLED)

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments")
    question_check = models.OneToOneField(
        "protocols.QuestionCheck",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("check of a citizen's question"),
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="assignments")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("body"))
    responsible = models.BooleanField(_("responsible executor"), default=False)
    order = models.PositiveSmallIntegerField(_("order"))
    due_date = models.DateField(_("deadline"))
    original_due_date = models.DateField(_("deadline set by the protocol"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.IN_WORK)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    certificate = models.TextField(_("certificate of results"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)  # R-003-49
    closed_at = models.DateTimeField(_("removed from control"), null=True, blank=True)
    on_time = models.BooleanField(_("executed on time"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "body"], name="assignment_once_per_body"),
            models.CheckConstraint(
                condition=models.Q(decision__isnull=False, question_check__isnull=True)
                | models.Q(decision__isnull=True, question_check__isnull=False),
                name="assignment_of_a_decision_or_a_check",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "status", "due_date"]),
            models.Index(fields=["council", "due_date", "id"]),
            models.Index(fields=["body", "status"]),
        ]

    def __str__(self):
        return f"{self.decision or self.question_check}: {self.body}"

    def get_absolute_url(self):
        return reverse("protocols:assignment_detail", args=[self.pk])

    @property
    def extended(self):
        return self.due_date != self.original_due_date


def report_upload_to(instance, filename):

    return storage_name("reports", filename)


class ExecutionReport(StoredDocument):
    """A body's execution report (the responsible body to the secretary) or a co-executor's part (to the
    responsible body); every resubmission is a new version."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("report"))
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True)
    late = models.BooleanField(_("submitted late"), default=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("execution report")
        verbose_name_plural = _("execution reports")
        ordering = ["assignment", "-version"]
        constraints = [models.UniqueConstraint(fields=["assignment", "version"], name="report_version_unique")]

    def __str__(self):
        return f"{self.assignment_id} v{self.version}"


class AssignmentStep(Step):
    subject_field = "assignment"
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("assignment step")
        verbose_name_plural = _("assignment steps")


class Extension(models.Model):
    """A request to extend an assignment's deadline with its reason, at least 3 working days before the
    deadline (R-003-19), decided by the chair."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    TRANSITIONS = {
        Status.REQUESTED: {Status.APPROVED, Status.DECLINED},
        Status.APPROVED: set(),
        Status.DECLINED: set(),
    }

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    reason = models.TextField(_("reason"))
    old_due_date = models.DateField(_("deadline before"))
    new_due_date = models.DateField(_("requested deadline"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.assignment_id}: {self.old_due_date} → {self.new_due_date}"


class ChairReport(models.Model):
    """The secretariat's report to the chair on execution for a period, with its conclusions (R-000-6,
    R-000-11d)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="chair_reports")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    conclusions_kk = models.TextField(_("conclusions (Kazakh)"))
    conclusions_ru = models.TextField(_("conclusions (Russian)"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("prepared"))

    class Meta:
        verbose_name = _("report to the chair on execution")
        verbose_name_plural = _("reports to the chair on execution")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.council}: {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


class ControlReview(models.Model):
    """The quarterly review of the assignments under control (R-003-49): the secretary goes through the open
    assignments, cancels those that lost relevance (with the reason, the executors told at once) and marks the
    review done by the quarter's last working day."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="control_reviews")
    quarter_start = models.DateField(_("quarter"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("quarterly review of assignments")
        verbose_name_plural = _("quarterly reviews of assignments")
        ordering = ["council", "-quarter_start"]
        constraints = [
            models.UniqueConstraint(fields=["council", "quarter_start"], name="control_review_once_per_quarter")
        ]

    def __str__(self):
        return f"{self.council}: {self.quarter_start:%m.%Y}"

    def get_absolute_url(self):
        return reverse("protocols:control_review", args=[self.pk])


class OralInstruction(models.Model):
    """An urgent oral instruction, entered into the system by the end of the working day it was given
    (R-003-44): when and by whom it was given, to which body, what; its entry is a deadline row, met or late."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="oral_instructions")
    given_by = models.CharField(_("given by"), max_length=300)
    given_at = models.DateTimeField(_("given at"))
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    text = models.TextField(_("instruction"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("entered"))
    entered_late = models.BooleanField(_("entered after the end of that working day"), default=False)

    class Meta:
        verbose_name = _("urgent oral instruction")
        verbose_name_plural = _("urgent oral instructions")
        ordering = ["-given_at", "-id"]

    def __str__(self):
        return f"{self.given_by}, {self.given_at:%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("protocols:oral_instructions", args=[self.council.code])


# What follows a citizen's question at a police chief's report (seed 002).
from .police_models import QuestionCheck, QuestionForward  # noqa: E402,F401
