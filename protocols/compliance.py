"""The compliance dashboard's figures, aggregated in the database in a fixed number of queries whatever the
number of councils, meetings or deadlines (R-000-9c, R-000-10b, R-000-10e, R-000-11a, R-000-11c,
R-000-11d, R-001-3b)."""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from council.deadlines import add_months
from council.models import Council, Deadline
from plans.coverage import MEETING_GAP_MONTHS, meeting_gaps
from secretariat.models import Meeting

# The deadline kinds the dashboard follows, in the order of a council's cycle.
MEASURES = [
    ("materials", _("Materials on time"), "R-000-10b"),
    ("agenda-dispatch", _("Agendas sent on time"), "R-000-10e"),
    ("protocol", _("Protocols drawn up and signed on time"), "R-000-11a"),
    ("protocol-dispatch", _("Protocols sent on time"), "R-000-11c"),
    ("execution", _("Decisions executed on time"), "R-000-11d"),
    ("publication", _("Reports to the public announced on time"), "R-002-8.2"),
    ("citizen-check", _("Citizens' questions checked on time"), "R-002-16.check"),
    ("plan-item", _("Plan items carried out by their deadlines"), "R-001-2"),
]
KINDS = [m[0] for m in MEASURES]


@dataclasses.dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    waived: int = 0

    @property
    def total(self):
        return self.on_time + self.late + self.overdue + self.pending

    def share(self, part):
        return round(100 * getattr(self, part) / self.total, 1) if self.total else 0.0

    @property
    def segments(self):
        """(x, width, css class) of each part of a 100-wide stacked bar: on time, late, overdue, pending."""
        x, result = 0.0, []
        for part in ("on_time", "late", "overdue", "pending"):
            width = self.share(part)
            if width:
                result.append((x, width, part.replace("_", "-")))
                x += width
        return result


def _tally_fields(today):
    S = Deadline.State
    return {
        "on_time": Count("id", filter=Q(state=S.MET)),
        "late": Count("id", filter=Q(state=S.MET_LATE)),
        "overdue": Count("id", filter=Q(state=S.OVERDUE) | Q(state=S.OPEN, due_date__lt=today)),
        "pending": Count("id", filter=Q(state=S.OPEN, due_date__gte=today)),
        "waived": Count("id", filter=Q(state=S.WAIVED)),
    }


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def quarters(start, end):
    result, day = [], datetime.date(start.year, 3 * (quarter_of(start) - 1) + 1, 1)
    while day <= end:
        result.append(day)
        month = day.month + 3
        day = datetime.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return result


def required_per_quarter(profile, quarter_start=None):
    """The minimum number of meetings per quarter: once a quarter (R-000-9c). Once every two months
    (R-001-3b) is judged by the gap between meetings (``plans.coverage.meeting_gaps``). A police chief's report
    is due in the first quarter of each year (R-002-4), so only that quarter has a minimum; another yearly
    minimum is not judged by quarter: None."""
    rule = profile.typed.min_meetings if profile else {}
    count = rule.get("count", 0)
    if rule.get("per") == "year_first_quarter":
        return count if quarter_start is not None and quarter_start.month == 1 else None
    return count if rule.get("per") == "quarter" else None


def judged_by_gap(profile):
    return bool(profile) and profile.typed.min_meetings.get("per") == "two_months"


def dashboard(*, councils, start, end, today):
    """Per council: each measure's tally, meetings held per quarter against the minimum; per body the
    execution tally; and the overall tally per measure. Five queries."""
    councils = list(Council.objects.filter(pk__in=[c.pk for c in councils]).select_related("profile").order_by("id"))
    ids = [c.pk for c in councils]
    rows = (
        Deadline.objects.filter(council_id__in=ids, kind__in=KINDS, due_date__range=(start, end))
        .values("council_id", "kind")
        .annotate(**_tally_fields(today))
    )
    per_council = {c.pk: {k: Tally() for k in KINDS} for c in councils}
    overall = {k: Tally() for k in KINDS}
    for r in rows:
        tally = Tally(r["on_time"], r["late"], r["overdue"], r["pending"], r["waived"])
        per_council[r["council_id"]][r["kind"]] = tally
        total = overall[r["kind"]]
        for f in ("on_time", "late", "overdue", "pending", "waived"):
            setattr(total, f, getattr(total, f) + getattr(tally, f))
    # Held meetings from two months before the period, so that a gap across its start is seen (R-001-3b).
    held = list(
        Meeting.objects.filter(
            council_id__in=ids,
            status=Meeting.Status.HELD,
            date__range=(add_months(start, -MEETING_GAP_MONTHS), end),
        ).values_list("council_id", "date")
    )
    meetings, held_dates = {}, {}
    for council_id, day in held:
        held_dates.setdefault(council_id, []).append(day)
        if day >= start:
            key = (council_id, datetime.date(day.year, 3 * (quarter_of(day) - 1) + 1, 1))
            meetings[key] = meetings.get(key, 0) + 1
    periods = quarters(start, end)
    bodies = (
        Deadline.objects.filter(council_id__in=ids, kind="execution", due_date__range=(start, end))
        .values("responsible_body_id", "responsible_body__name_ru", "responsible_body__name_kk")
        .annotate(**_tally_fields(today))
        .order_by("responsible_body__name_ru")
    )
    overdue_now = list(
        Deadline.objects.filter(
            council_id__in=ids, kind__in=KINDS, state__in=Deadline.ACTIVE_STATES, due_date__lt=today
        )
        .select_related("council", "responsible_body")
        .order_by("due_date", "id")[:20]
    )
    return {
        "councils": [
            {
                "council": c,
                "measures": [(code, label, rule, per_council[c.pk][code]) for code, label, rule in MEASURES],
                "meetings": [
                    (q, meetings.get((c.pk, q), 0), required_per_quarter(c.profile, q)) for q in periods if q <= today
                ],
                "gap_rule": judged_by_gap(c.profile),
                "gaps": meeting_gaps(start=start, end=min(end, today), meeting_dates=held_dates.get(c.pk, []))
                if judged_by_gap(c.profile) and start <= today
                else [],
            }
            for c in councils
        ],
        "overall": [(code, label, rule, overall[code]) for code, label, rule in MEASURES],
        "bodies": [
            {
                "id": r["responsible_body_id"],
                "name_ru": r["responsible_body__name_ru"] or "—",
                "name_kk": r["responsible_body__name_kk"] or r["responsible_body__name_ru"] or "—",
                "tally": Tally(r["on_time"], r["late"], r["overdue"], r["pending"], r["waived"]),
            }
            for r in bodies
        ],
        "overdue_now": overdue_now,
    }


def export_rows(data):
    """The dashboard as a flat table for CSV and XLSX."""
    header = ["council", "measure", "rule", "on_time", "late", "overdue", "pending", "waived"]
    rows = []
    for c in data["councils"]:
        for code, _label, rule, t in c["measures"]:
            rows.append([c["council"].code, code, rule, t.on_time, t.late, t.overdue, t.pending, t.waived])
    return header, rows
