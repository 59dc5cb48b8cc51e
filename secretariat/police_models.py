"""A police chief's report to the public (seed 002, Order of the Minister of Internal Affairs No. 608): the
yearly schedule, the report's own data (invited groups, the ten topics, how to send questions), its
publication, its sources and the citizens' questions (R-002-4, R-002-6, R-002-8, R-002-10, R-002-11,
R-002-13, R-002-16, R-002-17, R-002-18).

A report is a ``Meeting`` of a council of kind ``public_report`` (one per territorial police body) with a
``PoliceReport`` beside it; its profile gives it no materials, agenda or quorum (``council/profiles.py``)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.models import Council, StoredDocument, localized
from council.uploads import storage_name


class Topic(models.TextChoices):
    """The ten things a report covers (R-002-6)."""

    CRIME = "crime", _("the crime situation in the territory served")
    PROGRAMMES = "programmes", _("results of republic and regional programmes against crime and for prevention")
    RESULTS = "results", _("main results of the police in protecting rights, preventing and solving offences")
    ORDER = "order", _("effectiveness of measures for public order, road safety and crime prevention")
    CORRUPTION = "corruption", _("state and results of work against corruption")
    APPEALS = "appeals", _("results of considering appeals, and responses to media publications on shortcomings")
    OPINION = "opinion", _("results of monitoring public opinion of the police body")
    LEGISLATION = "legislation", _("changes of legislation in the field of the police")
    LOCAL = "local", _("problems of the police body's work that need solving at the local level")
    OTHER = "other", _("other questions the situation in the territory requires")


class InviteeGroup(models.TextChoices):
    """Who is invited: the local executive body (R-002-4) and the groups of R-002-11."""

    AKIMAT = "akimat", _("local executive body (akimat)")
    MASLIKHAT = "maslikhat", _("deputies of the maslikhat")
    PUBLIC = "public", _("the public")
    HEALTH = "health", _("health bodies")
    LABOUR = "labour", _("labour and social protection bodies")
    EDUCATION = "education", _("education and science bodies")
    AGRICULTURE = "agriculture", _("agriculture")
    HOUSING = "housing", _("housing and communal services")
    BUSINESS = "business", _("organisations and enterprises of all forms of ownership")
    MEDIA = "media", _("mass media")


class ReportSchedule(models.Model):
    """The schedule of a police body's reports for a reporting year, approved by the body (R-002-8.1). The
    reports are held in the first quarter of the following year (R-002-4)."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="report_schedules", verbose_name=_("police body's reports")
    )
    year = models.PositiveIntegerField(_("reporting year"))
    approved_on = models.DateField(_("approved on"))
    approval_number = models.CharField(_("approval number"), max_length=64, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("schedule of reports")
        verbose_name_plural = _("schedules of reports")
        ordering = ["council", "-year"]
        constraints = [models.UniqueConstraint(fields=["council", "year"], name="report_schedule_once_per_year")]

    def __str__(self):
        return f"{self.council.short_name}: {self.year}"


class PoliceReport(models.Model):
    """The report's own data beside its meeting: the reporting year, who is invited, the topics covered,
    how the public sends questions, and its registration by the staff unit (R-002-4, R-002-6, R-002-8.2,
    R-002-11, R-002-18)."""

    meeting = models.OneToOneField(
        "secretariat.Meeting", on_delete=models.CASCADE, related_name="police_report", verbose_name=_("meeting")
    )
    schedule = models.ForeignKey(
        ReportSchedule, on_delete=models.PROTECT, related_name="reports", verbose_name=_("schedule")
    )
    akimat_kk = models.CharField(_("local executive body invited (Kazakh)"), max_length=300)
    akimat_ru = models.CharField(_("local executive body invited (Russian)"), max_length=300)
    invitee_groups = models.JSONField(_("invited groups"), default=list)
    questions_how_kk = models.TextField(_("how to send questions (Kazakh)"))
    questions_how_ru = models.TextField(_("how to send questions (Russian)"))
    topics = models.JSONField(_("topics covered"), default=list)
    registration_number = models.CharField(_("registration number of the materials"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("police chief's report")
        verbose_name_plural = _("police chief's reports")

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("secretariat:police_report", args=[self.pk])

    @property
    def council(self):
        return self.meeting.council

    @property
    def akimat(self):
        return localized(self, "akimat")

    @property
    def questions_how(self):
        return localized(self, "questions_how")

    @property
    def topic_rows(self):
        """(code, label, covered) of each of the ten topics (R-002-6)."""
        return [(value, label, value in self.topics) for value, label in Topic.choices]

    @property
    def group_labels(self):
        labels = dict(InviteeGroup.choices)
        return [labels[g] for g in self.invitee_groups if g in labels]


def report_upload_to(instance, filename):
    return storage_name("police-reports", filename)


class Publication(StoredDocument):
    """Where and when the announcement was published (R-002-8.2), with a copy or a link."""

    class Channel(models.TextChoices):
        PERIODICAL = "periodical", _("periodical")
        BROADCAST = "broadcast", _("TV or radio channel")
        WEB = "web", _("official web resource")

    file_field = "copy"
    uploaded_by_field = "recorded_by"
    uploaded_at_field = "recorded_at"

    report = models.ForeignKey(
        PoliceReport, on_delete=models.CASCADE, related_name="publications", verbose_name=_("report")
    )
    channel = models.CharField(_("where"), max_length=16, choices=Channel.choices)
    outlet = models.CharField(_("outlet"), max_length=300)
    published_on = models.DateField(_("published on"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    copy = models.FileField(_("copy"), upload_to=report_upload_to, blank=True)
    on_time = models.BooleanField(_("on time"), default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["report", "published_on", "id"]

    def __str__(self):
        return f"{self.outlet} {self.published_on:%d.%m.%Y}"


class ReportSource(StoredDocument):
    """A source used to prepare the report (R-002-10), kept as an attachment."""

    class Kind(models.TextChoices):
        STATISTICS = "statistics", _("state and departmental statistical reports")
        PROGRAMMES = "programmes", _("republic and regional programmes against crime and for prevention")
        APPEALS = "appeals", _("appeals of persons, deputies, public councils and organisations")
        OPINION = "opinion", _("results of studying public opinion of the police")
        MEDIA = "media", _("media publications on the police")
        RESOURCES = "resources", _("resources of the police body, including funds of local executive bodies")
        OTHER = "other", _("other necessary information")

    uploaded_by_field = "added_by"
    uploaded_at_field = "added_at"

    report = models.ForeignKey(PoliceReport, on_delete=models.CASCADE, related_name="sources", verbose_name=_("report"))
    kind = models.CharField(_("source"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=report_upload_to)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added"))

    class Meta:
        verbose_name = _("source of the report")
        verbose_name_plural = _("sources of the report")
        ordering = ["report", "kind", "id"]

    def __str__(self):
        return self.original_name


class CitizenQuestion(models.Model):
    """A complaint, proposal or remark of a citizen, received before or at the report (R-002-7, R-002-13):
    who raised it (contacted only with consent), the text, and whether it was answered in full at the
    report. One not answered in full is checked (R-002-16); one outside police competence is forwarded
    (R-002-17)."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("complaint")
        PROPOSAL = "proposal", _("proposal")
        REMARK = "remark", _("remark")

    class Received(models.TextChoices):
        BEFORE = "before", _("before the report")
        AT = "at", _("at the report")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("not answered yet")
        ANSWERED = "answered", _("answered in full at the report")
        NOT_FULL = "not_full", _("not answered in full: checked")
        OUTSIDE = "outside", _("outside police competence: forwarded")

    report = models.ForeignKey(
        PoliceReport, on_delete=models.CASCADE, related_name="questions", verbose_name=_("report")
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    received = models.CharField(_("received"), max_length=8, choices=Received.choices)
    author = models.CharField(_("who raised it"), max_length=300)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    text = models.TextField(_("text"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    answer = models.TextField(_("answer given"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("citizen's question")
        verbose_name_plural = _("citizens' questions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="citizen_question_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.author}"

    @property
    def council(self):
        return self.report.meeting.council
