"""Deadlines, the calendar of days off, and the notification inbox."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .deadline_services import current_calendar
from .http import date_param, refuse_bad_input, text_param
from .models import Deadline, Notification
from .selectors import deadlines_base, deadlines_for_user, filter_deadlines
from .services import notification_mark_read, user_set_email_digest
from .views import visible_council_or_404

PAGE_SIZE = 50


def _deadline_page(request, qs, template, context):
    state = request.GET.get("state", "active")
    sort = request.GET.get("sort", "due")
    council = text_param(request.GET, "council", max_length=64, label=_("Council"))
    due = date_param(request.GET, "due")
    qs = filter_deadlines(qs, state=state, council=council, sort=sort, due=due)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            **context,
            "page": page,
            "deadlines": page.object_list,
            "state": state,
            "sort": sort,
            "due": due,
            "council_code": council,
            "states": [("active", None), *Deadline.State.choices, ("all", None)],
            "today": timezone.localdate(),
        },
    )


@login_required
@refuse_bad_input
def my_deadlines(request):
    today = timezone.localdate()
    return _deadline_page(request, deadlines_for_user(user=request.user, day=today), "council/my_deadlines.html", {})


@login_required
@refuse_bad_input
def council_deadlines(request, code):
    council = visible_council_or_404(request, code, perm="council.manage_council")
    qs = deadlines_base().filter(council=council)
    return _deadline_page(request, qs, "council/council_deadlines.html", {"council": council})


@login_required
def calendar_year(request, year=None):
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    calendar = current_calendar()
    return render(
        request,
        "council/calendar.html",
        {
            "year": year,
            "days_off": calendar.days_off(year),
            "working_weekend": calendar.working_weekend_days(year),
            "weekend_count": sum(
                1
                for n in range((datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days)
                if (datetime.date(year, 1, 1) + datetime.timedelta(days=n)).weekday() >= 5
            ),
            "can_correct": request.user.has_perm("council.add_calendarday"),
        },
    )


@login_required
def inbox(request):
    qs = Notification.objects.filter(recipient=request.user).select_related("council")
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "council/inbox.html", {"page": page, "unread_only": bool(request.GET.get("unread"))})


@login_required
@require_POST
def inbox_read(request, pk=None):
    if pk is None:
        notification_mark_read(user=request.user, now=timezone.now())
        return redirect("inbox")
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification_mark_read(user=request.user, now=timezone.now(), notification=notification)
    if request.POST.get("open") and notification.url.startswith("/"):
        return redirect(notification.url)
    return redirect("inbox")


@login_required
def notification_settings(request):
    """The person's choice: an e-mail per notice, or one e-mail a day with all of them."""
    if request.method == "POST":
        user_set_email_digest(user=request.user, digest=request.POST.get("email_digest") == "on")
        messages.success(request, _("Saved."))
        return redirect("notification_settings")
    return render(request, "council/notification_settings.html", {"digest": request.user.email_digest})
