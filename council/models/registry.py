"""The registry: users, councils, bodies, positions, seats and who holds them.

Membership is by position in a state body (R-000-7): the seat belongs to a position, people hold the
position over date ranges, and acting officials cover it over date ranges (R-000-9d). History of every
row is kept by django-simple-history.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def illegal_transition(obj, old, new):
    """The translated refusal of a move its object's transition table does not allow."""
    return ValidationError(
        _("This %(object)s is “%(from)s”; it cannot become “%(to)s”."),
        params={"object": type(obj)._meta.verbose_name, "from": old, "to": new},
        code="illegal_transition",
    )


def localized(obj, field):
    """The Kazakh or Russian value of ``field`` for the active language (English falls back to Russian)."""
    lang = translation.get_language() or settings.LANGUAGE_CODE
    first, second = ("kk", "ru") if lang.startswith("kk") else ("ru", "kk")
    return getattr(obj, f"{field}_{first}") or getattr(obj, f"{field}_{second}")


class User(AbstractUser):
    full_name_kk = models.CharField(_("full name (Kazakh)"), max_length=200, blank=True)
    full_name_ru = models.CharField(_("full name (Russian)"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ru",
    )
    home_council = models.ForeignKey(
        "council.Council",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_people",
        verbose_name=_("registered by council"),
        help_text=_("The council whose secretariat keeps this person's record."),
    )
    email_digest = models.BooleanField(
        _("one e-mail a day"),
        default=False,
        help_text=_("Notices are collected into one e-mail a day instead of one e-mail each."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self):
        return localized(self, "full_name") or self.get_full_name() or self.username

    def __str__(self):
        return self.display_name

    def has_perm(self, perm, obj=None):
        """The registry's actions answer by the registry, for administrators too: Django lets a superuser
        do anything, but an administrator does not sign for the chair or report for a body."""
        from ..rules import allowed, is_action  # here: the registry reads these models at its top

        if obj is not None and is_action(perm):
            return self.is_active and allowed(self, perm, obj, day=timezone.localdate())
        return super().has_perm(perm, obj)


class BilingualName(models.Model):
    name_kk = models.CharField(_("name (Kazakh)"), max_length=400)
    name_ru = models.CharField(_("name (Russian)"), max_length=400)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")


class Body(BilingualName):
    """A state body (ministry, agency, court, prosecutor's office)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    short_name_kk = models.CharField(_("short name (Kazakh)"), max_length=120, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        ordering = ["name_ru"]

    @property
    def short_name(self):
        return localized(self, "short_name") or self.name


class Position(models.Model):
    """A post in a state body: the seat follows the post, not the person (R-000-7)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="positions", verbose_name=_("body"))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=400)
    title_ru = models.CharField(_("title (Russian)"), max_length=400)
    is_head = models.BooleanField(_("head of the body"), default=False)
    # Appendix 2 of Order No. 146: holders (and acting officials) may open sensitive analytical material.
    category = models.ForeignKey(
        "council.PositionCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("position category (analytical work)"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["body__name_ru", "title_ru"]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return localized(self, "title")


class Council(BilingualName):
    class Kind(models.TextChoices):
        REPUBLIC = "republic", _("republic coordination council")
        TERRITORIAL = "territorial", _("territorial coordination council")
        MONITORING_GROUP = "monitoring_group", _("interagency monitoring group")
        PUBLIC_REPORT = "public_report", _("police chief's report to the public")
        ANALYTICAL = "analytical", _("information-analytical work of a prosecutor's office")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    short_name_kk = models.CharField(_("short name (Kazakh)"), max_length=200, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent council"),
        help_text=_("For a territorial council: the republic council that approves and controls it (R-000-14)."),
    )
    region_kk = models.CharField(_("region (Kazakh)"), max_length=200, blank=True)
    region_ru = models.CharField(_("region (Russian)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    profile = models.ForeignKey(
        "council.RegulationProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("regulation profile"),
        help_text=_("The version of the regulation this council follows; deadlines keep the version that made them."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["kind", "name_ru"]

    @property
    def short_name(self):
        return localized(self, "short_name") or self.name

    @property
    def region(self):
        return localized(self, "region")


class Seat(models.Model):
    """A place on a council held by a position (R-000-7)."""

    class Kind(models.TextChoices):
        PERMANENT = "permanent", _("permanent member")
        DELEGATED = "delegated", _("member with temporarily delegated powers")

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY_CHAIR = "deputy_chair", _("deputy chair")
        MEMBER = "member", _("member")

    class Side(models.TextChoices):
        NONE = "", _("—")
        POLICE = "police", _("police side")
        BAR = "bar", _("bar side")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="seats", verbose_name=_("council"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="seats", verbose_name=_("position"))
    kind = models.CharField(_("kind of membership"), max_length=16, choices=Kind.choices, default=Kind.PERMANENT)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    side = models.CharField(_("side"), max_length=16, choices=Side.choices, default=Side.NONE, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["council", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "position"],
                condition=Q(valid_to__isnull=True),
                name="seat_one_open_per_position",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="seat_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.council.short_name}: {self.position}"


class Appointment(models.Model):
    """A person holds a position, or acts in it, over a date range (R-000-7, R-000-9d)."""

    class Kind(models.TextChoices):
        HOLDER = "holder", _("holds the position")
        ACTING = "acting", _("acting in the position")

    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("position")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.HOLDER)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    basis = models.CharField(_("basis (order number and date)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["position", "-start"]
        indexes = [models.Index(fields=["position", "kind", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="appointment_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.position}"


class CouncilOfficer(models.Model):
    """The secretary and the secretariat employees of a council (R-000-8)."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("secretary")
        SECRETARIAT = "secretariat", _("secretariat employee")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="officers", verbose_name=_("council"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_employees",
        verbose_name=_("body represented"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    basis = models.CharField(_("basis (order number and date)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council officer")
        verbose_name_plural = _("council officers")
        ordering = ["council", "role", "body__name_ru"]
        constraints = [
            # One secretary at a time (R-000-8).
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role="secretary", end__isnull=True),
                name="officer_one_open_secretary",
            ),
            # One secretariat employee per body (R-000-8).
            models.UniqueConstraint(
                fields=["council", "body"],
                condition=Q(role="secretariat", end__isnull=True),
                name="officer_one_open_employee_per_body",
            ),
            models.CheckConstraint(
                condition=Q(role="secretary") | Q(body__isnull=False),
                name="officer_employee_has_body",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"
