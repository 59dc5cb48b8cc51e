""" "My work": everything awaiting one person across their councils, ranked by due date.

Each app above ``council`` adds what it knows awaits people (a plan for the chair's approval, materials
for the secretary's check, a draft protocol for a member's agreement…) through ``WORK_PROVIDERS``, filled
in its ``AppConfig.ready()``; this module imports none of them. A provider is called as
``provider(user=…, day=…, limit=…)`` and returns ``WorkItem``s; it finds the councils where the user may act
with ``council.rules.councils_allowing`` and makes a fixed number of queries. With a ``limit`` each of its
queries returns only its ``limit`` earliest rows (``earliest``), so the home page, which shows the first
``PAGE`` items, costs the same whatever the number of councils and rows. The deadlines the person answers
for (their own, their body's, the secretary's) come from the deadline rows.
"""

import dataclasses
import datetime

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .models import CouncilOfficer, Deadline
from .selectors import active_on, deadlines_base


@dataclasses.dataclass
class WorkItem:
    council: object  # the Council
    what: str  # what awaits, in the reader's language
    action: str  # what to do ("Approve", "Check", "Upload")
    url: str  # the page where it is done
    due_date: datetime.date | None = None
    rule_id: str = ""
    group: str = "deadline"  # approvals, signatures, checks, uploads, agreements, documents, deadline

    @property
    def sort_key(self):
        return (self.due_date is None, self.due_date or datetime.date.max, str(self.what))


GROUPS = {
    "approvals": _("Approvals"),
    "signatures": _("Signatures"),
    "checks": _("Checks"),
    "uploads": _("Uploads and reports"),
    "agreements": _("Agreements"),
    "documents": _("New documents"),
    "deadline": _("Deadlines"),
}

# provider(user=, day=, limit=) -> iterable of WorkItem; apps append theirs in AppConfig.ready()
WORK_PROVIDERS = []

PAGE = 50  # the items the home page shows before "Show all"


def earliest(queryset, due, limit):
    """The rows of ``queryset`` earliest ``due`` first (undated last, as ``WorkItem.sort_key`` ranks them),
    only the first ``limit`` of them when a limit is given; ``due=None`` for rows without a due date.

    Rows due the same day are taken in the order they were created: where more of them than the limit
    share the day of the last one shown, the full list (no limit) may rank another of them there."""
    order = ("pk",) if due is None else (F(due).asc(nulls_last=True), "pk")
    queryset = queryset.order_by(*order)
    return queryset if limit is None else queryset[:limit]


def my_deadlines(*, user, day):
    """Active deadlines the person answers for themselves: their own, their body's on a council whose
    secretariat they are in (R-000-8), and the secretary's own (no body, no person named) on a council
    whose secretary they are (R-000-10e, R-000-11a, R-000-11c)."""
    mine = Q(responsible_person=user)
    for council_id, role, body_id in active_on(CouncilOfficer.objects.filter(person=user), day).values_list(
        "council_id", "role", "body_id"
    ):
        if role == CouncilOfficer.Role.SECRETARY:
            mine |= Q(council_id=council_id, responsible_body__isnull=True, responsible_person__isnull=True)
        elif body_id is not None:
            mine |= Q(council_id=council_id, responsible_body_id=body_id)
    return deadlines_base().filter(mine, state__in=Deadline.ACTIVE_STATES)


def _deadline_items(user, day, limit):
    mine = my_deadlines(user=user, day=day).select_related(None).select_related("council")  # what a row shows
    for d in earliest(mine, "due_date", limit):
        yield WorkItem(
            council=d.council,
            what=d.title,
            action="",
            url=d.url,
            due_date=d.due_date,
            rule_id=d.rule_id,
            group="uploads" if d.responsible_body_id else "deadline",
        )


def work_for(*, user, day, limit=None) -> list[WorkItem]:
    """Everything awaiting ``user`` on ``day``, earliest due first (undated last); only the first ``limit``
    items when a limit is given, in the same fixed number of queries whatever the number of rows."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = list(_deadline_items(user, day, limit))
    for provider in WORK_PROVIDERS:
        items.extend(provider(user=user, day=day, limit=limit))
    items.sort(key=lambda item: item.sort_key)
    return items if limit is None else items[:limit]


def work_counts(items) -> dict:
    """How many items of each group, in the order of ``GROUPS``."""
    counts = dict.fromkeys(GROUPS, 0)
    for item in items:
        counts[item.group] = counts.get(item.group, 0) + 1
    return {group: n for group, n in counts.items() if n}
