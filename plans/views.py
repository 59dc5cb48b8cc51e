from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.deadline_services import council_profile
from council.http import attach_errors, id_list, refuse_bad_input, run_action, text_param
from council.pdf import PDF_LANGUAGES, render_pdf
from council.rules import allowed
from council.selectors import council_secretaries, deadlines_of
from council.views import object_or_404, visible_council_or_404

from . import services
from .coverage import coverage_warnings
from .forms import (
    CorrectionForm,
    DecisionForm,
    ItemFields,
    PlanCreateForm,
    ProposalDecisionForm,
    ProposalForm,
    RemoveForm,
)
from .models import Plan, PlanItem, Proposal
from .selectors import plan_deadlines_passed


def _plan_or_404(request, pk):
    return object_or_404(request, Plan.objects.select_related("approved_by", "created_by"), pk=pk)


@login_required
def plan_list(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    periods = services.plan_periods(council)
    form = PlanCreateForm(
        request.POST or None,
        periods=periods,
        initial={"start": services.default_start(council, today), "period": periods[0]},
    )
    can_edit = services.can_edit(request.user, council, today)
    late = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            late = plan_deadlines_passed(
                council=council,
                start=form.cleaned_data["start"],
                period=form.cleaned_data.get("period") or periods[0],
                today=today,
            )
        # A period under way or proposals' date passed: shown with what is late, created once confirmed.
        if form.is_valid() and (not late or request.POST.get("confirm_late")):
            try:
                plan = services.plan_create(
                    actor=request.user, council=council, start=form.cleaned_data["start"], now=timezone.now()
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The draft plan is created. Add its items."))
                return redirect(plan)
    plans = council.plans.select_related("approved_by").order_by("-start")
    return render(
        request,
        "plans/plan_list.html",
        {"council": council, "plans": plans, "form": form, "can_edit": can_edit, "late": late, "today": today},
    )


@login_required
def plan_detail(request, pk):
    plan = _plan_or_404(request, pk)
    today = timezone.localdate()
    items = list(
        plan.items.select_related("responsible_body").prefetch_related("co_executor_links__body").order_by("number")
    )
    profile = council_profile(plan.council)
    warnings = coverage_warnings(
        start=plan.start,
        end=plan.end,
        min_meetings=profile.typed.min_meetings,
        meeting_dates=[i.planned_meeting for i in items],
        items_without_responsible=[i.number for i in items if i.responsible_body_id is None],
    )
    revisions = list(plan.revisions.select_related("created_by").order_by("-number"))
    diffs = []
    for newer, older in zip(revisions, revisions[1:], strict=False):
        diffs.append((newer, *services.revision_diff(older.items, newer.items)))
    accepted = Proposal.objects.filter(council=plan.council, status=Proposal.Status.ACCEPTED, items__isnull=True)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "council": plan.council,
            "items": items,
            "warnings": warnings,
            "diffs": diffs,
            "revisions": revisions,
            "steps": plan.steps.select_related("actor", "plan"),
            "can_edit": services.can_edit(request.user, plan.council, today),
            "can_approve": services.can_approve(request.user, plan.council, today),
            "editable": plan.status in (Plan.Status.DRAFT, Plan.Status.RETURNED),
            "accepted_proposals": accepted if plan.status in (Plan.Status.DRAFT, Plan.Status.RETURNED) else [],
            "decision_form": DecisionForm(),
            "deadlines": deadlines_of(plan),
            "today": today,
        },
    )


