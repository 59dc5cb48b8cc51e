import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from kombu import Connection

from .models import Council, Heartbeat
from .selectors import council_change_log, council_composition, councils_visible_to
from .services import user_set_language


def visible_council_or_404(request, code, perm="council.open_council"):
    """The council, if the user may see it; 404 otherwise, so other councils' existence does not leak."""
    council = get_object_or_404(Council, code=code, is_active=True)
    if not request.user.has_perm("council.open_council", council):
        raise Http404
    if perm != "council.open_council" and not request.user.has_perm(perm, council):
        raise PermissionDenied
    return council


@login_required
def home(request):
    today = timezone.localdate()
    councils = list(councils_visible_to(user=request.user, day=today).select_related("parent"))
    return render(request, "council/home.html", {"councils": councils, "today": today})


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


@never_cache
def healthz(request):
    """For load balancers and monitoring: does the database answer, does the broker answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        with Connection(settings.CELERY_BROKER_URL, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["broker"] = f"error: {exc.__class__.__name__}"
    if checks["database"] == "ok":
        beat = Heartbeat.objects.filter(name="worker").values_list("at", flat=True).first()
        checks["worker_last_seen"] = beat.isoformat() if beat else None
    healthy = checks["database"] == "ok" and checks["broker"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def server_error(request):
    """The 500 page in the layout and the reader's language; when even that fails (the database is down),
    a plain page in the three languages."""
    from django.http import HttpResponseServerError

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
