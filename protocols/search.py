"""Search across plan items, agenda items, protocol questions and decisions.

On PostgreSQL: full-text search with the Russian configuration for Russian text (so «протоколы» finds
«протокол») and the simple configuration for Kazakh, ranked, with the match highlighted. Elsewhere (the
SQLite of ``make run``) a plain substring match, so the page works everywhere.
"""

import dataclasses

from django.db import connection
from django.db.models import F, Q, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_PER_KIND = 20
MARK = ("<mark>", "</mark>")


@dataclasses.dataclass
class Hit:
    kind: str
    obj: object
    council: object
    date: object
    snippet: str
    url: str


def _sources():
    from plans.models import PlanItem
    from secretariat.models import AgendaItem

    from .models import Decision, ProtocolItem

    return [
        ("plan_item", PlanItem.objects.select_related("plan__council"), "plan__council", "plan__start"),
        ("agenda_item", AgendaItem.objects.select_related("meeting__council"), "meeting__council", "meeting__date"),
        (
            "protocol_item",
            ProtocolItem.objects.select_related("protocol__council", "protocol__meeting"),
            "protocol__council",
            "protocol__meeting__date",
        ),
        (
            "decision",
            Decision.objects.select_related("item__protocol__council", "item__protocol__meeting"),
            "item__protocol__council",
            "item__protocol__meeting__date",
        ),
    ]


FIELDS = {
    "plan_item": ("question_ru", "question_kk"),
    "agenda_item": ("question_ru", "question_kk"),
    "protocol_item": ("question_ru", "question_kk"),
    "decision": ("text_ru", "text_kk"),
}


def _url(kind, obj):
    if kind == "plan_item":
        return obj.plan.get_absolute_url()
    if kind == "agenda_item":
        return obj.meeting.get_absolute_url()
    if kind == "protocol_item":
        return obj.protocol.get_absolute_url() + f"#item-{obj.number}"
    return obj.item.protocol.get_absolute_url() + f"#item-{obj.item.number}"


def _highlight(text, words):
    out = escape(text)
    for w in words:
        if len(w) > 1:
            lower = out.lower()
            i = lower.find(w.lower())
            if i >= 0:
                out = out[:i] + MARK[0] + out[i : i + len(w)] + MARK[1] + out[i + len(w) :]
    return mark_safe(out)


BODY_PATHS = {
    "plan_item": "responsible_body",
    "agenda_item": "responsible_body",
    "protocol_item": "agenda_item__responsible_body",
    "decision": "executors__body",
}


# The status a hit is filtered by: its plan's, its own (an agenda question), its protocol's.
STATUS_PATHS = {
    "plan_item": "plan__status",
    "agenda_item": "status",
    "protocol_item": "protocol__status",
    "decision": "item__protocol__status",
}


def status_choices():
    """(kind, label of the kind, [(value "kind:status", label)]) for the status filter, by kind."""
    from plans.models import Plan
    from secretariat.models import AgendaItem

    from .models import Protocol

    by_kind = {
        "plan_item": Plan.Status.choices,
        "agenda_item": AgendaItem.Status.choices,
        "protocol_item": Protocol.Status.choices,
        "decision": Protocol.Status.choices,
    }
    return [(kind, [(f"{kind}:{value}", label) for value, label in choices]) for kind, choices in by_kind.items()]


def search(*, query, councils, year=None, kinds=None, body=None, status=None):
    """Hits per kind, at most MAX_PER_KIND each, best first; ``councils`` limits what the user may see."""
    query = query.strip()
    if not query:
        return []
    hits = []
    postgres = connection.vendor == "postgresql"
    for kind, qs, council_path, date_path in _sources():
        if kinds and kind not in kinds:
            continue
        ru, kk = FIELDS[kind]
        qs = qs.filter(**{f"{council_path}__in": councils})
        if year:
            qs = qs.filter(**{f"{date_path}__year": year})
        if body:
            qs = qs.filter(**{BODY_PATHS[kind]: body}).distinct()
        if status:
            qs = qs.filter(**{STATUS_PATHS[kind]: status})
        if postgres:
            from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

            vector = SearchVector(ru, config="russian") + SearchVector(kk, config="simple")
            q_ru = SearchQuery(query, config="russian", search_type="websearch")
            q_kk = SearchQuery(query, config="simple", search_type="websearch")
            qs = (
                qs.annotate(search=vector, rank=SearchRank(vector, q_ru | q_kk))
                .filter(search=q_ru | q_kk)
                .annotate(
                    head_ru=SearchHeadline(ru, q_ru, config="russian", start_sel=MARK[0], stop_sel=MARK[1]),
                    head_kk=SearchHeadline(kk, q_kk, config="simple", start_sel=MARK[0], stop_sel=MARK[1]),
                )
                .order_by("-rank", "-pk")
            )
        else:
            qs = qs.filter(Q(**{f"{ru}__icontains": query}) | Q(**{f"{kk}__icontains": query})).annotate(
                head_ru=F(ru), head_kk=F(kk), rank=Value(0)
            )
        for obj in qs[:MAX_PER_KIND]:
            if postgres:
                snippet = obj.head_ru if MARK[0] in obj.head_ru else obj.head_kk
                # The headline's own text is escaped; only our markers are kept.
                snippet = mark_safe(escape(snippet).replace(escape(MARK[0]), MARK[0]).replace(escape(MARK[1]), MARK[1]))
            else:
                text = obj.head_ru if query.lower() in obj.head_ru.lower() else obj.head_kk
                snippet = _highlight(text, [query])
            council = _follow(obj, council_path)
            hits.append(Hit(kind, obj, council, _follow(obj, date_path), snippet, _url(kind, obj)))
    return hits


def _follow(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj
