"""R-001-1.2: the monitoring group may not deal with a specific criminal case: its proposals and questions
carry the proposer's confirmation, and the secretary refuses a proposal or a question of a meeting's agenda
on this ground with the rule cited.
R-003-24: the chair decides on recording and videoconferencing, recorded on the meeting, shown to members."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import AuditEvent, Body, Deadline, Notification
from council.selectors import bodies_of, council_bodies, deadlines_of
from plans import services as plans
from plans.models import Plan, PlanItem, Proposal
from secretariat.models import AgendaItem, Meeting
from secretariat.selectors import agenda_context
from secretariat.services import (
    agenda_approve,
    extraordinary_request,
    item_decide,
    item_refuse,
    item_report,
    material_submit,
    meeting_schedule,
)
from secretariat.services.meetings import meeting_media_decide
from tests.helpers import NOW, pdf_of, upload

pytestmark = pytest.mark.django_db


def propose(group, user, **kw):
    body = bodies_of(user=user, council=group, day=NOW.date())[0]
    return plans.proposal_submit(
        actor=user,
        council=group,
        period_start=dt.date(2027, 1, 1),
        question_kk="Ұстау орындарындағы адвокаттың қолжетімділігі",
        question_ru="Доступ адвоката в места содержания",
        justification_ru="Записка",
        responsible_body=council_bodies(group).first(),
        body=body,
        now=NOW,
        **kw,
    )


def test_a_group_proposal_needs_the_confirmation_and_may_be_refused_as_a_criminal_case(demo, user_named):
    group, member = demo["group"], user_named("group_bar_1")
    with translation.override("en"), pytest.raises(ValidationError, match="R-001-1.2"):
        propose(group, member)
    proposal = propose(group, member, not_a_criminal_case=True)
    assert proposal.not_a_criminal_case
    plans.proposal_decide(
        actor=user_named("group_secretary"), proposal=proposal, accept=False, criminal_case=True, now=NOW
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED and "R-001-1.2" in proposal.decision_note


def test_the_coordination_council_asks_for_no_such_confirmation(demo, user_named):
    republic = demo["republic"]
    proposal = plans.proposal_submit(
        actor=user_named("sec_mvd"),
        council=republic,
        period_start=dt.date(2027, 1, 1),
        question_kk="Мәселе",
        question_ru="Вопрос",
        justification_ru="Записка",
        responsible_body=council_bodies(republic).first(),
        now=NOW,
    )
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_groups_extraordinary_question_needs_the_confirmation(demo, user_named):
    data = {
        "actor": user_named("group_bar_1"),
        "council": demo["group"],
        "question_kk": "Мәселе",
        "question_ru": "Вопрос",
        "justification": "Срочно",
        "desired_date": dt.date(2026, 12, 10),
        "now": NOW,
    }
    with pytest.raises(ValidationError, match="R-001-1.2"):
        extraordinary_request(**data)
    assert extraordinary_request(**data, not_a_criminal_case=True).pk


def test_the_chairs_decision_on_recording_is_shown_to_members(
    dispatched_meeting, user_named, client, sign_in, time_machine
):
    with pytest.raises(PermissionDenied):
        meeting_media_decide(
            actor=user_named("secretary"), meeting=dispatched_meeting, recording=True, videoconference=True, now=NOW
        )
    meeting_media_decide(
        actor=user_named("chair"), meeting=dispatched_meeting, recording=True, videoconference=False, now=NOW
    )
    dispatched_meeting.refresh_from_db()
    assert (dispatched_meeting.recording, dispatched_meeting.videoconference) == (True, False)
    time_machine.move_to(NOW)
    sign_in("member_mvd", language="en")
    page = client.get(dispatched_meeting.get_absolute_url()).content.decode()
    assert "R-003-24" in page and "the meeting is recorded" in page and "no videoconference" in page


# The secretary's refusal of a question of the group's agenda (R-001-1.2) -----------------------------------

MEETING_DAY = dt.date(2027, 1, 22)
REFUSAL_EN = "Refused: the group may not deal with a specific criminal case (R-001-1.2)."


@pytest.fixture
def group_plan_items(demo, user_named):
    """The group's approved plan with two questions: the first from a member's proposal carrying the
    confirmation, the second entered by the secretary."""
    group = demo["group"]
    police = Body.objects.get(code="almaty-city-dp")
    proposal = propose(group, user_named("group_bar_1"), not_a_criminal_case=True)
    plan = Plan.objects.create(
        council=group,
        period=Plan.Period.HALF_YEAR,
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 6, 30),
        status=Plan.Status.APPROVED,
        created_by=user_named("group_secretary"),
        created_at=NOW,
    )
    return [
        PlanItem.objects.create(
            plan=plan,
            number=1,
            question_kk=proposal.question_kk,
            question_ru=proposal.question_ru,
            responsible_body=police,
            proposal=proposal,
        ),
        PlanItem.objects.create(
            plan=plan,
            number=2,
            question_kk="Ұстау орнындағы нақты азамат туралы іс",
            question_ru="Дело конкретного задержанного",
            responsible_body=police,
        ),
    ]


def schedule_group(user_named, demo, plan_items, **kw):
    return meeting_schedule(
        actor=user_named("group_secretary"),
        council=demo["group"],
        date=MEETING_DAY,
        now=NOW,
        plan_items=plan_items,
        **kw,
    )


def test_questions_put_on_the_groups_agenda_carry_the_confirmation(demo, user_named, group_plan_items):
    """The proposal's confirmation carries over; a question without one needs the secretary's (R-001-1.2)."""
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        schedule_group(user_named, demo, group_plan_items)
    with translation.override("en"):
        assert refused.value.message_dict["not_a_criminal_case"] == [
            "Confirm that the question does not concern a specific criminal case: the group may not deal with one "
            "(R-001-1.2)."
        ]
    assert not Meeting.objects.filter(council=demo["group"], date=MEETING_DAY).exists()
    from_proposal = schedule_group(user_named, demo, group_plan_items[:1])
    assert [i.not_a_criminal_case for i in from_proposal.items.all()] == [True]
    both = schedule_group(user_named, demo, group_plan_items, not_a_criminal_case=True)
    assert [i.not_a_criminal_case for i in both.items.order_by("number")] == [True, True]


def test_the_meeting_form_asks_the_group_secretary_for_the_confirmation(
    demo, user_named, group_plan_items, client, sign_in, time_machine
):
    time_machine.move_to(NOW)
    sign_in("group_secretary", language="en")
    url = reverse("secretariat:meeting_new", args=[demo["group"].code])
    data = {"date": MEETING_DAY.isoformat(), "plan_item": [i.pk for i in group_plan_items], "confirm_late": "1"}
    page = client.post(url, data).content.decode()
    assert "Confirm that the question does not concern a specific criminal case" in page
    response = client.post(url, {**data, "not_a_criminal_case": "on"})
    meeting = Meeting.objects.get(council=demo["group"], date=MEETING_DAY)
    assert response.status_code == 302 and meeting.items.filter(not_a_criminal_case=True).count() == 2
    sign_in("secretary", language="en")
    page = client.get(reverse("secretariat:meeting_new", args=[demo["republic"].code])).content.decode()
    assert "not_a_criminal_case" not in page


def test_the_secretary_refuses_a_question_as_a_criminal_case(
    demo, user_named, group_plan_items, client, sign_in, time_machine
):
    """Question 2 concerns one detainee's case: refused with the rule cited, its deadlines waived, the
    responsible body told, shown on the meeting page, and left off the approved agenda (R-001-1.2)."""
    meeting = schedule_group(user_named, demo, group_plan_items, not_a_criminal_case=True)
    first, second = meeting.items.order_by("number")
    secretary, chair = user_named("group_secretary"), user_named("group_chair")
    with pytest.raises(PermissionDenied):
        item_refuse(actor=user_named("group_bar_1"), item=second, now=NOW)
    item_refuse(actor=secretary, item=second, note="Дело № 123", now=NOW)
    second.refresh_from_db()
    assert second.status == AgendaItem.Status.REFUSED
    with translation.override("en"):
        assert second.refusal == f"{REFUSAL_EN} Дело № 123"
        assert second.steps.get(to_status=AgendaItem.Status.REFUSED).comment == f"{REFUSAL_EN} Дело № 123"
    assert AuditEvent.objects.filter(verb="agendaitem.refused", council=demo["group"], actor=secretary).count() == 1
    assert not deadlines_of(second).filter(state__in=Deadline.ACTIVE_STATES).exists()
    # The responsible body (the police department's members of the group) is told, in their language.
    told = Notification.objects.filter(message="item.refused", key=f"item:{second.pk}:refused")
    assert {n.recipient.username for n in told} == {"group_chair", "group_police_1", "group_police_2"}
    with translation.override("en"):
        title, body = told.first().rendered()
    assert title.startswith("Question 2 of the meeting of Jan. 22, 2027 is refused")
    assert body == f"{REFUSAL_EN} Дело № 123"
    with translation.override("ru"):
        assert told.first().rendered()[1] == (
            "Отказано: группа не вправе заниматься конкретным уголовным делом (R-001-1.2). Дело № 123"
        )
    # A refused question is final and is refused once.
    with translation.override("en"), pytest.raises(ValidationError):
        item_refuse(actor=secretary, item=second, now=NOW)

    time_machine.move_to(NOW)
    sign_in("group_secretary", language="en")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"{REFUSAL_EN} Дело № 123" in page
    assert reverse("secretariat:item_refuse", args=[first.pk]) in page
    assert reverse("secretariat:item_refuse", args=[second.pk]) not in page

    # The other question is prepared and accepted: the agenda is approved without the refused one.
    material_submit(actor=secretary, item=first, kind="reference_note", upload=upload("n.pdf", pdf_of(2)), now=NOW)
    item_report(actor=secretary, item=first, now=NOW)
    item_decide(actor=chair, item=first, accept=True, now=NOW)
    agenda_approve(actor=chair, meeting=meeting, now=NOW)
    assert [i.number for i in agenda_context(meeting)["items"]] == [1]
    with translation.override("en"), pytest.raises(ValidationError):
        item_refuse(actor=secretary, item=first, now=NOW)  # the agenda is approved: too late


def test_a_council_without_the_limit_refuses_no_question_on_this_ground(scheduled_item, user_named):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        item_refuse(actor=user_named("secretary"), item=scheduled_item, now=NOW)
    with translation.override("en"):
        assert refused.value.messages == [
            "The council's regulation gives no ground to refuse a question as a criminal case."
        ]
    scheduled_item.refresh_from_db()
    assert scheduled_item.status == AgendaItem.Status.PREPARING
