"""Reads of control of execution for pages."""

import dataclasses
import datetime

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from council.due import DueIn, due_in
from council.models import localized

from .assignment_labels import decision_number
from .models import Assignment, Decision, QuestionCheck, registration_number

# What a row of the list reads of each table: the rest of these wide rows is neither fetched nor parsed.
ASSIGNMENT_COLUMNS = (
    "id",
    "council_id",
    "decision_id",
    "question_check_id",
    "body_id",
    "responsible",
    "due_date",
    "original_due_date",
    "status",
    "body__id",
    "body__name_kk",
    "body__name_ru",
    "body__short_name_kk",
    "body__short_name_ru",
)


def assignments_filtered(*, council, today, body_id=None, status=""):
    """The council's assignments under control for the list: of one body when ``body_id`` is given, and by
    ``status`` ("open", "overdue", one of the statuses, or "" for all), soonest deadline first. The checks of
    citizens' questions of a police chief's report are among them (R-002-16, R-002-19)."""
    qs = Assignment.objects.filter(council=council).select_related("body").only(*ASSIGNMENT_COLUMNS)
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if status == "open":
        qs = qs.exclude(status__in=Assignment.CLOSED)
    elif status == "overdue":
        qs = qs.filter(status__in=Assignment.OPEN, due_date__lt=today)
    elif status in Assignment.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("due_date", "id")


@dataclasses.dataclass(frozen=True)
class _Label:
    number: str
    text_kk: str
    text_ru: str
    protocol: str
    meeting_date: datetime.date

    @property
    def text(self):
        return localized(self, "text")


def _labels(assignments):
    """What the rows of a page of assignments show of what they execute, by assignment id: for a decision its
    number, text, protocol and meeting, read as plain values in one query over four tables (the list's own
    query stays on two: PostgreSQL planned the eleven-table join longer than it ran it, and building models
    for every joined row cost more than the rest of the page); for a citizen's check its question and
    protocol (R-002-16), read only when the page has one."""
    decisions = {a.decision_id for a in assignments if a.decision_id}
    checks = {a.question_check_id for a in assignments if a.question_check_id}
    by_decision = {
        pk: _Label(decision_number(item, number), text_kk, text_ru, registration_number(p_number, year), day)
        for pk, number, text_kk, text_ru, item, p_number, year, day in Decision.objects.filter(
            pk__in=decisions
        ).values_list(
            "pk",
            "number",
            "text_kk",
            "text_ru",
            "item__number",
            "item__protocol__number",
            "item__protocol__year",
            "item__protocol__meeting__date",
        )
    }
    by_check = {}
    if checks:
        for check in QuestionCheck.objects.filter(pk__in=checks).select_related("question", "protocol__meeting"):
            by_check[check.pk] = _Label(
                _("question %(number)s") % {"number": check.question.number},
                check.title("kk"),
                check.title("ru"),
                check.protocol.registration,
                check.protocol.meeting.date,
            )
    return {a.pk: by_decision[a.decision_id] if a.decision_id else by_check[a.question_check_id] for a in assignments}


@dataclasses.dataclass(frozen=True)
class ControlRow:
    """One line of the execution control list, formatted once in Python: the template prints it with a handful
    of tags instead of resolving a dozen lookups and filters per row."""

    url: str
    label: str  # "1.2. Text of the decision…" (90 characters at most)
    protocol: str  # registration number, or "—"
    meeting_date: str
    body: str
    responsible: bool
    due_date: str
    extended: bool
    left: DueIn | None  # working days left or late, for an assignment still in work (R-000-11d)
    status: str


def _url_maker(name):
    """``pk -> url`` for a route ending in its primary key: one ``reverse`` for a whole page of rows."""
    marker = 2_147_483_647
    prefix, suffix = reverse(name, args=[marker]).rsplit(str(marker), 1)
    return lambda pk: f"{prefix}{pk}{suffix}"


def control_rows(assignments, *, today, calendar):
    """The rows of a page of assignments as the list shows them; ``calendar()``
    gives the working-day calendar, read only when a row still in work counts its days."""
    url = _url_maker("protocols:assignment_detail")
    statuses = {value: str(label) for value, label in Assignment.Status.choices}
    in_work = (Assignment.Status.IN_WORK, Assignment.Status.RETURNED)
    labels = _labels(assignments)
    rows = []
    for a in assignments:
        label = labels[a.pk]
        rows.append(
            ControlRow(
                url=url(a.pk),
                label=f"{label.number}. {Truncator(label.text).chars(90)}",
                protocol=label.protocol or "—",
                meeting_date=label.meeting_date.strftime("%d.%m.%Y"),
                body=a.body.short_name,
                responsible=a.responsible,
                due_date=a.due_date.strftime("%d.%m.%Y"),
                extended=a.extended,
                left=due_in(a.due_date, today, calendar()) if a.status in in_work else None,
                status=statuses[a.status],
            )
        )
    return rows
