"""Meetings, their agenda items and invited persons (R-000-9c, R-000-9e, R-000-10a, R-000-10f, R-000-12)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models import Body, CoExecutorLink, Council, StoredDocument, WithCoExecutors, localized
from council.uploads import storage_name
from council.workflow import Step


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("regular meeting")
        EXTRAORDINARY = "extraordinary", _("extraordinary meeting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        AGENDA_APPROVED = "agenda_approved", _("agenda approved")
        DISPATCHED = "dispatched", _("agenda sent to members")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    TRANSITIONS = {
        # Straight to held only where the profile sends no agenda (a police chief's report, R-002-4);
        # meeting_hold refuses it for a council that sends one (R-000-10e).
        Status.SCHEDULED: {Status.AGENDA_APPROVED, Status.HELD, Status.CANCELLED},
        Status.AGENDA_APPROVED: {Status.DISPATCHED, Status.SCHEDULED, Status.CANCELLED},
        Status.DISPATCHED: {Status.HELD, Status.CANCELLED},
        Status.HELD: set(),
        Status.CANCELLED: set(),
    }
    CLOSED = (Status.HELD, Status.CANCELLED)  # no longer coming, whatever the date
    # Members read the agenda's documents once it is sent (R-000-10e).
    DOCUMENTS_RELEASED = (Status.DISPATCHED, Status.HELD)

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("council"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    place_kk = models.CharField(_("place (Kazakh)"), max_length=300, blank=True)
    place_ru = models.CharField(_("place (Russian)"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    agree_by = models.DateField(_("members answer by"), null=True, blank=True)
    presiding = models.ForeignKey(
        "council.Seat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presiding person's seat"),
    )
    quorum_reached = models.BooleanField(_("quorum reached"), null=True, blank=True)
    # R-003-24: the chair decides whether the meeting is recorded and held by videoconference.
    recording = models.BooleanField(_("recorded"), null=True, blank=True)
    videoconference = models.BooleanField(_("by videoconference"), null=True, blank=True)
    media_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    media_decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["council", "date"])]

    def __str__(self):
        return f"{self.council.short_name}: {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("secretariat:meeting_detail", args=[self.pk])

    @property
    def documents_released(self):
        return self.status in self.DOCUMENTS_RELEASED

    @property
    def place(self):
        return localized(self, "place")


class Agreement(models.Model):
    """A member's answer on the date, time, place and agenda of a meeting (R-000-9f)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    agrees = models.BooleanField(_("agrees"))
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement of the meeting")
        verbose_name_plural = _("agreements of the meeting")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="agreement_once_per_member")]

    def __str__(self):
        return f"{self.meeting}: {self.person}"


class AgendaItem(WithCoExecutors, models.Model):
    """A question of the meeting; the body listed first prepares it (R-000-10a). The secretary checks its
    materials and reports to the chair, who accepts them or returns them for rework (R-000-10c). Where the
    council may not deal with a specific criminal case, the question carries that confirmation and the
    secretary may refuse it on this ground before the agenda is approved (R-001-1.2)."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("being prepared")
        SUBMITTED = "submitted", _("materials submitted")
        REPORTED = "reported", _("checked and reported to the chair")
        RETURNED = "returned", _("returned for rework")
        ACCEPTED = "accepted", _("accepted for the agenda")
        REFUSED = "refused", _("refused")

    class RefusalGround(models.TextChoices):
        CRIMINAL_CASE = "criminal_case", _("a specific criminal case (R-001-1.2)")

    # The wording of each ground, as shown on the meeting page and in the notice (R-001-1.2).
    REFUSAL_WORDING = {
        RefusalGround.CRIMINAL_CASE: _("Refused: the group may not deal with a specific criminal case (R-001-1.2)."),
    }

    TRANSITIONS = {
        Status.PREPARING: {Status.SUBMITTED, Status.REFUSED},
        Status.SUBMITTED: {Status.REPORTED, Status.REFUSED},
        Status.REPORTED: {Status.RETURNED, Status.ACCEPTED, Status.REFUSED},
        Status.RETURNED: {Status.SUBMITTED, Status.REFUSED},
        Status.ACCEPTED: set(),
        Status.REFUSED: set(),
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting"))
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
        Body, through="AgendaItemCoExecutor", related_name="+", verbose_name=_("co-executors"), blank=True
    )
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("plan item"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARING)
    late_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("late submission allowed by"),
    )
    late_allowed_at = models.DateTimeField(_("late submission allowed"), null=True, blank=True)
    # R-001-1.2: confirmed not to concern a specific criminal case, where the profile asks for it.
    not_a_criminal_case = models.BooleanField(_("does not concern a specific criminal case"), default=False)
    refusal_ground = models.CharField(_("ground of refusal"), max_length=16, choices=RefusalGround.choices, blank=True)
    refusal_note = models.TextField(_("note on the refusal"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.question}"

    def get_absolute_url(self):
        """Where its materials are uploaded, checked and decided (R-000-10b, R-000-10c): deadline rows link here."""
        return reverse("secretariat:item_materials", args=[self.pk])

    @property
    def question(self):
        return localized(self, "question")

    @property
    def refusal(self):
        """Why the question was refused, in the reader's language: the ground with its rule, then the note."""
        if self.status != self.Status.REFUSED:
            return ""
        wording = str(self.REFUSAL_WORDING.get(self.refusal_ground, ""))
        return f"{wording} {self.refusal_note}".strip()


class AgendaItemCoExecutor(CoExecutorLink):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="co_executor_links")

    class Meta(CoExecutorLink.Meta):
        constraints = [models.UniqueConstraint(fields=["item", "body"], name="agenda_item_co_executor_once")]


