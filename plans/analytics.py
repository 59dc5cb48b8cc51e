"""Writes of unplanned information-analytical work (seed 004, R-004-6..10, R-004-14), and the checks of a
stated basis of access to sensitive material against the plans' records (R-004-11).

Every write is atomic, checks the actor's permission (``council/rules.py``) and the work's state (its
``TRANSITIONS`` through ``council.workflow.move``), and leaves an audit event. Deadlines go through the
deadline engine, so reminders, the overdue mark and escalation to the chair come from its sweep."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.access import sensitive_material_create
from council.deadline_services import (
    council_profile,
    council_rule_date,
    current_calendar,
    deadline_close_for,
    deadline_open,
)
from council.deadlines import apply_rule
from council.models import AuditVerb
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import council_chairs, council_secretaries
from council.services import audit
from council.uploads import discarded_on_failure, store_upload
from council.workflow import move

from .models import Plan, PlanItem
from .models_analytics import UnplannedDocument, UnplannedWork

ASSESSMENT, EXECUTION, ANSWER = "unplanned-assessment", "unplanned-execution", "unplanned-answer"


def _require(ok, message):
    if not ok:
        raise PermissionDenied(message)


def _day(now):
    return timezone.localtime(now).date()


def _open_execution(work, *, actor, now, start):
    """R-004-10: the period set by the Prosecutor General or a deputy, else one month from ``start``."""
    deadline = deadline_open(
        council=work.council,
        subject=work,
        kind=EXECUTION,
        rule_id="R-004-10",
        anchor=start,
        due_date=work.due_date if work.period_set_by_chief else None,
        responsible_person=work.executor,
        title=bilingual(_("Unplanned analytical work № %(number)s"), number=work.number),
        now=now,
        actor=actor,
    )
    work.due_date = deadline.due_date
    return deadline


@transaction.atomic
def unplanned_record(
    *,
    actor,
    council,
    basis,
    number,
    date,
    author,
    received_on,
    text_kk,
    text_ru,
    executor,
    now,
    requesting_body=None,
    agreed_by="",
    due_date=None,
) -> UnplannedWork:
    """Record the basis of unplanned work (R-004-6). An assignment of the Prosecutor General or a deputy is
    under control at once, due on its own date or in one month (R-004-10); a state body's request, which
    must have been agreed by them, is first assessed within 5 calendar days of receipt (R-004-7)."""
    day = _day(now)
    _require(
        allowed(actor, "plans.record_unplanned", council, day=day),
        _("Only analysts and the secretary record unplanned analytical work."),
    )
    if basis not in UnplannedWork.Basis.values:
        raise ValidationError({"basis": _("Unplanned work is based on an assignment or on a state body's request.")})
    errors = {}
    if not (number or "").strip():
        errors["number"] = _("Give the number.")
    if not (author or "").strip():
        errors["author"] = _("Name who signed it.")
    if not (text_kk or "").strip() or not (text_ru or "").strip():
        errors["text_ru"] = _("The text is needed in Kazakh and in Russian.")
    if date and received_on and date > received_on:
        errors["received_on"] = _("It cannot be received before its date.")
    if basis == UnplannedWork.Basis.REQUEST:
        if requesting_body is None:
            errors["requesting_body"] = _("Name the state body that sent the request.")
        if not (agreed_by or "").strip():
            errors["agreed_by"] = _(
                "A state body's request is a basis only when agreed by the Prosecutor General or a deputy."
            )
    if executor is None or not allowed(executor, "council.open_sensitive", council, day=day):
        errors["executor"] = _("The executor must hold a position of a listed category (Appendix 2).")
    if due_date and received_on and due_date < received_on:
        errors["due_date"] = _("The execution deadline cannot be before the day it was received.")
    if errors:
        raise ValidationError(errors)
    is_assignment = basis == UnplannedWork.Basis.ASSIGNMENT
    work = UnplannedWork.objects.create(
        council=council,
        basis=basis,
        number=number.strip(),
        date=date,
        author=author.strip(),
        requesting_body=None if is_assignment else requesting_body,
        agreed_by=(agreed_by or "").strip(),
        received_on=received_on,
        text_kk=text_kk.strip(),
        text_ru=text_ru.strip(),
        executor=executor,
        status=UnplannedWork.Status.ACCEPTED if is_assignment else UnplannedWork.Status.ASSESSMENT,
        period_set_by_chief=bool(due_date),
        due_date=due_date,
        created_by=actor,
        created_at=now,
    )
    if is_assignment:
        _open_execution(work, actor=actor, now=now, start=received_on)
        work.save(update_fields=["due_date"])
    else:
        deadline_open(
            council=council,
            subject=work,
            kind=ASSESSMENT,
            rule_id="R-004-6",  # R-004-7 of the seed: 5 calendar days
            anchor=received_on,
            responsible_person=executor,
            title=bilingual(_("Assessment of the request № %(number)s"), number=work.number),
            now=now,
            actor=actor,
        )
    audit(actor=actor, verb=AuditVerb.UNPLANNED_RECORD, subject=work, council=council, at=now, basis=basis)
    if allowed(actor, "plans.confirm_unplanned", council, day=day) and actor.pk != executor.pk:
        _confirm(work, actor=actor, now=now)  # recorded by the secretariat or the chair: confirmed as recorded
    else:
        notify(
            recipients=[
                p
                for p in {*council_secretaries(council=council, day=day), *council_chairs(council=council, day=day)}
                if p.pk != actor.pk
            ],
            key=f"unplanned:{work.pk}:to-confirm",
            message="unplanned.to_confirm",
            params={"number": work.number, "date": work.date.isoformat()},
            now=now,
            council=council,
            url=work.get_absolute_url(),
        )
    return work


def _confirm(work, *, actor, now):
    work.confirmed_by, work.confirmed_at = actor, now
    work.save(update_fields=["confirmed_by", "confirmed_at"])
    audit(actor=actor, verb=AuditVerb.UNPLANNED_CONFIRM, subject=work, council=work.council, at=now)


@transaction.atomic
def unplanned_confirm(*, actor, work, now) -> UnplannedWork:
    """R-004-6, R-004-11: the secretary or the chair confirms, against the document itself, the assignment
    or request an analyst recorded; from then on it is a basis of access to the material it produced. Nobody
    confirms what they recorded themselves."""
    work = _lock(work)
    _require(
        allowed(actor, "plans.confirm_unplanned", work, day=_day(now)),
        _("Only the secretary or the chair confirms the basis of unplanned work."),
    )
    if work.confirmed_at is not None:
        raise ValidationError(_("The basis is confirmed already."))
    if actor.pk in (work.created_by_id, work.executor_id):
        raise ValidationError(_("The basis is confirmed by someone other than the analyst who recorded it."))
    if work.status not in UnplannedWork.OPEN_STATUSES:
        raise ValidationError(_("The work is no longer open: there is nothing to confirm."))
    _confirm(work, actor=actor, now=now)
    return work


def _lock(work):
    return UnplannedWork.objects.select_for_update().select_related("council").get(pk=work.pk)


@transaction.atomic
def unplanned_accept(*, actor, work, now, due_date=None) -> UnplannedWork:
    """The request is to be executed: in the period the Prosecutor General or a deputy set (``due_date``, or
    the one recorded with the request), else within one month of acceptance (R-004-10)."""
    work = _lock(work)
    day = _day(now)
    _require(allowed(actor, "plans.record_unplanned", work, day=day), _("Only analysts assess requests."))
    if due_date is not None and due_date < day:
        raise ValidationError({"due_date": _("The execution deadline cannot be in the past.")})
    move(work, UnplannedWork.Status.ACCEPTED, actor=actor, now=now, council=work.council)
    if due_date is None and work.period_set_by_chief:
        due_date = work.due_date  # the period set with the request's agreement
    work.period_set_by_chief = due_date is not None
    work.due_date = due_date
    deadline_close_for(subject=work, kind=ASSESSMENT, actor=actor, now=now)
    _open_execution(work, actor=actor, now=now, start=day)
    work.save(update_fields=["status", "period_set_by_chief", "due_date"])
    return work


def _store(work, kind, upload, *, actor, now, number="", dispatched_on=None):
    document = UnplannedDocument(
        work=work, kind=kind, number=number, dispatched_on=dispatched_on, submitted_by=actor, submitted_at=now
    )
    if upload is None:
        raise ValidationError({"file": _("Attach the document.")})
    store_upload(document, upload)
    with discarded_on_failure(document):
        document.save()
    return document


@transaction.atomic
def unplanned_refuse(*, actor, work, reason, report, now) -> UnplannedWork:
    """The information cannot be obtained: a reasoned report to the Prosecutor General (R-004-8), after
    which the reasoned answer to the body is due at once (R-004-9; how long "at once" is, is the
    profile's ``refusal_answer_working_days``, a decision of this system)."""
    work = _lock(work)
    day = _day(now)
    _require(allowed(actor, "plans.record_unplanned", work, day=day), _("Only analysts assess requests."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reasons for the refusal.")})
    move(work, UnplannedWork.Status.REFUSAL_REPORTED, actor=actor, now=now, council=work.council, comment=reason)
    work.refusal_reason = reason.strip()
    work.save(update_fields=["status", "refusal_reason"])
    _store(work, UnplannedDocument.Kind.REFUSAL_REPORT, report, actor=actor, now=now)
    deadline_close_for(subject=work, kind=ASSESSMENT, actor=actor, now=now)
    profile = council_profile(work.council)
    rule = profile.rule_for("R-004-9").replace(amount=profile.typed.refusal_answer_working_days)
    deadline_open(
        council=work.council,
        subject=work,
        kind=ANSWER,
        rule_id="R-004-9",
        anchor=day,
        due_date=apply_rule(rule, day, current_calendar()),
        responsible_person=work.executor,
        title=bilingual(_("Reasoned answer to the request № %(number)s"), number=work.number),
        now=now,
        actor=actor,
    )
    return work


@transaction.atomic
def unplanned_answer(*, actor, work, answer, number, dispatched_on, now) -> UnplannedWork:
    """The reasoned answer to the state body is stored and its dispatch recorded (R-004-9)."""
    work = _lock(work)
    day = _day(now)
    _require(allowed(actor, "plans.record_unplanned", work, day=day), _("Only analysts answer requests."))
    if dispatched_on is None or dispatched_on > day:
        raise ValidationError({"dispatched_on": _("Give the day the answer was sent (not in the future).")})
    move(work, UnplannedWork.Status.REFUSED, actor=actor, now=now, council=work.council)
    work.save(update_fields=["status"])
    _store(
        work,
        UnplannedDocument.Kind.ANSWER,
        answer,
        actor=actor,
        now=now,
        number=number or "",
        dispatched_on=dispatched_on,
    )
    deadline_close_for(subject=work, kind=ANSWER, actor=actor, now=now)
    return work


@transaction.atomic
def unplanned_result_attach(*, actor, work, title_kk, title_ru, text_kk, text_ru, personal_terms="", now):
    """The results are attached to the work that was their basis (R-004-14), as sensitive material; the
    execution deadline is met (or met late)."""
    work = _lock(work)
    day = _day(now)
    _require(allowed(actor, "plans.record_unplanned", work, day=day), _("Only analysts attach results."))
    move(work, UnplannedWork.Status.REPORTED, actor=actor, now=now, council=work.council)
    work.save(update_fields=["status"])
    material = sensitive_material_create(
        actor=actor,
        council=work.council,
        subject=work,
        title_kk=title_kk,
        title_ru=title_ru,
        text_kk=text_kk,
        text_ru=text_ru,
        personal_terms=personal_terms,
        now=now,
    )
    deadline_close_for(subject=work, kind=EXECUTION, actor=actor, now=now)
    return material


@transaction.atomic
def unplanned_close(*, actor, work, now) -> UnplannedWork:
    """The chair removes reported work from control."""
    work = _lock(work)
    _require(allowed(actor, "plans.close_unplanned", work, day=_day(now)), _("Only the chair removes from control."))
    move(work, UnplannedWork.Status.CLOSED, actor=actor, now=now, council=work.council)
    work.save(update_fields=["status"])
    return work


def assessment_due(council, received_on) -> datetime.date:
    """R-004-7 (rule R-004-6): the day a request received on ``received_on`` must be assessed by."""
    return council_rule_date(council, "R-004-6", received_on)


# Bases of access to sensitive material (R-004-11), checked against the records -------------------------


def _number(reference):
    text = reference.replace("№", "").strip()
    if not text.isdigit():
        raise ValidationError({"reference": _("Give the plan item's number.")})
    return int(text)


def check_plan_item_basis(council, reference, date, day, material=None):
    """An item of an approved analytical plan of the council, with the plan's approval date; it opens the
    material made under that item."""
    item = (
        PlanItem.objects.filter(
            plan__council=council,
            plan__status=Plan.Status.APPROVED,
            number=_number(reference),
            plan__approved_at__date=date,
        )
        .select_related("plan")
        .first()
    )
    if item is None:
        raise ValidationError(
            {"reference": _("No item with this number in a plan approved on that date: the basis does not hold.")}
        )
    if material is not None and not _names(material, item):
        raise ValidationError({"reference": _("This basis does not name this material: it opens only its own.")})
    return f"{item.plan} № {item.number}"


def _names(material, subject):
    """Whether the material was made under ``subject`` (a plan item, an assignment): the one it opens."""
    return material.subject_type_id == ContentType.objects.get_for_model(subject).pk and material.subject_id == (
        subject.pk
    )


def check_assignment_basis(council, reference, date, day, material=None):
    """An assignment (or an accepted request) of unplanned work that exists, is still open and whose record
    was confirmed by someone other than the analyst (R-004-6, R-004-11); it opens the material it produced."""
    work = UnplannedWork.objects.filter(
        council=council,
        number=reference,
        date=date,
        status__in=[UnplannedWork.Status.ACCEPTED, UnplannedWork.Status.REPORTED],
    ).first()
    if work is None:
        raise ValidationError(
            {"reference": _("No open assignment with this number and date: the basis does not hold.")}
        )
    if work.confirmed_at is None:
        raise ValidationError(
            {"reference": _("This assignment is not yet confirmed by the secretary or the chair: it is no basis yet.")}
        )
    if material is not None and not _names(material, work):
        raise ValidationError({"reference": _("This basis does not name this material: it opens only its own.")})
    return f"№ {work.number} {work.date:%d.%m.%Y}"
