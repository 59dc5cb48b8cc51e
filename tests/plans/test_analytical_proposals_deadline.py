"""R-004-5: proposals to the quarterly analytical plan are due by the 5th of the month after the
*reporting* quarter (the quarter before the plan's), moved to the next working day. The stored deadline
row (which drives the reminders) and the proposals page must name the same day, for every quarter."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from council.models import Council, CouncilOfficer, Deadline
from plans import services as plans
from tests.helpers import at

# (day the secretary drafts the plan, the plan's first day, the stored and shown due date)
QUARTERS = [
    (dt.date(2026, 12, 14), dt.date(2027, 1, 1), dt.date(2027, 1, 5)),  # reporting quarter Q4 2026
    (dt.date(2027, 3, 15), dt.date(2027, 4, 1), dt.date(2027, 4, 5)),  # Q1 2027; 5 April is a Monday
    (dt.date(2027, 6, 14), dt.date(2027, 7, 1), dt.date(2027, 7, 5)),  # Q2 2027: 5 July, not 5 October
    (dt.date(2027, 9, 13), dt.date(2027, 10, 1), dt.date(2027, 10, 5)),  # Q3 2027
]


@pytest.fixture
def office(demo, user_named):
    office = Council.objects.create(
        code="gpo-analytics", kind=Council.Kind.ANALYTICAL, name_ru="Аналитика ГП", name_kk="БП талдау"
    )
    CouncilOfficer.objects.create(
        council=office, person=user_named("secretary"), role="secretary", start=dt.date(2024, 1, 1)
    )
    return office


@pytest.mark.parametrize(("drafted", "start", "due"), QUARTERS, ids=["Q1", "Q2", "Q3", "Q4"])
def test_the_stored_proposals_row_is_the_day_the_page_shows(
    office, user_named, sign_in, client, time_machine, drafted, start, due
):
    """R-004-5 (seed 004, paragraph 5: «есептік тоқсаннан кейінгі айдың 5-күніне қарай»)."""
    now = at(drafted)
    time_machine.move_to(now)
    plan = plans.plan_create(actor=user_named("secretary"), council=office, start=start, now=now)
    row = Deadline.objects.get(kind="plan-proposals", subject_id=plan.pk)

    sign_in("secretary", "en")
    text = client.get(reverse("plans:proposal_list", args=[office.code])).content.decode()
    starting = re.escape(f"{start:%d.%m.%Y}")
    shown = re.search(rf"Proposals to the plan starting {starting} are due by (\d\d\.\d\d\.\d{{4}}) \(R-004-5\)", text)
    assert shown, text
    assert dt.datetime.strptime(shown.group(1), "%d.%m.%Y").date() == row.due_date == due
    assert row.rule_id == "R-004-5"
    # The plan's own page lists the stored row with the same day (dd.mm.yyyy in Russian).
    sign_in("secretary", "ru")
    page = client.get(plan.get_absolute_url()).content.decode()
    shown_row = re.escape(f"{due:%d.%m.%Y}")
    assert re.search(rf"<abbr[^>]*>R-004-5</abbr></td>\s*<td>{shown_row}</td>", page), page


def test_a_fifth_on_a_day_off_moves_to_the_next_working_day(office, user_named, time_machine):
    """R-004-5 with the deadline arithmetic: 5 April 2026 is a Sunday, so proposals to the plan of the
    second quarter of 2026 are due on Monday 6 April 2026."""
    now = at(dt.date(2026, 3, 16))
    time_machine.move_to(now)
    plan = plans.plan_create(actor=user_named("secretary"), council=office, start=dt.date(2026, 4, 1), now=now)
    row = Deadline.objects.get(kind="plan-proposals", subject_id=plan.pk)
    assert row.due_date == dt.date(2026, 4, 6) == plans.proposals_due(office, "quarter", plan.start)[1]
