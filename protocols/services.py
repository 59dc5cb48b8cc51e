"""Writes of protocols: the draft, decisions and votes, agreement with the members, signing, freezing and
dispatch (R-000-9g, R-000-11a, R-000-11b, R-000-11c, R-001-3e, R-003-23, R-003-65)."""

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, council_rule_date, deadline_close_for, deadline_open
from council.models import AuditVerb, Body, Council
from council.notify import bilingual, notify
from council.pdf import PDF_LANGUAGES, render_pdf
from council.rules import allowed
from council.selectors import council_roster
from council.services import audit
from council.workflow import move
from plans.services import history_stamp, refuse_stale_version
from secretariat.counting import Choice, count_votes
from secretariat.models import Attendance, Invitee

from .models import (
    Decision,
    DecisionExecutor,
    Protocol,
    ProtocolAnswer,
    ProtocolItem,
    ProtocolReceipt,
    ProtocolVersion,
    Signature,
    Vote,
)


def can_edit(user, protocol, day):
    return allowed(user, "protocols.edit_protocol", protocol, day=day)


def _locked(protocol):
    """The protocol as it is now in the database, locked until the end of the transaction."""
    return Protocol.objects.select_for_update().select_related("meeting", "council").get(pk=protocol.pk)


def _editable(protocol):
    protocol = _locked(protocol)
    if protocol.status != Protocol.Status.DRAFT:
        raise ValidationError(
            _("The protocol is “%(status)s”; it is edited only as a draft.") % {"status": protocol.get_status_display()}
        )
    return protocol


def default_due_date(protocol):
    """A decision with no deadline set is due one month from the meeting (R-003-23)."""
    return council_rule_date(protocol.council, "R-003-23", protocol.meeting.date)


@transaction.atomic
def protocol_create(*, actor, meeting, now, corrects=None):
    """The draft protocol of a held meeting, one question per agenda item; a correction copies the
    corrected protocol's content into a new, linked draft."""
    protocol = Protocol.objects.create(
        meeting=meeting, council=meeting.council, corrects=corrects, created_by=actor, created_at=now
    )
    if corrects is None:
        for a in meeting.items.order_by("number"):
            ProtocolItem.objects.create(
                protocol=protocol, agenda_item=a, number=a.number, question_kk=a.question_kk, question_ru=a.question_ru
            )
    else:
        for old in corrects.items.prefetch_related("decisions__executors", "decisions__votes"):
            item = ProtocolItem.objects.create(
                protocol=protocol,
                agenda_item=old.agenda_item,
                number=old.number,
                question_kk=old.question_kk,
                question_ru=old.question_ru,
                heard_kk=old.heard_kk,
                heard_ru=old.heard_ru,
            )
            for d in old.decisions.all():
                executors, votes = list(d.executors.all()), list(d.votes.all())
                d.pk, d.item = None, item
                d.save()
                DecisionExecutor.objects.bulk_create(
                    [DecisionExecutor(decision=d, body_id=e.body_id, order=e.order) for e in executors]
                )
                Vote.objects.bulk_create(
                    [Vote(decision=d, seat_id=v.seat_id, person_id=v.person_id, choice=v.choice) for v in votes]
                )
    audit(actor=actor, verb=AuditVerb.PROTOCOL_CREATE, subject=protocol, council=meeting.council, at=now)
    return protocol


def protocol_open_for_held_meeting(*, actor, meeting, now):
    """A meeting was held (a ``secretariat.events`` handler): its protocol draft is opened with the
    agenda's questions and the protocol's deadline starts (R-000-11a; R-001-3e, R-002-12 by the profile)."""
    protocol = protocol_create(actor=actor, meeting=meeting, now=now)
    deadline_open(
        council=meeting.council,
        subject=protocol,
        kind="protocol",
        rule_id=council_profile(meeting.council).typed.protocol_rule,
        anchor=meeting.date,
        now=now,
        actor=actor,
        title=bilingual(_("Protocol of the meeting of %(date)s"), date=meeting.date.strftime("%d.%m.%Y")),
    )
    return protocol


def attendance_lock(meeting):
    """The attendance of a held meeting changes only while its protocol is a draft (a
    ``secretariat.events`` check)."""
    if Protocol.objects.filter(meeting=meeting).exclude(status=Protocol.Status.DRAFT).exists():
        return _("The protocol has gone beyond a draft; attendance can no longer change.")
    return None


