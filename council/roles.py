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
    user = getattr(user, "_wrapped", user)  # request.user is a lazy proxy: cache on the user itself
    cache = user.__dict__.setdefault("_council_roles_cache", {})
    key = (council.pk, day)
    if key not in cache:
        cache[key] = _compute_roles(user, council, day)
    return cache[key]


def _compute_roles(user, council, day):
    roles = set()
    if user.is_superuser:
        roles.add(Role.ADMIN)
    officer_roles = set(
        active_on(CouncilOfficer.objects.filter(person=user, council=council), day).values_list("role", flat=True)
    )
    if CouncilOfficer.Role.SECRETARY in officer_roles:
        roles.add(Role.SECRETARY)
    if CouncilOfficer.Role.SECRETARIAT in officer_roles:
        roles.add(Role.SECRETARIAT)
    seat_roles = dict(
        active_on(Seat.objects.filter(council=council), day, "valid_from", "valid_to").values_list(
            "position_id", "role"
        )
    )
    appointments = active_on(Appointment.objects.filter(person=user, position_id__in=seat_roles), day)
    for kind, position_id in appointments.values_list("kind", "position_id"):
        roles.add(Role.MEMBER if kind == Appointment.Kind.HOLDER else Role.ACTING)
        if seat_roles[position_id] == Seat.Role.CHAIR:
            roles.add(Role.CHAIR)
    if council.parent_id and (
        active_on(CouncilOfficer.objects.filter(person=user, council_id=council.parent_id), day).exists()
        or Role.CHAIR in council_roles(user, council.parent, day)
    ):
        # The republic secretariat controls territorial councils (R-000-8); the republic chair approves
        # their regulations and composition (R-000-6).
        roles.add(Role.OVERSIGHT)
    if not roles:  # a person with no role of their own may still be invited to a question
        for provider in ROLE_PROVIDERS:
            roles |= set(provider(user, council, day))
    return frozenset(roles)
