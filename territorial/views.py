from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.rules import allowed
from council.selectors import deadlines_base
from council.views import object_or_404, visible_council_or_404
from council.worklist import work_for

from . import selectors
from .forms import ApprovalForm, DecisionForm, RegionalReportForm
from .models import Approval, RegionalReport
from .reports import REGIONAL_REPORT_MAX_PAGES, regional_report_submit
from .services import approval_create, approval_decide, approval_submit, can_decide, can_prepare


def _approval_or_404(request, pk):
    return object_or_404(request, Approval.objects.select_related("council__parent", "profile", "created_by"), pk=pk)


@login_required
def approval_list(request, code):
    council = visible_council_or_404(request, code)
    if council.parent_id is None:
        raise Http404
    approvals = selectors.approvals_of(council=council)
    today = timezone.localdate()
    return render(
        request,
        "territorial/approval_list.html",
        {"council": council, "approvals": approvals, "can_prepare": can_prepare(request.user, council, today)},
    )


@login_required
def approval_new(request, code):
    council = visible_council_or_404(request, code)
    now = timezone.now()
    if council.parent_id is None:
        raise Http404
    if not can_prepare(request.user, council, timezone.localdate()):
        raise PermissionDenied
    form = ApprovalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            approval = approval_create(
                actor=request.user,
                council=council,
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                document=form.cleaned_data["document"],
                profile=form.cleaned_data["profile"],
                now=now,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The draft is saved. Check it and submit it to the republic chair."))
            return redirect(approval)
    return render(request, "territorial/approval_form.html", {"council": council, "form": form})


@login_required
def approval_detail(request, pk):
    approval = _approval_or_404(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "territorial/approval_detail.html",
        {
            "approval": approval,
            "council": approval.council,
            "steps": selectors.approval_steps(approval=approval),
            "can_submit": can_prepare(request.user, approval.council, today)
            and Approval.Status.SUBMITTED in Approval.TRANSITIONS[approval.status],
            "can_decide": can_decide(request.user, approval.council, today)
            and approval.status == Approval.Status.SUBMITTED,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def approval_submit_view(request, pk):
    approval = _approval_or_404(request, pk)
    try:
        approval_submit(actor=request.user, approval=approval, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Submitted to the republic chair."))
    return redirect(approval)


@login_required
@require_POST
def approval_decide_view(request, pk):
    approval = _approval_or_404(request, pk)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid():  # remarks that cannot be stored are shown back, never dropped
        try:
            approval_decide(
                actor=request.user,
                approval=approval,
                approve=approve,
                remarks=form.cleaned_data["remarks"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Approved.") if approve else _("Returned to the council with your remarks."))
            return redirect(approval)
    return render(
        request,
        "territorial/approval_detail.html",
        {
            "approval": approval,
            "council": approval.council,
            "steps": selectors.approval_steps(approval=approval),
            "can_decide": can_decide(request.user, approval.council, timezone.localdate()),
            "decision_form": form,
        },
        status=400,
    )


@login_required
def approvals_awaiting(request):
    """What the republic chair and secretariat have to decide: submitted approvals of councils under theirs."""
    today = timezone.localdate()
    approvals = selectors.approvals_awaiting(user=request.user, day=today)
    # The chair's other decisions (a plan, materials, an agenda, a protocol to sign) wait here too.
    own = {a.get_absolute_url() for a in approvals}
    others = [
        item
        for item in work_for(user=request.user, day=today)
        if item.group in ("approvals", "signatures") and item.url not in own
    ]
    return render(request, "territorial/approvals_awaiting.html", {"approvals": approvals, "others": others})


@login_required
def regional_reports(request, code):
    """The territorial council's quarterly reports (R-003-33): each quarter's due date, and the upload."""
    council = visible_council_or_404(request, code)
    if council.parent_id is None:
        raise Http404
    today = timezone.localdate()
    can_submit = allowed(request.user, "territorial.submit_regional_report", council, day=today)
    form = RegionalReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_submit:
            raise PermissionDenied
        if form.is_valid():
            report = RegionalReport.objects.filter(council=council, pk=form.cleaned_data["report"]).first()
            if report is None:
                raise Http404
            try:
                regional_report_submit(
                    actor=request.user, report=report, upload=form.cleaned_data["document"], now=timezone.now()
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The quarterly report is submitted."))
                return redirect("territorial:regional_reports", code=council.code)

    reports = list(council.regional_reports.select_related("submitted_by"))
    due = dict(
        deadlines_base()
        .filter(
            subject_type=ContentType.objects.get_for_model(RegionalReport),
            subject_id__in=[r.pk for r in reports],
            kind="regional-report",
        )
        .values_list("subject_id", "due_date")
    )
    return render(
        request,
        "territorial/regional_reports.html",
        {
            "council": council,
            "rows": [(r, due.get(r.pk)) for r in reports],
            "form": form,
            "can_submit": can_submit,
            "max_pages": REGIONAL_REPORT_MAX_PAGES,
        },
    )
