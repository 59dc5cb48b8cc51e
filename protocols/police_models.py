"""What follows a citizen's question at a police chief's report to the public: the check of one not
answered in full (R-002-16) and the forwarding, with notice, of one outside police competence (R-002-17).
Both are recorded in the report's protocol and go under the control of the body's leadership (R-002-19)."""

import contextlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from council.models import Body


class QuestionCheck(models.Model):
    """A check under the Administrative Procedural Code of a complaint, proposal or remark not answered in
    full at the report (R-002-16). Its period is the profile's rule ``R-002-16.check``; until the
    administrator sets it, the check has no due date and shows "period not set"."""

    class Status(models.TextChoices):
        OPEN = "open", _("being checked")
        DONE = "done", _("checked, the person answered")

    TRANSITIONS = {Status.OPEN: {Status.DONE}, Status.DONE: set()}

    question = models.OneToOneField(
        "secretariat.CitizenQuestion",
        on_delete=models.CASCADE,
        related_name="question_check",
        verbose_name=_("question"),
    )
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.PROTECT, related_name="checks", verbose_name=_("protocol")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    due_date = models.DateField(_("check due"), null=True, blank=True)
    result = models.TextField(_("result of the check"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("check of a citizen's question")
        verbose_name_plural = _("checks of citizens' questions")
        ordering = ["due_date", "id"]

    def __str__(self):
        return _("Check of question %(number)s") % {"number": self.question.number}

    def get_absolute_url(self):
        return reverse("protocols:question_follow_up", args=[self.question_id])

    @property
    def council(self):
        return self.protocol.council

    def title(self, lang=None):
        """What is checked, as the control of execution shows it, in ``lang`` or the active language."""
        with translation.override(lang) if lang else contextlib.nullcontext():
            return _("Check of the citizen's question (%(author)s): %(text)s") % {
                "author": self.question.author,
                "text": self.question.text,
            }


class QuestionForward(models.Model):
    """A question outside police competence forwarded by subordination or territory to a competent state
    body of the registry, with the outgoing number and date; the person who raised it is notified
    (date and channel). A forwarding without the notice is not complete (R-002-17)."""

    class Basis(models.TextChoices):
        SUBORDINATION = "subordination", _("by subordination")
        TERRITORY = "territory", _("by territory")

    class Channel(models.TextChoices):
        LETTER = "letter", _("letter")
        EMAIL = "email", _("e-mail")
        PHONE = "phone", _("telephone")
        SMS = "sms", _("SMS")
        IN_PERSON = "in_person", _("in person")

    class Status(models.TextChoices):
        SENT = "sent", _("sent, the person not yet notified")
        COMPLETE = "complete", _("sent and the person notified")

    TRANSITIONS = {Status.SENT: {Status.COMPLETE}, Status.COMPLETE: set()}

    question = models.OneToOneField(
        "secretariat.CitizenQuestion", on_delete=models.CASCADE, related_name="forward", verbose_name=_("question")
    )
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.PROTECT, related_name="forwards", verbose_name=_("protocol")
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("competent body"))
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    outgoing_number = models.CharField(_("outgoing number"), max_length=64)
    outgoing_date = models.DateField(_("outgoing date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SENT)
    notice_date = models.DateField(_("person notified on"), null=True, blank=True)
    notice_channel = models.CharField(_("notified by"), max_length=16, choices=Channel.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("forwarding of a citizen's question")
        verbose_name_plural = _("forwardings of citizens' questions")
        ordering = ["outgoing_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="complete")
                | (models.Q(notice_date__isnull=False) & ~models.Q(notice_channel="")),
                name="forward_complete_only_with_notice",
            )
        ]

    def __str__(self):
        return f"№ {self.outgoing_number} {self.outgoing_date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("protocols:question_follow_up", args=[self.question_id])

    @property
    def council(self):
        return self.protocol.council