@transaction.atomic
def protocol_correct(*, actor, protocol, now):
    """A signed protocol is never edited; a correction is a new document linked to it."""
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    if not protocol.frozen:
        raise ValidationError(_("Only a signed protocol is corrected by a new document; a draft is simply edited."))
    if protocol.corrections.filter(status__in=[s for s in Protocol.Status if s not in Protocol.FROZEN]).exists():
        raise ValidationError(_("A correction of this protocol is already being drafted."))
    return protocol_create(actor=actor, meeting=protocol.meeting, now=now, corrects=protocol)


@transaction.atomic
def item_save(*, actor, item, heard_kk, heard_ru, now, version=None):
    """What was heard on a question. ``version``: the one the edit form was opened with; a save over a
    newer version is refused, and every save raises the version."""
    protocol = item.protocol
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    protocol = _editable(protocol)
    item = ProtocolItem.objects.select_for_update().get(pk=item.pk)
    refuse_stale_version(
        item,
        version,
        now=now,
        message=_(
            "%(who)s saved this question at %(time)s; nothing was saved. Your text is kept below and the "
            "current text is shown: review it and save again."
        ),
    )
    item.heard_kk, item.heard_ru = heard_kk.strip(), heard_ru.strip()
    item.version += 1
    history_stamp(item, actor=actor, now=now)
    item.save(update_fields=["heard_kk", "heard_ru", "version"])
    audit(
        actor=actor, verb=AuditVerb.PROTOCOL_ITEM, subject=protocol, council=protocol.council, at=now, item=item.number
    )
    return item


@transaction.atomic
def public_part_save(*, actor, protocol, participants, remarks_kk, remarks_ru, now):
    """The protocol of a police chief's report to the public also records the number of participants and
    the citizens' complaints, proposals and remarks (R-002-12..R-002-14)."""
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary drafts protocols."))
    protocol = _editable(protocol)
    if not council_profile(protocol.council).typed.public_protocol:
        raise ValidationError(_("The council's regulation does not provide for this part of the protocol."))
    if participants is None or participants < 1:
        raise ValidationError({"participants": _("Give the number of participants.")})
    protocol.participants = participants
    protocol.public_remarks_kk, protocol.public_remarks_ru = remarks_kk.strip(), remarks_ru.strip()
    protocol.save(update_fields=["participants", "public_remarks_kk", "public_remarks_ru"])
    audit(actor=actor, verb=AuditVerb.PROTOCOL_PUBLIC, subject=protocol, council=protocol.council, at=now)
    return protocol


@transaction.atomic
def decision_save(*, actor, item, text_kk, text_ru, executors, now, due_date=None, decision=None, version=None):
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


# Agreement with the members (R-000-11b, R-003-65) ------------------------------------------------------


def members(protocol):
    """Whoever sits in the council's seats on the meeting day (holders, or acting officials)."""
    return [e.person for e in council_roster(council=protocol.council, day=protocol.meeting.date) if e.person]


def earliest_agree_by(protocol, day):
    """Members get at least the agreement period of the profile (R-003-65) to answer."""
    return council_rule_date(protocol.council, council_profile(protocol.council).typed.agreement_rule, day)


def snapshot(protocol):
    return {
        "items": [
            {
                "number": i.number,
                "heard_kk": i.heard_kk,
                "heard_ru": i.heard_ru,
                "decisions": [
                    {
                        "number": d.number,
                        "text_kk": d.text_kk,
                        "text_ru": d.text_ru,
                        "due_date": d.due_date.isoformat() if d.due_date else None,
                        "executors": [e.body_id for e in d.executors.all()],
                    }
                    for d in i.decisions.all()
                ],
            }
            for i in protocol.items.prefetch_related("decisions__executors")
        ]
    }


