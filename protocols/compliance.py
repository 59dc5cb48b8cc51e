"""The compliance dashboard's figures, aggregated in the database in a fixed number of queries whatever the
number of councils, meetings or deadlines (R-000-9c, R-000-10b, R-000-10e, R-000-11a, R-000-11c,
R-000-11d, R-001-3b).

The deadline counts come from ``council.ComplianceRollup`` (per council, month, kind and state) and, for the
execution by body, from ``council.ComplianceSummary`` (the same with the body), both kept by the deadline
services, so the page reads a period's counts whatever the years of history and the number of deadlines.
``figures_from_deadlines`` is the same computation over the deadlines themselves: the definition the summary
must agree with, and what the tests compare the page with."""

import dataclasses
import datetime

from django.db import connection
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from council.compliance_summary import month_of
from council.deadlines import add_months
from council.models import NO_BODY, Body, ComplianceRollup, ComplianceSummary, Deadline, RegulationProfile
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

    @property
    def segments(self):
        """(x, width, css class) of each part of a 100-wide stacked bar: on time, late, overdue, pending."""
        total = self.total
        x, result = 0.0, []
        if not total:
            return result
        for part, css in BAR_PARTS:
            width = round(100 * getattr(self, part) / total, 1)  # the part's share in per cent
            if width:
                result.append((x, width, css))
                x += width
        return result


BAR_PARTS = (("on_time", "on-time"), ("late", "late"), ("overdue", "overdue"), ("pending", "pending"))
PARTS = ("on_time", "late", "overdue", "pending", "waived")


def _tally_fields(today):
    """Over deadlines: an open deadline past its due date counts as overdue before the sweep marks it."""
    S = Deadline.State
    return {
        "on_time": Count("id", filter=Q(state=S.MET)),
        "late": Count("id", filter=Q(state=S.MET_LATE)),
        "overdue": Count("id", filter=Q(state=S.OVERDUE) | Q(state=S.OPEN, due_date__lt=today)),
        "pending": Count("id", filter=Q(state=S.OPEN, due_date__gte=today)),
        "waived": Count("id", filter=Q(state=S.WAIVED)),
    }


def _summary_sums(today):
    """Over the summary, the same parts by month, as SQL with its parameters (the dashboard reads the summary
    and the roll-up with two statements written out: building them with the ORM cost several times as much as
    running them): an open deadline of an earlier month is past its due date, one of a later month is not;
    those of the current month count as pending here and the few among them already past their date are moved
    to overdue by ``_open_past_due``."""
    S, current = Deadline.State, month_of(today)
    sql = (
        "COALESCE(SUM(count) FILTER (WHERE state = %s), 0) AS on_time,"
        " COALESCE(SUM(count) FILTER (WHERE state = %s), 0) AS late,"
        " COALESCE(SUM(count) FILTER (WHERE state = %s OR (state = %s AND month < %s)), 0) AS overdue,"
        " COALESCE(SUM(count) FILTER (WHERE state = %s AND month >= %s), 0) AS pending,"
        " COALESCE(SUM(count) FILTER (WHERE state = %s), 0) AS waived"
    )
    return sql, [str(S.MET), str(S.MET_LATE), str(S.OVERDUE), str(S.OPEN), current, str(S.OPEN), current, str(S.WAIVED)]


def _tally(row):
    return Tally(*(row[f] for f in PARTS))


def _add(total, tally):
    total.on_time += tally.on_time
    total.late += tally.late
    total.overdue += tally.overdue
    total.pending += tally.pending
    total.waived += tally.waived


def _bodies(rows, names):
    """The execution tally per responsible body, by the body's Russian name, deadlines without a body last."""
    by_id = {r["body"]: r["tally"] for r in rows}
    result = [
        {"id": pk, "name_ru": ru or "—", "name_kk": kk or ru or "—", "tally": by_id[pk]}
        for pk, ru, kk in names
        if pk in by_id
    ]
    if None in by_id:
        result.append({"id": None, "name_ru": "—", "name_kk": "—", "tally": by_id[None]})
    return result