class Invitee(models.Model):
    """A person invited to speak on an agenda item (R-000-12): takes part in the discussion, never votes.
    The secretariat employee of the responsible body confirms attendance and that the documents were
    received (R-000-10f)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="invitees", verbose_name=_("question"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("account"),
    )
    full_name_kk = models.CharField(_("full name (Kazakh)"), max_length=200, blank=True)
    full_name_ru = models.CharField(_("full name (Russian)"), max_length=200)
    position_kk = models.CharField(_("position (Kazakh)"), max_length=300, blank=True)
    position_ru = models.CharField(_("position (Russian)"), max_length=300, blank=True)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("body")
    )
    attendance_confirmed_at = models.DateTimeField(_("attendance confirmed"), null=True, blank=True)
    attended = models.BooleanField(_("attended the meeting"), null=True, blank=True)
    documents_received_at = models.DateTimeField(_("documents received"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited persons")
        ordering = ["item", "id"]

    def __str__(self):
        return localized(self, "full_name")


def material_upload_to(instance, filename):

    return storage_name("materials", filename)


class Material(StoredDocument):
    """A document for a question (R-000-10a, R-000-10b). Nothing is overwritten: a resubmission is a new
    version."""

    class Kind(models.TextChoices):
        REFERENCE_NOTE = "reference_note", _("reference note (up to 8 pages)")
        OTHER = "other", _("other material")
        INVITEES = "invitees", _("list of invited persons")
        CONTRIBUTION = "contribution", _("co-executor's contribution")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="materials", verbose_name=_("question"))
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted for"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=material_upload_to)
    late = models.BooleanField(_("submitted late"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["item", "kind", "body", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "kind", "body", "version"], name="material_version_unique")
        ]

    def __str__(self):
        return f"{self.original_name} v{self.version}"


class AgendaItemStep(Step):
    subject_field = "item"
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("question step")
        verbose_name_plural = _("question steps")


class MeetingStep(Step):
    subject_field = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("meeting step")
        verbose_name_plural = _("meeting steps")


class Receipt(models.Model):
    """When a member first opened the dispatched agenda and its documents (R-000-10e)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened"))

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="receipt_once_per_person")]

    def __str__(self):
        return f"{self.meeting}: {self.person}"


class ExtraordinaryRequest(models.Model):
    """Members' initiative to convene an extraordinary meeting on an unplanned question (R-000-9e); the
    chair convenes it or declines with a reason."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        CONVENED = "convened", _("meeting convened")
        DECLINED = "declined", _("declined")

    TRANSITIONS = {
        Status.REQUESTED: {Status.CONVENED, Status.DECLINED},
        Status.CONVENED: set(),
        Status.DECLINED: set(),
    }

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="extraordinary_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("body"))
    question_kk = models.TextField(_("question (Kazakh)"))
    question_ru = models.TextField(_("question (Russian)"))
    justification = models.TextField(_("justification"))
    desired_date = models.DateField(_("desired date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("requested"))

    class Meta:
        verbose_name = _("request for an extraordinary meeting")
        verbose_name_plural = _("requests for extraordinary meetings")
        ordering = ["-created_at"]

    def __str__(self):
        return localized(self, "question")


class ExtraordinaryRequestStep(Step):
    subject_field = "request"
    request = models.ForeignKey(ExtraordinaryRequest, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")


class Attendance(models.Model):
    """Who sat in each seat on the meeting day: the holder in person, the official acting in the position
    (who counts and votes in the holder's place, R-000-9d), or nobody."""

    class Presence(models.TextChoices):
        PRESENT = "present", _("present in person")
        ACTING = "acting", _("represented by the acting official")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey("council.Seat", on_delete=models.PROTECT, related_name="+", verbose_name=_("seat"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    presence = models.CharField(_("presence"), max_length=16, choices=Presence.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "seat__order", "seat_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once_per_seat")]

    def __str__(self):
        return f"{self.meeting}: {self.seat_id} {self.presence}"


class MemberRequest(models.Model):
    """A member's request for information or materials to another member's body while materials are
    prepared or a protocol executed (R-000-10d): from, to, what, by when; the answer with its attachments.
    Seen by both sides and the secretary; a deadline with reminders for the body asked."""

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting the answer")
        ANSWERED = "answered", _("answered")

    TRANSITIONS = {Status.OPEN: {Status.ANSWERED}, Status.ANSWERED: set()}

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="member_requests")
    from_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("from"))
    to_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    what = models.TextField(_("what is requested"))
    due_date = models.DateField(_("by"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for information or materials")
        verbose_name_plural = _("requests for information or materials")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["council", "status", "due_date"])]

    def __str__(self):
        return f"{self.from_body} → {self.to_body}: {self.what[:60]}"

    def get_absolute_url(self):
        return reverse("secretariat:member_request", args=[self.pk])


def member_request_upload_to(instance, filename):
    return storage_name("member-requests", filename)


class MemberRequestFile(StoredDocument):
    """An attachment of the answer to a member's request (R-000-10d)."""

    file_field = "file"
    uploaded_by_field = "uploaded_by"
    uploaded_at_field = "uploaded_at"

    request = models.ForeignKey(MemberRequest, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=member_request_upload_to)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("attachment of the answer")
        verbose_name_plural = _("attachments of the answer")
        ordering = ["request", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name or self.file.name


class CalendarFeed(models.Model):
    """A person's secret calendar address (iCal): only the SHA-256 of its random token is kept, so the address
    is shown once when made; revoking deletes the row and the old address answers 404."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    token_hash = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.person)


# A police chief's report to the public (seed 002) has its own tables beside its meeting.
from .police_models import (  # noqa: E402,F401
    CitizenQuestion,
    InviteeGroup,
    PoliceReport,
    Publication,
    ReportSchedule,
    ReportSource,
    Topic,
)
