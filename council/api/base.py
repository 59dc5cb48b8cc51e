"""What every object of the read API shares: authentication by personal token, the throttle per token,
OParl's list shape and its filters, absolute URLs, times from the records' history.

Who sees what is the pages' own registry (``council/rules.py``): a list holds the objects of the councils
the reader opens (``councils_read``) narrowed by the same actions the pages check, and an object's URL
answers 404 where its page would refuse. Anonymous readers see only what a council's regulation profile
marks public (``public_schedule``, R-002-8)."""

import datetime
import re

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from ..http import client_ip
from ..models import ApiToken, Council, token_digest
from ..rules import allowed
from ..selectors import councils_visible_to

OPARL = "https://schema.oparl.org/1.1/"
VENDOR = "kz"  # the prefix of fields OParl does not define (``kz:sha256Checksum``)
PAGE_SIZE = 50
PAGE_SIZE_MAX = 200
LAST_USED_STEP = datetime.timedelta(minutes=5)


class TokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <token>``: the token's SHA-256 is looked up; a revoked token, or one whose
    owner is deactivated, is refused with 401."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in (b"bearer", b"token"):
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        raw = parts[1].decode("utf-8", errors="replace")
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(raw)).first()
        if token is None or token.revoked_at is not None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is unknown or revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="oparl"'


class TokenRateThrottle(SimpleRateThrottle):
    """``OPARL_THROTTLE_RATE`` requests per token (per signed-in user for the browser, per address for
    anonymous readers), counted in the shared cache (Redis in production)."""

    scope = "oparl"

    def get_rate(self):
        return settings.OPARL_THROTTLE_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{client_ip(request._request) or 'unknown'}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class OParlView(APIView):
    """A GET-only endpoint of the read API."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    throttle_classes = [TokenRateThrottle]
    permission_classes = []
    http_method_names = ["get", "head", "options"]

    @property
    def day(self):
        return timezone.localdate()


def absolute(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


def stamp(value):
    """An OParl date-time: ISO 8601 with the offset, to the second."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def clean(data):
    """Drop the fields that have no value (OParl leaves out what is unknown rather than sending null)."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != ""}


def common(request, obj, type_name, url_name, *args, created=None, modified=None, web=None):
    """id, type, created, modified and web of an object."""
    created = created if created is not None else getattr(obj, "oparl_created", None)
    modified = modified if modified is not None else getattr(obj, "oparl_modified", None)
    return {
        "id": absolute(request, url_name, *args),
        "type": OPARL + type_name,
        "created": stamp(created),
        "modified": stamp(modified or created),
        "web": request.build_absolute_uri(web) if web else None,
    }


def with_history_times(qs, **paths):
    """Annotate ``oparl_created`` and ``oparl_modified``: the first and last entries of the record's
    history (django-simple-history keeps one for every save), so no column is added to any table. A model
    without history names the fields to use: ``created="submitted_at", modified="submitted_at"``."""
    if paths:
        return qs.annotate(oparl_created=F(paths["created"]), oparl_modified=F(paths["modified"]))
    history = qs.model.history.model.objects.filter(id=OuterRef("pk"))
    return qs.annotate(
        oparl_created=Subquery(history.order_by("history_date", "history_id").values("history_date")[:1]),
        oparl_modified=Subquery(history.order_by("-history_date", "-history_id").values("history_date")[:1]),
    )


def _moment(request, name):
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.datetime.combine(day, datetime.time())
    except ValueError:  # well formed but not a real moment, such as 2026-02-30
        value = None
    if value is None or not 1900 <= value.year <= 9000:  # far outside, the offset would leave the calendar
        raise exceptions.ParseError(
            _("“%(name)s” must be a date and time in ISO 8601, such as 2026-11-23T10:00:00+05:00.") % {"name": name}
        )
    return timezone.make_aware(value) if timezone.is_naive(value) else value


FILTERS = {
    "created_since": "oparl_created__gte",
    "created_until": "oparl_created__lte",
    "modified_since": "oparl_modified__gte",
    "modified_until": "oparl_modified__lte",
}


def filtered(request, qs):
    """The list filters of OParl 1.1 (created_since, created_until, modified_since, modified_until)."""
    for name, lookup in FILTERS.items():
        value = _moment(request, name)
        if value is not None:
            qs = qs.filter(**{lookup: value})
    return qs


def _whole(request, name, default, low, high):
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[0-9]{1,12}", raw) or not low <= int(raw) <= high:
        raise exceptions.ParseError(
            _("“%(name)s” must be a whole number from %(min)s to %(max)s.") % {"name": name, "min": low, "max": high}
        )
    return int(raw)


def paginated(request, parts):
    """An OParl list (``data``, ``pagination``, ``links``) over one or more querysets in turn, each with the
    function that turns its rows into objects; every part is filtered and ordered by id, so a page holds
    the same objects however often it is asked for."""
    limit = _whole(request, "limit", PAGE_SIZE, 1, PAGE_SIZE_MAX)
    parts = [(filtered(request, qs).order_by("pk"), to_json) for qs, to_json in parts]
    counts = [qs.count() for qs, _to_json in parts]
    total = sum(counts)
    pages = max(1, -(-total // limit))
    page = _whole(request, "page", 1, 1, 10**9)
    if page > pages:
        raise Http404
    skip, data = (page - 1) * limit, []
    for (qs, to_json), count in zip(parts, counts, strict=True):
        if skip >= count:
            skip -= count
            continue
        data += [to_json(obj) for obj in qs[skip : skip + limit - len(data)]]
        skip = 0
        if len(data) >= limit:
            break

    def link(number):
        params = request.query_params.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(request.path) + "?" + params.urlencode()

    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return Response(
        {
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": limit,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }
    )


def is_public(council) -> bool:
    """Whether a council publishes its schedule (R-002-8): read from its regulation profile."""
    profile = council.profile
    return bool(profile and profile.typed.public_schedule)


def public_councils():
    return [c for c in Council.objects.filter(is_active=True).select_related("profile") if is_public(c)]


def councils_read(request, day):
    """The councils whose pages open for the reader on ``day`` (``council.open_council``), from the same
    selector as the home page."""
    return [
        c
        for c in councils_visible_to(user=request.user, day=day)
        if allowed(request.user, "council.open_council", c, day=day)
    ]


def lacking(request, councils, action, day):
    """The ids of those ``councils`` where the reader's roles do not allow ``action``."""
    return [c.pk for c in councils if not allowed(request.user, action, c, day=day)]


def council_or_404(request, pk, day, *, public=False):
    """A council the reader opens; with ``public``, also one that publishes its schedule, for anyone."""
    council = Council.objects.select_related("profile").filter(pk=pk, is_active=True).first()
    if council is None:
        raise Http404
    if allowed(request.user, "council.open_council", council, day=day):
        return council
    if public and is_public(council):
        return council
    raise Http404


def check(request, action, obj, day):
    """The page's own check on one object: refused objects answer 404, as another council's pages do."""
    if not allowed(request.user, action, obj, day=day):
        raise Http404
    return obj


def council_for_list(request, pk, day):
    """The council of a list and whether the reader opens its pages: a public council's lists of what is
    not public (people, papers, files) answer an empty list to anyone else."""
    council = council_or_404(request, pk, day, public=True)
    return council, allowed(request.user, "council.open_council", council, day=day)


def one_or_404(qs):
    """The one object of ``qs``, or 404."""
    obj = qs.first()
    if obj is None:
        raise Http404
    return obj
