"""The quarterly review of assignments and their cancellation (R-003-49); urgent oral instructions (R-003-44)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.http import attach_errors, text_param
from council.rules import allowed
from council.views import visible_council_or_404

from .forms import OralInstructionForm
from .models import ControlReview
from .review import assignment_cancel, control_review_done, open_assignments, oral_instruction_record
from .views_control import _assignment_or_404


@login_required
def control_review(request, pk):
    review = get_object_or_404(ControlReview.objects.select_related("council", "reviewed_by"), pk=pk)
    if not request.user.has_perm("council.open_council", review.council):
        raise Http404
    # The review and its list are read by the council, like the control list (R-000-11d); the secretary
    # does it (R-003-49).
    can_review = request.user.has_perm("protocols.analyse_execution", review.council)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        try:
            control_review_done(actor=request.user, review=review, now=timezone.now())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The quarter's review is recorded."))
        return redirect(review)
    return render(
        request,
        "protocols/control_review.html",
        {
            "review": review,
            "council": review.council,
            "assignments": open_assignments(review.council),
            "can_review": can_review,
        },
    )


@login_required
@require_POST
def assignment_cancel_view(request, pk):
    assignment = _assignment_or_404(request, pk)
    if not request.user.has_perm("protocols.analyse_execution", assignment):
        raise PermissionDenied
    reason = text_param(request.POST, "reason", default="", max_length=2000, label=_("reason"))
    try:
        assignment_cancel(actor=request.user, assignment=assignment, reason=reason, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The assignment is cancelled; its executors have been told."))
    return redirect(assignment)


@login_required
def oral_instructions(request, code):
    """R-003-44: the council's urgent oral instructions and, for the secretary, the form to enter one."""

    council = visible_council_or_404(request, code)
    can_record = allowed(request.user, "protocols.record_oral_instruction", council, day=timezone.localdate())
    form = OralInstructionForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                oral_instruction_record(actor=request.user, council=council, now=timezone.now(), **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The instruction is entered; its executors are told."))
                return redirect("protocols:oral_instructions", code=council.code)
    rows = council.oral_instructions.select_related("body", "entered_by")[:200]
    return render(
        request,
        "protocols/oral_instructions.html",
        {"council": council, "rows": rows, "form": form, "can_record": can_record},
    )
