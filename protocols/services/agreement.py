"""Agreement of the draft with the members and its presentation for signature (R-000-11a, R-000-11b,
R-003-65)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, council_rule_date, deadline_close_for
from council.messages import person_name
from council.models import AuditVerb
from council.notify import notify
from council.selectors import council_roster, council_secretaries
from council.services import audit
from council.workflow import move

from ..models import Decision, Protocol, ProtocolAnswer, ProtocolVersion
from .drafts import _locked, can_edit, refuse_incomplete
from .signing import signers


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
        message="protocol.agree",
        params={
            "date": protocol.meeting.date.isoformat(),
            "by": agree_by.isoformat(),
            "silence_is_consent": bool(council_profile(protocol.council).typed.silence_is_consent),
        },
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
        notify(
            recipients=council_secretaries(council=protocol.council, day=now.date()),
            key=f"protocol:{protocol.pk}:remarks:{protocol.version}:{actor.pk}",
            message="protocol.remarks",
            params={"who": person_name(actor), "remarks": remarks.strip()},
            now=now,
            council=protocol.council,
            url=protocol.get_absolute_url(),
        )
    return answer


def remarks_by_version(protocol):
    """Every remark made on every version of the draft, oldest version first, with how it was handled."""
    answers = protocol.answers.filter(agrees=False).select_related("person", "handled_by").order_by("version", "id")
    versions = {}
    for a in answers:
        versions.setdefault(a.version, []).append(a)
    return sorted(versions.items())


@transaction.atomic
def remark_handle(*, actor, answer, handling, now):
    """The secretary records how a member's remarks were handled: worked into the next version, or why not.
    The remarks and their handling stay visible on every later version (R-000-11b)."""
    protocol = _locked(answer.protocol)
    if not can_edit(actor, protocol, now.date()):
        raise PermissionDenied(_("Only the secretary records how remarks were handled."))
    if protocol.frozen:
        raise ValidationError(_("The protocol is signed; its remarks can no longer change."))
    answer = ProtocolAnswer.objects.select_for_update().get(pk=answer.pk, protocol=protocol)
    if answer.agrees:
        raise ValidationError(_("This answer agrees with the draft; it has no remarks to handle."))
    handling = (handling or "").strip()
    if not handling:
        raise ValidationError({"handling": _("Write how the remarks were handled.")})
    answer.handling, answer.handled_by, answer.handled_at = handling, actor, now
    answer.save(update_fields=["handling", "handled_by", "handled_at"])
    audit(
        actor=actor,
        verb=AuditVerb.PROTOCOL_REMARK_HANDLED,
        subject=protocol,
        council=protocol.council,
        at=now,
        version=answer.version,
        person=answer.person_id,
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
    refuse_incomplete(protocol)
    if protocol.status == Protocol.Status.DRAFT and council_profile(protocol.council).typed.protocol_agreement:
        raise ValidationError(_("The draft is agreed with the members before it is presented for signature."))
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
        message="protocol.for_signature",
        params={"date": protocol.meeting.date.isoformat()},
        now=now,
        council=protocol.council,
        url=protocol.get_absolute_url(),
    )
    return protocol
