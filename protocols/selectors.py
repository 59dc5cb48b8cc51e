"""Reads of control of execution for pages."""

from .models import Assignment


def assignments_filtered(*, council, today, body_id=None, status=""):
    """The council's assignments under control for the list: of one body when ``body_id`` is given, and by
    ``status`` ("open", "overdue", one of the statuses, or "" for all), soonest deadline first. The checks of
    citizens' questions of a police chief's report are among them (R-002-16, R-002-19)."""
    qs = Assignment.objects.filter(council=council).select_related(
        "body", "decision__item__protocol__meeting", "question_check__question", "question_check__protocol__meeting"
    )
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if status == "open":
        qs = qs.exclude(status__in=Assignment.CLOSED)
    elif status == "overdue":
        qs = qs.filter(status__in=Assignment.OPEN, due_date__lt=today)
    elif status in Assignment.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("due_date", "id")
