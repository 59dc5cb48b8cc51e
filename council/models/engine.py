"""The engine's tables: regulation profiles, the working-day calendar's decrees, deadlines, notices, the
audit log and the heartbeat."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..calendar import default_calendar
from ..chain import audit_event_content, seal
from ..deadlines import get_rule
from ..messages import MESSAGES, render
from ..profile_schema import SETTINGS, ProfileSettings, UnknownSetting, parse_rules, parse_settings
from .registry import Body, Council, illegal_transition, localized  # noqa: F401


class Heartbeat(models.Model):
    """The last time beat and a worker ran the heartbeat task; /healthz reports its age."""

    name = models.CharField(max_length=32, unique=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M:%S}"


class RegistryVersion(models.Model):
    """One row whose number the database itself raises on every change of the tables a person's roles are
    made of (triggers: council migration 0018, secretariat migration 0015). A role kept between requests is
    kept under the number read in the request that uses it (``council.navcache.registry_version``), so a
    change however written (the ORM, ``QuerySet.update``, raw SQL, a writer that cannot reach Redis) ends
    it on the next request."""

    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("registry version")
        verbose_name_plural = _("registry versions")

    def __str__(self):
        return str(self.n)


class AuditVerb(models.TextChoices):
    """Every action the audit log records, ``<noun>.<verb>``; a workflow move is ``<model>.<new status>``."""

    USER_SET_LANGUAGE = "user.set_language", _("language changed")
    USER_ACCOUNT_CREATE = "user.account_create", _("account created")
    USER_ACCOUNT_CHANGE = "user.account_change", _("account changed")
    API_TOKEN_CREATE = "api_token.create", _("API token created")
    API_TOKEN_REVOKE = "api_token.revoke", _("API token revoked")
    USER_SET_EMAIL_DIGEST = "user.set_email_digest", _("e-mail of notices changed")
    COUNCIL_IMPORT_COMPOSITION = "council.import_composition", _("composition imported")
    PROFILE_NEW_VERSION = "profile.new_version", _("new regulation profile version")
    DEADLINE_OPEN = "deadline.open", _("deadline opened")
    DEADLINE_CLOSE = "deadline.close", _("deadline closed")
    DEADLINE_WAIVE = "deadline.waive", _("deadline waived")
    DEADLINE_RESCHEDULE = "deadline.reschedule", _("deadline moved")
    FILE_MISSING = "file.missing", _("stored file missing")
    FILE_INTEGRITY_FAILED = "file.integrity_failed", _("stored file altered")
    PLAN_CREATE = "plan.create", _("plan created")
    PLAN_ITEM_SAVE = "plan.item_save", _("plan item saved")
    PLAN_ITEM_DELETE = "plan.item_delete", _("plan item deleted")
    PLAN_CORRECT = "plan.correct", _("plan corrected")
    PLAN_SUBMITTED = "plan.submitted", _("plan submitted")
    PLAN_APPROVED = "plan.approved", _("plan approved")
    PLAN_RETURNED = "plan.returned", _("plan returned")
    PLAN_ITEM_CONTROL = "plan.item_control", _("plan item under control")
    PROPOSAL_SUBMIT = "proposal.submit", _("proposal submitted")
    PROPOSAL_ACCEPTED = "proposal.accepted", _("proposal accepted")
    PROPOSAL_REJECTED = "proposal.rejected", _("proposal not accepted")
    MEETING_SCHEDULE = "meeting.schedule", _("meeting scheduled")
    MEETING_REQUEST_AGREEMENT = "meeting.request_agreement", _("agenda sent for agreement")
    MEETING_ANSWER = "meeting.answer", _("answer on the agenda")
    MEETING_ATTENDANCE = "meeting.attendance", _("attendance recorded")
    MEETING_SCHEDULED = "meeting.scheduled", _("meeting back to scheduled")
    MEETING_AGENDA_APPROVED = "meeting.agenda_approved", _("agenda approved")
    MEETING_DISPATCHED = "meeting.dispatched", _("agenda dispatched")
    MEETING_HELD = "meeting.held", _("meeting held")
    MEETING_CANCELLED = "meeting.cancelled", _("meeting cancelled")
    INVITEE_ADD = "invitee.add", _("invitee added")
    INVITEE_CONFIRM = "invitee.confirm", _("invitee confirmed")
    MATERIAL_SUBMIT = "material.submit", _("material submitted")
    ITEM_ALLOW_LATE = "item.allow_late", _("late material allowed")
    AGENDAITEM_SUBMITTED = "agendaitem.submitted", _("agenda item submitted")
    AGENDAITEM_REPORTED = "agendaitem.reported", _("agenda item reported")
    AGENDAITEM_RETURNED = "agendaitem.returned", _("agenda item returned")
    AGENDAITEM_ACCEPTED = "agendaitem.accepted", _("agenda item accepted")
    AGENDAITEM_REFUSED = "agendaitem.refused", _("agenda item refused")
    EXTRAORDINARY_REQUEST = "extraordinary.request", _("extraordinary meeting requested")
    EXTRAORDINARYREQUEST_CONVENED = "extraordinaryrequest.convened", _("extraordinary meeting convened")
    EXTRAORDINARYREQUEST_DECLINED = "extraordinaryrequest.declined", _("extraordinary meeting declined")
    PROTOCOL_CREATE = "protocol.create", _("protocol created")
    PROTOCOL_ITEM = "protocol.item", _("protocol item saved")
    PROTOCOL_PUBLIC = "protocol.public", _("protocol publication changed")
    PROTOCOL_DECISION = "protocol.decision", _("decision saved")
    PROTOCOL_VOTES = "protocol.votes", _("votes recorded")
    PROTOCOL_VOTES_REMOVED = "protocol.votes_removed", _("votes removed")
    PROTOCOL_ANSWER = "protocol.answer", _("answer on the protocol")
    CALENDAR_FEED_CREATE = "calendar_feed.create", _("calendar address made")
    CALENDAR_FEED_REVOKE = "calendar_feed.revoke", _("calendar address revoked")
    PROTOCOL_REMARK_HANDLED = "protocol.remark_handled", _("handling of remarks on the protocol recorded")
    PROTOCOL_SIGN = "protocol.sign", _("protocol signed by one signer")
    PROTOCOL_SIGN_FAILED = "protocol.sign_failed", _("wrong password given to sign a protocol")
    PROTOCOL_DRAFT = "protocol.draft", _("protocol back to draft")
    PROTOCOL_AGREEMENT = "protocol.agreement", _("protocol sent for agreement")
    PROTOCOL_FOR_SIGNATURE = "protocol.for_signature", _("protocol presented for signature")
    PROTOCOL_SIGNED = "protocol.signed", _("protocol signed")
    PROTOCOL_DISPATCHED = "protocol.dispatched", _("protocol dispatched")
    ASSIGNMENT_REPORT = "assignment.report", _("execution report")
    ASSIGNMENT_REPORTED = "assignment.reported", _("assignment reported")
    ASSIGNMENT_RETURNED = "assignment.returned", _("assignment returned")
    ASSIGNMENT_PROPOSED = "assignment.proposed", _("proposed for removal from control")
    ASSIGNMENT_REMOVED = "assignment.removed", _("removed from control")
    ASSIGNMENT_CANCELLED = "assignment.cancelled", _("assignment cancelled")
    EXTENSION_REQUEST = "extension.request", _("extension requested")
    EXTENSION_APPROVED = "extension.approved", _("extension approved")
    EXTENSION_DECLINED = "extension.declined", _("extension declined")
    CHAIR_REPORT_CREATE = "chair_report.create", _("report to the chair on execution")
    # A police chief's report to the public (seed 002)
    REPORT_SCHEDULE_APPROVE = "report_schedule.approve", _("schedule of reports approved")
    POLICE_REPORT_SCHEDULE = "police_report.schedule", _("police chief's report scheduled")
    POLICE_REPORT_TOPICS = "police_report.topics", _("topics of the report saved")
    POLICE_REPORT_REGISTER = "police_report.register", _("materials of the report registered")
    PUBLICATION_RECORD = "publication.record", _("publication recorded")
    REPORT_SOURCE_ADD = "report_source.add", _("source of the report added")
    CITIZEN_QUESTION_ADD = "citizen_question.add", _("citizen's question recorded")
    CITIZEN_QUESTION_ANSWER = "citizen_question.answer", _("citizen's question answered in full")
    QUESTION_CHECK_OPEN = "question_check.open", _("check of a citizen's question opened")
    QUESTION_FORWARD_RECORD = "question_forward.record", _("citizen's question forwarded")
    QUESTION_FORWARD_NOTICE = "question_forward.notice", _("citizen notified of the forwarding")
    APPROVAL_CREATE = "approval.create", _("approval created")
    APPROVAL_SUBMITTED = "approval.submitted", _("approval submitted")
    APPROVAL_APPROVED = "approval.approved", _("approval approved")
    APPROVAL_RETURNED = "approval.returned", _("approval returned")
    UNPLANNED_RECORD = "unplanned.record", _("unplanned analytical work recorded")
    UNPLANNEDWORK_ACCEPTED = "unplannedwork.accepted", _("unplanned work accepted")
    UNPLANNED_CONFIRM = "unplanned.confirm", _("basis of unplanned work confirmed")
    UNPLANNEDWORK_REFUSAL_REPORTED = "unplannedwork.refusal_reported", _("refusal reported to the Prosecutor General")
    UNPLANNEDWORK_REFUSED = "unplannedwork.refused", _("reasoned answer sent to the state body")
    UNPLANNEDWORK_REPORTED = "unplannedwork.reported", _("results of unplanned work attached")
    UNPLANNEDWORK_CLOSED = "unplannedwork.closed", _("unplanned work removed from control")
    SENSITIVE_CREATE = "sensitive.create", _("sensitive analytical material stored")
    DISCLOSURE_ORDER_RECORD = "disclosure_order.record", _("disclosure order recorded")
    DISCLOSURE_ORDER_WITHDRAW = "disclosure_order.withdraw", _("disclosure order withdrawn")
    ACCESS_LOG_EXPORT = "access_log.export", _("access log exported")
    REGIONAL_REPORT_SUBMIT = "regional_report.submit", _("regional quarterly report submitted")
    CONTROL_REVIEW = "control_review.done", _("quarterly review of assignments done")
    MEETING_MEDIA = "meeting.media", _("chair's decision on recording and videoconferencing")
    ORAL_INSTRUCTION = "oral_instruction.record", _("urgent oral instruction entered")
    MEMBER_REQUEST_CREATE = "member_request.create", _("request for materials sent")
    MEMBER_REQUEST_ANSWERED = "memberrequest.answered", _("request for materials answered")


class AuditEvent(models.Model):
    """An append-only record of every write a service makes: who, when, what, on which council."""

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("council")
    )
    verb = models.CharField(_("action"), max_length=64)
    subject_type = models.CharField(_("subject type"), max_length=64, blank=True)
    subject_id = models.BigIntegerField(_("subject id"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # The chain: each event holds the hash of the one before it (by id) and of its own content, so an
    # edited or deleted row breaks the chain at that point (``manage.py audit_verify``).
    prev_hash = models.CharField(_("hash of the previous event"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"]), models.Index(fields=["council", "-at"])]
        constraints = [
            # Two events after the same one would fork the chain: the database refuses the second.
            models.UniqueConstraint(fields=["prev_hash"], name="auditevent_chain_no_fork"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(gettext("An audit event is never changed once recorded."))
        super().save(*args, **kwargs)

    def content_hash(self) -> str:
        """The seal (``council.chain``: HMAC-SHA256 under a key the database does not hold) of what the event
        says and of the previous event's seal; ids play no part."""
        return seal(self.chain_content())

    def chain_content(self) -> dict:
        return audit_event_content(self)


