"""Reads of the registry: composition on a date, a user's councils and roles.

Every function takes the date it answers for; none reads the clock.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from .models import Appointment, Body, Council, CouncilOfficer, Deadline, Seat, localized


def active_on(qs: QuerySet, day: date, start: str = "start", end: str = "end") -> QuerySet:
    """Rows whose [start, end] range (end open when null) contains ``day``."""
    return qs.filter(**{f"{start}__lte": day}).filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


@dataclass
class SeatOnDate:
    seat: Seat
    holders: list = field(default_factory=list)
    acting: list = field(default_factory=list)

    @property
    def holder(self):
        return self.holders[0] if self.holders else None

    @property
    def vacant(self):
        return not self.holders and not self.acting


@dataclass
class Composition:
    council: Council
    day: date
    seats: list
    officers: list

    @property
    def permanent(self):
        return [s for s in self.seats if s.seat.kind == Seat.Kind.PERMANENT]

    @property
    def delegated(self):
        return [s for s in self.seats if s.seat.kind == Seat.Kind.DELEGATED]

    @property
    def secretary(self):
        return next((o for o in self.officers if o.role == CouncilOfficer.Role.SECRETARY), None)

    @property
    def secretariat(self):
        return [o for o in self.officers if o.role == CouncilOfficer.Role.SECRETARIAT]


def council_composition(*, council: Council, day: date, officers: bool = True) -> Composition:
    """Seats, who holds or acts in each, and the secretariat of ``council`` on ``day``: three queries (two
    without the secretariat, ``officers=False``)."""
    seats = list(
        active_on(council.seats.all(), day, "valid_from", "valid_to")
        .select_related("position__body")
        .order_by("order", "id")
    )
    by_position = {s.position_id: SeatOnDate(seat=s) for s in seats}
    appointments = active_on(Appointment.objects.filter(position_id__in=by_position), day).select_related("person")
    for a in appointments.order_by("start", "id"):
        target = by_position[a.position_id]
        (target.holders if a.kind == Appointment.Kind.HOLDER else target.acting).append(a)
    officers = (
        sorted(
            active_on(council.officers.all(), day).select_related("person", "body").order_by("body__name_ru"),
            key=lambda o: o.role != CouncilOfficer.Role.SECRETARY,  # the secretary first, then the secretariat
        )
        if officers
        else []
    )
    return Composition(council=council, day=day, seats=list(by_position.values()), officers=officers)


def councils_visible_to(*, user, day: date) -> QuerySet:
    """Councils where the user has any role on ``day``, and the territorial councils under a council
    whose secretariat the user belongs to (R-000-8: the secretariat controls territorial councils)."""
    if not user.is_authenticated:
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.filter(is_active=True)
    officer_of = active_on(CouncilOfficer.objects.filter(person=user), day).values("council_id")
    positions = active_on(Appointment.objects.filter(person=user), day).values("position_id")
    seated_in = active_on(Seat.objects.filter(position_id__in=positions), day, "valid_from", "valid_to").values(
        "council_id"
    )
    return Council.objects.filter(
        Q(pk__in=officer_of) | Q(pk__in=seated_in) | Q(parent_id__in=officer_of), is_active=True
    ).order_by("kind", "name_ru")


def council_secretaries(*, council: Council, day: date) -> list:
    return [
        o.person
        for o in active_on(council.officers.filter(role=CouncilOfficer.Role.SECRETARY), day).select_related("person")
    ]


def body_employees(*, council: Council, body, day: date) -> list:
    """The secretariat employee of ``body`` on ``council`` (R-000-8: one per body)."""
    if body is None:
        return []
    qs = council.officers.filter(role=CouncilOfficer.Role.SECRETARIAT, body=body)
    return [o.person for o in active_on(qs, day).select_related("person")]


def council_chairs(*, council: Council, day: date) -> list:
    """Whoever holds the chair's position on ``day``, and whoever acts in it."""
    seats = active_on(council.seats.filter(role=Seat.Role.CHAIR), day, "valid_from", "valid_to")
    appointments = active_on(Appointment.objects.filter(position_id__in=seats.values("position_id")), day)
    return [a.person for a in appointments.select_related("person").order_by("kind", "start")]


DEADLINE_SORTS = {
    "due": ("due_date", "id"),
    "-due": ("-due_date", "-id"),
    "state": ("state", "due_date", "id"),
    "council": ("council__name_ru", "due_date", "id"),
}


def deadlines_base():
    return Deadline.objects.select_related("council", "responsible_body", "responsible_person", "profile")


def deadlines_for_user(*, user, day: date):
    """Deadlines the user answers for: their own, their body's on councils whose secretariat they are
    in (R-000-8), and every deadline of a council whose secretary they are."""
    mine = Q(responsible_person=user)
    for council_id, role, body_id in active_on(CouncilOfficer.objects.filter(person=user), day).values_list(
        "council_id", "role", "body_id"
    ):
        if role == CouncilOfficer.Role.SECRETARY:
            mine |= Q(council_id=council_id)
        else:
            mine |= Q(council_id=council_id, responsible_body_id=body_id)
    return deadlines_base().filter(mine)


