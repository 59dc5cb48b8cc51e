"""The regulation's deadline rules as data, and the arithmetic that turns an event date into a due date.

Pure: no database, no clock. Each rule has the id it has in REGULATION.md; a regulation profile may
override a rule's amount, unit or direction (``Rule.replace``), and a deadline row keeps the rule id and
the profile version that produced it.

Arithmetic ("Deadline arithmetic" in REGULATION.md):
- working-day periods count working days only, starting the day after the event;
- calendar-day periods count every day;
- a period *after* an event whose last day is a day off ends on the next working day;
- a period that must elapse *before* an event whose computed day is a day off moves to the previous
  working day, so the recipient keeps the full period;
- a period in months ends on the same day number of the later month, or that month's last day;
- a date fixed in the text ("by the 5th of the month after the quarter") that is a day off ends on the next
  working day.
"""

import calendar as _stdlib_calendar
import dataclasses
import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .calendar import WorkingCalendar, default_calendar


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    SAME_DAY = "same_day"
    # Fixed dates, computed from the anchor's date (the period the plan or report is for).
    DAY_OF_MONTH_AFTER_QUARTER = "day_of_month_after_quarter"
    DAY_OF_MONTH_BEFORE_QUARTER = "day_of_month_before_quarter"
    DAY_OF_NOVEMBER_BEFORE_YEAR = "day_of_november_before_year"
    DAY_OF_DECEMBER_BEFORE_YEAR = "day_of_december_before_year"
    DAY_OF_MONTH = "day_of_month"


class Direction(StrEnum):
    AFTER = "after"
    BEFORE = "before"


class UnknownRule(KeyError):
    def __str__(self):
        return f"Unknown deadline rule id: {self.args[0]!r}. Known ids: {', '.join(sorted(RULES))}"


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    amount: int
    unit: Unit
    direction: Direction
    event: str  # the event the period counts from (or up to)
    wording: str  # the rule as users read it

    def replace(self, **overrides):
        clean = {k: v for k, v in overrides.items() if k in {"amount", "unit", "direction"}}
        if "unit" in clean:
            clean["unit"] = Unit(clean["unit"])
        if "direction" in clean:
            clean["direction"] = Direction(clean["direction"])
        return dataclasses.replace(self, **clean)

    def params(self):
        return {"amount": self.amount, "unit": str(self.unit), "direction": str(self.direction)}


def _r(rule_id, amount, unit, direction, event, wording):
    return Rule(rule_id, amount, Unit(unit), Direction(direction), event, wording)


CAL, WORK, MONTHS = Unit.CALENDAR_DAYS, Unit.WORKING_DAYS, Unit.MONTHS
AFTER, BEFORE = Direction.AFTER, Direction.BEFORE

