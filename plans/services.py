"""Writes of work plans. Each service is atomic, checks the actor's role and the plan's state, records the
move and notifies who must know."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile, council_rule_date, deadline_close_for, deadline_open
from council.deadlines import period_anchor
from council.messages import both_of
from council.models import AuditVerb
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import bodies_of, council_chairs, council_people, council_secretaries
from council.services import audit
from council.uploads import discarded_on_failure, store_upload
from council.workflow import move

from .coverage import period_end, period_start
from .item_control import plan_deadlines_open
from .messages import plan_params
from .models import Plan, PlanItem, PlanItemCoExecutor, PlanRevision, Proposal, ProposalCoExecutor

CRIMINAL_CASE_CONFIRMATION = _(
    "Confirm that the question does not concern a specific criminal case: the group may not deal with one (R-001-1.2)."
)
CRIMINAL_CASE_REFUSAL = _("Refused: the group may not deal with a specific criminal case (R-001-1.2).")


def can_edit(user, council, day):
    return allowed(user, "plans.edit_plan", council, day=day)


def can_approve(user, council, day):
    """The chair approves the plan (R-000-6, R-000-9a)."""
    return allowed(user, "plans.approve_plan", council, day=day)


def can_propose(user, council, day):
    return allowed(user, "plans.propose", council, day=day)


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


# Proposals ------------------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    actor,
    council,
    period_start,
    question_kk,
    question_ru,
    responsible_body,
    now,
    body=None,
    justification_kk="",
    justification_ru="",
    justification_file=None,
    co_executors=(),
    desired_quarter=None,
    not_a_criminal_case=False,
):
    """A member or their secretariat employee proposes a question to the chair (R-000-9a, R-001-3c)."""
    day = now.date()
    _require(can_propose(actor, council, day), _("Only members and the secretariat propose questions to the plan."))
    own = bodies_of(user=actor, council=council, day=day)
    if body is None:
        if not own and not allowed(actor, "plans.propose_for_any_body", council, day=day):
            raise ValidationError(_("You speak for no body on this council."))
        body = own[0] if own else responsible_body
    elif body not in own and not allowed(actor, "plans.propose_for_any_body", council, day=day):
        raise PermissionDenied(_("You may propose only on behalf of your own body."))
    if not (justification_kk.strip() or justification_ru.strip() or justification_file):
        raise ValidationError({"justification_ru": _("Give the justification: a note as a file or as text.")})
    if council_profile(council).typed.no_criminal_cases and not not_a_criminal_case:
        raise ValidationError({"not_a_criminal_case": CRIMINAL_CASE_CONFIRMATION})
    if desired_quarter is not None and desired_quarter not in (1, 2, 3, 4):
        raise ValidationError({"desired_quarter": _("The quarter is a number from 1 to 4.")})
    proposal = Proposal(
        council=council,
        period_start=period_start,
        author=actor,
        body=body,
        question_kk=question_kk.strip(),
        question_ru=question_ru.strip(),
        justification_kk=justification_kk.strip(),
        justification_ru=justification_ru.strip(),
        responsible_body=responsible_body,
        desired_quarter=desired_quarter,
        created_at=now,
        not_a_criminal_case=not_a_criminal_case,
    )
    if justification_file:
        store_upload(proposal, justification_file)
    with discarded_on_failure(proposal):  # a failed submission leaves no file behind
        proposal.save()
        ProposalCoExecutor.objects.bulk_create(
            ProposalCoExecutor(proposal=proposal, body=body, order=n)
            for n, body in enumerate(dict.fromkeys(b for b in co_executors if b != responsible_body))
        )
        audit(actor=actor, verb=AuditVerb.PROPOSAL_SUBMIT, subject=proposal, council=council, at=now)
        notify(
            recipients=council_secretaries(council=council, day=day),
            key=f"proposal:{proposal.pk}:submitted",
            message="proposal.submitted",
            params={"question": both_of(proposal, "question"), "justification": both_of(proposal, "justification")},
            now=now,
            council=council,
            url=proposal_list_url(council),
        )
    return proposal


def proposal_list_url(council):

    return reverse("plans:proposal_list", args=[council.code])


@transaction.atomic
def proposal_decide(*, actor, proposal, accept, note="", now, criminal_case=False):
    """The secretary accepts or declines a proposal with a note; ``criminal_case``: declined because it
    concerns a specific criminal case, the rule cited in the note (R-001-1.2)."""
    proposal = Proposal.objects.select_for_update().select_related("council").get(pk=proposal.pk)
    _require(can_edit(actor, proposal.council, now.date()), _("Only the secretary decides on proposals."))
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("This proposal has already been decided."))
    free_note = note.strip()  # the secretary's words, kept as written in the notice
    if criminal_case:
        if accept:
            raise ValidationError(_("A question refused as a criminal case is not accepted."))
        note = f"{CRIMINAL_CASE_REFUSAL} {free_note}".strip()
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say why the proposal is not accepted.")})
    move(
        proposal,
        Proposal.Status.ACCEPTED if accept else Proposal.Status.REJECTED,
        actor=actor,
        now=now,
        comment=note.strip(),
        council=proposal.council,
    )
    proposal.decision_note = note.strip()
    proposal.save(update_fields=["status", "decision_note"])
    notify(
        recipients=[proposal.author],
        key=f"proposal:{proposal.pk}:{proposal.status}",
        message="proposal.decided",
        params={
            "question": both_of(proposal, "question"),
            "accepted": accept,
            "criminal_case": criminal_case,
            "note": free_note,
        },
        now=now,
        council=proposal.council,
        url=proposal_list_url(proposal.council),
    )
    return proposal


# Plans ----------------------------------------------------------------------------------------------


def plan_periods(council):
    """The kinds of plan the council's profile provides for (R-000-9a half-year; R-001-2 quarter and year)."""
    return list(council_profile(council).typed.plan_periods)


