"""Who may open sensitive analytical material, on what stated basis, and the append-only access log
(seed 004: R-004-11, R-004-12, R-004-13).

- Only holders of a position of a listed category (Appendix 2), or the officials acting in such a
  position, with a role on the material's council, may open it (``category_of``; ``council.open_sensitive``
  in ``council/rules.py``).
- Every opening states its basis: an item of an approved analytical plan with its approval date, or a
  memo or assignment with its number and date. Apps above this one register how a basis is checked
  against their records in ``BASIS_CHECKS`` (the plans app: plan items and unplanned work on assignment).
- Every access, granted or refused, is a row of ``AccessLogEntry``: hash-chained, and refused UPDATE and
  DELETE by the database (migration ``0013_access_log_append_only``).
- Personal data are shown masked (``council/anonymise.py``); disclosure needs a recorded order of the
  Prosecutor General and is logged as such.
- The electronic signature and the certified workstation (R-004-13) cannot be verified here: the page
  states the conditions and the log keeps the workstation's identifier as the user typed it.
"""

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from .anonymise import mask
from .models import (
    AccessLogEntry,
    Appointment,
    AuditVerb,
    DisclosureOrder,
    PositionCategory,
    SensitiveMaterial,
)
from .rules import allowed
from .selectors import active_on
from .services import audit

ACCESS_CHAIN_LOCK = int.from_bytes(b"access", "big")

# basis kind -> check(council, reference, date, day, material) that returns a description of the basis found
# in the records, or raises ValidationError saying why the basis does not hold (it does not exist, is not
# confirmed, or does not name the material). Filled by the apps' ready().
BASIS_CHECKS: dict[str, Callable] = {}


def category_of(user, day: datetime.date) -> PositionCategory | None:
    """The listed category of a position the user holds or acts in on ``day`` (the lowest number when
    several), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = user.__dict__.setdefault("_category_cache", {})
    if day not in cache:
        appointments = active_on(
            Appointment.objects.filter(
                person=user, position__category__isnull=False, position__category__is_active=True
            ),
            day,
        )
        ids = appointments.values_list("position__category", flat=True)
        cache[day] = PositionCategory.objects.filter(pk__in=ids).order_by("number").first()
    return cache[day]


def check_basis(*, council, kind, reference, date, day, material=None) -> str:
    """R-004-11: the stated basis, checked against the records (and, given ``material``, that it names that
    material); returns its description."""
    check = BASIS_CHECKS.get(kind)
    if check is None:
        raise ValidationError({"basis_kind": _("Choose the basis of the access.")})
    if not (reference or "").strip() or date is None:
        raise ValidationError(_("State the basis: its number and date."))
    return check(council, reference.strip(), date, day, material)


def _append(**fields) -> AccessLogEntry:
    """Write one log entry at the end of the chain (the advisory lock makes writers take turns)."""
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ACCESS_CHAIN_LOCK])
        entry = AccessLogEntry(
            **fields, prev_hash=AccessLogEntry.objects.order_by("-id").values_list("hash", flat=True).first() or ""
        )
        entry.hash = entry.content_hash()
        entry.save(force_insert=True)
    return entry


def _person_name(user):
    """The name as the registry writes it (Russian, else Kazakh), whatever the page's language."""
    name = user.full_name_ru or user.full_name_kk or user.get_full_name() or user.get_username()
    return f"{name} ({user.get_username()})"[:200]


def _who_and_where(actor, material, *, now, address, workstation=""):
    """What every entry of the log says of the access: when, who (with their category on that day), which
    material of which council, from which workstation and address."""
    category = category_of(actor, now.date())  # kept on the user for the day: one query however many entries
    return {
        "at": now,
        "person": actor,
        "person_name": _person_name(actor),
        "category_number": category.number if category else None,
        "council": material.council,
        "material": material,
        "workstation": (workstation or "").strip()[:100],
        "address": address,
    }


def sensitive_access(
    *, actor, material, basis_kind, reference, basis_date, workstation, address, now, disclose=False
) -> tuple[bool, AccessLogEntry | None]:
    """An attempt to open ``material``. A user who may not open it (no listed category, R-004-11) is
    refused and the refusal is logged: (False, entry). Otherwise the basis is checked: when it does not
    hold, or a disclosure has no order in force (R-004-12), the refusal is logged with its reason and a
    ValidationError says why (nothing is opened); when it holds, the access is logged: (True, entry). Each
    entry is written in a transaction of its own, so a refusal stays on record as the error goes up."""
    day = now.date()
    common = _who_and_where(actor, material, now=now, address=address, workstation=workstation)
    if not allowed(actor, "council.open_sensitive", material, day=day):
        with transaction.atomic():
            return False, _append(
                action=AccessLogEntry.Action.REFUSED,
                reason=str(_("No listed position category (R-004-11).")),
                **common,
            )
    if not common["workstation"]:  # the form is not filled in: nothing was tried yet
        raise ValidationError({"workstation": _("Type the identifier of the workstation (R-004-13).")})
    stated = {
        "basis_kind": basis_kind if basis_kind in AccessLogEntry.BasisKind.values else "",
        "basis_reference": (reference or "").strip()[:300],
        "basis_date": basis_date,
    }
    try:
        description = check_basis(
            council=material.council, kind=basis_kind, reference=reference, date=basis_date, day=day, material=material
        )
        order = order_in_force(material, day) if disclose else None
        if disclose and order is None:
            raise ValidationError(
                _("Personal data are disclosed only by an order of the Prosecutor General in force today.")
            )
    except ValidationError as refusal:
        with transaction.atomic():
            _append(action=AccessLogEntry.Action.REFUSED, reason=" ".join(refusal.messages)[:300], **stated, **common)
        raise
    with transaction.atomic():
        entry = _append(
            action=AccessLogEntry.Action.DISCLOSE if disclose else AccessLogEntry.Action.OPEN,
            order=order,
            reason=description[:300],
            **stated,
            **common,
        )
    return True, entry