@transaction.atomic
def protocol_send_for_agreement(*, actor, protocol, agree_by, now):
    protocol = _locked(protocol)
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary sends the draft to the members."))
    if not Decision.objects.filter(item__protocol=protocol).exists():
        raise ValidationError(_("The draft has no decisions yet."))
    unvoted = Decision.objects.filter(item__protocol=protocol, adopted__isnull=True).count()
    if unvoted:
        raise ValidationError(_("Record the votes on every decision first; %(n)s without a vote.") % {"n": unvoted})
    earliest = earliest_agree_by(protocol, now.date())
    if agree_by < earliest:
        raise ValidationError(
            {
                "agree_by": _("Members get until %(date)s at least (%(rule)s).")
                % {
                    "date": earliest.strftime("%d.%m.%Y"),
                    "rule": council_profile(protocol.council).typed.agreement_rule,
                }
            }
        )
    move(protocol, Protocol.Status.AGREEMENT, actor=actor, now=now, council=protocol.council)
    protocol.agree_by = agree_by
    protocol.save(update_fields=["status", "agree_by"])
    ProtocolVersion.objects.update_or_create(
        protocol=protocol,
        version=protocol.version,
        defaults={"content": snapshot(protocol), "created_by": actor, "created_at": now},
    )
    notify(
        recipients=members(protocol),
        key=f"protocol:{protocol.pk}:agree:{protocol.version}",
        render=lambda: (
            _("Agree the draft protocol of the meeting of %(date)s by %(by)s")
            % {"date": protocol.meeting.date.strftime("%d.%m.%Y"), "by": agree_by.strftime("%d.%m.%Y")},
            _("No answer by then counts as agreement.")
            if council_profile(protocol.council).typed.silence_is_consent
            else "",
        ),
        now=now,
        council=protocol.council,
        url=protocol.get_absolute_url(),
    )
    return protocol


@transaction.atomic
def protocol_answer(*, actor, protocol, agrees, remarks="", now):
    """A member agrees with the draft decision or sends remarks (R-000-11b)."""
    protocol = _locked(protocol)
    if actor.pk not in {p.pk for p in members(protocol)}:
        raise PermissionDenied(_("Only the members agree the draft protocol."))
    if protocol.status != Protocol.Status.AGREEMENT:
        raise ValidationError(_("The draft is not with the members for agreement."))
    if not agrees and not remarks.strip():
        raise ValidationError({"remarks": _("Write your remarks.")})
    answer, _created = ProtocolAnswer.objects.update_or_create(
        protocol=protocol,
        version=protocol.version,
        person=actor,
        defaults={"agrees": agrees, "remarks": remarks.strip(), "answered_at": now},
    )
    audit(
        actor=actor, verb=AuditVerb.PROTOCOL_ANSWER, subject=protocol, council=protocol.council, at=now, agrees=agrees
    )
    if not agrees:
        from council.selectors import council_secretaries

        notify(
            recipients=council_secretaries(council=protocol.council, day=now.date()),
            key=f"protocol:{protocol.pk}:remarks:{protocol.version}:{actor.pk}",
            render=lambda: (_("Remarks on the draft protocol from %(who)s") % {"who": actor.display_name}, remarks),
            now=now,
            council=protocol.council,
            url=protocol.get_absolute_url(),
        )
    return answer


def agreement_state(protocol, day, people=None):
    """Per member, for the current version: "agrees", "remarks" (with the answer), "silence" (no answer
    after the date, which counts as agreement where the profile says so, R-003-65) or "waiting".
    ``people``: the members, when the caller has them already."""
    answers = {a.person_id: a for a in protocol.answers.filter(version=protocol.version)}
    consent = council_profile(protocol.council).typed.silence_is_consent
    past = protocol.agree_by is not None and day > protocol.agree_by
    rows = []
    for person in members(protocol) if people is None else people:
        a = answers.get(person.pk)
        if a:
            state = "agrees" if a.agrees else "remarks"
        elif past and consent:
            state = "silence"
        else:
            state = "waiting"
        rows.append((person, state, a))
    return rows


@transaction.atomic
def protocol_rework(*, actor, protocol, now):
    """The secretary takes the draft back to work the members' remarks in: the next version."""
    protocol = _locked(protocol)
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary works the remarks in."))
    move(protocol, Protocol.Status.DRAFT, actor=actor, now=now, council=protocol.council)
    protocol.version += 1
    protocol.save(update_fields=["status", "version"])
    return protocol


