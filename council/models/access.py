"""Access to sensitive analytical material (seed 004, R-004-11..13): the position categories of Appendix 2,
the material itself, the auditors who read the access log, the Prosecutor General's disclosure orders and
the append-only, hash-chained access log.

The access log cannot be changed or deleted: ``AccessLogEntry.save`` refuses an update, and a trigger
created by the migration ``0013_access_log_append_only`` refuses UPDATE and DELETE in the database itself.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..chain import access_entry_content, seal
from .registry import Council, localized


class PositionCategory(models.Model):
    """One category of officials who may run analytical queries (Appendix 2 of Order No. 146, R-004-11).
    The nine categories are loaded by a migration; names are edited in admin, every change kept."""

    number = models.PositiveSmallIntegerField(_("number in Appendix 2"), unique=True)
    name_kk = models.TextField(_("name (Kazakh)"))
    name_ru = models.TextField(_("name (Russian)"))
    is_active = models.BooleanField(_("in force"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position category (analytical work)")
        verbose_name_plural = _("position categories (analytical work)")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self):
        return localized(self, "name")


class AccessAuditor(models.Model):
    """A person who reads and exports a council's access log (R-004-11), over a date range."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+", verbose_name=_("council"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    basis = models.CharField(_("basis (order number and date)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("access log auditor")
        verbose_name_plural = _("access log auditors")
        ordering = ["council", "-start"]

    def __str__(self):
        return f"{self.person} ({self.council.short_name})"


class SensitiveMaterial(models.Model):
    """Analytical material drawn from the information exchange system: opened only by holders of a listed
    position category with a stated basis (R-004-11), shown with personal data masked (R-004-12). It is
    attached to what it was made for (R-004-14): ``subject`` is, for example, a piece of unplanned work."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="sensitive_materials", verbose_name=_("council")
    )
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_id = models.BigIntegerField(null=True, blank=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=400)
    title_ru = models.CharField(_("title (Russian)"), max_length=400)
    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    personal_terms = models.TextField(
        _("personal data to mask"),
        blank=True,
        help_text=_("Names and other personal data in the text, one per line; they are always masked."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("sensitive analytical material")
        verbose_name_plural = _("sensitive analytical materials")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="sensitive_subject")]

    def __str__(self):
        return self.masked_title  # wherever a material is named (admin, logs, notices), its title is masked

    def get_absolute_url(self):
        return reverse("access:material_open", args=[self.pk])

    @property
    def masked_title(self):
        """The title with personal data masked (R-004-12), as every page but a disclosure shows it."""
        from ..anonymise import mask

        return mask(self.title, self.personal_terms)

    @property
    def title(self):
        return localized(self, "title")

    @property
    def text(self):
        return localized(self, "text")


class DisclosureOrder(models.Model):
    """An order of the Prosecutor General allowing one material's personal data to be shown (R-004-12): which
    kinds of data (``fields``), for which persons only (``persons``, one name a line; empty: everyone in the
    material), from its date to ``valid_until``, unless withdrawn. It discloses that and nothing more."""

    class Field(models.TextChoices):
        NAMES = "names", _("names")
        IIN = "iin", _("individual identification numbers")
        BIRTH_DATES = "birth_dates", _("dates of birth")
        ADDRESSES = "addresses", _("addresses")
        CONTACTS = "contacts", _("phone numbers and e-mail addresses")

    material = models.ForeignKey(
        SensitiveMaterial, on_delete=models.PROTECT, related_name="disclosure_orders", verbose_name=_("material")
    )
    number = models.CharField(_("order number"), max_length=64)
    date = models.DateField(_("order date"))
    scope = models.TextField(_("scope of disclosure"))
    fields = models.JSONField(_("personal data disclosed"), default=list)
    persons = models.TextField(_("only these persons"), blank=True)
    # An order recorded before orders had an end is in force nowhere: it is recorded again with its term.
    valid_until = models.DateField(_("in force until"), null=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("disclosure order")
        verbose_name_plural = _("disclosure orders")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"№ {self.number} {self.date:%d.%m.%Y}"

    def in_force(self, day) -> bool:
        return self.withdrawn_at is None and self.valid_until is not None and self.date <= day <= self.valid_until

    @property
    def person_names(self) -> list[str]:
        return [line.strip() for line in self.persons.splitlines() if line.strip()]

    def field_labels(self) -> list[str]:
        return [str(self.Field(f).label) for f in self.fields if f in self.Field.values]


class AccessLogEntry(models.Model):
    """One access to sensitive material, granted or refused: who, their position category, the item, the
    stated basis, the workstation as typed, the time and the address (R-004-11, R-004-13). Append-only and
    hash-chained like the audit log."""

    class Action(models.TextChoices):
        OPEN = "open", _("opened")
        DISCLOSE = "disclose", _("opened with personal data (order)")
        REFUSED = "refused", _("refused")
        FOUND = "found", _("listed by a search")

    class BasisKind(models.TextChoices):
        PLAN_ITEM = "plan_item", _("item of the analytical work plan")
        ASSIGNMENT = "assignment", _("memo or assignment")

    at = models.DateTimeField(_("time"), db_index=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    person_name = models.CharField(_("person's name"), max_length=200)
    category_number = models.PositiveSmallIntegerField(_("position category"), null=True, blank=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+", verbose_name=_("council"))
    material = models.ForeignKey(
        SensitiveMaterial, on_delete=models.PROTECT, related_name="accesses", verbose_name=_("material")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    basis_kind = models.CharField(_("basis"), max_length=16, choices=BasisKind.choices, blank=True)
    basis_reference = models.CharField(_("basis reference"), max_length=300, blank=True)
    basis_date = models.DateField(_("basis date"), null=True, blank=True)
    order = models.ForeignKey(
        DisclosureOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("order")
    )
    workstation = models.CharField(_("workstation"), max_length=100, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    prev_hash = models.CharField(_("hash of the previous entry"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["council", "-at"], name="accesslog_council_at")]
        constraints = [models.UniqueConstraint(fields=["prev_hash"], name="accesslog_chain_no_fork")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.person_name}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(gettext("An access log entry is never changed once recorded."))
        super().save(*args, **kwargs)

    def content_hash(self) -> str:
        """The seal (``council.chain``) of what the entry says and of the previous entry's seal."""
        return seal(self.chain_content())

    def chain_content(self) -> dict:
        return access_entry_content(self)
