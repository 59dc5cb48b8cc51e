import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .context_processors import header_of
from .deadline_services import request_calendar
from .due import due_in
from .models import AccessAuditor, AuditVerb, Council
from .navcache import cached_fragment
from .selectors import active_on, council_change_log, council_composition, councils_visible_to
from .services import audit, user_set_language
from .worklist import GROUPS, PAGE, work_counts, work_for


def object_or_404(request, queryset, *, council="council", perm=None, **lookup):
    """The view preamble: the object, if the user may open its council; 404 otherwise, so other councils'
    records do not leak; 403 when the user opens the council but lacks ``perm`` on the object.

    ``council`` is the path from the object to its council (``"meeting__council"`` for an agenda question);
    it is fetched in the same query."""
    if council != "self":
        queryset = queryset.select_related(council)
    obj = get_object_or_404(queryset, **lookup)
    owner = obj
    if council != "self":
        for step in council.split("__"):
            owner = getattr(owner, step)
    if not request.user.has_perm("council.open_council", owner):
        raise Http404
    if perm and not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def visible_council_or_404(request, code, perm="council.open_council"):
    """The council, if the user may see it; 404 otherwise, so other councils' existence does not leak."""
    perm = None if perm == "council.open_council" else perm
    return object_or_404(request, Council.objects.filter(is_active=True), council="self", perm=perm, code=code)


@login_required
def home(request):
    """ "My work": what awaits the person across their councils, earliest due first, then their councils.

    The first ``PAGE`` items, each provider asked for its earliest only, so the page costs the same whatever
    the amount of work; the total and the count of each group are the header's (``council.navcache``), and
    ``?all=1`` lists everything. The page's body changes only with what the header depends on, so it is kept
    under the header's version (and the language) and rendered again when that changes."""
    today = timezone.localdate()
    show_all = request.GET.get("all") == "1"
    version = header_of(request).version
    key = None if show_all or version is None else f"nav:f:home:{version}:{translation.get_language()}"
    body = cached_fragment(key, lambda: _home_body(request, today, show_all))
    return render(request, "council/home.html", {"body": body})


def _home_body(request, today, show_all):
    councils = list(councils_visible_to(user=request.user, day=today).select_related("parent"))
    figures = header_of(request).figures  # from the cache, or computed now with the full list
    full = getattr(request, "my_work", None)  # the full list, when the header has just been computed
    work = None
    if full is None and not show_all:
        first = work_for(user=request.user, day=today, limit=PAGE + 1)
        if len(first) <= PAGE:
            full = first  # all there is
        elif "my_work_groups" in figures:  # (a header cached before the groups were counted has none)
            # more than a page: how many in all, and in each group, are the header's figures
            work, total, groups = first[:PAGE], max(figures["my_work"], len(first)), figures["my_work_groups"]
    if work is None:
        if full is None:
            full = work_for(user=request.user, day=today)
        work, total, groups = (full if show_all else full[:PAGE]), len(full), work_counts(full)
    # An auditor of the access log (R-004-11) may hold no other role: their logs are listed here.
    audited = Council.objects.filter(
        pk__in=active_on(AccessAuditor.objects.filter(person=request.user), today).values("council_id"),
        is_active=True,
    ).order_by("name_ru")
    return render_to_string(
        "council/_home_body.html",
        {
            "audited": list(audited),
            "councils": councils,
            "today": today,
            "work": _work_rows(request, work, today),
            "shown": len(work),
            "total": total,
            "page_size": PAGE,
            "show_all": show_all,
            "work_groups": groups,
            "groups": GROUPS,
        },
        request=request,
    )


def _work_rows(request, items, today):
    """(item, its due date as shown, the time left) for each item: worked out here once per due date rather
    than by a filter and a tag on every row of the page."""
    left = {}
    rows = []
    for item in items:
        due = item.due_date
        if due is None:
            rows.append((item, "", None))
            continue
        if due not in left:
            left[due] = due_in(due, today, request_calendar(request))
        rows.append((item, f"{due:%d.%m.%Y}", left[due]))
    return rows


def _parse_day(value, default):
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return None


@login_required
def council_detail(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    day = _parse_day(request.GET.get("on"), today)
    error = None
    if day is None:
        error = _("Enter the date as YYYY-MM-DD.")
        day = today
    composition = council_composition(council=council, day=day)
    return render(
        request,
        "council/council_detail.html",
        {
            "council": council,
            "composition": composition,
            "day": day,
            "today": today,
            "date_error": error,
            "can_manage": request.user.has_perm("council.manage_council", council),
            "change_log": council_change_log(council=council),
        },
    )


def set_language(request):
    """The language switcher: remembers the choice on the account (if signed in) and in a cookie."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    translation.activate(language)
    response = HttpResponseRedirect(next_url)  # a path, never a view name to look up
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


def server_error(request):
    """The 500 page in the layout and the reader's language; when even that fails (the database is down),
    a plain page in the three languages."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the last resort must answer
        return HttpResponseServerError(
            '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>500</title></head><body>'
            "<main><h1>Қате · Ошибка · Error</h1><p>Сервер қатесі. Кейінірек қайталаңыз. · Ошибка сервера. "
            "Повторите позже. · Server error. Please try again later.</p></main></body></html>"
        )


def bad_request(request, exception):
    """Django's own 400 page renders without the request; this one keeps the layout and the language, and
    names the refused value when the view said which (``council.http.BadInput``)."""
    return render(request, "400.html", {"message": getattr(exception, "message", None)}, status=400)


class PasswordChange(auth_views.PasswordChangeView):
    """A person changes their own password: the change and its audit event are written together (R-004-11:
    every change of an account is an audit event; the new password is never in it)."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            audit(
                actor=self.request.user,
                verb=AuditVerb.USER_ACCOUNT_CHANGE,
                subject=self.request.user,
                council=self.request.user.home_council,
                fields=["password"],
                by="self",
            )
        return response