def proposals_rule(council, period, start):
    """(rule id, anchor) of members' proposals to the plan of ``period`` starting ``start``, per the
    council's profile; (None, None) where the profile sets none. The anchor is the day the rule counts
    from (``council.deadlines.period_anchor``)."""
    profile = council_profile(council)
    rule_id = profile.typed.proposals_rules.get(period)
    if not rule_id:
        return None, None
    return rule_id, period_anchor(profile.rule_for(rule_id), start)


def proposals_due(council, period, start):
    """(rule id, due date) of members' proposals to the plan of ``period`` starting ``start``, by the
    council's profile and the working-day calendar with its decrees; (None, None) where the profile sets none."""
    rule_id, anchor = proposals_rule(council, period, start)
    return (rule_id, council_rule_date(council, rule_id, anchor)) if rule_id else (None, None)


def draft_rule_of(council, period, start):
    """(rule id, anchor) of the draft plan's submission for approval (R-003-12), per the council's profile;
    (None, None) where the profile sets none."""
    profile = council_profile(council)
    rule_id = profile.typed.draft_rules.get(period)
    if not rule_id:
        return None, None
    return rule_id, period_anchor(profile.rule_for(rule_id), start)


@transaction.atomic
def plan_create(*, actor, council, start, now, period=None):
    _require(can_edit(actor, council, now.date()), _("Only the secretary drafts the plan."))
    allowed = plan_periods(council)
    period = period or allowed[0]
    if period not in allowed:
        raise ValidationError({"period": _("This council does not make plans for such a period.")})
    if start != period_start(start, period):
        raise ValidationError(
            {
                "start": _("A %(period)s plan starts on the first day of its %(period)s.")
                % {"period": Plan.Period(period).label}
            }
        )
    if Plan.objects.filter(council=council, period=period, start=start).exists():
        raise ValidationError(_("A plan for this period exists already."))
    plan = Plan.objects.create(
        council=council, period=period, start=start, end=period_end(start, period), created_by=actor, created_at=now
    )
    rule_id, anchor = proposals_rule(council, period, start)
    if rule_id:
        # The secretary is reminded to collect the members' proposals in time.
        deadline_open(
            council=council,
            subject=plan,
            kind="plan-proposals",
            rule_id=rule_id,
            anchor=anchor,
            now=now,
            actor=actor,
            title=bilingual(
                _("Proposals to the plan for %(start)s–%(end)s"),
                start=start.strftime("%d.%m.%Y"),
                end=plan.end.strftime("%d.%m.%Y"),
            ),
        )
    draft_rule, draft_anchor = draft_rule_of(council, period, start)
    if draft_rule:
        # R-003-12: the secretary submits the draft for approval by 20 December (annual plan) or 7 calendar
        # days before the quarter (quarterly plan).
        deadline_open(
            council=council,
            subject=plan,
            kind="plan-draft",
            rule_id=draft_rule,
            anchor=draft_anchor,
            now=now,
            actor=actor,
            title=bilingual(
                _("Draft plan for %(start)s–%(end)s, for approval"),
                start=start.strftime("%d.%m.%Y"),
                end=plan.end.strftime("%d.%m.%Y"),
            ),
        )
    audit(actor=actor, verb=AuditVerb.PLAN_CREATE, subject=plan, council=council, at=now)
    return plan