def _item_form_view(request, plan, item=None, correction=False):
    today = timezone.localdate()
    if not services.can_edit(request.user, plan.council, today):
        raise PermissionDenied
    form_class = CorrectionForm if correction else ItemFields
    initial = {}
    if item is not None:
        initial = {
            f: getattr(item, f)
            for f in (
                "question_kk",
                "question_ru",
                "responsible_body",
                "planned_quarter",
                "planned_meeting",
                "deadline",
                "form_kk",
                "form_ru",
                "stage",
            )
        }
        initial["co_executors"] = [b.pk for b in item.ordered_co_executors()]
        initial["version"], initial["item"] = item.version, item.pk
    stages = council_profile(plan.council).typed.item_stages
    versioned = item is not None and not correction  # a draft's item: saved only over the version it shows
    form = form_class(request.POST or None, initial=initial, stages=stages, versioned=versioned, council=plan.council)
    renumbered = request.method == "POST" and item is not None and form.opened_for not in (None, item.pk)
    if renumbered:
        form.is_valid()
        form.add_error(
            None,
            _(
                "The items of the plan were renumbered after you opened this page: number %(number)s is now "
                "another item. Nothing was saved; your text is kept below. Open the item again from the plan."
            )
            % {"number": item.number},
        )
    elif request.method == "POST" and form.is_valid():
        try:
            if correction:
                services.plan_correct(
                    actor=request.user,
                    plan=plan,
                    reason=form.cleaned_data["reason"],
                    explanation=form.cleaned_data["explanation"],
                    now=timezone.now(),
                    action="change" if item else "add",
                    item=item,
                    data=form.item_data(),
                    co_executors=form.ordered_co_executors(),
                )
                messages.success(request, _("The plan is corrected; every member has been notified."))
            else:
                services.plan_item_save(
                    actor=request.user,
                    plan=plan,
                    item=item,
                    data=form.item_data(),
                    co_executors=form.ordered_co_executors(),
                    version=form.cleaned_data.get("version"),
                    now=timezone.now(),
                )
                messages.success(request, _("The item is saved."))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect(plan)
    current = None
    if versioned and form.is_bound and not renumbered:  # refused: the item as stored now, if the page showed another
        stored = (
            PlanItem.objects.select_related("responsible_body")
            .prefetch_related("co_executor_links__body")
            .filter(pk=item.pk)
            .first()
        )
        if stored is not None and form.based_on != stored.version:
            current = stored
            form.rebase(stored.version)
    needs_reason = correction and item is not None and services.too_late_to_change(plan.council, item.deadline, today)
    return render(
        request,
        "plans/item_form.html",
        {
            "plan": plan,
            "council": plan.council,
            "form": form,
            "item": item,
            "correction": correction,
            "needs_reason": needs_reason,
            "current": current,
        },
    )


@login_required
def item_new(request, pk):
    plan = _plan_or_404(request, pk)
    return _item_form_view(request, plan, correction=plan.status == Plan.Status.APPROVED)


@login_required
def item_edit(request, pk, number):
    plan = _plan_or_404(request, pk)
    item = get_object_or_404(PlanItem, plan=plan, number=number)
    return _item_form_view(request, plan, item=item, correction=plan.status == Plan.Status.APPROVED)


@login_required
def item_remove(request, pk, number):
    plan = _plan_or_404(request, pk)
    item = get_object_or_404(PlanItem, plan=plan, number=number)
    if not services.can_edit(request.user, plan.council, timezone.localdate()):
        raise PermissionDenied
    correction = plan.status == Plan.Status.APPROVED
    form = RemoveForm(request.POST or None) if correction else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if correction:
                services.plan_correct(
                    actor=request.user,
                    plan=plan,
                    reason=form.cleaned_data["reason"],
                    explanation=form.cleaned_data["explanation"],
                    now=timezone.now(),
                    action="remove",
                    item=item,
                )
            else:
                services.plan_item_delete(actor=request.user, item=item, now=timezone.now())
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect(plan)
            attach_errors(form, exc)
        else:
            messages.success(request, _("The item is removed."))
            return redirect(plan)
    return render(
        request, "plans/item_remove.html", {"plan": plan, "council": plan.council, "item": item, "form": form}
    )


@login_required
@require_POST
def plan_submit(request, pk):
    plan = _plan_or_404(request, pk)
    return run_action(
        request,
        plan,
        lambda: services.plan_submit(actor=request.user, plan=plan, now=timezone.now()),
        _("The plan is submitted to the chair for signature."),
    )


@login_required
@require_POST
@refuse_bad_input
def plan_decide(request, pk):
    plan = _plan_or_404(request, pk)
    approve = request.POST.get("decision") == "approve"
    remarks = text_param(request.POST, "remarks", label=_("Remarks"))
    return run_action(
        request,
        plan,
        lambda: services.plan_decide(
            actor=request.user, plan=plan, approve=approve, remarks=remarks, now=timezone.now()
        ),
        _("The plan is approved; the members have been notified.") if approve else _("The plan is returned."),
    )


