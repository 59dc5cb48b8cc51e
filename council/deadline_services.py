"""The deadline engine: open, close, waive and reschedule deadlines, and the periodic sweep.

Other apps create and close deadlines only through these functions. The sweep handles each due row in
its own short transaction, claimed with ``select_for_update(skip_locked=True)``, so it is safe to run twice
or concurrently; notices are unique per (recipient, key), so nothing is sent twice.
"""

import datetime
import functools
import json
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import Correction, WorkingCalendar, default_calendar
from .compliance_summary import count_changes, summary_key
from .deadlines import apply_rule
from .models import AuditVerb, CalendarDay, Deadline, Notification, RegulationProfile
from .navcache import CACHE_ERRORS, touch_councils, touch_users
from .navcache import TIMEOUT as CALENDAR_TIMEOUT
from .notify import email_notifications, notice_rows
from .profile_schema import ProfileSettings, parse_settings
from .profiles import KIND_PRESET, PRESETS, validate_presets
from .selectors import body_employees, council_chairs, council_secretaries
from .services import audit

log = logging.getLogger(__name__)
TZ = ZoneInfo(settings.TIME_ZONE)


# Calendar and profiles ------------------------------------------------------------------------------


def _corrections():
    return [
        Correction(day=c.day, working=c.kind == CalendarDay.Kind.WORKING_DAY, name_kk=c.name_kk, name_ru=c.name_ru)
        for c in CalendarDay.objects.all()
    ]


def _with(corrections) -> WorkingCalendar:
    return default_calendar().with_corrections(corrections) if corrections else default_calendar()


def current_calendar() -> WorkingCalendar:
    """The default calendar with the decrees and corrections entered in the application, read from the
    database: what every deadline is computed with."""
    return _with(_corrections())


# Pages show "3 working days left" on every list; the decrees they count with are kept in the cache until one
# is entered, changed or removed (``forget_calendar``, on CalendarDay's saves and deletions).
CALENDAR_KEY = "calendar:corrections"


def forget_calendar(**_kwargs):
    def forget():
        try:
            cache.delete(CALENDAR_KEY)
        except CACHE_ERRORS:
            log.exception("the cached calendar corrections were not forgotten")

    forget()
    transaction.on_commit(forget)


def displayed_calendar() -> WorkingCalendar:
    """The calendar pages count working days with: the decrees from the cache between changes of them.
    Deadlines are never computed with it: ``current_calendar`` reads the database."""
    try:
        corrections = cache.get(CALENDAR_KEY)
    except CACHE_ERRORS:
        return current_calendar()
    if corrections is None:
        corrections = _corrections()
        try:
            cache.set(CALENDAR_KEY, corrections, CALENDAR_TIMEOUT)
        except CACHE_ERRORS:
            log.exception("the calendar corrections were not cached")
    return _with(corrections)


def request_calendar(request) -> WorkingCalendar:
    """``displayed_calendar`` once per request, however many dates the page counts in working days."""
    calendar = getattr(request, "_working_calendar", None)
    if calendar is None:
        calendar = displayed_calendar()
        if request is not None:
            request._working_calendar = calendar
    return calendar


@transaction.atomic
def profile_ensure_presets() -> dict:
    """Version 1 of every preset profile, created if missing; returns {code: latest version}. A preset the
    schema refuses raises ValidationError before anything is stored."""
    validate_presets(PRESETS)
    result = {}
    for code, preset in PRESETS.items():
        latest = RegulationProfile.objects.filter(code=code).order_by("-version").first()
        if latest is None:
            latest = RegulationProfile.objects.create(
                code=code,
                version=1,
                name_kk=preset["name_kk"],
                name_ru=preset["name_ru"],
                rules=preset["rules"],
                settings=preset["settings"],
            )
        result[code] = latest
    return result


