"""Who a user is on a council, on a date: the one source of roles for views, admin, templates, services.

Roles come from the registry (R-000-6, R-000-7, R-000-8, R-000-9d, R-000-14), never from flags set by
hand. The result is cached on the user object for the length of a request.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Appointment, Council, CouncilOfficer, Seat
from .selectors import active_on


class Role(models.TextChoices):
    CHAIR = "chair", _("chair")
    SECRETARY = "secretary", _("secretary")
    SECRETARIAT = "secretariat", _("secretariat employee")
    MEMBER = "member", _("member")
    ACTING = "acting", _("acting official")
    OVERSIGHT = "oversight", _("republic secretariat (oversight)")
    ADMIN = "admin", _("administrator")
    INVITEE = "invitee", _("invited person")


STAFF_ROLES = frozenset({Role.SECRETARY, Role.SECRETARIAT, Role.ADMIN})
MEMBER_ROLES = frozenset({Role.CHAIR, Role.MEMBER, Role.ACTING})


# Apps above this one add roles they know of (the secretariat: invited persons) without this module
# importing them: each provider is called as provider(user, council, day) and returns a set of roles.
ROLE_PROVIDERS = []


def council_roles(user, council: Council, day: date) -> frozenset:
    if not getattr(user, "is_authenticated", False) or council is None:
        return frozenset()
    if not council.is_active:
        # A deactivated council is closed: its meetings, protocols, materials, plans, files and API objects
        # open to no one but administrators, whatever was kept of the roles (read from the object, which
        # the page has just loaded).
        return frozenset({Role.ADMIN}) if user.is_superuser else frozenset()
    user = getattr(user, "_wrapped", user)  # request.user is a lazy proxy: cache on the user itself
    cache = user.__dict__.setdefault("_council_roles_cache", {})
    key = (council.pk, day)
    if key not in cache:
        cache[key] = _compute_roles(user, council, day)
    return cache[key]


def _compute_roles(user, council, day):
    """One council's roles by the same reads as many councils' (``prime_council_roles``): the person's posts
    on the council and its parent in one query, the council's seats, the person's appointments to them.

    Kept between requests (``council.navcache.kept``) under the generations of the person, the council and
    its parent: a post, a seat, an appointment or an invitation changed bumps one of them."""
    from .navcache import kept  # here: navcache reads this module's roles_by_council

    def compute():
        prime_council_roles(user, [council], day)
        return (
            user.__dict__["_council_roles_cache"][(council.pk, day)],
            user.__dict__["_secretariat_bodies_cache"][(council.pk, day)],
        )

    roles, bodies = kept(
        f"roles:{user.pk}:{council.pk}:{day.isoformat()}",
        users=[user.pk],
        councils=[council.pk, council.parent_id],
        compute=compute,
    )
    user.__dict__.setdefault("_council_roles_cache", {})[(council.pk, day)] = roles
    user.__dict__.setdefault("_secretariat_bodies_cache", {})[(council.pk, day)] = bodies
    return roles


def _derive_roles(user, council, day, officers, seat_roles, appointments, parent_officer):
    """The roles from what the registry says of the person on the council: their posts (role, body), the
    council's seats (position: seat role), their appointments to those positions, and whether they hold a
    post on the parent council. One derivation for one council and for many at once."""
    roles = set()
    if user.is_superuser:
        roles.add(Role.ADMIN)
    officer_roles = {role for role, _body in officers}
    # The bodies the person speaks for on this council (R-000-8, R-000-10f), read by the same query: pages
    # ask it once per question or part of a decision.
    user.__dict__.setdefault("_secretariat_bodies_cache", {})[(council.pk, day)] = frozenset(
        body for role, body in officers if role == CouncilOfficer.Role.SECRETARIAT and body is not None
    )
    if CouncilOfficer.Role.SECRETARY in officer_roles:
        roles.add(Role.SECRETARY)
    if CouncilOfficer.Role.SECRETARIAT in officer_roles:
        roles.add(Role.SECRETARIAT)
    for kind, position_id in appointments:
        roles.add(Role.MEMBER if kind == Appointment.Kind.HOLDER else Role.ACTING)
        if seat_roles[position_id] == Seat.Role.CHAIR:
            roles.add(Role.CHAIR)
    if council.parent_id and (parent_officer or Role.CHAIR in _parent_roles(user, council, day)):
        # The republic secretariat controls territorial councils (R-000-8); the republic chair approves
        # their regulations and composition (R-000-6).
        roles.add(Role.OVERSIGHT)
    if not roles:  # a person with no role of their own may still be invited to a question
        for provider in ROLE_PROVIDERS:
            roles |= set(provider(user, council, day))
    return frozenset(roles)


def _parent_roles(user, council, day):
    known = user.__dict__.get("_council_roles_cache", {}).get((council.parent_id, day))
    return known if known is not None else council_roles(user, council.parent, day)


def prime_council_roles(user, councils, day: date) -> None:
    """Compute the user's roles on many councils in four queries and keep them for the request, so a page
    that asks about every council it lists (the calendar of the republic secretariat: 21 councils) does not
    ask the registry per council. Gives the same roles as ``council_roles`` one council at a time."""
    if not getattr(user, "is_authenticated", False):
        return
    user = getattr(user, "_wrapped", user)
    cache = user.__dict__.setdefault("_council_roles_cache", {})
    wanted = {c.pk: c for c in councils if (c.pk, day) not in cache}
    if not wanted:
        return
    ids = set(wanted) | {c.parent_id for c in wanted.values() if c.parent_id}
    officers: dict[int, list] = {}
    for council_id, role, body_id in active_on(
        CouncilOfficer.objects.filter(person=user, council_id__in=ids), day
    ).values_list("council_id", "role", "body_id"):
        officers.setdefault(council_id, []).append((role, body_id))
    seats: dict[int, dict] = {}
    for council_id, position_id, role in active_on(
        Seat.objects.filter(council_id__in=wanted), day, "valid_from", "valid_to"
    ).values_list("council_id", "position_id", "role"):
        seats.setdefault(council_id, {})[position_id] = role
    positions = {p for seat_roles in seats.values() for p in seat_roles}
    appointments = list(
        active_on(Appointment.objects.filter(person=user, position_id__in=positions), day).values_list(
            "kind", "position_id"
        )
    )
    # Parents first: a territorial council's oversight reads its parent's roles.
    for council in sorted(wanted.values(), key=lambda c: c.parent_id is not None):
        seat_roles = seats.get(council.pk, {})
        cache[(council.pk, day)] = _derive_roles(
            user,
            council,
            day,
            officers.get(council.pk, []),
            seat_roles,
            [(kind, p) for kind, p in appointments if p in seat_roles],
            bool(council.parent_id) and council.parent_id in officers,
        )


def secretariat_bodies(user, council: Council, day: date) -> frozenset:
    """The ids of the bodies whose secretariat employee the user is on the council on ``day``, computed with
    the user's roles there (no query more, once per request)."""
    if not getattr(user, "is_authenticated", False) or council is None or not council.is_active:
        return frozenset()
    user = getattr(user, "_wrapped", user)
    council_roles(user, council, day)
    return user.__dict__["_secretariat_bodies_cache"][(council.pk, day)]


