from council.roles import Role

from .models import Invitee, Meeting


def invitee_roles(user, council, day):
    """A person invited to an item of a coming (or today's) meeting of the council is an invitee there:
    they see their items and speak on them, and never vote (R-000-12)."""
    invited = Invitee.objects.filter(
        person=user,
        item__meeting__council=council,
        item__meeting__date__gte=day,
    ).exclude(item__meeting__status=Meeting.Status.CANCELLED)
    return {Role.INVITEE} if invited.exists() else set()
