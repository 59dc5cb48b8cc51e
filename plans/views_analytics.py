"""Pages of unplanned analytical work (R-004-6..10, R-004-14). HTTP only: services do the writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.http import attach_errors, refuse_bad_input
from council.models import SensitiveMaterial
from council.rules import allowed
from council.selectors import council_people, deadlines_of
from council.views import visible_council_or_404

from . import analytics
from .forms_analytics import AcceptForm, AnswerForm, RefuseForm, ResultForm, UnplannedForm
from .models import UnplannedWork


def _executors(council, day):
    return [
        p for p in council_people(council=council, day=day) if allowed(p, "council.open_sensitive", council, day=day)
    ]


@login_required
def unplanned_list(request, code):
    council = visible_council_or_404(request, code, "plans.view_unplanned")
    works = UnplannedWork.objects.filter(council=council).select_related("requesting_body", "executor")
    status = request.GET.get("status", "")
    if status in UnplannedWork.Status.values:
        works = works.filter(status=status)
    return render(
        request,
        "plans/unplanned_list.html",
        {
            "council": council,
            "works": works,
            "status": status,
            "statuses": UnplannedWork.Status.choices,
            "can_record": request.user.has_perm("plans.record_unplanned", council),
        },
    )


@login_required
def unplanned_new(request, code):
    council = visible_council_or_404(request, code, "plans.record_unplanned")
    today = timezone.localdate()
    form = UnplannedForm(request.POST or None, executors=_executors(council, today))
    if request.method == "POST" and form.is_valid():
        try:
            work = analytics.unplanned_record(
                actor=request.user, council=council, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The unplanned work is recorded."))
            return redirect(work)
    return render(request, "plans/unplanned_form.html", {"council": council, "form": form})


def _work_or_404(request, pk, perm="plans.view_unplanned"):
    work = get_object_or_404(
        UnplannedWork.objects.select_related("council", "requesting_body", "executor", "created_by", "confirmed_by"),
        pk=pk,
    )
    if not request.user.has_perm("council.open_council", work.council):
        raise Http404
    if not request.user.has_perm(perm, work):
        raise PermissionDenied
    return work


@login_required
def unplanned_detail(request, pk):
    work = _work_or_404(request, pk)
    results = SensitiveMaterial.objects.filter(
        subject_type=ContentType.objects.get_for_model(UnplannedWork), subject_id=work.pk
    ).order_by("created_at")
    return render(
        request,
        "plans/unplanned_detail.html",
        {
            "council": work.council,
            "work": work,
            "documents": work.documents.all(),
            "results": results,
            "deadlines": deadlines_of(work),
            "steps": work.steps.select_related("actor"),
            "today": timezone.localdate(),
            "can_record": request.user.has_perm("plans.record_unplanned", work),
            "can_close": request.user.has_perm("plans.close_unplanned", work),
            "can_confirm": work.confirmed_at is None
            and work.status in UnplannedWork.OPEN_STATUSES
            and request.user.pk not in (work.created_by_id, work.executor_id)
            and request.user.has_perm("plans.confirm_unplanned", work),
            "can_open": request.user.has_perm("council.open_sensitive", work),
            "accept_form": AcceptForm(),
            "refuse_form": RefuseForm(),
            "answer_form": AnswerForm(initial={"dispatched_on": timezone.localdate()}),
            "result_form": ResultForm(),
        },
    )


def _act(request, pk, form_class, run, success, perm="plans.record_unplanned"):
    work = _work_or_404(request, pk, perm)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect(work)
    try:
        run(work, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(work)


@login_required
@require_POST
@refuse_bad_input
def unplanned_accept(request, pk):
    def run(work, data):
        analytics.unplanned_accept(actor=request.user, work=work, now=timezone.now(), due_date=data["due_date"])

    return _act(request, pk, AcceptForm, run, _("The request is accepted and put under control."))


@login_required
@require_POST
@refuse_bad_input
def unplanned_refuse(request, pk):
    def run(work, data):
        analytics.unplanned_refuse(
            actor=request.user, work=work, reason=data["reason"], report=data["report"], now=timezone.now()
        )

    return _act(request, pk, RefuseForm, run, _("The refusal is reported to the Prosecutor General."))


@login_required
@require_POST
@refuse_bad_input
def unplanned_answer(request, pk):
    def run(work, data):
        analytics.unplanned_answer(
            actor=request.user,
            work=work,
            answer=data["answer"],
            number=data["number"],
            dispatched_on=data["dispatched_on"],
            now=timezone.now(),
        )

    return _act(request, pk, AnswerForm, run, _("The reasoned answer to the state body is recorded as sent."))


@login_required
@require_POST
@refuse_bad_input
def unplanned_result(request, pk):
    def run(work, data):
        analytics.unplanned_result_attach(actor=request.user, work=work, now=timezone.now(), **data)

    return _act(request, pk, ResultForm, run, _("The results are attached."))


@login_required
@require_POST
@refuse_bad_input
def unplanned_close(request, pk):
    def run(work, data):
        analytics.unplanned_close(actor=request.user, work=work, now=timezone.now())

    return _act(request, pk, None, run, _("Removed from control."), perm="plans.close_unplanned")


@login_required
@require_POST
@refuse_bad_input
def unplanned_confirm(request, pk):
    def run(work, data):
        analytics.unplanned_confirm(actor=request.user, work=work, now=timezone.now())

    return _act(
        request,
        pk,
        None,
        run,
        _("The basis is confirmed: it now opens the material this work produces."),
        perm="plans.confirm_unplanned",
    )
