"""The control of an approved plan's items (R-001-2, R-003-18): the secretary records each step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from council.http import attach_errors
from council.selectors import deadlines_of

from .forms import ItemControlForm
from .item_control import plan_item_control
from .models import PlanItem
from .views import _plan_or_404


@login_required
def item_control(request, pk, number):
    plan = _plan_or_404(request, pk)
    item = get_object_or_404(PlanItem.objects.select_related("responsible_body"), plan=plan, number=number)
    if not request.user.has_perm("plans.control_item", plan.council):
        raise PermissionDenied
    form = ItemControlForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_item_control(
                actor=request.user,
                item=item,
                step=form.cleaned_data["step"],
                note=form.cleaned_data["note"],
                resolution_date=form.cleaned_data["resolution_date"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The step is recorded."))
            return redirect("plans:item_control", pk=plan.pk, number=item.number)
    return render(
        request,
        "plans/item_control.html",
        {
            "plan": plan,
            "council": plan.council,
            "item": item,
            "form": form,
            "deadlines": deadlines_of(item),
            "today": timezone.localdate(),
        },
    )