@transaction.atomic
def protocol_present(*, actor, protocol, now):
    """Present the agreed draft for signature (R-000-11a): every member agreed, or the date passed and
    silence counts as agreement (R-003-65); remarks on this version must be worked in first."""
    protocol = _locked(protocol)
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary presents the protocol for signature."))
    if protocol.status == Protocol.Status.AGREEMENT:
        rows = agreement_state(protocol, now.date())
        remarks = [p.display_name for p, state, _a in rows if state == "remarks"]
        waiting = [p.display_name for p, state, _a in rows if state == "waiting"]
        if remarks:
            raise ValidationError(
                _("Work in the remarks of %(names)s first (a new version).") % {"names": ", ".join(remarks)}
            )
        if waiting:
            raise ValidationError(
                _("Waiting for the answers of %(names)s until %(date)s.")
                % {"names": ", ".join(waiting), "date": protocol.agree_by.strftime("%d.%m.%Y")}
            )
    move(protocol, Protocol.Status.FOR_SIGNATURE, actor=actor, now=now, council=protocol.council)
    protocol.save(update_fields=["status"])
    profile = council_profile(protocol.council)
    if profile.typed.protocol_due_on == "presented":
        deadline_close_for(subject=protocol, kind="protocol", actor=actor, now=now)
    notify(
        recipients=[s for _c, s in signers(protocol, now.date()) if s],
        key=f"protocol:{protocol.pk}:for-signature:{protocol.version}",
        render=lambda: (
            _("For your signature: protocol of the meeting of %(date)s")
            % {"date": protocol.meeting.date.strftime("%d.%m.%Y")},
            "",
        ),
        now=now,
        council=protocol.council,
        url=protocol.get_absolute_url(),
    )
    return protocol


# Signing (R-000-11a, R-001-3e) ------------------------------------------------------------------------


def _signer_candidates(protocol, day):
    """(capacity, people who may sign in it) for each signature the profile requires: the chair
    (R-000-11a), or the presiding person and the secretary (R-001-3e)."""
    from council.selectors import council_chairs, council_secretaries

    for capacity in council_profile(protocol.council).typed.protocol_signers:
        if capacity == Signature.Capacity.CHAIR:
            people = council_chairs(council=protocol.council, day=day)
        elif capacity == Signature.Capacity.PRESIDING:
            sat = protocol.meeting.attendance.filter(seat_id=protocol.meeting.presiding_id).select_related("person")
            people = [a.person for a in sat if a.person]
        else:
            people = council_secretaries(council=protocol.council, day=day)
        yield capacity, people


def signers(protocol, day):
    """(capacity, person) for each signature the profile requires, the first person who may give it."""
    return [(capacity, people[0] if people else None) for capacity, people in _signer_candidates(protocol, day)]


def capacity_of(user, protocol, day):
    """The capacity in which ``user`` may sign now, or None."""
    done = set(protocol.signatures.values_list("capacity", flat=True))
    for capacity, people in _signer_candidates(protocol, day):
        if capacity not in done and user in people:
            return capacity
    return None


@transaction.atomic
def protocol_sign(*, actor, protocol, password, now, ip_address=None):
    """The signer signs from their own account, confirming with their password; the last signature
    freezes the protocol (registration number, the PDFs in Kazakh and Russian with their SHA-256) and
    starts the dispatch deadline (R-000-11c, R-001-3e)."""
    protocol = _locked(protocol)
    if protocol.status != Protocol.Status.FOR_SIGNATURE:
        raise ValidationError(_("The protocol is not presented for signature."))
    capacity = capacity_of(actor, protocol, now.date())
    if capacity is None:
        raise PermissionDenied(_("You are not a signer of this protocol, or you have signed it already."))
    if not password or not actor.check_password(password):
        raise ValidationError({"password": _("The password is not correct; the protocol is not signed.")})
    Signature.objects.create(protocol=protocol, capacity=capacity, person=actor, signed_at=now, ip_address=ip_address)
    audit(
        actor=actor, verb=AuditVerb.PROTOCOL_SIGN, subject=protocol, council=protocol.council, at=now, capacity=capacity
    )
    required = {c for c, _p in signers(protocol, now.date())}
    if required <= set(protocol.signatures.values_list("capacity", flat=True)):
        _freeze(protocol, actor=actor, now=now)
    return protocol