@transaction.atomic
def profile_new_version(*, profile, actor, rules=None, settings_=None, now) -> RegulationProfile:
    """A successor regulation: a new version; councils move to it explicitly, old deadlines stay. Rules and
    settings the schema refuses raise ValidationError."""
    latest = RegulationProfile.objects.filter(code=profile.code).order_by("-version").first()
    new = RegulationProfile(
        code=profile.code,
        version=latest.version + 1,
        name_kk=profile.name_kk,
        name_ru=profile.name_ru,
        rules=rules if rules is not None else profile.rules,
        settings=settings_ if settings_ is not None else profile.settings,
    )
    new.clean()
    new.save()
    audit(actor=actor, verb=AuditVerb.PROFILE_NEW_VERSION, subject=new, at=now, version=new.version)
    return new


def council_profile(council) -> RegulationProfile:
    if council.profile_id is None:
        council.profile = profile_ensure_presets()[KIND_PRESET[council.kind]]
        council.save(update_fields=["profile"])
    return council.profile


def council_rule_date(council, rule_id, anchor, calendar=None) -> datetime.date:
    """The due date of ``rule_id`` for an event on ``anchor``, with the parameters of the council's profile
    (the rule as written where the profile does not list it) and the calendar as it is now."""
    return apply_rule(council_profile(council).rule_for(rule_id), anchor, calendar or current_calendar())


# Stages of a deadline -------------------------------------------------------------------------------

REMIND, OVERDUE, ESCALATE = "remind", "overdue", "escalate"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


@functools.lru_cache(maxsize=128)
def _settings_of(settings_json):
    return parse_settings(json.loads(settings_json))


def _profile_settings(profile):
    """A profile version's settings, typed, parsed once per content (they are frozen): the sweep asks for them
    twice per due row, and each row brings its own copy of the profile."""
    return _settings_of(json.dumps(profile.settings, sort_keys=True))


def deadline_stages(deadline: Deadline) -> list[tuple[str, int, datetime.datetime]]:
    """(kind, days, time) of every action of a deadline: reminders, the overdue mark, the escalation."""
    conf = _profile_settings(deadline.profile) if deadline.profile else ProfileSettings()
    hour = conf.reminder_hour
    due = deadline.due_date
    stages = [
        (REMIND, n, _at(due - datetime.timedelta(days=n), hour))
        for n in sorted(set(conf.reminder_days_before), reverse=True)
    ]
    stages.append((OVERDUE, 1, _at(due + datetime.timedelta(days=1), hour)))
    late = conf.escalate_to_chair_after_days
    stages.append((ESCALATE, late, _at(due + datetime.timedelta(days=1 + late), hour)))
    return stages


def _next_action(deadline: Deadline):
    stages = deadline_stages(deadline)
    return stages[deadline.stage][2] if deadline.stage < len(stages) else None


# Opening and closing --------------------------------------------------------------------------------


@transaction.atomic
def deadline_open(
    *,
    council,
    subject,
    kind,
    rule_id,
    anchor,
    title,
    now,
    responsible_body=None,
    responsible_person=None,
    calendar=None,
    actor=None,
    due_date=None,
) -> Deadline:
    """Open the deadline of ``rule_id`` for ``subject`` (idempotent: an active one is returned as it is).

    ``title`` is a (Kazakh, Russian) pair naming what is due. The rule's parameters come from the
    council's profile; the due date from the calendar as it is now, and it is stored. A date fixed by a
    decision itself (an execution deadline set in the protocol) comes as ``due_date``; the rule then
    names what requires it.
    """
    ct = ContentType.objects.get_for_model(subject)
    existing = Deadline.objects.filter(
        subject_type=ct, subject_id=subject.pk, kind=kind, state__in=Deadline.ACTIVE_STATES
    ).first()
    if existing:
        return existing
    profile = council_profile(council)
    due = due_date or council_rule_date(council, rule_id, anchor, calendar)
    deadline = Deadline(
        council=council,
        subject_type=ct,
        subject_id=subject.pk,
        kind=kind,
        rule_id=rule_id,
        profile=profile,
        anchor_date=anchor,
        due_date=due,
        responsible_body=responsible_body,
        responsible_person=responsible_person,
        created_at=now,
        title_kk=title[0],
        title_ru=title[1],
        url=subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
    )
    deadline.next_action_at = _next_action(deadline)
    deadline.save()
    count_changes([(None, summary_key(deadline))])
    audit(
        actor=actor,
        verb=AuditVerb.DEADLINE_OPEN,
        subject=deadline,
        council=council,
        at=now,
        rule=rule_id,
        due=due.isoformat(),
    )
    return deadline


