"""How far a due date is from today, in working days of the Kazakhstan calendar, as users read it.

Pure: no database, no clock. The regulation counts most periods in working days (R-000-11a, R-000-11c,
R-001-3e, R-003-65), so a deadline shows "2 working days left" or "3 working days late", never calendar
weeks. Working days are counted as ``WorkingCalendar.working_days_between`` counts them: after the
first date, up to and including the second.
"""

import dataclasses
import datetime

from django.utils.translation import gettext, ngettext

from .calendar import WorkingCalendar


@dataclasses.dataclass(frozen=True)
class DueIn:
    days: int  # working days left (positive), or late (negative); 0 on the day itself
    tone: str  # "bad" (late), "warn" (today), "" (ahead)
    text: str

    def __str__(self):
        return self.text


def due_in(due: datetime.date, today: datetime.date, calendar: WorkingCalendar) -> DueIn:
    """The wording of ``due`` seen on ``today``, in the active language."""
    if due == today:
        return DueIn(0, "warn", gettext("due today"))
    if due < today:
        late = calendar.working_days_between(due, today)
        if late == 0:  # due on Friday, read on Saturday: late, though no working day has gone by yet
            return DueIn(0, "bad", gettext("overdue"))
        text = ngettext("%(count)d working day late", "%(count)d working days late", late) % {"count": late}
        return DueIn(-late, "bad", text)
    left = calendar.working_days_between(today, due)
    if left == 0:  # read on a day off, due on a later day off: no working day before it
        return DueIn(0, "warn", gettext("due before the next working day"))
    text = ngettext("%(count)d working day left", "%(count)d working days left", left) % {"count": left}
    return DueIn(left, "warn" if left <= 1 else "", text)
