"""Bulk import of a council's composition from CSV or XLSX (tablib): parse and check every row for a
preview, then write the accepted rows in one transaction. Rejected rows are reported, never written."""

import datetime
import re
import zipfile
from dataclasses import asdict, dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from .admin_scope import councils_of_person
from .models import Appointment, AuditVerb, Body, Position, Seat, User
from .services import audit

COLUMNS = [
    "body_code",
    "body_name_ru",
    "body_name_kk",
    "position_ru",
    "position_kk",
    "seat_kind",
    "role",
    "side",
    "order",
    "username",
    "full_name_ru",
    "full_name_kk",
    "email",
    "language",
    "start",
]
REQUIRED = ["body_code", "position_ru", "position_kk", "username", "full_name_ru", "start"]
USERNAME = re.compile(r"^[\w.@+-]{1,150}$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,64}$")


@dataclass
class ImportRow:
    number: int
    data: dict
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse(upload, *, today) -> list[ImportRow]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file, each checked (``check``). Raises
    ValidationError for a file that cannot be read at all."""
    name = (upload.name or "").lower()
    content = upload.read()
    try:
        if name.endswith(".xlsx"):
            dataset = tablib.Dataset().load(content, format="xlsx")
        elif name.endswith(".csv"):
            text = content.decode("utf-8-sig")
            delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
            dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        else:
            raise ValidationError(_("Upload a CSV or XLSX file."))
    except (UnicodeDecodeError, tablib.UnsupportedFormat, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ValidationError(_("The file cannot be read as a table: %(error)s") % {"error": exc}) from exc
    headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        raise ValidationError(_("Columns missing from the first row: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, values in enumerate(dataset, start=2):
        data = {h: ("" if v is None else v) for h, v in zip(headers, values, strict=False) if h in COLUMNS}
        if not any(str(v).strip() for v in data.values()):
            continue
        rows.append(check(number, data, today=today))
    return rows


# column -> the registry field it is written to: a longer value would not fit, and is refused with the limit.
LENGTH_OF = {
    "body_code": (Body, "code"),
    "body_name_ru": (Body, "name_ru"),
    "body_name_kk": (Body, "name_kk"),
    "position_ru": (Position, "title_ru"),
    "position_kk": (Position, "title_kk"),
    "username": (User, "username"),
    "full_name_ru": (User, "full_name_ru"),
    "full_name_kk": (User, "full_name_kk"),
    "email": (User, "email"),
}
ORDER_MAX = 32767  # Seat.order, a small integer
EARLIEST_START = datetime.date(1991, 12, 16)  # no council of the republic began before it


def check(number, data, *, today) -> ImportRow:
    """One row checked; ``today`` bounds its start date (at most a year ahead)."""
    row = ImportRow(
        number=number, data={k: str(v).strip() if not isinstance(v, datetime.date) else v for k, v in data.items()}
    )
    d = row.data
    for column, value in d.items():
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\t" for c in value):
            row.errors.append(_("“%(column)s” holds a control character; type it again.") % {"column": column})
            d[column] = "".join(c for c in value if ord(c) >= 32 or c == "\t")
    for column, (model, name) in LENGTH_OF.items():
        limit = model._meta.get_field(name).max_length
        if len(str(d.get(column, ""))) > limit:
            row.errors.append(
                _("“%(column)s” is longer than %(limit)s characters.") % {"column": column, "limit": limit}
            )
    for column in REQUIRED:
        if not str(d.get(column, "")).strip():
            row.errors.append(_("“%(column)s” is empty.") % {"column": column})
    if d.get("body_code") and not SLUG.match(d["body_code"]):
        row.errors.append(_("Body code may contain only Latin letters, digits, “-” and “_”."))
    if d.get("username") and not USERNAME.match(d["username"]):
        row.errors.append(_("Login may contain only letters, digits and @ . + - _."))
    start = _date(d.get("start"))
    if d.get("start") and start is None:
        row.errors.append(_("Start date “%(value)s” is not a date (YYYY-MM-DD or DD.MM.YYYY).") % {"value": d["start"]})
    elif start is not None and not EARLIEST_START <= start <= today + datetime.timedelta(days=366):
        row.errors.append(
            _("Start date %(value)s is out of range: from %(first)s to a year from today.")
            % {"value": start.strftime("%d.%m.%Y"), "first": EARLIEST_START.strftime("%d.%m.%Y")}
        )
        start = None
    d["start"] = start.isoformat() if start else ""
    d["seat_kind"] = d.get("seat_kind") or Seat.Kind.PERMANENT
    if d["seat_kind"] not in Seat.Kind.values:
        row.errors.append(_("Seat kind must be “permanent” or “delegated”."))
    d["role"] = d.get("role") or Seat.Role.MEMBER
    if d["role"] not in Seat.Role.values:
        row.errors.append(_("Role must be “chair”, “deputy_chair” or “member”."))
    d["side"] = d.get("side") or ""
    if d["side"] not in Seat.Side.values:
        row.errors.append(_("Side must be empty, “police” or “bar”."))
    d["language"] = d.get("language") or "ru"
    if d["language"] not in ("kk", "ru", "en"):
        row.errors.append(_("Language must be kk, ru or en."))
    try:
        d["order"] = int(float(d.get("order") or 0))
        if not 0 <= d["order"] <= ORDER_MAX:
            raise ValueError
    except (ValueError, OverflowError):  # "abc", "1e400" (infinity), a negative or huge number
        row.errors.append(_("Order must be a whole number from 0 to %(max)s.") % {"max": ORDER_MAX})
        d["order"] = 0
    if d.get("email"):
        try:
            validate_email(d["email"])
        except ValidationError:
            row.errors.append(_("“%(value)s” is not an e-mail address.") % {"value": d["email"]})
    return row


def check_scope(*, council, rows, keeps, actor=None):
    """Add the reasons a row names what the importing council does not keep (R-000-8): an existing account
    of another council (reusing it would hand that account to this council's secretariat), or a position
    seated on another council or held by another council's person (its holder would gain a role, or come
    in). ``keeps`` is the set of council ids the importing user keeps; rows are matched only within them.
    Nobody imports themselves into a seat."""

    def kept(person):
        councils = councils_of_person(person)
        return not person.is_superuser and bool(councils) and councils <= keeps

    usernames = {r.data.get("username") for r in rows if r.data.get("username")}
    people = {u.username: u for u in User.objects.filter(username__in=usernames)}
    for row in rows:
        d = row.data
        person = people.get(d.get("username"))
        if person is not None and actor is not None and not actor.is_superuser and person.pk == actor.pk:
            row.errors.append(_("You cannot appoint yourself; the administrator does."))
        elif person is not None and not kept(person):
            row.errors.append(
                _("The login “%(username)s” is an account of another council; choose a new login.")
                % {"username": d["username"]}
            )
        if d.get("body_code") and d.get("position_ru"):
            same = {"position__body__code": d["body_code"], "position__title_ru": d["position_ru"]}
            seated = set(Seat.objects.filter(**same).values_list("council_id", flat=True))
            holders = User.objects.filter(appointments__in=Appointment.objects.filter(**same)).distinct()
            if not seated <= keeps or any(not kept(h) for h in holders if h.username != d.get("username")):
                row.errors.append(
                    _("The position “%(position)s” sits on another council; that council's secretariat manages it.")
                    % {"position": d["position_ru"]}
                )
            elif (
                actor is not None
                and not actor.is_superuser
                and Position.objects.filter(
                    body__code=d["body_code"], title_ru=d["position_ru"], category__isnull=False
                ).exists()
            ):
                # R-004-11: its holders open sensitive material; only an administrator appoints them.
                row.errors.append(
                    _("The position “%(position)s” is of a listed category; only an administrator appoints to it.")
                    % {"position": d["position_ru"]}
                )
    return rows


def rows_to_payload(rows):
    return [asdict(r) for r in rows]


def rows_from_payload(payload):
    return [ImportRow(**r) for r in payload]


@transaction.atomic
def apply(*, council, rows, actor, now, keeps):
    """Write the accepted rows; returns counts. Existing bodies, positions, seats, people and appointments
    are reused, so importing the same file twice changes nothing. The scope is checked again here: the
    registry may have changed since the preview."""
    rows = check_scope(
        council=council,
        rows=[ImportRow(r.number, dict(r.data), list(r.errors)) for r in rows],
        keeps=keeps,
        actor=actor,
    )
    counts = {"rows": 0, "people": 0, "seats": 0, "appointments": 0, "rejected": sum(not r.ok for r in rows)}
    for row in rows:
        if not row.ok:
            continue
        d = row.data
        start = datetime.date.fromisoformat(d["start"])
        body, _created = Body.objects.get_or_create(
            code=d["body_code"],
            defaults={"name_ru": d.get("body_name_ru") or d["body_code"], "name_kk": d.get("body_name_kk") or ""},
        )
        # The registry may hold two positions of one title in a body (admin adds them): the first is reused.
        position = Position.objects.filter(body=body, title_ru=d["position_ru"]).order_by("pk").first()
        if position is None:
            position = Position.objects.create(
                body=body, title_ru=d["position_ru"], title_kk=d["position_kk"], is_head=True
            )
        _seat, created = Seat.objects.get_or_create(
            council=council,
            position=position,
            valid_to=None,
            defaults={
                "kind": d["seat_kind"],
                "role": d["role"],
                "side": d["side"],
                "order": d["order"],
                "valid_from": start,
            },
        )
        counts["seats"] += created
        person, created = User.objects.get_or_create(
            username=d["username"],
            defaults={
                "full_name_ru": d["full_name_ru"],
                "full_name_kk": d.get("full_name_kk", ""),
                "email": d.get("email", ""),
                "preferred_language": d["language"],
                "home_council": council,
            },
        )
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
        counts["people"] += created
        _appointment, created = Appointment.objects.get_or_create(
            position=position, person=person, kind=Appointment.Kind.HOLDER, end=None, defaults={"start": start}
        )
        counts["appointments"] += created
        counts["rows"] += 1
    audit(actor=actor, verb=AuditVerb.COUNCIL_IMPORT_COMPOSITION, subject=council, council=council, at=now, **counts)
    return counts