def _freeze(protocol, *, actor, now):
    profile = council_profile(protocol.council)
    Council.objects.select_for_update().get(pk=protocol.council_id)  # one number at a time per council
    local = timezone.localtime(now).date()
    protocol.year = local.year
    last = Protocol.objects.filter(council=protocol.council, year=protocol.year).aggregate(n=Max("number"))["n"]
    protocol.number = (last or 0) + 1
    protocol.signed_at = now
    years = profile.typed.retention_years
    if years:
        protocol.keep_until = _add_years(local, years)
    move(protocol, Protocol.Status.SIGNED, actor=actor, now=now, council=protocol.council)
    for lang in PDF_LANGUAGES:
        pdf = render_pdf("pdf/protocol.html", protocol_context(protocol), lang=lang)
        name = f"protocol-{protocol.council.code}-{protocol.year}-{protocol.number}-{lang}.pdf"
        getattr(protocol, f"pdf_{lang}").save(name, ContentFile(pdf), save=False)
        setattr(protocol, f"sha256_{lang}", hashlib.sha256(pdf).hexdigest())
    protocol.save()
    if profile.typed.protocol_due_on == "signed":
        deadline_close_for(subject=protocol, kind="protocol", actor=actor, now=now)
    deadline_open(
        council=protocol.council,
        subject=protocol,
        kind="protocol-dispatch",
        rule_id=profile.typed.protocol_dispatch_rule,
        anchor=local,
        now=now,
        actor=actor,
        title=bilingual(_("Signed protocol No. %(number)s sent to the members"), number=protocol.registration),
    )


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def protocol_context(protocol):
    """Everything the protocol's document shows, read in a fixed number of queries."""
    from secretariat.meeting_day import roster_with_attendance

    meeting = protocol.meeting
    items = list(protocol.items.prefetch_related("decisions__executors__body").order_by("number"))
    attendance = roster_with_attendance(meeting)
    invitees = list(Invitee.objects.filter(item__meeting=meeting, attended=True).order_by("item__number", "id"))
    return {
        "protocol": protocol,
        "meeting": meeting,
        "council": protocol.council,
        "items": items,
        "attendance": attendance,
        "present": [(e, a) for e, a in attendance if a and a.presence != Attendance.Presence.ABSENT],
        "absent": [(e, a) for e, a in attendance if not a or a.presence == Attendance.Presence.ABSENT],
        "invitees": invitees,
        "signatures": list(protocol.signatures.select_related("person")),
        "signers": signers(protocol, meeting.date),
    }


# Dispatch (R-000-11c, R-001-3e) -----------------------------------------------------------------------


@transaction.atomic
def protocol_dispatch(*, actor, protocol, now, bodies=()):
    """Send the signed protocol to the members and to the bodies the profile names (for the monitoring
    group: the concerned police units and the Bar Presidium, R-001-3e), with a receipt for each."""
    protocol = _locked(protocol)
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary sends the protocol."))
    extra = [r for r in council_profile(protocol.council).typed.protocol_recipients if r != "members"]
    if extra and not bodies:
        raise ValidationError(
            {"bodies": _("The regulation also requires copies to the concerned units and bodies; choose them.")}
        )
    move(protocol, Protocol.Status.DISPATCHED, actor=actor, now=now, council=protocol.council)
    protocol.dispatched_at = now
    protocol.save(update_fields=["status", "dispatched_at"])
    people = members(protocol)
    ProtocolReceipt.objects.bulk_create(
        [ProtocolReceipt(protocol=protocol, person=p, sent_at=now) for p in people]
        + [
            ProtocolReceipt(protocol=protocol, body=b, sent_at=now)
            for b in Body.objects.filter(pk__in=[b.pk for b in bodies])
        ]
    )
    deadline_close_for(subject=protocol, kind="protocol-dispatch", actor=actor, now=now)
    from .control import assignments_create

    assignments_create(protocol=protocol, actor=actor, now=now)  # the executors have received it
    notify(
        recipients=people,
        key=f"protocol:{protocol.pk}:dispatched",
        render=lambda: (
            _("Signed protocol No. %(number)s of the meeting of %(date)s")
            % {"number": protocol.registration, "date": protocol.meeting.date.strftime("%d.%m.%Y")},
            "",
        ),
        now=now,
        council=protocol.council,
        url=protocol.get_absolute_url(),
    )
    return protocol


def receipt_open(*, user, protocol, now):
    """A member opened the sent protocol: the first time is kept."""
    return ProtocolReceipt.objects.filter(protocol=protocol, person=user, opened_at__isnull=True).update(opened_at=now)


def keep_until_passed(queryset, day: datetime.date):
    """Protocols whose keeping period has ended: shown and reported, never deleted automatically."""
    return queryset.filter(keep_until__lt=day)
