"""Permission predicates (the `rules` package): one place, used by views, admin and templates."""

import rules
from django.utils import timezone

from .roles import MEMBER_ROLES, STAFF_ROLES, Role, council_roles


def _roles(user, council):
    return council_roles(user, council, timezone.localdate())


@rules.predicate
def has_any_council_role(user, council):
    """Members, the secretariat, oversight and administrators see the council's pages. An invited person
    sees only the items they are invited to (R-000-12), not the council's internal pages."""
    return bool(_roles(user, council) - {Role.INVITEE})


@rules.predicate
def is_council_staff(user, council):
    return bool(_roles(user, council) & STAFF_ROLES)


@rules.predicate
def is_council_member(user, council):
    return bool(_roles(user, council) & MEMBER_ROLES)


@rules.predicate
def is_council_chair(user, council):
    return Role.CHAIR in _roles(user, council)


rules.add_perm("council.open_council", has_any_council_role)
rules.add_perm("council.manage_council", is_council_staff)
