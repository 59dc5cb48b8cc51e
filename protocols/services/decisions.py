"""Writes of decisions and votes: executors, deadlines (R-000-11e, R-003-23) and the count by simple
majority (R-000-9d, R-000-9g)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from council.models import AuditVerb
from council.services import audit
from plans.services import history_stamp, refuse_stale_version
from secretariat.counting import Choice, count_votes
from secretariat.models import Attendance

from ..assignment_kinds import check_period, earliest_due
from ..models import Decision, DecisionExecutor, Vote
from .drafts import _editable, can_edit, default_due_date


@transaction.atomic
def decision_save(
    *,
    actor,
    item,
    text_kk,
    text_ru,
    executors,
    now,
    due_date=None,
    decision=None,
    version=None,
    kind="",
    shortened_on="",
    period="",
):
    """A decision with its executors in order, the first organising (R-000-11e), and its deadline: one
    month from the meeting when none is set (R-003-23). ``version``: the one the edit form was opened with;
    a save over a newer version is refused, and every save raises the version. A decision whose text (in
    either language) changes loses its vote, which was given on the old text (R-000-9g): the returned
    decision's ``vote_removed`` says so."""
    protocol = item.protocol
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    protocol = _editable(protocol)
    if decision is not None:
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        refuse_stale_version(
            decision,
            version,
            now=now,
            message=_(
                "%(who)s saved this decision at %(time)s; nothing was saved. Your text is kept below and the "
                "current text is shown: review it and save again."
            ),
        )
    errors = {}
    if not (text_kk.strip() and text_ru.strip()):
        errors["text_ru"] = _("Write the decision in Kazakh and in Russian.")
    if not executors:
        errors["responsible"] = _("Name the executor; the first listed organises the execution.")
    if due_date is not None and due_date <= protocol.meeting.date:
        errors["due_date"] = _("The execution deadline comes after the meeting.")
    if errors:
        raise ValidationError(errors)
    # R-003-40..44, R-003-47: the kind's minimum period, unless a ground is recorded; a periodic assignment
    # without a final date runs to 31 December.
    due_date = check_period(
        council=protocol.council,
        kind=kind,
        shortened_on=shortened_on,
        period=period,
        given_on=protocol.meeting.date,
        due_date=due_date,
    )
    if due_date is None and kind:
        due_date = max(default_due_date(protocol), earliest_due(protocol.council, kind, protocol.meeting.date))
    text_kk, text_ru = text_kk.strip(), text_ru.strip()
    removed = None
    if decision is None:
        number = (item.decisions.aggregate(n=Max("number"))["n"] or 0) + 1
        decision = Decision(item=item, number=number)
    else:
        decision.version += 1
        if (decision.text_kk, decision.text_ru) != (text_kk, text_ru):
            removed = _vote_remove(decision)
    decision.text_kk, decision.text_ru = text_kk, text_ru
    decision.kind, decision.shortened_on, decision.period = kind, shortened_on if kind else "", period
    decision.due_date = due_date or default_due_date(protocol)
    history_stamp(decision, actor=actor, now=now)
    decision.save()
    decision.vote_removed = removed is not None
    decision.executors.all().delete()
    seen = []
    for body in executors:
        if body.pk not in seen:
            seen.append(body.pk)
    DecisionExecutor.objects.bulk_create(
        [DecisionExecutor(decision=decision, body_id=b, order=i) for i, b in enumerate(seen, start=1)]
    )
    audit(
        actor=actor,
        verb=AuditVerb.PROTOCOL_DECISION,
        subject=protocol,
        council=protocol.council,
        at=now,
        decision=decision.pk,
    )
    if removed is not None:
        audit(
            actor=actor,
            verb=AuditVerb.PROTOCOL_VOTES_REMOVED,
            subject=protocol,
            council=protocol.council,
            at=now,
            decision=decision.pk,
            **removed,
        )
    return decision


def _vote_remove(decision):
    """The vote was given on the old text: its ballots and count go, and the decision waits for a new vote.
    Returns the removed count, or None when there was no vote."""
    ballots = decision.votes.count()
    if not ballots and decision.adopted is None:
        return None
    removed = {
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "abstained": decision.abstained,
        "adopted": decision.adopted,
        "ballots": ballots,
    }
    decision.votes.all().delete()
    decision.votes_for = decision.votes_against = decision.abstained = decision.adopted = None
    decision.casting_vote = False
    return removed


def entitled_voters(meeting):
    """Seats present on the meeting day, in person or through the acting official, with who sits in
    them: they vote; invited persons never do (R-000-9d, R-000-12)."""
    return list(
        meeting.attendance.exclude(presence=Attendance.Presence.ABSENT).select_related("seat__position", "person")
    )


@transaction.atomic
def votes_record(*, actor, decision, choices, now):
    """The vote on a decision: ``choices`` maps each present seat to for, against or abstain; counted by
    simple majority with the presiding person's vote deciding a tie (R-000-9g)."""
    protocol = decision.item.protocol
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("The secretary records the votes."))
    protocol = _editable(protocol)
    voters = {a.seat_id: a for a in entitled_voters(protocol.meeting)}
    unknown = set(choices) - set(voters)
    if unknown:
        raise ValidationError(_("Only members present at the meeting vote."))
    if set(choices) != set(voters) or any(c not in {x.value for x in Choice} for c in choices.values()):
        raise ValidationError(_("Record the vote of every member present: for, against or abstained."))
    decision.votes.all().delete()
    Vote.objects.bulk_create(
        [Vote(decision=decision, seat_id=s, person=voters[s].person, choice=c) for s, c in choices.items()]
    )
    result = count_votes({s: Choice(c) for s, c in choices.items()}, protocol.meeting.presiding_id)
    decision.votes_for, decision.votes_against, decision.abstained = (
        result.votes_for,
        result.votes_against,
        result.abstained,
    )
    decision.adopted, decision.casting_vote = result.adopted, result.casting_vote
    decision.save(update_fields=["votes_for", "votes_against", "abstained", "adopted", "casting_vote"])
    audit(
        actor=actor,
        verb=AuditVerb.PROTOCOL_VOTES,
        subject=protocol,
        council=protocol.council,
        at=now,
        adopted=result.adopted,
    )
    return result