def _editable(plan):
    if plan.status not in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        raise ValidationError(_("An approved or submitted plan is changed only by a correction."))


def _set_co_executors(item, co_executors):
    item.co_executor_links.all().delete()
    PlanItemCoExecutor.objects.bulk_create(
        PlanItemCoExecutor(item=item, body=body, order=i)
        for i, body in enumerate(b for b in co_executors if b != item.responsible_body)
    )


def _apply_item(item, data):
    for field in (
        "question_kk",
        "question_ru",
        "responsible_body",
        "planned_quarter",
        "planned_month",
        "planned_meeting",
        "deadline",
        "form_kk",
        "form_ru",
        "stage",
    ):
        if field in data:
            setattr(item, field, data[field])
    if not (item.question_kk or "").strip() or not (item.question_ru or "").strip():
        raise ValidationError(_("The question is needed in Kazakh and in Russian."))


def _next_number(plan):
    return (plan.items.aggregate(n=Max("number"))["n"] or 0) + 1


def refuse_stale_version(row, version, *, now, message):
    """Compare-and-set for an edit form: ``row`` is locked by the caller (``select_for_update``), ``version``
    is the one the form was opened with (None: the caller is no form, nothing to compare). A newer stored
    version is refused with ``message``, which names who saved it (``%(who)s``) and when (``%(time)s``),
    read from the row's history; the caller then raises the version and saves."""
    if version is None or version == row.version:
        return
    record = row.history.filter(version=row.version).order_by("history_date", "history_id").first()
    if record is None:
        raise ValidationError(
            _(
                "The text was changed after you opened this page; nothing was saved. Your text is kept below "
                "and the current text is shown: review it and save again."
            ),
            code="stale",
        )
    saved = timezone.localtime(record.history_date)
    time = saved.strftime("%H:%M")
    if saved.date() != timezone.localtime(now).date():
        time = saved.strftime("%d.%m.%Y %H:%M")
    who = record.history_user.display_name if record.history_user else _("Someone else")
    raise ValidationError(message % {"who": who, "time": time}, code="stale")


def history_stamp(row, *, actor, now):
    """The next history record of ``row`` says who saved it and when (the service's ``now``)."""
    row._history_user, row._history_date = actor, now