def roles_by_council(user, day: date) -> dict[int, frozenset]:
    """The user's own roles on every council at once (chair, secretary, secretariat, member, acting), in
    two queries whatever the number of councils: for lists across councils such as "My work". Oversight,
    invitations and administration are not duties of one's own and are left to ``council_roles``."""
    if not getattr(user, "is_authenticated", False):
        return {}
    user = getattr(user, "_wrapped", user)
    cache = user.__dict__.setdefault("_roles_by_council_cache", {})
    if day in cache:
        return cache[day]
    roles: dict[int, set] = {}
    officer = {CouncilOfficer.Role.SECRETARY: Role.SECRETARY, CouncilOfficer.Role.SECRETARIAT: Role.SECRETARIAT}
    for council_id, role in active_on(
        CouncilOfficer.objects.filter(person=user, council__is_active=True), day
    ).values_list("council_id", "role"):
        if role in officer:
            roles.setdefault(council_id, set()).add(officer[role])
    appointments = active_on(Appointment.objects.filter(person=user), day)
    seats = active_on(
        Seat.objects.filter(position_id__in=appointments.values("position_id"), council__is_active=True),
        day,
        "valid_from",
        "valid_to",
    )
    kinds = dict(appointments.values_list("position_id", "kind"))
    for council_id, position_id, seat_role in seats.values_list("council_id", "position_id", "role"):
        mine = roles.setdefault(council_id, set())
        mine.add(Role.MEMBER if kinds.get(position_id) == Appointment.Kind.HOLDER else Role.ACTING)
        if seat_role == Seat.Role.CHAIR:
            mine.add(Role.CHAIR)
    cache[day] = result = {council_id: frozenset(r) for council_id, r in roles.items()}
    return result