@login_required
@require_POST
@refuse_bad_input
def plan_add_proposals(request, pk):
    plan = _plan_or_404(request, pk)
    if not request.user.has_perm("plans.edit_plan", plan.council):
        raise PermissionDenied
    chosen = id_list(request.POST, "proposal", label=_("Proposal"))
    proposals = Proposal.objects.filter(pk__in=chosen, council=plan.council)
    return run_action(
        request,
        plan,
        lambda: services.plan_add_proposals(actor=request.user, plan=plan, proposals=proposals, now=timezone.now()),
        _("The accepted proposals are added to the plan."),
    )


@login_required
def plan_pdf(request, pk, lang):
    plan = _plan_or_404(request, pk)
    if lang not in PDF_LANGUAGES:
        raise Http404
    revision = plan.revisions.order_by("-number").first()
    items = revision.items if revision else services.snapshot(plan)
    pdf = render_pdf(
        "pdf/plan.html",
        {
            "plan": plan,
            "items": items,
            "secretaries": council_secretaries(council=plan.council, day=timezone.localdate()),
        },
        lang=lang,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.pk}-r{plan.revision}-{lang}.pdf"'
    return response


def _visible_proposals(user, council, day):
    """The proposals a user sees: all of them for the secretariat and the chair, otherwise the user's
    own and their body's."""
    qs = Proposal.objects.filter(council=council)
    if not allowed(user, "plans.see_all_proposals", council, day=day):  # the same rule as search
        qs = qs.filter(author=user) | qs.filter(
            body__in=[b.pk for b in services.bodies_of(user=user, council=council, day=day)]
        )
    return qs


@login_required
def proposal_list(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    can_edit = services.can_edit(request.user, council, today)
    qs = _visible_proposals(request.user, council, today).select_related("author", "body", "responsible_body")
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        qs = qs.filter(status=status)
    period = services.plan_periods(council)[0]
    next_start = services.default_start(council, today)
    due_rule, due = services.proposals_due(council, period, next_start)
    proposals = list(qs.order_by("-created_at"))
    due_by_period = {}
    for p in proposals:
        if p.period_start not in due_by_period:
            due_by_period[p.period_start] = services.proposals_due(council, period, p.period_start)[1]
        p_due = due_by_period[p.period_start]
        p.late = p_due is not None and timezone.localtime(p.created_at).date() > p_due
    return render(
        request,
        "plans/proposal_list.html",
        {
            "council": council,
            "proposals": proposals,
            "next_start": next_start,
            "due": due,
            "due_rule": due_rule,
            "status": status,
            "statuses": Proposal.Status.choices,
            "can_edit": can_edit,
            "can_propose": services.can_propose(request.user, council, today),
            "decision_form": ProposalDecisionForm(),
            "no_criminal_cases": council_profile(council).typed.no_criminal_cases,  # R-001-1.2
        },
    )


@login_required
def proposal_new(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    if not services.can_propose(request.user, council, today):
        raise PermissionDenied
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        council=council,
        criminal_case_confirmation=council_profile(council).typed.no_criminal_cases,  # R-001-1.2
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.proposal_submit(
                actor=request.user,
                council=council,
                period_start=services.default_start(council, today),
                question_kk=d["question_kk"],
                question_ru=d["question_ru"],
                justification_kk=d["justification_kk"],
                justification_ru=d["justification_ru"],
                justification_file=d["justification_file"],
                responsible_body=d["responsible_body"],
                co_executors=list(d["co_executors"]),
                desired_quarter=d["desired_quarter"],
                not_a_criminal_case=d.get("not_a_criminal_case", False),
                now=timezone.now(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The proposal is sent to the chair through the secretary."))
            return redirect("plans:proposal_list", council.code)
    return render(request, "plans/proposal_form.html", {"council": council, "form": form})


@login_required
@require_POST
@refuse_bad_input
def proposal_decide(request, pk):
    proposal = object_or_404(request, Proposal.objects, pk=pk)
    accept = request.POST.get("decision") == "accept"
    note = text_param(request.POST, "note", label=_("Note"))
    try:
        services.proposal_decide(
            actor=request.user,
            proposal=proposal,
            accept=accept,
            note=note,
            criminal_case=request.POST.get("decision") == "criminal_case",  # R-001-1.2
            now=timezone.now(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The proposal is accepted.") if accept else _("The proposal is not accepted."))
    return redirect("plans:proposal_list", proposal.council.code)
