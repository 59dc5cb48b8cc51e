"""The calendar of a person or a council: meetings and deadlines by month, and the same as an iCal feed
(RFC 5545, built with ``icalendar``) with times in Asia/Almaty."""

import calendar as stdcalendar
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from council.deadline_services import displayed_calendar
from council.links import absolute
from council.models import Deadline
from council.roles import prime_council_roles
from council.rules import allowed
from council.selectors import councils_visible_to, deadlines_base, deadlines_for_user

from .models import Meeting

MEETING_HOURS = 2  # a meeting's length in the feed when nothing else is known
FEED_PAST_DAYS, FEED_FUTURE_DAYS = 92, 366


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    working: bool
    today: bool
    meetings: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)  # the first DAY_SHOWN of the day's deadlines
    more: int = 0  # the day's deadlines beyond those


# A day shows its first deadlines and links to the rest: a month of the republic secretariat holds hundreds.
DAY_SHOWN = 4


def councils_with_meetings(user, day):
    councils = list(councils_visible_to(user=user, day=day))
    prime_council_roles(user, councils, day)  # the republic secretariat sees 21 councils: roles in four queries
    return [c for c in councils if allowed(user, "secretariat.view_meeting", c, day=day)]


def meetings_between(councils, start, end):
    return (
        Meeting.objects.filter(council__in=councils, date__range=(start, end))
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("council")
        .order_by("date", "time", "id")
    )


def deadlines_between(*, user, council, day, start, end):
    """The person's own deadlines; on a council's calendar, every deadline of the council for those who
    keep it (the page of the council's deadlines opens for them), else the person's own there."""
    if council is not None and allowed(user, "council.manage_council", council, day=day):
        qs = deadlines_base().filter(council=council)
    else:
        qs = deadlines_for_user(user=user, day=day)
        if council is not None:
            qs = qs.filter(council=council)
    return qs.filter(due_date__range=(start, end)).exclude(state=Deadline.State.WAIVED).order_by("due_date", "id")


def month_grid(*, user, year, month, today, council=None):
    """Weeks (Monday first) of ``year``-``month`` with each day's meetings and deadlines."""
    weeks = stdcalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks[0][0], weeks[-1][-1]
    councils = [council] if council is not None else councils_with_meetings(user, today)
    work = displayed_calendar()
    days = {
        d: Day(date=d, in_month=d.month == month, working=work.is_working_day(d), today=d == today)
        for week in weeks
        for d in week
    }
    for m in meetings_between(councils, start, end):
        days[m.date].meetings.append(m)
    for d in deadlines_between(user=user, council=council, day=today, start=start, end=end):
        day = days[d.due_date]
        if len(day.deadlines) < DAY_SHOWN:
            day.deadlines.append(d)
        else:
            day.more += 1
    return [[days[d] for d in week] for week in weeks]


def feed(*, user, today, now):
    """The person's iCal calendar: the meetings of their councils and their own deadlines."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start, end = today - datetime.timedelta(days=FEED_PAST_DAYS), today + datetime.timedelta(days=FEED_FUTURE_DAYS)
    cal = Calendar()
    cal.add("prodid", "-//Council secretariat//kk-ru//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Council secretariat: %(name)s") % {"name": user.display_name})
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for m in meetings_between(councils_with_meetings(user, today), start, end):
        event = Event()
        event.add("uid", f"meeting-{m.pk}@council-secretariat")
        event.add("dtstamp", now)
        event.add("summary", _("Meeting: %(council)s") % {"council": m.council.short_name})
        if m.time:
            begins = datetime.datetime.combine(m.date, m.time, tzinfo=tz)
            event.add("dtstart", begins)
            event.add("dtend", begins + datetime.timedelta(hours=MEETING_HOURS))
        else:
            event.add("dtstart", m.date)
            event.add("dtend", m.date + datetime.timedelta(days=1))
        if m.place:
            event.add("location", m.place)
        event.add("url", absolute(m.get_absolute_url()))
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    for d in deadlines_between(user=user, council=None, day=today, start=start, end=end):
        event = Event()
        event.add("uid", f"deadline-{d.pk}@council-secretariat")
        event.add("dtstamp", now)
        event.add("summary", _("Deadline: %(title)s") % {"title": d.title})
        event.add("dtstart", d.due_date)
        event.add("dtend", d.due_date + datetime.timedelta(days=1))
        event.add("description", f"{d.council.short_name} · {d.rule_id}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