def figures_from_deadlines(*, ids, start, end, today):
    """Per council and kind the tally, and the execution tally per body, counted over the deadlines."""
    rows = (
        Deadline.objects.filter(council_id__in=ids, kind__in=KINDS, due_date__range=(start, end))
        .values("council_id", "kind")
        .annotate(**_tally_fields(today))
    )
    per_council = {pk: {k: Tally() for k in KINDS} for pk in ids}
    for r in rows:
        per_council[r["council_id"]][r["kind"]] = _tally(r)
    bodies = (
        Deadline.objects.filter(council_id__in=ids, kind="execution", due_date__range=(start, end))
        .values("responsible_body_id", "responsible_body__name_ru", "responsible_body__name_kk")
        .annotate(**_tally_fields(today))
        .order_by("responsible_body__name_ru")
    )
    rows = [{"body": r["responsible_body_id"], "tally": _tally(r)} for r in bodies]
    names = [(r["responsible_body_id"], r["responsible_body__name_ru"], r["responsible_body__name_kk"]) for r in bodies]
    return per_council, _bodies(rows, [n for n in names if n[0] is not None])


def _open_past_due(*, ids, start, end, today):
    """Open deadlines of the current month already past their date (the sweep marks them overdue the next
    morning): (council, kind, body) -> number. Read from the index of active deadlines by date."""
    first = max(start, month_of(today))
    if not (first < today and first <= end):
        return {}
    rows = (
        Deadline.objects.filter(
            council_id__in=ids,
            kind__in=KINDS,
            state=Deadline.State.OPEN,
            due_date__gte=first,
            due_date__lt=min(today, end + datetime.timedelta(days=1)),
        )
        .values_list("council_id", "kind", "responsible_body_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(c, k, b): n for c, k, b, n in rows}


def _move_past_due(tally, n):
    tally.pending -= n
    tally.overdue += n


def figures_from_summary(*, ids, start, end, today):
    """The same as ``figures_from_deadlines`` for a period of whole months: the tallies per council and kind
    from the roll-up without the body, the execution tally per body from the summary's execution rows."""
    if start.day != 1 or (end + datetime.timedelta(days=1)).day != 1:
        raise ValueError("The compliance summary answers for whole months.")
    per_council = {pk: {k: Tally() for k in KINDS} for pk in ids}
    sums, sums_params = _summary_sums(today)
    councils = ", ".join(["%s"] * len(ids)) or "NULL"
    kinds = ", ".join(["%s"] * len(KINDS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT council_id, kind, {sums} FROM {ComplianceRollup._meta.db_table}"
            f" WHERE month BETWEEN %s AND %s AND council_id IN ({councils}) AND kind IN ({kinds}) AND count <> 0"
            " GROUP BY council_id, kind",
            [*sums_params, start, end, *ids, *KINDS],
        )
        for council_id, kind, *parts in cursor.fetchall():
            per_council[council_id][kind] = Tally(*parts)
        # The bodies' names joined to the sums once they are added up, not to each summary row.
        cursor.execute(
            f"SELECT s.body, b.name_ru, b.name_kk, s.on_time, s.late, s.overdue, s.pending, s.waived"
            f" FROM (SELECT body, {sums} FROM {ComplianceSummary._meta.db_table}"
            f" WHERE kind = %s AND month BETWEEN %s AND %s AND council_id IN ({councils}) AND count <> 0"
            f" GROUP BY body) AS s LEFT JOIN {Body._meta.db_table} AS b ON b.id = s.body ORDER BY b.name_ru, s.body",
            [*sums_params, "execution", start, end, *ids],
        )
        execution = cursor.fetchall()
    rows = [{"body": None if r[0] == NO_BODY else r[0], "tally": Tally(*r[3:])} for r in execution]
    names = [r[:3] for r in execution if r[0] != NO_BODY]
    by_body = {r["body"]: r["tally"] for r in rows}
    for (council_id, kind, body), n in _open_past_due(ids=ids, start=start, end=end, today=today).items():
        _move_past_due(per_council[council_id][kind], n)
        if kind == "execution" and body in by_body:
            _move_past_due(by_body[body], n)
    return per_council, _bodies(rows, names)


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def quarters(start, end):
    result, day = [], datetime.date(start.year, 3 * (quarter_of(start) - 1) + 1, 1)
    while day <= end:
        result.append(day)
        month = day.month + 3
        day = datetime.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
    return result


def min_meetings(profile):
    """The profile's minimum of meetings ({"count": n, "per": period}), read once per council: the profile's
    settings are checked each time they are read."""
    return profile.typed.min_meetings if profile else {}


def required_per_quarter(rule, quarter_start=None):
    """The minimum number of meetings per quarter under ``rule`` (``min_meetings``): once a quarter
    (R-000-9c). Once every two months (R-001-3b) is judged by the gap between meetings
    (``plans.coverage.meeting_gaps``). A police chief's report is due in the first quarter of each year
    (R-002-4), so only that quarter has a minimum; another yearly minimum is not judged by quarter: None."""
    count = rule.get("count", 0)
    if rule.get("per") == "year_first_quarter":
        return count if quarter_start is not None and quarter_start.month == 1 else None
    return count if rule.get("per") == "quarter" else None


def judged_by_gap(rule):
    return rule.get("per") == "two_months"


# What the list of deadlines overdue now shows of each (``overdue_rows`` in protocols/templatetags).
OVERDUE_SHOWN = (
    *("url", "title_kk", "title_ru", "rule_id", "due_date", "state"),
    *(f"council__{f}_{lang}" for f in ("name", "short_name") for lang in ("kk", "ru")),
    *(f"responsible_body__{f}_{lang}" for f in ("name", "short_name") for lang in ("kk", "ru")),
)


def dashboard(*, councils, start, end, today):
    """Per council: each measure's tally, meetings held per quarter against the minimum; per body the
    execution tally; and the overall tally per measure. Six queries at most, none over the deadlines'
    history (the profiles, the roll-up, the summary's execution rows, the held meetings, and the active
    deadlines of the current month and the 20 overdue now). ``councils`` are shown in the order of their ids."""
    councils = sorted({c.pk: c for c in councils}.values(), key=lambda c: c.pk)
    ids = [c.pk for c in councils]
    # Each profile's minimum of meetings, read once: a profile serves many councils.
    profiles = RegulationProfile.objects.only("settings").in_bulk({c.profile_id for c in councils} - {None})
    by_profile = {pk: min_meetings(profile) for pk, profile in profiles.items()}
    rules = {c.pk: by_profile.get(c.profile_id, {}) for c in councils}
    per_council, bodies = figures_from_summary(ids=ids, start=start, end=end, today=today)
    overall = {k: Tally() for k in KINDS}
    for tallies in per_council.values():
        for kind, tally in tallies.items():
            _add(overall[kind], tally)
    # Held meetings from two months before the period, so that a gap across its start is seen (R-001-3b).
    held = (
        Meeting.objects.filter(
            council_id__in=ids,
            status=Meeting.Status.HELD,
            date__range=(add_months(start, -MEETING_GAP_MONTHS), end),
        )
        .values_list("council_id", "date")
        .order_by()
    )  # counted, and the gaps sort their dates themselves
    by_gap = {pk for pk, rule in rules.items() if judged_by_gap(rule)}
    meetings, held_dates = {}, {}
    for council_id, day in held:
        if council_id in by_gap:
            held_dates.setdefault(council_id, []).append(day)
        if day >= start:
            key = (council_id, day.year, (day.month - 1) // 3)
            meetings[key] = meetings.get(key, 0) + 1
    periods = quarters(start, end)
    overdue_now = list(
        Deadline.objects.filter(
            council_id__in=ids, kind__in=KINDS, state__in=Deadline.ACTIVE_STATES, due_date__lt=today
        )
        .select_related("council", "responsible_body")
        .only(*OVERDUE_SHOWN)
        .order_by("due_date", "id")[:20]
    )
    return {
        "councils": [
            {
                "council": c,
                "measures": [(code, label, rule, per_council[c.pk][code]) for code, label, rule in MEASURES],
                "meetings": [
                    (q, meetings.get((c.pk, q.year, (q.month - 1) // 3), 0), required_per_quarter(rules[c.pk], q))
                    for q in periods
                    if q <= today
                ],
                "gap_rule": c.pk in by_gap,
                "gaps": meeting_gaps(start=start, end=min(end, today), meeting_dates=held_dates.get(c.pk, []))
                if c.pk in by_gap and start <= today
                else [],
            }
            for c in councils
        ],
        "overall": [(code, label, rule, overall[code]) for code, label, rule in MEASURES],
        "bodies": bodies,
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
