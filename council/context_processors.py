from django.conf import settings
from django.utils import timezone

from .navcache import Header
from .selectors import councils_overseen_by
from .worklist import work_counts, work_for

# The pages the main navigation marks as current (url name -> its link), so that the cached navigation has
# one variant per link rather than per page.
NAV_PAGES = {
    "home": "home",
    "my_meetings": "my_meetings",
    "my_deadlines": "my_deadlines",
    "approvals_awaiting": "approvals_awaiting",
    "compliance": "compliance",
    "search": "search",
    "calendar_month": "calendar",
    "calendar": "calendar",
    "calendar_year": "calendar",
}


def header_figures(request):
    """What the header shows of the person: the count beside "My work" (and of each of its groups, which the
    home page shows), the unread notices and the councils whose compliance they oversee (the link is shown
    only to them, no link to a 403; the dashboard reads the ids from here). About nine queries, cached by
    ``council.navcache``. The full "My work" list it counts is kept on the request as ``my_work``: the home
    page shows its first items rather than asking for them again."""

    def compute(user, day):
        work = request.my_work = work_for(user=user, day=day)
        overseen = list(councils_overseen_by(user=user, day=day).values_list("pk", flat=True))
        return {
            "my_work": len(work),
            "my_work_groups": work_counts(work),
            "unread": user.notifications.filter(read_at__isnull=True).count(),
            "oversees": bool(overseen),
            "overseen": overseen,
        }

    return compute


def header_of(request):
    """The signed-in person's header figures for this request, computed or read from the cache at most once
    per request (the home page reads them before its template does)."""
    header = getattr(request, "_nav_header", None)
    if header is None:
        header = request._nav_header = Header(request.user, timezone.localdate(), header_figures(request))
    return header


def overseen_ids(request):
    """The ids of the councils whose compliance the signed-in person answers for (``councils_overseen_by``),
    from the header's figures: their roles are what the header is kept under."""
    ids = header_of(request).figures.get("overseen")
    if ids is None:  # a header cached before the ids were kept
        ids = list(councils_overseen_by(user=request.user, day=timezone.localdate()).values_list("pk", flat=True))
    return ids


def navigation(request):
    """The language choices, the unread-notice count and the links the header may show."""
    user = getattr(request, "user", None)
    context = {"LANGUAGE_CHOICES": settings.LANGUAGES}
    if user is not None and user.is_authenticated:
        header = header_of(request)
        match = getattr(request, "resolver_match", None)
        context.update(
            # callables: evaluated only where the template shows them (not at all when the navigation
            # comes from the cache)
            my_work_count=lambda: header.figures["my_work"],
            unread_notifications=lambda: header.figures["unread"],
            oversees_compliance=lambda: header.figures["oversees"],
            nav_version=lambda: header.version,
            nav_current=NAV_PAGES.get(getattr(match, "url_name", None), ""),
        )
    return context
