"""The quarterly review of assignments and their cancellation (R-003-49)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.http import text_param

from .models import ControlReview
from .review import assignment_cancel, control_review_done, open_assignments
from .views_control import _assignment_or_404


@login_required
def control_review(request, pk):
    review = get_object_or_404(ControlReview.objects.select_related("council", "reviewed_by"), pk=pk)
    if not request.user.has_perm("council.open_council", review.council):
        raise Http404
    if not request.user.has_perm("protocols.analyse_execution", review.council):
        raise PermissionDenied
    if request.method == "POST":
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
        {"review": review, "council": review.council, "assignments": open_assignments(review.council)},
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
