"""Search across the council's documents: plan items, proposals, agenda questions, materials, protocol
questions, decisions, assignments and execution reports; unplanned analytical work and, by title only,
sensitive analytical material (seed 004: listed only to officials of a listed position category, R-004-11,
with the title masked, R-004-12; the text itself is never searched).

On PostgreSQL: full-text search with the Russian configuration for Russian text (so «протоколы» finds
«протокол») and the simple configuration for Kazakh, ranked, with the match highlighted. Elsewhere (the
SQLite of ``make run``) a plain substring match, so the page works everywhere.

A hit is shown only if the page it links to answers this user: each kind names the action of the
permission registry (``council/rules.py``) that its page checks, the query is narrowed the same way
(drafts, unsent documents, other people's proposals), and every hit is checked against the registry
before it is shown (R-000-8, R-000-10e, R-000-11b).

Results come a page at a time (``council.pagination.keyset_chain_page``): each kind in the order of
``SOURCES``, best match first within it, every page starting after the last row of the one before, so a deep
page costs what the first does and nothing counts the matches.
"""

import dataclasses
import datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from council.anonymise import mask, reveals
from council.models import SensitiveMaterial
from council.pagination import KeysetPage, keyset_chain_page
from council.rules import allowed
from council.selectors import bodies_of
from plans.models import Plan, PlanItem, Proposal, UnplannedWork
from secretariat.models import AgendaItem, Material, Meeting

from .models import Assignment, Decision, ExecutionReport, Protocol, ProtocolItem

PAGE_SIZE = 50
KEYS = ("-rank", "-pk")  # best match first; the primary key makes the order total
MARK = ("<mark>", "</mark>")


@dataclasses.dataclass
class Hit:
    kind: str
    obj: object
    council: object
    date: object
    snippet: str
    url: str


@dataclasses.dataclass(frozen=True)
class Source:
    kind: str
    label: str
    council_path: str
    date_path: str
    ru: str
    kk: str
    body_path: str
    status_path: str | None
    action: str  # the registry action the linked page checks
    target: str  # the path from the hit to the object that action is checked on ("" for the hit itself)

    def queryset(self):

        return {
            "plan_item": lambda: PlanItem.objects.select_related("plan__council"),
            "proposal": lambda: Proposal.objects.select_related("council"),
            "agenda_item": lambda: AgendaItem.objects.select_related("meeting__council"),
            "material": lambda: Material.objects.select_related("item__meeting__council"),
            "protocol_item": lambda: ProtocolItem.objects.select_related("protocol__council", "protocol__meeting"),
            "decision": lambda: Decision.objects.select_related("item__protocol__council", "item__protocol__meeting"),
            "assignment": lambda: Assignment.objects.select_related(
                "council", "body", "decision__item__protocol__meeting"
            ),
            "report": lambda: ExecutionReport.objects.select_related(
                "assignment__council", "assignment__decision__item__protocol__meeting"
            ),
            "unplanned": lambda: UnplannedWork.objects.select_related("council"),
            "sensitive": lambda: SensitiveMaterial.objects.select_related("council"),
        }[self.kind]()


