"""Corrections of an approved plan (R-000-9b): one item added, changed or removed, a new revision with its
reason, every member told. R-003-19: a plan item is changed no later than one month before its deadline;
inside that month only an extension of the item under way, requested at least 3 working days before it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_rule_date
from council.models import AuditVerb
from council.notify import notify
from council.selectors import council_people
from council.services import audit

from . import services  # the plan's editing helpers; services re-exports this module
from .item_control import item_deadlines_follow, item_deadlines_waive
from .messages import plan_params
from .models import Plan, PlanItem, PlanRevision


def change_month_begins(council, item_deadline):
    """R-003-19: the first day on which a plan item due on ``item_deadline`` may no longer be changed (one
    month before its deadline, as the council's profile and the calendar count it); None without a deadline."""
    if item_deadline is None:
        return None
    return council_rule_date(council, "R-003-19", item_deadline) + datetime.timedelta(days=1)


def too_late_to_change(council, item_deadline, today):
    """R-003-19: a plan item is changed no later than one month before its deadline."""
    begins = change_month_begins(council, item_deadline)
    return begins is not None and today >= begins


def extension_due(council, item_deadline):
    """R-003-19: an extension of an item under way is requested at least 3 working days before its deadline."""
    return council_rule_date(council, "R-003-19.extension", item_deadline)


def _changed_fields(item, data, co_executors):
    changed = {name for name, value in data.items() if getattr(item, name) != value}
    if [b.pk for b in co_executors if b != item.responsible_body] != [b.pk for b in item.ordered_co_executors()]:
        changed.add("co_executors")
    return changed


def _refuse_late_change(council, item, action, data, co_executors, day):
    """R-003-19: inside the last month before an item's deadline the only change is an extension of the
    item under way (a later deadline and nothing else), requested at least 3 working days before it."""
    deadline = item.deadline
    if not too_late_to_change(council, deadline, day):
        return
    params = {
        "date": deadline.strftime("%d.%m.%Y"),
        "since": change_month_begins(council, deadline).strftime("%d.%m.%Y"),
    }
    is_extension = (
        action == "change"
        and _changed_fields(item, data or {}, co_executors) == {"deadline"}
        and data["deadline"] is not None
        and data["deadline"] > deadline
    )
    if not is_extension:
        raise ValidationError(
            _(
                "The item is due on %(date)s: since %(since)s it may no longer be changed (R-003-19, a change no "
                "later than one month before the deadline). Only an extension of its deadline may be requested."
            )
            % params,
            code="R-003-19",
        )
    last = extension_due(council, deadline)
    if day > last:
        raise ValidationError(
            _("An extension is requested at least 3 working days before the deadline %(date)s, by %(last)s (R-003-19).")
            % {**params, "last": last.strftime("%d.%m.%Y")},
            code="R-003-19",
        )


@transaction.atomic
def plan_correct(*, actor, plan, reason, explanation, now, action, item=None, data=None, co_executors=()):
    """Correct an approved plan (R-000-9b): add, change or remove one item; a new revision with the
    reason; every member is told. R-003-19: inside the last month before an item's deadline only an
    extension requested at least 3 working days before it, with its reasons."""
    plan = Plan.objects.select_for_update().select_related("council").get(pk=plan.pk)
    day = now.date()
    services._require(services.can_edit(actor, plan.council, day), _("Only the secretary corrects the plan."))
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Only an approved plan is corrected; a draft is simply edited."))
    if reason not in PlanRevision.Reason.values or reason == PlanRevision.Reason.APPROVAL:
        raise ValidationError({"reason": _("Choose the reason for the correction.")})
    if item is not None:
        _refuse_late_change(plan.council, item, action, data, co_executors, day)
        if too_late_to_change(plan.council, item.deadline, day) and not explanation.strip():
            raise ValidationError({"explanation": _("Give the reasons for the extension (R-003-19).")})
    if action == "remove":
        number = item.number
        item_deadlines_waive(
            item=item, actor=actor, now=now, reason=f"{PlanRevision.Reason(reason).label}. {explanation}"
        )
        item.delete()
        for later in plan.items.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])
    elif action in ("add", "change"):
        item = item if action == "change" else PlanItem(plan=plan, number=services._next_number(plan))
        services._apply_item(item, data or {})
        item.save()
        services._set_co_executors(item, co_executors)
        item_deadlines_follow(item=item, actor=actor, now=now, reason=f"R-003-19: {explanation.strip()}")
    else:
        raise ValidationError(_("Unknown kind of correction."))
    plan.revision += 1
    plan.save(update_fields=["revision"])
    PlanRevision.objects.create(
        plan=plan,
        number=plan.revision,
        reason=reason,
        explanation=explanation.strip(),
        items=services.snapshot(plan),
        created_by=actor,
        created_at=now,
    )
    audit(
        actor=actor,
        verb=AuditVerb.PLAN_CORRECT,
        subject=plan,
        council=plan.council,
        at=now,
        revision=plan.revision,
        reason=reason,
        action=action,
    )
    revision = plan.revision
    notify(
        recipients=council_people(council=plan.council, day=day),
        key=f"plan:{plan.pk}:revision:{revision}",
        message="plan.corrected",
        params={
            "plan": plan_params(plan),
            "revision": revision,
            "reason": str(reason),
            "explanation": explanation.strip(),
        },
        now=now,
        council=plan.council,
        url=plan.get_absolute_url(),
    )
    return plan


def revision_diff(old_items, new_items):
    """(added, removed, changed) between two snapshots, matched by question (numbers shift)."""
    key = lambda i: i["question_ru"]  # noqa: E731
    old, new = {key(i): i for i in old_items}, {key(i): i for i in new_items}
    added = [new[k] for k in new if k not in old]
    removed = [old[k] for k in old if k not in new]
    changed = []
    for k in new.keys() & old.keys():
        fields = [f for f in new[k] if f != "number" and new[k][f] != old[k].get(f)]
        if fields:
            changed.append((new[k], fields))
    return added, removed, sorted(changed, key=lambda c: c[0]["number"])