@transaction.atomic
def deadline_close(*, deadline, actor, now) -> Deadline:
    """The thing due was done at ``now``: met, or met late when after the due date (local time)."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if not deadline.is_active:
        return deadline
    counted = summary_key(deadline)
    late = timezone.localtime(now, TZ).date() > deadline.due_date
    deadline.move_to(Deadline.State.MET_LATE if late else Deadline.State.MET)
    deadline.closed_at, deadline.closed_by, deadline.next_action_at = now, actor, None
    deadline.save(update_fields=["state", "closed_at", "closed_by", "next_action_at"])
    count_changes([(counted, summary_key(deadline))])
    audit(
        actor=actor,
        verb=AuditVerb.DEADLINE_CLOSE,
        subject=deadline,
        council=deadline.council,
        at=now,
        state=deadline.state,
    )
    return deadline


def deadline_close_for(*, subject, kind, actor, now):
    ct = ContentType.objects.get_for_model(subject)
    deadline = Deadline.objects.filter(
        subject_type=ct, subject_id=subject.pk, kind=kind, state__in=Deadline.ACTIVE_STATES
    ).first()
    return deadline_close(deadline=deadline, actor=actor, now=now) if deadline else None


@transaction.atomic
def deadline_waive(*, deadline, actor, reason, now) -> Deadline:
    if not reason.strip():
        raise ValidationError(_("Give the reason for waiving the deadline."))
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if not deadline.is_active:
        raise ValidationError(_("Only an open or overdue deadline can be waived."))
    counted = summary_key(deadline)
    deadline.move_to(Deadline.State.WAIVED)
    deadline.waive_reason = reason.strip()
    deadline.closed_at, deadline.closed_by, deadline.next_action_at = now, actor, None
    deadline.save(update_fields=["state", "waive_reason", "closed_at", "closed_by", "next_action_at"])
    count_changes([(counted, summary_key(deadline))])
    audit(actor=actor, verb=AuditVerb.DEADLINE_WAIVE, subject=deadline, council=deadline.council, at=now, reason=reason)
    return deadline


@transaction.atomic
def deadline_reschedule(*, deadline, anchor, actor, reason, now, calendar=None, due_date=None) -> Deadline:
    """The event moved (a meeting's date changed): recompute the due date with the deadline's own rule
    and profile version, and restart its reminders; or set ``due_date`` given by a decision (an approved
    extension). Recorded with the reason."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if not deadline.is_active:
        raise ValidationError(_("Only an open or overdue deadline can be moved."))
    old, counted = deadline.due_date, summary_key(deadline)
    deadline.anchor_date = anchor
    deadline.due_date = due_date or apply_rule(deadline.rule, anchor, calendar or current_calendar())
    deadline.move_to(Deadline.State.OPEN)
    deadline.stage = 0
    deadline.next_action_at = _next_action(deadline)
    deadline.save(update_fields=["anchor_date", "due_date", "state", "stage", "next_action_at"])
    count_changes([(counted, summary_key(deadline))])  # the month, the state, or both may change
    audit(
        actor=actor,
        verb=AuditVerb.DEADLINE_RESCHEDULE,
        subject=deadline,
        council=deadline.council,
        at=now,
        old=old.isoformat(),
        new=deadline.due_date.isoformat(),
        reason=reason,
    )
    return deadline


# The sweep ------------------------------------------------------------------------------------------


@dataclass
class SweepResult:
    handled: int = 0
    reminders: int = 0
    overdue: int = 0
    escalations: int = 0
    notices: int = 0
    errors: list = field(default_factory=list)
    to_email: list = field(default_factory=list)  # ids of the notices whose e-mail is still to be sent

    def add(self, other):
        for name in ("handled", "reminders", "overdue", "escalations", "notices"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


class _People:
    """Who is told, looked up once per sweep for each council, body and day (many deadlines share them)."""

    def __init__(self):
        self._cache = {}

    def _get(self, key, lookup):
        if key not in self._cache:
            self._cache[key] = lookup()
        return self._cache[key]

    def secretaries(self, council, day):
        return self._get(("secretaries", council.pk, day), lambda: council_secretaries(council=council, day=day))

    def chairs(self, council, day):
        return self._get(("chairs", council.pk, day), lambda: council_chairs(council=council, day=day))

    def responsible(self, deadline, day):
        if deadline.responsible_person_id:
            return [deadline.responsible_person]
        employees = self._get(
            ("body", deadline.council_id, deadline.responsible_body_id, day),
            lambda: body_employees(council=deadline.council, body=deadline.responsible_body, day=day),
        )
        return employees or self.secretaries(deadline.council, day)


MESSAGE_OF_STAGE = {REMIND: "deadline.remind", OVERDUE: "deadline.overdue", ESCALATE: "deadline.escalate"}


def _stage_notices(deadline, kind, days, now, people, caught_up=False):
    """One stage's notices, unsaved. ``caught_up``: earlier stages passed unsent (the deadline was opened, or
    found, late); the responsible are then told with the chair, as the overdue notice would have told them."""
    day = timezone.localtime(now, TZ).date()
    if kind == REMIND:
        recipients = people.responsible(deadline, day)
    elif kind == OVERDUE:
        recipients = people.responsible(deadline, day) + people.secretaries(deadline.council, day)
    else:
        recipients = people.chairs(deadline.council, day) + people.secretaries(deadline.council, day)
        if caught_up:
            recipients = people.responsible(deadline, day) + recipients
    return notice_rows(
        recipients=recipients,
        # The due date is part of the key: a moved deadline (an approved extension, R-003-19; a moved
        # meeting) gets the full set of reminders, the overdue mark and the escalation for its new date,
        # while each of them is still sent once per date.
        key=f"deadline:{deadline.pk}:{deadline.due_date.isoformat()}:{kind}:{days}",
        message=MESSAGE_OF_STAGE[kind],
        params={
            "what": {"kk": deadline.title_kk, "ru": deadline.title_ru},
            "days": days,
            "due": deadline.due_date.isoformat(),
        },
        now=now,
        council=deadline.council,
        deadline=deadline,
        url=deadline.url or reverse("my_deadlines"),
    )


def _due(now, exclude=()):
    return (
        Deadline.objects.filter(state__in=Deadline.ACTIVE_STATES, next_action_at__lte=now)
        .exclude(pk__in=exclude)
        .order_by("next_action_at", "pk")
    )


def _handle_batch(now, people, *, limit=None, ids=None, exclude=()):
    """Claim up to ``limit`` due rows (or the due rows among ``ids``) that no other sweep holds, decide each
    one's stage, insert all their notices with one statement and save the rows with another, in one
    transaction. Returns the figures, the ids of the notices to e-mail once it has committed, and the number
    of rows claimed."""
    local = SweepResult()
    with transaction.atomic():
        qs = _due(now, exclude).select_related("council", "profile", "responsible_person", "responsible_body")
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        deadlines = list(qs[:limit] if limit else qs)
        counted = [summary_key(d) for d in deadlines]  # the compliance summary before the overdue marks
        rows = []
        for deadline in deadlines:
            stages = deadline_stages(deadline)
            due_now = [i for i in range(deadline.stage, len(stages)) if stages[i][2] <= now]
            # Catch-up: when several stages have come at once (the deadline was opened after its reminder
            # dates, or the sweep was paused), only the most severe of them is sent, once; the overdue mark
            # is still set when its stage has passed.
            if due_now:
                kind, days, _when = stages[due_now[-1]]
                if any(stages[i][0] in (OVERDUE, ESCALATE) for i in due_now):
                    deadline.move_to(Deadline.State.OVERDUE)
                rows += _stage_notices(deadline, kind, days, now, people, caught_up=len(due_now) > 1)
                local.reminders += kind == REMIND
                local.overdue += kind == OVERDUE
                local.escalations += kind == ESCALATE
                deadline.stage = due_now[-1] + 1
            deadline.next_action_at = _next_action(deadline)
            local.handled += 1
        if rows:  # each notice once per recipient and key: those sent by an earlier run are left out
            keys = {r.key for r in rows}
            sent = set(Notification.objects.filter(key__in=keys).values_list("recipient_id", "key"))
            rows = [r for r in rows if (r.recipient_id, r.key) not in sent]
            Notification.objects.bulk_create(rows, batch_size=500)
            touch_users({r.recipient_id for r in rows})  # their unread count (a bulk insert sends no signal)
        _save_stages(deadlines)
        touch_councils({d.council_id for d in deadlines})  # an UPDATE without signals: the headers follow
        count_changes(zip(counted, map(summary_key, deadlines), strict=True))
    local.notices = len(rows)
    return local, [r.pk for r in rows if r.delivery == Notification.Delivery.PENDING], len(deadlines)


def _save_stages(deadlines):
    """Save the rows' stage, state and next action time: on PostgreSQL with one UPDATE from arrays (Django's
    bulk_update builds a CASE per row and field, which costs more than the sweep's own work)."""
    if not deadlines:
        return
    if connection.vendor != "postgresql":
        Deadline.objects.bulk_update(deadlines, ["stage", "state", "next_action_at"], batch_size=500)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Deadline._meta.db_table} AS d"
            " SET stage = v.stage, state = v.state, next_action_at = v.next_action_at"
            " FROM unnest(%s::bigint[], %s::integer[], %s::text[], %s::timestamptz[])"
            " AS v(id, stage, state, next_action_at) WHERE d.id = v.id",
            [
                [d.pk for d in deadlines],
                [d.stage for d in deadlines],
                [d.state for d in deadlines],
                [d.next_action_at for d in deadlines],
            ],
        )


