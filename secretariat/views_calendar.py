"""The month calendar of a person and of a council, and the person's secret iCal address."""

import datetime
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from council.http import YEAR_MAX, YEAR_MIN, BadInput, refuse_bad_input
from council.links import absolute
from council.navcache import kept
from council.rules import allowed
from council.views import visible_council_or_404

from . import month as month_calendar
from .models import CalendarFeed
from .services.calendar_feeds import calendar_feed_create, calendar_feed_person, calendar_feed_revoke

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_SHOWN_ONCE = "calendar_feed_url"


def _month_param(request, today):
    raw = (request.GET.get("month") or "").strip()
    if not raw:
        return today.year, today.month
    match = _MONTH.fullmatch(raw)
    if not match or not (YEAR_MIN <= int(match[1]) <= YEAR_MAX and 1 <= int(match[2]) <= 12):
        raise BadInput(
            _("“%(name)s” must be a month written as YYYY-MM, from %(min)s to %(max)s.")
            % {"name": _("month"), "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return int(match[1]), int(match[2])


def _render_month(request, *, council):
    today = timezone.localdate()
    year, month = _month_param(request, today)
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "secretariat/calendar_month.html",
        {
            "council": council,
            "first": first,
            "month_table": _month_table(request, council=council, first=first, today=today),
            "previous": previous if previous.year >= YEAR_MIN else None,
            "following": following if following.year <= YEAR_MAX else None,
            "this_month": today.replace(day=1),
            "feed": CalendarFeed.objects.filter(person=request.user).first() if council is None else None,
            "feed_url": request.session.pop(_SHOWN_ONCE, None) if council is None else None,
        },
    )


def _month_table(request, *, council, first, today):
    """The month's table, kept per person, month, day and language (``council.navcache``) under the
    generations of the person and of the councils whose meetings and deadlines it shows: the republic
    secretariat's month draws on 21 councils and hundreds of deadlines."""
    user = request.user
    if council is None:
        # Which councils' meetings the person sees follows from their roles: kept under their generation.
        ids = kept(
            f"calendar-councils:{user.pk}:{today.isoformat()}",
            users=[user.pk],
            compute=lambda: [c.pk for c in month_calendar.councils_with_meetings(user, today)],
        )
    else:
        ids = [council.pk, council.parent_id]

    def compute():
        weeks = month_calendar.month_grid(user=user, year=first.year, month=first.month, today=today, council=council)
        context = {"weeks": weeks, "council": council, "first": first, "more_url": _more_url(user, council, today)}
        return render_to_string("secretariat/_month_table.html", context, request=request)

    name = f"calendar:{user.pk}:{council.pk if council else ''}:{first:%Y-%m}:{translation.get_language()}:{today}"
    return kept(name, users=[user.pk], councils=ids, compute=compute)


def _more_url(user, council, today):
    """Where a day's deadlines beyond those the month shows are listed (``?…due=`` is appended): the
    council's deadlines for those who keep them, as the council's month shows them all; else the person's."""
    if council is not None and allowed(user, "council.manage_council", council, day=today):
        return reverse("council_deadlines", args=[council.code]) + "?state=all&"
    mine = reverse("my_deadlines") + "?state=all&"
    return mine if council is None else f"{mine}council={council.code}&"


@login_required
@refuse_bad_input
def calendar_month(request):
    return _render_month(request, council=None)


@login_required
@refuse_bad_input
def council_calendar(request, code):
    return _render_month(request, council=visible_council_or_404(request, code, perm="secretariat.view_meeting"))


@login_required
@require_POST
def calendar_feed(request):
    """Make a new secret address (the old one stops working) or revoke it."""
    now = timezone.now()
    if request.POST.get("action") == "revoke":
        calendar_feed_revoke(actor=request.user, now=now)
        messages.success(request, _("The calendar address is revoked; calendars using it no longer update."))
    else:
        token = calendar_feed_create(actor=request.user, now=now)
        request.session[_SHOWN_ONCE] = absolute(reverse("secretariat:calendar_ics", args=[token]))
        messages.success(request, _("A new calendar address is made; any earlier one no longer works."))
    return redirect("secretariat:calendar_month")


@never_cache
def calendar_ics(request, token):
    """The iCal feed: no sign-in (calendar applications cannot), the secret address is the key."""
    person = calendar_feed_person(token)
    if person is None:
        raise Http404

    with translation.override(person.preferred_language or None):
        body = month_calendar.feed(user=person, today=timezone.localdate(), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="council.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