SOURCES = [
    Source(
        "plan_item",
        _("plan items"),
        "plan__council",
        "plan__start",
        "question_ru",
        "question_kk",
        "responsible_body",
        "plan__status",
        "plans.view_plan",
        "plan",
    ),
    Source(
        "proposal",
        _("proposals to the plan"),
        "council",
        "period_start",
        "question_ru",
        "question_kk",
        "body",
        "status",
        "plans.view_proposal",
        "",
    ),
    Source(
        "agenda_item",
        _("agenda questions"),
        "meeting__council",
        "meeting__date",
        "question_ru",
        "question_kk",
        "responsible_body",
        "status",
        "secretariat.view_meeting",
        "meeting",
    ),
    Source(
        "material",
        _("materials"),
        "item__meeting__council",
        "item__meeting__date",
        "original_name",
        "original_name",
        "body",
        None,
        "secretariat.view_documents",
        "item__meeting",
    ),
    Source(
        "protocol_item",
        _("protocol questions"),
        "protocol__council",
        "protocol__meeting__date",
        "question_ru",
        "question_kk",
        "agenda_item__responsible_body",
        "protocol__status",
        "protocols.view_protocol",
        "protocol",
    ),
    Source(
        "decision",
        _("decisions"),
        "item__protocol__council",
        "item__protocol__meeting__date",
        "text_ru",
        "text_kk",
        "executors__body",
        "item__protocol__status",
        "protocols.view_protocol",
        "item__protocol",
    ),
    Source(
        "assignment",
        _("assignments under control"),
        "council",
        "due_date",
        "decision__text_ru",
        "decision__text_kk",
        "body",
        "status",
        "protocols.view_assignment",
        "",
    ),
    Source(
        "report",
        _("execution reports"),
        "assignment__council",
        "submitted_at__date",
        "text",
        "text",
        "assignment__body",
        None,
        "protocols.view_assignment",
        "assignment",
    ),
    Source(
        "unplanned",
        _("unplanned analytical work"),
        "council",
        "received_on",
        "text_ru",
        "text_kk",
        "requesting_body",
        "status",
        "plans.view_unplanned",
        "",
    ),
    # Titles only: the text holds personal data (R-004-12) and opens only with a stated basis (R-004-11).
    Source(
        "sensitive",
        _("analytical material"),
        "council",
        "created_at__date",
        "title_ru",
        "title_kk",
        "",
        None,
        "council.open_sensitive",
        "",
    ),
]
BY_KIND = {s.kind: s for s in SOURCES}
SNIPPET_MAX = 300
# kind -> (the text searched, the author's personal terms) of the kinds whose personal data are masked
MASKED = {
    "sensitive": lambda m: (f"{m.title_ru}\n{m.title_kk}", m.personal_terms),
    "unplanned": lambda w: (f"{w.text_ru}\n{w.text_kk}", ""),
}
STATUS_PATHS = {s.kind: s.status_path for s in SOURCES if s.status_path}


def kinds():
    return [(s.kind, s.label) for s in SOURCES]


def _url(kind, obj):
    if kind == "plan_item":
        return obj.plan.get_absolute_url()
    if kind == "proposal":
        return reverse("plans:proposal_list", args=[obj.council.code]) + f"#proposal-{obj.pk}"
    if kind == "agenda_item":
        return obj.meeting.get_absolute_url()
    if kind == "material":
        return reverse("secretariat:item_materials", args=[obj.item_id])
    if kind == "protocol_item":
        return obj.protocol.get_absolute_url() + f"#item-{obj.number}"
    if kind == "decision":
        return obj.item.protocol.get_absolute_url() + f"#item-{obj.item.number}"
    if kind in ("assignment", "unplanned", "sensitive"):
        return obj.get_absolute_url()
    return obj.assignment.get_absolute_url() + f"#report-{obj.pk}"


def _highlight(text, words):
    out = escape(text)
    for w in words:
        if len(w) > 1:
            lower = out.lower()
            i = lower.find(w.lower())
            if i >= 0:
                out = out[:i] + MARK[0] + out[i : i + len(w)] + MARK[1] + out[i + len(w) :]
    return mark_safe(out)


def status_choices():
    """(kind, [(value "kind:status", label)]) for the status filter, by kind."""

    by_kind = {
        "plan_item": Plan.Status.choices,
        "proposal": Proposal.Status.choices,
        "agenda_item": AgendaItem.Status.choices,
        "protocol_item": Protocol.Status.choices,
        "decision": Protocol.Status.choices,
        "assignment": Assignment.Status.choices,
        "unplanned": UnplannedWork.Status.choices,
    }
    return [(kind, [(f"{kind}:{value}", label) for value, label in choices]) for kind, choices in by_kind.items()]


def _narrow(source, qs, *, user, councils, day):
    """The same limits as the pages, in the query: what a council's members may not open yet is left out
    where the user has no role that opens it."""

    def lacking(action):
        return [c.pk for c in councils if not allowed(user, action, c, day=day)]

    if source.action == "protocols.view_protocol":
        hidden = lacking("protocols.read_draft")
        status = f"{source.target}__status"
        qs = qs.exclude(**{f"{source.council_path}__in": hidden, status: Protocol.Status.DRAFT})
    elif source.action == "secretariat.view_documents":
        hidden = lacking("secretariat.read_documents_early")
        qs = qs.exclude(
            Q(**{f"{source.council_path}__in": hidden})
            & ~Q(**{f"{source.target}__status__in": Meeting.DOCUMENTS_RELEASED})
        )
    elif source.action == "plans.view_proposal":
        limited = lacking("plans.see_all_proposals")
        if limited:
            own_bodies = {b.pk for c in councils if c.pk in limited for b in bodies_of(user=user, council=c, day=day)}
            qs = qs.filter(~Q(council_id__in=limited) | Q(author=user) | Q(body_id__in=own_bodies))
    elif source.action in ("council.open_sensitive", "plans.view_unplanned"):
        qs = qs.exclude(council_id__in=lacking(source.action))  # R-004-11
    return qs