RULES = {
    r.id: r
    for r in [
        # Coordination council (seed 000)
        _r(
            "R-000-9a.proposals",
            30,
            CAL,
            BEFORE,
            "plan_period",
            _(
                "Members' proposals to the half-year plan reach the secretary 30 calendar days before the period "
                "begins (a decision of this system, set in the regulation profile)."
            ),
        ),
        _r(
            "R-000-10b",
            20,
            CAL,
            BEFORE,
            "meeting",
            _(
                "Reference notes, other materials and the list of invited persons reach the secretary no later than "
                "20 calendar days before the meeting."
            ),
        ),
        _r(
            "R-000-10a.contributions",
            5,
            CAL,
            BEFORE,
            "materials_deadline",
            _(
                "Co-executors give the responsible body their contributions 5 calendar days before the materials "
                "are due to the secretary (a decision of this system, as R-000-11e does for execution; set in the "
                "regulation profile)."
            ),
        ),
        _r(
            "R-000-10c",
            3,
            CAL,
            AFTER,
            "return_for_rework",
            _("Returned materials are reworked and resubmitted within 3 calendar days."),
        ),
        _r(
            "R-000-10e",
            3,
            CAL,
            BEFORE,
            "meeting",
            _(
                "The approved agenda with all documents is sent to members no later than 3 calendar days before "
                "the meeting."
            ),
        ),
        _r(
            "R-000-10d",
            0,
            Unit.SAME_DAY,
            AFTER,
            "request_due",
            _("A member's request for information or materials is answered by the date the request sets."),
        ),
        _r(
            "R-000-11a",
            5,
            WORK,
            AFTER,
            "meeting",
            _(
                "The protocol is drawn up within 5 working days after the meeting and presented to the chair for "
                "signature."
            ),
        ),
        _r(
            "R-000-11c",
            2,
            WORK,
            AFTER,
            "signing",
            _("The signed protocol is sent to members within 2 working days after signing."),
        ),
        _r(
            "R-000-11d",
            0,
            Unit.SAME_DAY,
            AFTER,
            "execution_deadline",
            _("A decision of the protocol is executed by its deadline and execution is reported to the secretary."),
        ),
        _r(
            "R-000-11d.resubmit",
            3,
            CAL,
            AFTER,
            "report_returned",
            _(
                "A returned execution report is reworked and resubmitted within 3 calendar days (a decision of this "
                "system, as R-000-10c does for materials)."
            ),
        ),
        _r(
            "R-000-11e",
            5,
            CAL,
            BEFORE,
            "execution_deadline",
            _(
                "Co-executors give the responsible executor their materials at least 5 calendar days before the "
                "execution deadline."
            ),
        ),
        # Interagency monitoring group (seed 001)
        _r(
            "R-001-3e",
            5,
            WORK,
            AFTER,
            "meeting",
            _("The protocol is signed by the presiding person and the secretary within 5 working days of the meeting."),
        ),
        _r(
            "R-001-3e.copies",
            2,
            WORK,
            AFTER,
            "signing",
            _("Copies of the protocol are sent within 2 working days of signing."),
        ),
        _r(
            "R-001-3f",
            5,
            WORK,
            AFTER,
            "protocol_received",
            _("Executors report within 5 working days of receiving the protocol."),
        ),
        _r(
            "R-001-2",
            0,
            Unit.SAME_DAY,
            AFTER,
            "item_deadline",
            _("A plan item is carried out by its own deadline, controlled by its responsible executor."),
        ),
        # Police chief's report to the public (seed 002)
        _r(
            "R-002-8",
            10,
            CAL,
            BEFORE,
            "meeting",
            _(
                "Time, place, schedule and how to send questions are published in regional media no later than "
                "10 days before the report."
            ),
        ),
        # Decision (R-002-8.2): the Order says "no later than ten days before" without "working" or
        # "calendar"; where it means working days it says so (its paragraph 2.3), so these are calendar
        # days, and a computed day that is a day off moves back to the previous working day (the public
        # keeps at least the full ten days). A profile may adjust the unit.
        _r(
            "R-002-8.2",
            10,
            CAL,
            BEFORE,
            "meeting",
            _(
                "Time, place, schedule and how to send questions are published in regional media (a periodical, "
                "TV or radio, an official web resource) no later than 10 calendar days before the report (a "
                "decision of this system: the Order does not say working days)."
            ),
        ),
        _r("R-002-12", 0, Unit.SAME_DAY, AFTER, "meeting", _("The protocol is drawn up on the day of the report.")),
        # R-002-16: the check of a citizen's complaint or proposal not fully answered runs under the
        # Administrative Procedural Code. This system does not state the Code's period: the amount 0 here
        # means "not set", and the administrator sets it in the profile ({"amount": n, "unit": …}).
        _r(
            "R-002-16.check",
            0,
            WORK,
            AFTER,
            "report",
            _(
                "A complaint, proposal or remark not fully answered at the report is checked under the "
                "Administrative Procedural Code, within the period the regulation profile sets."
            ),
        ),
        # Prosecutor General's Office work regulation (seed 003)
        _r(
            "R-003-12.annual",
            25,
            Unit.DAY_OF_NOVEMBER_BEFORE_YEAR,
            BEFORE,
            "plan_period",
            _("Proposals to the annual plan are due by 25 November."),
        ),
        _r(
            "R-003-12.annual_draft",
            20,
            Unit.DAY_OF_DECEMBER_BEFORE_YEAR,
            BEFORE,
            "plan_period",
            _("The draft annual plan is submitted for approval by 20 December."),
        ),
        _r(
            "R-003-12.quarterly",
            5,
            Unit.DAY_OF_MONTH_BEFORE_QUARTER,
            BEFORE,
            "plan_period",
            _("Proposals to the quarterly plan are due by the 5th of the last month of the quarter."),
        ),
        _r(
            "R-003-12.quarterly_draft",
            7,
            CAL,
            BEFORE,
            "plan_period",
            _("The draft quarterly plan is submitted for approval 7 calendar days before the quarter."),
        ),
        _r(
            "R-003-18",
            25,
            Unit.DAY_OF_MONTH,
            AFTER,
            "plan_item_month",
            _("Plan results are reported by the 25th of the month to whoever approved the plan."),
        ),
        _r(
            "R-003-18.removal",
            30,
            Unit.DAY_OF_MONTH,
            AFTER,
            "plan_item_month",
            _(
                "The report with the resolution, the certificate of results and the draft documents reach the "
                "apparatus by the 30th of the planned month (the month's last day when it is shorter)."
            ),
        ),
        _r(
            "R-003-18.action",
            10,
            WORK,
            AFTER,
            "resolution",
            _("The results of a plan item are acted on within 10 working days of the resolution."),
        ),
        _r(
            "R-003-19",
            1,
            MONTHS,
            BEFORE,
            "item_deadline",
            _("A plan item is changed by a reasoned report at least one month before the item's deadline."),
        ),
        _r(
            "R-003-19.extension",
            3,
            WORK,
            BEFORE,
            "item_deadline",
            _("An extension is requested at least 3 working days before the deadline."),
        ),
        _r(
            "R-003-20",
            4,
            CAL,
            BEFORE,
            "meeting",
            _("Speakers' materials reach the apparatus at least 4 calendar days before the apparatus council."),
        ),
        _r(
            "R-003-20.chair",
            2,
            CAL,
            BEFORE,
            "meeting",
            _("The apparatus submits the materials to the Prosecutor General at least 2 calendar days before."),
        ),
        _r(
            "R-003-21",
            5,
            CAL,
            BEFORE,
            "meeting",
            _("Materials of an operational meeting are submitted at least 5 calendar days before it."),
        ),
        _r(
            "R-003-21.chair",
            3,
            CAL,
            BEFORE,
            "meeting",
            _("Materials of an operational meeting reach the Prosecutor General at least 3 calendar days before it."),
        ),
        _r(
            "R-003-23",
            1,
            MONTHS,
            AFTER,
            "meeting",
            _("A protocol instruction with no deadline set is due one month from the meeting date."),
        ),
        _r(
            "R-003-23.protocol",
            1,
            WORK,
            AFTER,
            "meeting",
            _(
                "The protocol of a meeting with the Prosecutor General or a deputy is drafted and submitted for "
                "signature immediately: by the next working day after the meeting (a decision of this system)."
            ),
        ),
        _r(
            "R-003-40..44.in_depth",
            20,
            WORK,
            AFTER,
            "assignment",
            _("An in-depth assignment gives at least 20 working days for its execution (R-003-40)."),
        ),
        _r(
            "R-003-40..44.case",
            10,
            WORK,
            AFTER,
            "assignment",
            _("An instruction on a specific case gives at least 10 working days for its execution (R-003-42)."),
        ),
        _r(
            "R-003-40..44.request",
            3,
            WORK,
            AFTER,
            "assignment",
            _("An information request gives at least 3 working days for its execution (R-003-43)."),
        ),
        _r(
            "R-003-44",
            0,
            WORK,
            AFTER,
            "oral_instruction",
            _("An urgent oral instruction is entered into the system by the end of the working day it is given."),
        ),
        _r(
            "R-003-47",
            0,
            Unit.SAME_DAY,
            AFTER,
            "occurrence",
            _(
                "A periodic assignment is reported at each of its dates; with no final date set it runs to the end "
                "of the calendar year."
            ),
        ),
        _r(
            "R-003-49",
            0,
            Unit.SAME_DAY,
            AFTER,
            "quarter_end",
            _(
                "Assignments that lost relevance are reviewed and cancelled at least once a quarter (by the "
                "quarter's last working day, a decision of this system)."
            ),
        ),
        _r(
            "R-003-33",
            5,
            Unit.DAY_OF_MONTH_AFTER_QUARTER,
            AFTER,
            "quarter",
            _("The regional quarterly report is due by the 5th of the month after the quarter."),
        ),
        _r(
            "R-003-65",
            7,
            WORK,
            AFTER,
            "draft_sent",
            _("Others get at least 7 working days to agree a draft; no answer by then counts as agreement."),
        ),
        # Information-analytical work (seed 004)
        _r(
            "R-004-5",
            5,
            Unit.DAY_OF_MONTH_AFTER_QUARTER,
            AFTER,
            "quarter",
            _("Proposals for the quarterly analytical plan are due by the 5th of the month after the quarter."),
        ),
        _r(
            "R-004-6",
            5,
            CAL,
            AFTER,
            "request_received",
            _("A substantiated request of a state body is assessed within 5 calendar days."),
        ),
        _r(
            "R-004-9",
            1,
            WORK,
            AFTER,
            "refusal_report",
            _(
                "After the refusal report, a reasoned answer goes to the state body at once (how long “at once” "
                "is: the profile's setting, a decision of this system)."
            ),
        ),
        _r(
            "R-004-10",
            1,
            MONTHS,
            AFTER,
            "assignment",
            _("Unplanned analytical work is executed within one month by default."),
        ),
    ]
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day number ``months`` later (or earlier), or that month's last day when it is shorter."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _stdlib_calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def _quarter_first_month(day: datetime.date) -> int:
    return 3 * ((day.month - 1) // 3) + 1


def get_rule(rule_id: str, overrides: dict | None = None) -> Rule:
    try:
        rule = RULES[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None
    return rule.replace(**overrides) if overrides else rule


def period_anchor(rule: Rule, start: datetime.date) -> datetime.date:
    """The day ``rule`` counts from for a plan period beginning on ``start``: that first day, or, for a date
    fixed after a quarter ("by the 5th of the month after the quarter", R-004-5), the last day of the
    quarter before it."""
    return start - datetime.timedelta(days=1) if rule.unit == Unit.DAY_OF_MONTH_AFTER_QUARTER else start


def apply_rule(rule: Rule, anchor: datetime.date, calendar: WorkingCalendar) -> datetime.date:
    n, unit, after = rule.amount, rule.unit, rule.direction == Direction.AFTER
    if unit == Unit.SAME_DAY:
        return anchor
    if unit == Unit.WORKING_DAYS:
        if n == 0:
            return calendar.next_working_day(anchor) if after else calendar.previous_working_day(anchor)
        return calendar.add_working_days(anchor, n) if after else calendar.subtract_working_days(anchor, n)
    if unit == Unit.CALENDAR_DAYS:
        day = anchor + datetime.timedelta(days=n if after else -n)
    elif unit == Unit.MONTHS:
        day = add_months(anchor, n if after else -n)
    elif unit == Unit.DAY_OF_MONTH_AFTER_QUARTER:
        first = datetime.date(anchor.year, _quarter_first_month(anchor), 1)
        day = add_months(first, 3).replace(day=n)
        after = True
    elif unit == Unit.DAY_OF_MONTH_BEFORE_QUARTER:
        # The last month of the previous quarter, for a plan of the quarter that contains ``anchor``.
        first = datetime.date(anchor.year, _quarter_first_month(anchor), 1)
        day = add_months(first, -1).replace(day=n)
        after = True
    elif unit == Unit.DAY_OF_NOVEMBER_BEFORE_YEAR:
        day, after = datetime.date(anchor.year - 1, 11, n), True
    elif unit == Unit.DAY_OF_DECEMBER_BEFORE_YEAR:
        day, after = datetime.date(anchor.year - 1, 12, n), True
    elif unit == Unit.DAY_OF_MONTH:
        # "By the 30th of the month" in February is its last day.
        last = _stdlib_calendar.monthrange(anchor.year, anchor.month)[1]
        day, after = anchor.replace(day=min(n, last)), True
    else:  # pragma: no cover - Unit is closed
        raise ValueError(unit)
    # Fixed dates and periods after an event move forward to a working day; periods before an event
    # move back, so the recipient keeps the whole period.
    return calendar.next_working_day(day) if after else calendar.previous_working_day(day)


def due_date(rule_id: str, anchor: datetime.date, *, calendar: WorkingCalendar | None = None, overrides=None):
    """The due date of rule ``rule_id`` for an event on ``anchor``.

    ``anchor`` is the event the rule counts from or up to: the meeting day for R-000-10b, the signing
    day for R-000-11c, the execution deadline for R-000-11e, any day of the quarter for R-004-5 and
    R-003-33, the first day of the plan's period for R-003-12.*, the month of the plan item for R-003-18.
    Raises ``UnknownRule`` for an id that is not in ``RULES``.
    """
    return apply_rule(get_rule(rule_id, overrides), anchor, calendar or default_calendar())
