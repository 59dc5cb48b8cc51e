"""Control of an approved plan's items as deadline rows: R-001-2 (the monitoring group controls the
deadlines of its plan items) and R-003-18 (results by the 25th of the planned month; the package for
removal from control by the 30th; the results acted on within 10 working days of the resolution)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from council.models import Body, Deadline
from plans import services
from plans.item_control import plan_item_control
from protocols import compliance
from tests.helpers import NOW, at

pytestmark = pytest.mark.django_db


def _approved_plan(council, secretary, chair, items, start=dt.date(2027, 1, 1), period=None):
    plan = services.plan_create(actor=secretary, council=council, start=start, period=period, now=NOW)
    made = [
        services.plan_item_save(
            actor=secretary,
            plan=plan,
            data={"question_kk": f"Мәселе {n}", "question_ru": f"Вопрос {n}", "responsible_body": body, **data},
            now=NOW,
        )
        for n, (body, data) in enumerate(items, start=1)
    ]
    services.plan_submit(actor=secretary, plan=plan, now=NOW)
    services.plan_decide(actor=chair, plan=plan, approve=True, now=NOW)
    return plan, made


def rows(item):
    return {
        d.kind: (d.rule_id, d.due_date, d.state)
        for d in Deadline.objects.filter(subject_id=item.pk, kind__startswith="plan-item")
    }


def test_results_by_the_25th_removal_by_the_30th_and_action_within_10_working_days(demo, user_named):
    """R-003-18. May 2027: results by Tuesday 25 May; the package by Sunday 30 May, a day off: Monday 31 May.
    March 2027: a resolution of Thursday 18 March is acted on within 10 working days, Nauryz (21 to 23
    March) not counted: by 6 April."""
    secretary, chair = user_named("secretary"), user_named("chair")
    mvd = Body.objects.get(code="mvd")
    plan, (may, march) = _approved_plan(
        demo["republic"], secretary, chair, [(mvd, {"planned_month": 5}), (mvd, {"planned_month": 3})]
    )
    OPEN = Deadline.State.OPEN
    assert rows(may) == {
        "plan-item-results": ("R-003-18", dt.date(2027, 5, 25), OPEN),
        "plan-item-removal": ("R-003-18.removal", dt.date(2027, 5, 31), OPEN),
    }
    with pytest.raises(ValidationError, match="R-003-18"):  # removal needs the report with the resolution
        plan_item_control(actor=secretary, item=march, step="removal", note="Справка", now=at(dt.date(2027, 3, 10)))
    with pytest.raises(PermissionDenied):
        plan_item_control(actor=user_named("member_mvd"), item=march, step="results", note="x", now=NOW)
    plan_item_control(actor=secretary, item=march, step="results", note="Проведено", now=at(dt.date(2027, 3, 15)))
    plan_item_control(
        actor=secretary,
        item=march,
        step="resolution",
        resolution_date=dt.date(2027, 3, 18),
        now=at(dt.date(2027, 3, 18)),
    )
    assert rows(march)["plan-item-action"] == ("R-003-18.action", dt.date(2027, 4, 6), OPEN)
    assert rows(march)["plan-item-results"][2] == Deadline.State.MET
    plan_item_control(actor=secretary, item=march, step="removal", note="Справка", now=at(dt.date(2027, 3, 31), 9))
    plan_item_control(actor=secretary, item=march, step="acted", now=at(dt.date(2027, 4, 7)))
    assert rows(march)["plan-item-removal"][2] == Deadline.State.MET_LATE  # 30 March was a Tuesday
    assert rows(march)["plan-item-action"][2] == Deadline.State.MET_LATE


def test_the_control_page_records_a_step(demo, user_named, client, sign_in, time_machine):
    secretary, chair = user_named("secretary"), user_named("chair")
    plan, (item,) = _approved_plan(
        demo["republic"], secretary, chair, [(Body.objects.get(code="mvd"), {"planned_month": 5})]
    )
    time_machine.move_to(at(dt.date(2027, 5, 20)))
    sign_in("secretary")
    url = reverse("plans:item_control", args=[plan.pk, item.number])
    assert "R-003-18" in client.get(url).content.decode()
    response = client.post(url, {"step": "results", "note": "Итоги проверки"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Итоги проверки" in page
    assert rows(item)["plan-item-results"][2] == Deadline.State.MET


def test_the_monitoring_groups_plan_items_have_their_own_deadlines_in_the_compliance_view(demo, user_named):
    """R-001-2: the item due Monday 15 February 2027 is controlled to that day; reported late on 16 February
    it counts as late in the compliance view; the group's profile has no R-003-18 rows."""
    group = demo["group"]
    secretary, chair = user_named("group_secretary"), user_named("group_chair")
    body = Body.objects.filter(positions__seats__council=group).first()
    plan, (item,) = _approved_plan(
        group, secretary, chair, [(body, {"deadline": dt.date(2027, 2, 15)})], period="quarter"
    )
    assert rows(item) == {"plan-item": ("R-001-2", dt.date(2027, 2, 15), Deadline.State.OPEN)}
    plan_item_control(actor=secretary, item=item, step="results", note="Отчёт заслушан", now=at(dt.date(2027, 2, 16)))
    assert rows(item)["plan-item"][2] == Deadline.State.MET_LATE
    data = compliance.dashboard(
        councils=[group], start=dt.date(2027, 1, 1), end=dt.date(2027, 3, 31), today=dt.date(2027, 3, 1)
    )
    measures = {code: (rule, tally) for code, _label, rule, tally in data["councils"][0]["measures"]}
    assert measures["plan-item"][0] == "R-001-2" and measures["plan-item"][1].late == 1


def test_an_extension_moves_the_items_deadline_row(demo, user_named):
    """R-003-19 with R-001-2: an extension of the item under way moves its own deadline row."""
    group = demo["group"]
    secretary, chair = user_named("group_secretary"), user_named("group_chair")
    body = Body.objects.filter(positions__seats__council=group).first()
    plan, (item,) = _approved_plan(
        group, secretary, chair, [(body, {"deadline": dt.date(2027, 2, 15)})], period="quarter"
    )
    services.plan_correct(
        actor=secretary,
        plan=plan,
        reason="situation",
        explanation="Продление",
        now=at(dt.date(2027, 2, 1)),
        action="change",
        item=item,
        data={"deadline": dt.date(2027, 3, 15)},
        co_executors=list(item.ordered_co_executors()),
    )
    assert rows(item)["plan-item"][1] == dt.date(2027, 3, 15)
