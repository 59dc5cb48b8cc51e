"""Workflow objects change status only as their transition tables allow, with a translated reason for an
illegal move; what a move sets off in other objects is declared next to the table; every audit event names
one of the declared verbs."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from council.models import AuditEvent, AuditVerb, Deadline
from council.workflow import move
from plans.models import Plan, Proposal
from protocols import control
from protocols import services as protocol_services
from protocols.models import Assignment, Extension, Protocol
from protocols.services.agreement import earliest_agree_by
from secretariat.models import AgendaItem, ExtraordinaryRequest, Meeting
from territorial.models import Approval
from tests import clock
from tests.helpers import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(signed, user_named):
    protocol_services.protocol_dispatch(
        actor=user_named("secretary"), protocol=signed, now=at(clock.day(2026, 12, 8), 9)
    )
    return signed


def assignments(protocol):
    lead = Assignment.objects.get(decision__item__protocol=protocol, responsible=True)
    part = Assignment.objects.get(decision__item__protocol=protocol, responsible=False)
    return lead, part


def propose_for_removal(lead, part, user_named):
    """The co-executor and the responsible body report; the secretary proposes removal from control."""
    control.report_submit(
        actor=user_named("sec_gpo"), assignment=part, text="Материалы", now=at(clock.day(2026, 12, 20))
    )
    control.report_submit(actor=user_named("sec_mvd"), assignment=lead, text="Отчёт", now=at(clock.day(2026, 12, 28)))
    control.report_analyse(
        actor=user_named("secretary"),
        assignment=lead,
        accept=True,
        certificate="Исполнено в полном объёме",
        now=at(clock.day(2026, 12, 29)),
    )


def refusal(call):
    with translation.override("ru"):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.code == "illegal_transition"
        return " ".join(caught.value.messages)


def test_a_decided_proposal_cannot_be_decided_again(demo, user_named):
    proposal = Proposal(status=Proposal.Status.ACCEPTED)
    before = AuditEvent.objects.count()
    message = refusal(
        lambda: move(
            proposal,
            Proposal.Status.REJECTED,
            actor=user_named("secretary"),
            now=at(clock.day(2026, 12, 1)),
            council=demo["republic"],
        )
    )
    assert "«принято в план»" in message and "предложение в план" in message
    assert proposal.status == Proposal.Status.ACCEPTED
    assert AuditEvent.objects.count() == before


def test_a_declined_extension_cannot_be_approved(demo, user_named):
    extension = Extension(status=Extension.Status.DECLINED)
    message = refusal(
        lambda: move(
            extension,
            Extension.Status.APPROVED,
            actor=user_named("chair"),
            now=at(clock.day(2026, 12, 1)),
            council=demo["republic"],
        )
    )
    assert "запрос о продлении" in message
    assert extension.status == Extension.Status.DECLINED


def test_a_closed_deadline_cannot_become_overdue_and_an_open_one_moves_without_a_query(
    django_assert_num_queries,
):
    closed = Deadline(state=Deadline.State.MET_LATE)
    message = refusal(lambda: closed.move_to(Deadline.State.OVERDUE))
    assert "«исполнен с опозданием»" in message
    assert closed.state == Deadline.State.MET_LATE
    open_one = Deadline(state=Deadline.State.OPEN)
    with django_assert_num_queries(0):
        open_one.move_to(Deadline.State.OVERDUE)
    assert open_one.state == Deadline.State.OVERDUE


def test_a_move_without_its_council_writes_nothing(demo, user_named):
    plan = Plan(status=Plan.Status.DRAFT)
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError):
        move(plan, Plan.Status.SUBMITTED, actor=user_named("secretary"), now=at(clock.day(2026, 12, 1)), council=None)
    assert (plan.status, AuditEvent.objects.count()) == (Plan.Status.DRAFT, before)


@pytest.mark.parametrize("declared", [True, False])
def test_removal_closes_the_parts_through_the_declared_cascade(sent, user_named, monkeypatch, declared):
    lead, part = assignments(sent)
    if not declared:
        monkeypatch.setattr(Assignment, "CASCADES", {})
    propose_for_removal(lead, part, user_named)
    control.removal_decide(actor=user_named("chair"), assignment=lead, remove=True, now=at(clock.day(2026, 12, 31)))
    lead.refresh_from_db()
    part.refresh_from_db()
    assert lead.status == Assignment.Status.REMOVED
    assert part.status == (Assignment.Status.REMOVED if declared else Assignment.Status.REPORTED)
    removed = AuditEvent.objects.filter(
        verb=AuditVerb.ASSIGNMENT_REMOVED, subject_type="protocols.assignment", subject_id=lead.pk
    )
    assert removed.count() == 1


def correct_and_send(protocol, user_named):
    secretary = user_named("secretary")
    day = at(clock.day(2026, 12, 10))
    correction = protocol_services.protocol_correct(actor=secretary, protocol=protocol, now=day)
    protocol_services.protocol_send_for_agreement(
        actor=secretary, protocol=correction, agree_by=earliest_agree_by(correction, day.date()), now=day
    )
    protocol_services.protocol_present(actor=secretary, protocol=correction, now=at(clock.day(2026, 12, 15)))
    protocol_services.protocol_sign(
        actor=user_named("chair"), protocol=correction, password="demo-pass-123", now=at(clock.day(2026, 12, 15))
    )
    protocol_services.protocol_dispatch(actor=secretary, protocol=correction, now=at(clock.day(2026, 12, 15), 12))
    return correction


@pytest.mark.parametrize("declared", [True, False])
def test_a_sent_correction_cancels_the_assignments_through_the_declared_cascade(
    sent, user_named, monkeypatch, declared
):
    lead, part = assignments(sent)
    if not declared:
        monkeypatch.setattr(Protocol, "CASCADES", {})
    correct_and_send(sent, user_named)
    lead.refresh_from_db()
    part.refresh_from_db()
    expected = Assignment.Status.CANCELLED if declared else Assignment.Status.IN_WORK
    assert (lead.status, part.status) == (expected, expected)


def test_every_move_in_every_table_has_an_audit_verb():
    for model in (Plan, Proposal, Meeting, AgendaItem, ExtraordinaryRequest, Protocol, Assignment, Extension, Approval):
        for targets in model.TRANSITIONS.values():
            for to in targets:
                assert f"{model._meta.model_name}.{to}" in AuditVerb.values


def test_every_verb_written_in_a_full_flow_is_a_declared_audit_verb(sent, user_named):
    lead, part = assignments(sent)
    day = at(clock.day(2026, 12, 9))
    extension = control.extension_request(
        actor=user_named("sec_mvd"),
        assignment=lead,
        new_due_date=clock.day(2027, 2, 1),
        reason="Ожидаются данные",
        now=day,
    )
    control.extension_decide(actor=user_named("chair"), extension=extension, approve=True, now=day)
    propose_for_removal(lead, part, user_named)
    control.removal_decide(actor=user_named("chair"), assignment=lead, remove=True, now=at(clock.day(2026, 12, 31)))
    written = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"meeting.held", "protocol.dispatched", "extension.approved", "assignment.removed"} <= written
    assert written <= set(AuditVerb.values)