def filter_deadlines(qs, *, state="", council="", sort="due", due=None):
    if due is not None:  # one day's deadlines (the month calendar's "more" of a day)
        qs = qs.filter(due_date=due)
    if state == "active":
        qs = qs.filter(state__in=Deadline.ACTIVE_STATES)
    elif state in Deadline.State.values:
        qs = qs.filter(state=state)
    if council:
        qs = qs.filter(council__code=council)
    return qs.order_by(*DEADLINE_SORTS.get(sort, DEADLINE_SORTS["due"]))


@dataclass
class RosterEntry:
    """Who sits in a seat at a meeting on a date, and what the seat's person may do there."""

    seat: Seat
    person: object  # the holder, or the acting official in the holder's place; None when vacant
    acting: bool
    counts_for_quorum: bool
    votes: bool


def council_roster(*, council: Council, day: date) -> list[RosterEntry]:
    """Seats of a meeting on ``day``. The official acting in a position sits in the holder's place, counts
    and votes (R-000-9d); delegated members vote but do not count towards the quorum (R-000-7, R-000-9d).
    Invited participants are not seats: they speak on their items and never vote (R-000-12)."""
    roster = []
    for s in council_composition(council=council, day=day, officers=False).seats:
        acting = s.acting[0].person if s.acting else None
        holder = s.holder.person if s.holder else None
        person = acting or holder
        roster.append(
            RosterEntry(
                seat=s.seat,
                person=person,
                acting=acting is not None,
                counts_for_quorum=s.seat.kind == Seat.Kind.PERMANENT,
                votes=person is not None,
            )
        )
    return roster


@dataclass
class ChangeLogEntry:
    at: object
    user: object
    action: str  # "+", "~", "-"
    what: str
    reason: str


def council_change_log(*, council: Council, limit: int = 30) -> list[ChangeLogEntry]:
    """The latest changes to the council, its seats, secretariat and the appointments to its positions
    (django-simple-history), newest first: one query per table."""
    positions = Seat.objects.filter(council=council).values("position_id")
    sources = [
        (Council.history.filter(id=council.pk), lambda h: localized(h, "name")),
        (Seat.history.filter(council_id=council.pk).select_related("position"), lambda h: h.position.title),
        (
            CouncilOfficer.history.filter(council_id=council.pk).select_related("person", "body"),
            lambda h: f"{h.get_role_display()}: {h.person.display_name}",
        ),
        (
            Appointment.history.filter(position_id__in=positions).select_related("person", "position"),
            lambda h: f"{h.position.title}: {h.person.display_name} ({h.get_kind_display()})",
        ),
    ]
    entries = []
    for qs, describe in sources:
        for h in qs.select_related("history_user").order_by("-history_date")[:limit]:
            entries.append(
                ChangeLogEntry(
                    at=h.history_date,
                    user=h.history_user,
                    action=h.history_type,
                    what=describe(h),
                    reason=h.history_change_reason or "",
                )
            )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


def bodies_of(*, user, council: Council, day: date) -> list:
    """The bodies a user speaks for on a council: those of the seats they hold or act in, and the body
    they represent in its secretariat (R-000-8)."""
    seat_positions = active_on(Seat.objects.filter(council=council), day, "valid_from", "valid_to").values(
        "position_id"
    )
    positions = active_on(Appointment.objects.filter(person=user, position_id__in=seat_positions), day).values(
        "position_id"
    )
    officer_bodies = active_on(council.officers.filter(person=user, body__isnull=False), day).values("body_id")
    return list(
        Body.objects.filter(Q(positions__in=positions) | Q(pk__in=officer_bodies)).distinct().order_by("name_ru")
    )


def council_people(*, council: Council, day: date) -> list:
    """Everyone to tell about the council's plan: who sits in its seats and its secretariat."""
    people = {e.person.pk: e.person for e in council_roster(council=council, day=day) if e.person}
    for officer in active_on(council.officers.all(), day).select_related("person"):
        people.setdefault(officer.person.pk, officer.person)
    return list(people.values())


def deadlines_of(subject):
    """Every deadline about one subject (a plan, a meeting, an agenda item...), earliest first."""
    return (
        deadlines_base()
        .filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
        .order_by("due_date", "id")
    )


def councils_overseen_by(*, user, day: date) -> QuerySet:
    """Councils whose compliance the user answers for: where they are the secretary or the chair, and the
    territorial councils under those (R-000-8, R-000-14); every council for an administrator. One query."""
    if not user.is_authenticated:
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.filter(is_active=True)
    secretary_of = active_on(
        CouncilOfficer.objects.filter(person=user, role=CouncilOfficer.Role.SECRETARY), day
    ).values("council_id")
    positions = active_on(Appointment.objects.filter(person=user), day).values("position_id")
    chair_of = active_on(
        Seat.objects.filter(role=Seat.Role.CHAIR, position_id__in=positions), day, "valid_from", "valid_to"
    ).values("council_id")
    return Council.objects.filter(
        Q(pk__in=secretary_of) | Q(pk__in=chair_of) | Q(parent_id__in=secretary_of) | Q(parent_id__in=chair_of),
        is_active=True,
    ).order_by("kind", "name_ru")


def council_bodies(council: Council) -> QuerySet:
    """The bodies with a seat or a secretariat employee on the council, ever: the executors its decisions
    name. Read from the registry, not from the (large) tables of decisions."""
    return (
        Body.objects.filter(
            Q(positions__seats__council=council) | Q(pk__in=council.officers.exclude(body=None).values("body_id"))
        )
        .distinct()
        .order_by("name_ru")
    )