def _target(obj, path):
    return _follow(obj, path) if path else obj


def search(*, query, councils, user, day, year=None, kinds=None, body=None, status=None, after=None, size=PAGE_SIZE):
    """One page of hits after the signed cursor ``after`` (``BadInput`` for a damaged one): kind by kind, best
    first; only what ``user`` may open on ``day`` within ``councils``. A row the registry refuses is left out
    of its page, so a page may show fewer than ``size`` hits."""
    query = query.strip()
    if not query:
        return KeysetPage(object_list=[], number=1, next_cursor=None, has_previous=False)
    councils = list(councils)
    postgres = connection.vendor == "postgresql"
    sources, querysets = [], []
    for source in SOURCES:
        kind = source.kind
        if kinds and kind not in kinds:
            continue
        if status and not source.status_path:
            continue
        ru, kk = source.ru, source.kk
        qs = source.queryset().filter(**{f"{source.council_path}__in": councils})
        qs = _narrow(source, qs, user=user, councils=councils, day=day)
        if year:
            qs = qs.filter(**{f"{source.date_path}__year": year})
        if body:
            if not source.body_path:
                continue
            qs = qs.filter(**{source.body_path: body}).distinct()
        if status:
            qs = qs.filter(**{source.status_path: status})
        if postgres:
            vector = SearchVector(ru, config="russian") + SearchVector(kk, config="simple")
            q_ru = SearchQuery(query, config="russian", search_type="websearch")
            q_kk = SearchQuery(query, config="simple", search_type="websearch")
            qs = (
                # As double precision: a real (float4) comes back as its shortest decimal, which is not the
                # same number once read back, and the next page's cursor would compare unequal.
                qs.annotate(search=vector, rank=Cast(SearchRank(vector, q_ru | q_kk), FloatField()))
                .filter(search=q_ru | q_kk)
                .annotate(
                    head_ru=SearchHeadline(ru, q_ru, config="russian", start_sel=MARK[0], stop_sel=MARK[1]),
                    head_kk=SearchHeadline(kk, q_kk, config="simple", start_sel=MARK[0], stop_sel=MARK[1]),
                )
            )
        else:
            qs = qs.filter(Q(**{f"{ru}__icontains": query}) | Q(**{f"{kk}__icontains": query})).annotate(
                head_ru=F(ru), head_kk=F(kk), rank=Value(0)
            )
        sources.append(source)
        querysets.append(qs)
    page = keyset_chain_page(querysets, keys=KEYS, after=after, size=size)
    hits = []
    for index, obj in page.object_list:
        source = sources[index]
        kind = source.kind
        # The page's own check, hit by hit: nothing is listed that would answer 403 or 404.
        if not allowed(user, source.action, _target(obj, source.target), day=day):
            continue
        if postgres:
            snippet = obj.head_ru if MARK[0] in obj.head_ru else obj.head_kk
            # The headline's own text is escaped; only our markers are kept.
            snippet = mark_safe(escape(snippet).replace(escape(MARK[0]), MARK[0]).replace(escape(MARK[1]), MARK[1]))
        else:
            text = obj.head_ru if query.lower() in obj.head_ru.lower() else obj.head_kk
            snippet = _highlight(text, [query])
        if kind in MASKED:
            # R-004-12: a hit found on what is masked (a surname, an ИИН) is not listed, or the list would say
            # that the person is in the material; the snippet is the masked text.
            text, terms = MASKED[kind](obj)
            if reveals(query, text, terms):
                continue
            shown = mask(obj.title if kind == "sensitive" else obj.text, terms)
            snippet = _highlight(shown if len(shown) <= SNIPPET_MAX else shown[:SNIPPET_MAX] + "…", [query])
        council = _follow(obj, source.council_path)
        hits.append(Hit(kind, obj, council, _follow(obj, source.date_path), snippet, _url(kind, obj)))
    page.object_list = hits
    return page


def _follow(obj, path):
    for part in path.split("__"):
        if part == "date" and isinstance(obj, datetime.datetime):
            return timezone.localtime(obj).date()
        obj = getattr(obj, part)
    return obj