@transaction.atomic
def sensitive_found(*, actor, materials, address, now):
    """A search listed these materials (by their masked titles) to ``actor``: each listing is an entry of the
    access log (R-004-11), so the auditors see who looked for what material, not only who opened it."""
    for material in materials:
        _append(
            action=AccessLogEntry.Action.FOUND,
            reason=str(_("Listed by a search of the site.")),
            **_who_and_where(actor, material, now=now, address=address),
        )


@transaction.atomic
def sensitive_material_create(
    *, actor, council, subject, title_kk, title_ru, text_kk, text_ru, personal_terms="", now
) -> SensitiveMaterial:
    """Store analytical material attached to ``subject`` (R-004-14); its author must hold a listed category."""
    if not allowed(actor, "council.open_sensitive", council, day=now.date()):
        raise PermissionDenied(_("Only officials of the listed position categories work with analytical material."))
    if not (title_kk.strip() and title_ru.strip()):
        raise ValidationError(_("The title is needed in Kazakh and in Russian."))

    material = SensitiveMaterial.objects.create(
        council=council,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        title_kk=title_kk.strip(),
        title_ru=title_ru.strip(),
        text_kk=text_kk,
        text_ru=text_ru,
        personal_terms=personal_terms,
        created_by=actor,
        created_at=now,
    )
    audit(actor=actor, verb=AuditVerb.SENSITIVE_CREATE, subject=material, council=council, at=now)
    return material


def order_in_force(material, day):
    """The latest order of disclosure of ``material`` in force on ``day`` (dated, not past its term, not
    withdrawn), or None."""
    for order in material.disclosure_orders.order_by("-date", "-id"):
        if order.in_force(day):
            return order
    return None


def disclosed_text(text, material, order):
    """``text`` of ``material`` as ``order`` discloses it: the kinds of data it names, of the persons it names
    (all of them when it names none); everything else stays masked (R-004-12)."""
    return mask(text, material.personal_terms, reveal=set(order.fields), keep=order.person_names)


@transaction.atomic
def disclosure_order_record(
    *, actor, material, number, date, scope, fields, valid_until, now, persons=""
) -> DisclosureOrder:
    """Record the Prosecutor General's order that allows one material's personal data to be shown (R-004-12):
    what it discloses (``fields``), of whom (``persons``, one a line; empty: everyone), until when. Recorded
    only by an administrator (R-004-11: who grants access is not who works with the material)."""
    if not allowed(actor, "council.record_disclosure_order", material, day=now.date()):
        raise PermissionDenied(_("Only an administrator records orders of the Prosecutor General."))
    if not (number or "").strip() or date is None or not (scope or "").strip():
        raise ValidationError(_("An order has its number, date and scope."))
    fields = [f for f in fields if f in DisclosureOrder.Field.values]
    if not fields:
        raise ValidationError({"fields": _("Choose what personal data the order discloses.")})
    if valid_until is None or valid_until < date:
        raise ValidationError({"valid_until": _("An order is in force from its date to a day on or after it.")})
    order = DisclosureOrder.objects.create(
        material=material,
        number=number.strip()[:64],
        date=date,
        scope=scope.strip(),
        fields=fields,
        persons="\n".join(line.strip() for line in (persons or "").splitlines() if line.strip()),
        valid_until=valid_until,
        recorded_by=actor,
        recorded_at=now,
    )
    audit(
        actor=actor,
        verb=AuditVerb.DISCLOSURE_ORDER_RECORD,
        subject=material,
        council=material.council,
        at=now,
        number=order.number,
        date=date.isoformat(),
        fields=fields,
        valid_until=valid_until.isoformat(),
    )
    return order


@transaction.atomic
def disclosure_order_withdraw(*, actor, order, reason, now) -> DisclosureOrder:
    """Withdraw an order: from now on it discloses nothing. The order and its disclosures stay on record."""
    order = DisclosureOrder.objects.select_for_update().select_related("material__council").get(pk=order.pk)
    if not allowed(actor, "council.record_disclosure_order", order.material, day=now.date()):
        raise PermissionDenied(_("Only an administrator records orders of the Prosecutor General."))
    if order.withdrawn_at is not None:
        raise ValidationError(_("The order is withdrawn already."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the order is withdrawn.")})
    order.withdrawn_at, order.withdrawn_by, order.withdrawal_reason = now, actor, reason.strip()
    order.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit(
        actor=actor,
        verb=AuditVerb.DISCLOSURE_ORDER_WITHDRAW,
        subject=order.material,
        council=order.material.council,
        at=now,
        number=order.number,
    )
    return order


@transaction.atomic
def access_log_exported(*, actor, council, fmt, now):
    """An export of the access log is itself an audit event."""
    if not allowed(actor, "council.read_access_log", council, day=now.date()):
        raise PermissionDenied(_("Only the auditors of the access log export it."))
    audit(actor=actor, verb=AuditVerb.ACCESS_LOG_EXPORT, council=council, at=now, format=fmt)


def access_log_verify(entries=None) -> AccessLogEntry | None:
    """The first entry whose chain link or own hash does not hold (an edit or a deletion), or None."""
    prev = ""
    for entry in entries if entries is not None else AccessLogEntry.objects.order_by("id").iterator():
        if entry.prev_hash != prev or entry.hash != entry.content_hash():
            return entry
        prev = entry.hash
    return None
