"""R-001-1.2: the monitoring group may not deal with a specific criminal case: its proposals and questions
carry the proposer's confirmation, and the secretary refuses a question on this ground with the rule cited.
R-003-24: the chair decides on recording and videoconferencing, recorded on the meeting, shown to members."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from council.selectors import bodies_of, council_bodies
from plans import services as plans
from plans.models import Proposal
from secretariat.services import extraordinary_request
from secretariat.services.meetings import meeting_media_decide
from tests.helpers import NOW

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