@transaction.atomic
def plan_item_save(*, actor, plan, data, co_executors=(), item=None, now, version=None):
    """Add or change an item of a draft (or returned) plan. ``version``: the one the edit form was opened
    with; a save over a newer version is refused and every save of an item raises its version."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require(can_edit(actor, plan.council, now.date()), _("Only the secretary drafts the plan."))
    _editable(plan)
    if item is None:
        item = PlanItem(plan=plan, number=_next_number(plan))
    else:
        item = PlanItem.objects.select_for_update().filter(plan=plan, pk=item.pk).first()
        if item is None:
            raise ValidationError(_("This item has been removed from the plan meanwhile; nothing was saved."))
        refuse_stale_version(
            item,
            version,
            now=now,
            message=_(
                "%(who)s saved this plan item at %(time)s; nothing was saved. Your text is kept below and the "
                "current text is shown: review it and save again."
            ),
        )
        item.version += 1
    _apply_item(item, data)
    history_stamp(item, actor=actor, now=now)
    item.save()
    _set_co_executors(item, co_executors)
    audit(actor=actor, verb=AuditVerb.PLAN_ITEM_SAVE, subject=item, council=plan.council, at=now, number=item.number)
    return item


@transaction.atomic
def plan_item_delete(*, actor, item, now):
    plan = Plan.objects.select_for_update().get(pk=item.plan_id)
    _require(can_edit(actor, plan.council, now.date()), _("Only the secretary drafts the plan."))
    _editable(plan)
    number = item.number
    item.delete()
    for later in plan.items.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    audit(actor=actor, verb=AuditVerb.PLAN_ITEM_DELETE, subject=plan, council=plan.council, at=now, number=number)


@transaction.atomic
def plan_add_proposals(*, actor, plan, proposals, now):
    """Items from accepted proposals, with the proposed executors in the proposed order."""

    items = []
    for proposal in (
        Proposal.objects.prefetch_related("co_executor_links__body")
        .filter(pk__in=[p.pk for p in proposals])
        .order_by("created_at", "pk")
    ):
        if proposal.status != Proposal.Status.ACCEPTED or proposal.council_id != plan.council_id:
            continue
        if PlanItem.objects.filter(plan=plan, proposal=proposal).exists():
            continue
        item = plan_item_save(
            actor=actor,
            plan=plan,
            now=now,
            data={
                "question_kk": proposal.question_kk,
                "question_ru": proposal.question_ru,
                "responsible_body": proposal.responsible_body,
                "planned_quarter": proposal.desired_quarter,
            },
            co_executors=proposal.ordered_co_executors(),
        )
        item.proposal = proposal
        item.save(update_fields=["proposal"])
        items.append(item)
    return items


def snapshot(plan):
    items = plan.items.select_related("responsible_body").prefetch_related("co_executor_links__body")
    return [
        {
            "number": i.number,
            "question_kk": i.question_kk,
            "question_ru": i.question_ru,
            "responsible_ru": i.responsible_body.short_name_ru or i.responsible_body.name_ru
            if i.responsible_body
            else "",
            "responsible_kk": i.responsible_body.short_name_kk or i.responsible_body.name_kk
            if i.responsible_body
            else "",
            "co_executors_ru": [b.short_name_ru or b.name_ru for b in i.ordered_co_executors()],
            "co_executors_kk": [b.short_name_kk or b.name_kk for b in i.ordered_co_executors()],
            "quarter": i.planned_quarter,
            "month": i.planned_month,
            "meeting": i.planned_meeting.isoformat() if i.planned_meeting else None,
            "deadline": i.deadline.isoformat() if i.deadline else None,
            "form_ru": i.form_ru,
            "form_kk": i.form_kk,
            "stage": i.stage,
        }
        for i in items
    ]


@transaction.atomic
def plan_submit(*, actor, plan, now):
    plan = Plan.objects.select_for_update().select_related("council").get(pk=plan.pk)
    _require(can_edit(actor, plan.council, now.date()), _("Only the secretary submits the plan to the chair."))
    if not plan.items.exists():
        raise ValidationError(_("Add at least one item before submitting the plan."))
    move(plan, Plan.Status.SUBMITTED, actor=actor, now=now, council=plan.council)
    plan.save(update_fields=["status"])
    deadline_close_for(subject=plan, kind="plan-proposals", actor=actor, now=now)
    deadline_close_for(subject=plan, kind="plan-draft", actor=actor, now=now)
    notify(
        recipients=council_chairs(council=plan.council, day=now.date()),
        key=f"plan:{plan.pk}:submitted:{plan.steps.count()}",
        message="plan.submitted",
        params={"plan": plan_params(plan)},
        now=now,
        council=plan.council,
        url=plan.get_absolute_url(),
    )
    return plan


@transaction.atomic
def plan_decide(*, actor, plan, approve, remarks="", now):
    """The chair signs the plan (R-000-9a) or returns it with remarks."""
    plan = Plan.objects.select_for_update().select_related("council").get(pk=plan.pk)
    _require(can_approve(actor, plan.council, now.date()), _("Only the chair approves the plan."))
    if not approve and not remarks.strip():
        raise ValidationError({"remarks": _("Write the remarks the secretary must work in.")})
    move(
        plan,
        Plan.Status.APPROVED if approve else Plan.Status.RETURNED,
        actor=actor,
        now=now,
        comment=remarks.strip(),
        council=plan.council,
    )
    plan.remarks = remarks.strip()
    if approve:
        plan.approved_by, plan.approved_at, plan.revision = actor, now, 1
        PlanRevision.objects.create(
            plan=plan,
            number=1,
            reason=PlanRevision.Reason.APPROVAL,
            items=snapshot(plan),
            created_by=actor,
            created_at=now,
        )
    plan.save(update_fields=["status", "remarks", "approved_by", "approved_at", "revision"])
    if approve:
        plan_deadlines_open(plan=plan, actor=actor, now=now)  # R-001-2, R-003-18
    day = now.date()
    recipients = (
        council_people(council=plan.council, day=day) if approve else council_secretaries(council=plan.council, day=day)
    )
    notify(
        recipients=recipients,
        key=f"plan:{plan.pk}:{plan.status}:{plan.steps.count()}",
        message="plan.decided",
        params={"plan": plan_params(plan), "approved": approve, "remarks": plan.remarks},
        now=now,
        council=plan.council,
        url=plan.get_absolute_url(),
    )
    return plan


def default_start(council, today):
    """The first day of the plan period (the profile's ``plan_period``) after the one containing ``today``."""
    period = council_profile(council).typed.plan_period
    return period_end(period_start(today, period), period) + datetime.timedelta(days=1)


# Corrections of an approved plan (R-000-9b, R-003-19), re-exported here.
from .corrections import (  # noqa: E402
    change_month_begins,
    extension_due,
    plan_correct,
    revision_diff,
    too_late_to_change,
)

__all__ = [
    "change_month_begins",
    "extension_due",
    "plan_correct",
    "revision_diff",
    "too_late_to_change",
]