def deadline_sweep(*, now, batch=1000, email=True) -> SweepResult:
    """Act on every active deadline whose next action time has come: ``batch`` rows at a time, each batch
    claimed with ``FOR UPDATE SKIP LOCKED`` in one short transaction, so two sweeps share the work and never
    send a notice twice; a batch that fails is handled again row by row, and a bad row is reported.

    ``email``: send the notices' e-mails here once the rows are committed, in one pass; the periodic task
    passes False and hands ``result.to_email`` to the mail queue, so the sweep never waits on the mail server."""
    result = SweepResult()
    failed = set()
    people, emails = _People(), []
    try:
        _sweep_batches(now, batch, result, failed, people, emails)
    finally:
        result.to_email = emails
        if email:
            for start in range(0, len(emails), 500):
                email_notifications(ids=emails[start : start + 500], now=now)
    return result


def _sweep_batches(now, batch, result, failed, people, emails):
    while True:
        try:
            local, mail, claimed = _handle_batch(now, people, limit=batch, exclude=failed)
        except Exception:  # noqa: BLE001 - the batch is rolled back; its rows are handled one by one
            log.exception("A batch of deadlines failed; handling them one by one")
            ids = list(_due(now, failed).values_list("pk", flat=True)[:batch])
            local, mail, claimed = SweepResult(), [], len(ids)
            for pk in ids:
                try:
                    one, one_mail, _one = _handle_batch(now, people, ids=[pk])
                except Exception as exc:  # noqa: BLE001 - one bad row must not stop the others
                    log.exception("Deadline %s could not be handled", pk)
                    local.errors.append((pk, repr(exc)))
                    failed.add(pk)
                    continue
                local.add(one)
                mail += one_mail
        result.add(local)
        emails += mail
        # Fewer rows than a batch: none are left, or another sweep holds the rest.
        if claimed < batch or not (local.handled or local.errors):
            return
