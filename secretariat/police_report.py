"""Reads of a police chief's report to the public: the public facts (the only fields the public pages
show), the announcement text in Kazakh and Russian, and a body's upcoming reports (R-002-4, R-002-6,
R-002-8.2)."""

from django.utils import translation
from django.utils.translation import gettext as _

from council.models import Seat
from council.selectors import active_on

from .models import Meeting, PoliceReport, Topic

# The only fields a public page shows of a report (R-002-8.2: time, place, schedule, how to send questions;
# R-002-6: the topics). A test asserts nothing else reaches the page.
PUBLIC_FIELDS = ("body", "date", "time", "place", "topics", "questions_how")


def police_body_of(council, day):
    """The police body whose chief reports: the body of the chair's seat on ``day`` (R-002-2), or None."""
    seat = (
        active_on(council.seats.filter(role=Seat.Role.CHAIR), day, "valid_from", "valid_to")
        .select_related("position__body")
        .first()
    )
    return seat.position.body if seat else None


def police_body_name(report):
    """The name of the police body in the active language, or the council's where no chief's seat is set."""
    body = police_body_of(report.meeting.council, report.meeting.date)
    return body.name if body else report.meeting.council.name


def public_facts(report, lang):
    """The public fields of ``report`` in ``lang`` ("kk" or "ru")."""
    with translation.override(lang):
        labels = dict(Topic.choices)
        return {
            "body": police_body_name(report),
            "date": report.meeting.date,
            "time": report.meeting.time,
            "place": report.meeting.place,
            "topics": [str(labels[t]) for t in report.topics if t in labels],
            "questions_how": report.questions_how,
        }


def announcement_text(report, lang):
    """The text to publish (R-002-8.2): who reports, when, where, the schedule and how to send questions,
    in ``lang`` from the report's own data."""
    facts = public_facts(report, lang)
    with translation.override(lang):
        lines = [
            _("%(body)s reports to the public on %(date)s at %(time)s.")
            % {
                "body": facts["body"],
                "date": facts["date"].strftime("%d.%m.%Y"),
                "time": facts["time"].strftime("%H:%M") if facts["time"] else "—",
            },
            _("Place: %(place)s.") % {"place": facts["place"]},
        ]
        others = [
            r.meeting.date.strftime("%d.%m.%Y")
            for r in PoliceReport.objects.filter(schedule=report.schedule).select_related("meeting")
            if r.meeting.status != Meeting.Status.CANCELLED
        ]
        lines.append(
            _("Schedule of reports for %(year)s: %(dates)s.")
            % {"year": report.schedule.year, "dates": ", ".join(sorted(others, key=lambda d: d[6:] + d[3:5] + d[:2]))}
        )
        lines.append(_("How to send questions and proposals: %(how)s") % {"how": facts["questions_how"]})
        return "\n".join(lines)


def upcoming_reports(council, today):
    """The body's scheduled reports from ``today`` on, for its public list."""
    return (
        PoliceReport.objects.filter(meeting__council=council, meeting__date__gte=today)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__council", "schedule")
        .order_by("meeting__date", "meeting__time", "pk")
    )


def reports_of(council):
    """Every report of the body with its schedule, newest first, for the secretary's list."""
    return (
        PoliceReport.objects.filter(meeting__council=council)
        .select_related("meeting__council", "schedule")
        .order_by("-meeting__date", "-pk")
    )