class RegulationProfile(models.Model):
    """A versioned set of rule parameters and settings (REGULATION.md: every rule is data in a profile).

    A version is never edited once a council uses it: a successor regulation is a new version.
    """

    code = models.SlugField(_("code"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=400)
    name_ru = models.CharField(_("name (Russian)"), max_length=400)
    rules = models.JSONField(_("rules and their parameters"), default=dict)
    settings = models.JSONField(_("settings"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regulation profile")
        verbose_name_plural = _("regulation profiles")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="profile_code_version_unique")]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def name(self):
        return localized(self, "name")

    def rule_for(self, rule_id):
        """The rule ``rule_id`` with this profile's adjustments, or as REGULATION.md writes it where the profile
        does not adjust it; raises UnknownRule for an id REGULATION.md does not have."""
        return get_rule(rule_id, self.rules.get(rule_id))

    @property
    def typed(self) -> ProfileSettings:
        """The settings of this version, checked (``council/profile_schema.py``); a key the version leaves
        out has its default there. Raises ValidationError for a key or value the schema does not know."""
        return parse_settings(self.settings)

    def setting(self, key):
        """One setting by name; ``typed`` reads better. An unknown name raises UnknownSetting."""
        if key not in SETTINGS:
            raise UnknownSetting(key)
        return getattr(self.typed, key)

    def clean(self):
        errors = {}
        for field, parse in (("rules", parse_rules), ("settings", parse_settings)):
            try:
                parse(getattr(self, field))
            except ValidationError as exc:
                errors[field] = exc.error_list
        if errors:
            raise ValidationError(errors)


class CalendarDay(models.Model):
    """A day made a day off, or a working day, by a government decree the `holidays` package does not
    know (later years) or a correction. Deadlines computed after an entry use it; stored ones stay."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("day off")
        WORKING_DAY = "working_day", _("working day")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    decree_number = models.CharField(_("decree number"), max_length=64)
    decree_date = models.DateField(_("decree date"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d.%m.%Y} {self.get_kind_display()}"

    def clean(self):

        if self.day is None or not self.kind:
            return
        working = default_calendar().is_working_day(self.day)
        if self.kind == self.Kind.WORKING_DAY and working:
            raise ValidationError({"kind": _("This date is already a working day.")})
        if self.kind == self.Kind.DAY_OFF and not working:
            raise ValidationError({"kind": _("This date is already a day off.")})
        if self.kind == self.Kind.DAY_OFF and not (self.name_kk or self.name_ru):
            raise ValidationError(_("Name the day off in Kazakh or Russian, as the decree does."))


class Deadline(models.Model):
    """One regulated deadline: what it is about, the rule that made it, when it is due, who answers.

    The sweep (``council.services.deadline_sweep``) acts on rows whose ``next_action_at`` has come.
    """

    class State(models.TextChoices):
        OPEN = "open", _("open")
        MET = "met", _("met")
        MET_LATE = "met_late", _("met late")
        OVERDUE = "overdue", _("overdue")
        WAIVED = "waived", _("waived")

    # Rescheduling reopens an active deadline; marking overdue twice (a repeated sweep) changes nothing.
    TRANSITIONS = {
        State.OPEN: {State.OPEN, State.OVERDUE, State.MET, State.MET_LATE, State.WAIVED},
        State.OVERDUE: {State.OPEN, State.OVERDUE, State.MET, State.MET_LATE, State.WAIVED},
        State.MET: set(),
        State.MET_LATE: set(),
        State.WAIVED: set(),
    }
    ACTIVE_STATES = (State.OPEN, State.OVERDUE)

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="deadlines", verbose_name=_("council"))
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.BigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.SlugField(_("what is due"), max_length=64)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=400)
    title_ru = models.CharField(_("title (Russian)"), max_length=400)
    url = models.CharField(_("link"), max_length=300, blank=True)
    rule_id = models.CharField(_("rule"), max_length=32)
    profile = models.ForeignKey(
        RegulationProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("profile")
    )
    anchor_date = models.DateField(_("event date"))
    due_date = models.DateField(_("due date"), db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    responsible_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("responsible body")
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("responsible person"),
    )
    next_action_at = models.DateTimeField(_("next action"), null=True, blank=True)
    stage = models.PositiveSmallIntegerField(_("stages done"), default=0)
    created_at = models.DateTimeField(_("created"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    waive_reason = models.TextField(_("reason for waiving"), blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "id"]
        indexes = [
            # The sweep reads only active rows whose action time has come: cost follows due rows.
            models.Index(
                fields=["next_action_at"],
                name="deadline_due_action",
                condition=Q(state__in=["open", "overdue"], next_action_at__isnull=False),
            ),
            models.Index(fields=["subject_type", "subject_id"], name="deadline_subject"),
            models.Index(fields=["council", "state", "due_date"], name="deadline_council_state"),
            # "Overdue now" across councils: active rows by date.
            models.Index(
                fields=["due_date", "id"], name="deadline_active_due", condition=Q(state__in=["open", "overdue"])
            ),
            # The compliance dashboard counts a period's rows of a few kinds from the index alone.
            models.Index(
                fields=["kind", "due_date"], include=["council", "state", "responsible_body"], name="deadline_kind_due"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind"],
                condition=Q(state__in=["open", "overdue"]),
                name="deadline_one_active_per_subject_kind",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.due_date:%d.%m.%Y})"

    @property
    def title(self):
        return localized(self, "title")

    @property
    def rule(self):
        return self.profile.rule_for(self.rule_id) if self.profile else get_rule(self.rule_id)

    @property
    def is_active(self):
        return self.state in self.ACTIVE_STATES

    def move_to(self, state):
        """Set ``state`` if the table allows it; the caller saves. No query: the sweep moves rows at volume."""
        if state not in self.TRANSITIONS[self.state]:
            raise illegal_transition(self, self.State(self.state).label, self.State(state).label)
        self.state = state

    def days_left(self, today):
        return (self.due_date - today).days


class Notification(models.Model):
    """An in-app notice (and its e-mail). ``key`` makes each notice unique per recipient, so running a
    sweep twice, or two sweeps at once, never sends the same thing twice. ``delivery`` says what became
    of the e-mail: a failed send is retried with backoff (``council.tasks.notification_email``)."""

    class Delivery(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        NO_ADDRESS = "no_address", _("no e-mail address")
        DIGEST = "digest", _("waits for the daily e-mail")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("council")
    )
    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    key = models.CharField(_("key"), max_length=128)
    # What the notice says, as a message of ``council.messages`` and its parameters: shown and e-mailed in
    # the reader's language at the time. ``title`` and ``body`` keep it as first written (and older notices).
    message = models.CharField(_("message"), max_length=64, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    delivery = models.CharField(_("e-mail delivery"), max_length=16, choices=Delivery.choices, default=Delivery.PENDING)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("last e-mail error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self):
        return self.title

    def rendered(self):
        """(title, body) in the active language; a notice stored as a finished sentence (written before notices
        kept their message, or of a message no longer known or whose parameters it no longer reads) shows the
        words it was stored with."""
        if self.message in MESSAGES:
            try:
                return render(self.message, self.params)
            except (KeyError, TypeError, ValueError):
                pass
        return self.title, self.body

    @property
    def shown_title(self):
        return self.rendered()[0]

    @property
    def shown_body(self):
        return self.rendered()[1]
