"""Work plans: proposals, the draft, the chair's approval, corrections with notice (R-000-9a, R-000-9b,
R-000-9c, R-001-3b, R-003-15, R-003-19)."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Body, Notification
from plans import services
from plans.coverage import coverage_warnings
from plans.models import Plan, PlanRevision, Proposal

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=5)))
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def body(code):
    return Body.objects.get(code=code)


@pytest.fixture
def plan(demo, user_named):
    return services.plan_create(
        actor=user_named("secretary"), council=demo["republic"], start=dt.date(2027, 1, 1), now=NOW
    )


def add_item(plan, user, **data):
    defaults = {
        "question_kk": "Қылмыстың жай-күйі туралы",
        "question_ru": "О состоянии преступности",
        "responsible_body": body("mvd"),
        "planned_quarter": 1,
    }
    return services.plan_item_save(
        actor=user,
        plan=plan,
        data={**defaults, **data},
        now=NOW,
        co_executors=data.pop("co", []) if "co" in data else [body("knb"), body("gpo")],
    )


def test_a_member_proposes_and_the_secretary_accepts(demo, user_named):
    """R-000-9a: proposals come from members, addressed to the chair; the secretary drafts from them."""
    proposal = services.proposal_submit(
        actor=user_named("sec_mvd"),
        council=demo["republic"],
        period_start=dt.date(2027, 1, 1),
        question_kk="Жол қауіпсіздігі туралы",
        question_ru="О безопасности дорожного движения",
        justification_ru="Рост ДТП на 12%",
        responsible_body=body("mvd"),
        co_executors=[body("gpo")],
        desired_quarter=2,
        now=NOW,
    )
    assert proposal.body.code == "mvd"  # the employee speaks for their own body
    assert Notification.objects.filter(recipient__username="secretary", key=f"proposal:{proposal.pk}:submitted")
    with pytest.raises(ValidationError):
        services.proposal_decide(actor=user_named("secretary"), proposal=proposal, accept=False, note="", now=NOW)
    services.proposal_decide(actor=user_named("secretary"), proposal=proposal, accept=True, now=NOW)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED


def test_a_proposal_needs_a_justification(demo, user_named):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            actor=user_named("member_mvd"),
            council=demo["republic"],
            period_start=dt.date(2027, 1, 1),
            question_kk="x",
            question_ru="y",
            responsible_body=body("mvd"),
            now=NOW,
        )


def test_someone_without_a_role_cannot_propose(demo, user_named):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            actor=user_named("oblast_member_dp"),
            council=demo["republic"],
            period_start=dt.date(2027, 1, 1),
            question_kk="x",
            question_ru="y",
            justification_ru="z",
            responsible_body=body("mvd"),
            now=NOW,
        )


def test_the_plan_covers_a_half_year_and_items_keep_the_executors_order(plan, user_named):
    assert (plan.period, plan.end) == ("half_year", dt.date(2027, 6, 30))
    item = add_item(plan, user_named("secretary"), co=[body("knb"), body("gpo"), body("mvd")])
    assert item.number == 1
    assert item.responsible_body.code == "mvd"
    assert [b.code for b in item.ordered_co_executors()] == ["knb", "gpo"]  # the first-listed is not repeated


def test_accepted_proposals_become_items(plan, demo, user_named):
    proposal = services.proposal_submit(
        actor=user_named("member_knb"),
        council=demo["republic"],
        period_start=plan.start,
        question_kk="Экстремизм туралы",
        question_ru="О противодействии экстремизму",
        justification_ru="Обоснование",
        responsible_body=body("knb"),
        co_executors=[body("mvd"), body("gpo")],
        desired_quarter=2,
        now=NOW,
    )
    services.proposal_decide(actor=user_named("secretary"), proposal=proposal, accept=True, now=NOW)
    [item] = services.plan_add_proposals(actor=user_named("secretary"), plan=plan, proposals=[proposal], now=NOW)
    assert (item.question_ru, item.planned_quarter, item.proposal) == ("О противодействии экстремизму", 2, proposal)
    assert [b.code for b in item.ordered_co_executors()] == ["mvd", "gpo"]
    assert services.plan_add_proposals(actor=user_named("secretary"), plan=plan, proposals=[proposal], now=NOW) == []


def test_submit_approve_then_correct_notifies_every_member(plan, user_named):
    secretary, chair = user_named("secretary"), user_named("chair")
    item = add_item(plan, secretary, deadline=dt.date(2027, 3, 31))
    services.plan_submit(actor=secretary, plan=plan, now=NOW)
    with pytest.raises(PermissionDenied):
        services.plan_decide(actor=user_named("member_mvd"), plan=plan, approve=True, now=NOW)
    services.plan_decide(actor=chair, plan=plan, approve=True, now=NOW)
    plan.refresh_from_db()
    assert (plan.status, plan.revision, plan.approved_by) == (Plan.Status.APPROVED, 1, chair)
    assert PlanRevision.objects.get(plan=plan, number=1).items[0]["question_ru"] == "О состоянии преступности"

    with pytest.raises(ValidationError):  # an approved plan is not edited as a draft
        add_item(plan, secretary)
    services.plan_correct(
        actor=secretary,
        plan=plan,
        reason=PlanRevision.Reason.PRESIDENT,
        explanation="Поручение Главы государства",
        now=NOW,
        action="change",
        item=item,
        data={"question_ru": "О состоянии преступности и профилактике"},
    )
    plan.refresh_from_db()
    assert plan.revision == 2
    notified = set(
        Notification.objects.filter(key=f"plan:{plan.pk}:revision:2").values_list("recipient__username", flat=True)
    )
    # R-000-9b: every member (holders, the acting official) and the secretariat.
    assert {
        "chair",
        "member_knb",
        "member_vap",
        "member_apk",
        "member_mvd",
        "acting_mju",
        "member_afm",
        "secretary",
        "sec_mvd",
    } <= notified
    added, removed, changed = services.revision_diff(
        PlanRevision.objects.get(plan=plan, number=1).items, PlanRevision.objects.get(plan=plan, number=2).items
    )
    assert len(added) == 1 and len(removed) == 1 and not changed  # the question itself changed


def test_inside_the_last_month_only_an_extension_requested_3_working_days_before(plan, user_named):
    """R-003-19: a plan item is changed no later than one month before its deadline; inside that month the
    only change is an extension of the item under way, at least 3 working days before the deadline. Item due
    Monday 21 December 2026: one month before is Saturday 21 November, a day off, so the last day for a change
    is Friday 20 November; 3 working days before the deadline skip Independence Day (16 December): 15 December."""
    secretary = user_named("secretary")
    item = add_item(plan, secretary, deadline=dt.date(2026, 12, 21))
    services.plan_submit(actor=secretary, plan=plan, now=NOW)
    services.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=NOW)
    assert services.change_month_begins(plan.council, item.deadline) == dt.date(2026, 11, 21)
    assert services.extension_due(plan.council, item.deadline) == dt.date(2026, 12, 15)
    co = list(item.ordered_co_executors())

    def correct(now, explanation="Новые обстоятельства", **data):
        return services.plan_correct(
            actor=secretary,
            plan=plan,
            reason="situation",
            explanation=explanation,
            now=now,
            action="change",
            item=item,
            data=data,
            co_executors=co,
        )

    with translation.override("en"), pytest.raises(ValidationError, match=r"since 21\.11\.2026.*R-003-19"):
        correct(NOW, planned_quarter=2)  # Monday 23 November: inside the month, even with a reason
    with pytest.raises(ValidationError, match="R-003-19"):
        services.plan_correct(
            actor=secretary, plan=plan, reason="situation", explanation="x", now=NOW, action="remove", item=item
        )
    with pytest.raises(ValidationError, match="R-003-19"):  # an earlier deadline is no extension
        correct(NOW, deadline=dt.date(2026, 12, 18))
    with translation.override("en"), pytest.raises(ValidationError, match=r"by 15\.12\.2026"):
        correct(dt.datetime(2026, 12, 16, 10, tzinfo=NOW.tzinfo), deadline=dt.date(2027, 1, 29))
    with pytest.raises(ValidationError, match="R-003-19"):  # the reasons are given
        correct(NOW, explanation=" ", deadline=dt.date(2027, 1, 29))
    correct(dt.datetime(2026, 12, 15, 17, tzinfo=NOW.tzinfo), deadline=dt.date(2027, 1, 29))
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 1, 29)


def test_a_change_a_month_before_the_deadline_is_allowed(plan, user_named, time_machine):
    """R-003-19: on Friday 20 November 2026 the item due 21 December may still be changed."""
    secretary = user_named("secretary")
    item = add_item(plan, secretary, deadline=dt.date(2026, 12, 21))
    friday = dt.datetime(2026, 11, 20, 10, tzinfo=NOW.tzinfo)
    services.plan_submit(actor=secretary, plan=plan, now=friday)
    services.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=friday)
    services.plan_correct(
        actor=secretary,
        plan=plan,
        reason="situation",
        explanation="",
        now=friday,
        action="change",
        item=item,
        data={"planned_quarter": 2},
        co_executors=list(item.ordered_co_executors()),
    )
    item.refresh_from_db()
    assert item.planned_quarter == 2


def test_illegal_moves_are_refused(plan, user_named):
    with pytest.raises(ValidationError):  # nothing to submit
        services.plan_submit(actor=user_named("secretary"), plan=plan, now=NOW)
    add_item(plan, user_named("secretary"))
    with translation.override("en"), pytest.raises(ValidationError, match="cannot become"):
        services.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=NOW)
    services.plan_submit(actor=user_named("secretary"), plan=plan, now=NOW)
    with pytest.raises(ValidationError):  # returning needs remarks
        services.plan_decide(actor=user_named("chair"), plan=plan, approve=False, remarks=" ", now=NOW)


@pytest.mark.parametrize(
    ("min_meetings", "meetings", "rules"),
    [
        ({"per": "quarter"}, [dt.date(2027, 2, 10), dt.date(2027, 5, 12)], []),
        ({"per": "quarter"}, [dt.date(2027, 2, 10)], ["R-000-9c"]),  # nothing in the second quarter
        ({"per": "quarter"}, [], ["R-000-9c", "R-000-9c"]),
        ({"per": "two_months"}, [dt.date(2027, 2, 15), dt.date(2027, 4, 10), dt.date(2027, 6, 1)], []),
        ({"per": "two_months"}, [dt.date(2027, 3, 15)], ["R-001-3b", "R-001-3b"]),
    ],
)
def test_coverage_warnings(min_meetings, meetings, rules):
    warnings = coverage_warnings(
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 6, 30),
        min_meetings=min_meetings,
        meeting_dates=meetings,
        items_without_responsible=[],
    )
    assert [w.rule for w in warnings] == rules


def test_an_item_without_a_responsible_executor_is_flagged():
    [warning] = coverage_warnings(
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 3, 31),
        min_meetings={},
        meeting_dates=[],
        items_without_responsible=[3],
    )
    assert warning.rule == "R-000-10a"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_approved_plan_renders_to_pdf_in_kazakh_and_russian(client, plan, user_named, lang, tmp_path):
    secretary = user_named("secretary")
    add_item(
        plan,
        secretary,
        question_kk=f"Барлық әріптер: {KAZAKH_LETTERS}",
        question_ru="Проверка шрифтов",
        form_ru="Постановление",
        form_kk="Қаулы",
    )
    services.plan_submit(actor=secretary, plan=plan, now=NOW)
    services.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=NOW)
    client.force_login(user_named("member_mvd"))
    response = client.get(reverse("plans:plan_pdf", args=[plan.pk, lang]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # table cells wrap: compare words, not lines
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    if lang == "kk":
        assert KAZAKH_LETTERS in text
        assert "Жұмыс жоспары" in text and "Қаулы" in text
    else:
        assert "План работы" in text and "Проверка шрифтов" in text and "Постановление" in text
    assert "Noto" in fonts and all(line.split()[-4] == "yes" for line in fonts.splitlines()[2:])  # embedded


def test_plan_pages_answer_by_role(client, plan, user_named):
    url = plan.get_absolute_url()
    for username, status in [("member_mvd", 200), ("secretary", 200), ("oblast_secretary", 404)]:
        client.force_login(user_named(username))
        assert client.get(url).status_code == status
    client.force_login(user_named("member_mvd"))
    assert client.get(reverse("plans:item_new", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:plan_submit", args=[plan.pk])).status_code == 403
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_the_item_form_keeps_what_was_typed_on_error(client, plan, user_named):
    client.force_login(user_named("secretary"))
    response = client.post(
        reverse("plans:item_new", args=[plan.pk]),
        {"question_kk": "", "question_ru": "Только по-русски", "deadline": "31.02.2027"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Только по-русски" in text
    assert not plan.items.exists()


def test_creating_the_plan_sets_the_proposals_deadline_and_submitting_meets_it(plan, user_named):
    """R-000-9a: proposals come before the draft; the profile sets when (30 days before the half-year)."""
    from council.models import Deadline

    deadline = Deadline.objects.get(kind="plan-proposals", subject_id=plan.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-000-9a.proposals", dt.date(2026, 12, 2))
    add_item(plan, user_named("secretary"))
    services.plan_submit(actor=user_named("secretary"), plan=plan, now=NOW)
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.MET


def test_the_monitoring_group_plans_by_quarter_and_year(demo, user_named):
    """R-001-2: quarterly and annual plans; quarterly proposals by the 5th of the month before (R-003-12)."""
    group = demo["group"]
    secretary = user_named("group_secretary")
    assert services.plan_periods(group) == ["quarter", "year"]
    quarter = services.plan_create(actor=secretary, council=group, start=dt.date(2027, 1, 1), period="quarter", now=NOW)
    assert quarter.end == dt.date(2027, 3, 31)
    assert services.proposals_due(group, "quarter", quarter.start) == ("R-003-12.quarterly", dt.date(2026, 12, 7))
    year = services.plan_create(actor=secretary, council=group, start=dt.date(2027, 1, 1), period="year", now=NOW)
    assert year.end == dt.date(2027, 12, 31)
    with pytest.raises(ValidationError):
        services.plan_create(actor=secretary, council=group, start=dt.date(2027, 2, 1), period="quarter", now=NOW)


def test_the_secretary_submits_the_draft_plans_by_20_december_and_7_days_before_the_quarter(demo, user_named):
    """R-003-12: the draft annual plan by 20 December (Sunday 20 December 2026: Monday 21 December), the
    draft quarterly plan 7 calendar days before the quarter (25 December 2026, a Friday; for the first quarter
    of 2028, Saturday 25 December 2027, a day off: Friday 24 December); submitting meets it."""
    from council.models import Deadline

    group, secretary = demo["group"], user_named("group_secretary")

    def draft_deadline(plan):
        return Deadline.objects.get(kind="plan-draft", subject_id=plan.pk)

    year = services.plan_create(actor=secretary, council=group, start=dt.date(2027, 1, 1), period="year", now=NOW)
    quarter = services.plan_create(actor=secretary, council=group, start=dt.date(2027, 1, 1), period="quarter", now=NOW)
    later = services.plan_create(actor=secretary, council=group, start=dt.date(2028, 1, 1), period="quarter", now=NOW)
    assert (draft_deadline(year).rule_id, draft_deadline(year).due_date) == (
        "R-003-12.annual_draft",
        dt.date(2026, 12, 21),
    )
    assert (draft_deadline(quarter).rule_id, draft_deadline(quarter).due_date) == (
        "R-003-12.quarterly_draft",
        dt.date(2026, 12, 25),
    )
    assert draft_deadline(later).due_date == dt.date(2027, 12, 24)
    add_item(quarter, secretary)
    services.plan_submit(actor=secretary, plan=quarter, now=NOW)
    assert draft_deadline(quarter).state == Deadline.State.MET
    # The coordination council's profile sets no draft date.
    republic = services.plan_create(
        actor=user_named("secretary"), council=demo["republic"], start=dt.date(2027, 1, 1), now=NOW
    )
    assert not Deadline.objects.filter(kind="plan-draft", subject_id=republic.pk).exists()
    with pytest.raises(ValidationError):
        services.plan_create(actor=secretary, council=group, start=dt.date(2027, 1, 1), period="half_year", now=NOW)


def test_approved_items_are_offered_when_a_meeting_is_scheduled(plan, user_named):
    from plans.selectors import items_for_meeting

    secretary = user_named("secretary")
    dated = add_item(plan, secretary, planned_meeting=dt.date(2027, 3, 12), question_ru="Датированный вопрос")
    add_item(plan, secretary, planned_quarter=1, question_ru="Вопрос первого квартала")
    add_item(plan, secretary, planned_quarter=2, question_ru="Вопрос второго квартала")
    assert list(items_for_meeting(council=plan.council, day=dt.date(2027, 3, 12))) == []  # not approved yet
    services.plan_submit(actor=secretary, plan=plan, now=NOW)
    services.plan_decide(actor=user_named("chair"), plan=plan, approve=True, now=NOW)
    offered = [i.question_ru for i in items_for_meeting(council=plan.council, day=dt.date(2027, 3, 12))]
    assert offered == [dated.question_ru, "Вопрос первого квартала"]
    assert [i.question_ru for i in items_for_meeting(council=plan.council, day=dt.date(2027, 2, 1))] == [
        "Вопрос первого квартала"
    ]


def test_the_proposals_page_shows_the_due_date_and_marks_late_proposals(
    client, demo, user_named, sign_in, time_machine
):
    """R-000-9a: proposals to the plan from 1 January 2027 are due by 2 December 2026 (profile decision)."""
    time_machine.move_to(dt.datetime(2026, 12, 10, 10, tzinfo=NOW.tzinfo))
    services.proposal_submit(
        actor=user_named("member_mvd"),
        council=demo["republic"],
        period_start=dt.date(2027, 1, 1),
        question_kk="Кеш ұсыныс",
        question_ru="Поздний вопрос",
        justification_ru="Обоснование",
        responsible_body=body("mvd"),
        now=dt.datetime(2026, 12, 10, 10, tzinfo=NOW.tzinfo),
    )
    sign_in("secretary")
    text = client.get(reverse("plans:proposal_list", args=["republic"])).content.decode()
    assert "принимаются до 02.12.2026 (R-000-9a.proposals)" in text
    assert "с опозданием" in text


def test_the_plan_page_shows_its_deadlines(client, plan, sign_in, time_machine):
    time_machine.move_to(NOW)
    sign_in("secretary")
    text = client.get(plan.get_absolute_url()).content.decode()
    assert "R-000-9a.proposals" in text and "02.12.2026" in text


def test_analytical_plans_are_quarterly_with_a_stage_per_measure(demo, user_named):
    """R-004-4: quarterly plans, each measure with its stage; R-004-5: proposals by the 5th of the month
    after the quarter (for the plan of the second quarter of 2027: 5 April 2027, a Monday)."""
    from council.models import Council, CouncilOfficer
    from plans.models import PlanItem

    office = Council.objects.create(
        code="gpo-analytics", kind=Council.Kind.ANALYTICAL, name_ru="Аналитика ГП", name_kk="БП талдау"
    )
    CouncilOfficer.objects.create(
        council=office, person=user_named("secretary"), role="secretary", start=dt.date(2024, 1, 1)
    )
    assert services.plan_periods(office) == ["quarter"]
    plan = services.plan_create(actor=user_named("secretary"), council=office, start=dt.date(2027, 4, 1), now=NOW)
    assert services.proposals_due(office, "quarter", plan.start) == ("R-004-5", dt.date(2027, 4, 5))
    item = add_item(plan, user_named("secretary"), stage=PlanItem.Stage.ANALYSIS)
    assert item.stage == "analysis"
    assert services.snapshot(plan)[0]["stage"] == "analysis"
