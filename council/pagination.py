"""Keyset pagination for lists that grow with history: each page starts after the last row of the one before,
so a page costs the same on the first or the thousandth page and nothing counts the whole table.

The position travels as a signed cursor (``?after=…``): a hand-made or damaged one is refused with a 400 page,
never read as a filter. The keys must be non-null columns whose last one is unique (the primary key)."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .http import BadInput

SALT = "council.pagination"


@dataclass
class KeysetPage:
    object_list: list
    number: int
    next_cursor: str | None
    has_previous: bool

    @property
    def has_next(self):
        return self.next_cursor is not None

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous


def _dump(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _load(field, value):
    return field.to_python(value)


def _after(keys, values):
    """Rows after ``values`` in the order of ``keys`` ("-" for descending): (a > x) or (a = x and b > y)…"""
    condition = Q()
    for i, key in enumerate(keys):
        name = key.lstrip("-")
        step = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": values[i]})
        for prior, value in zip(keys[:i], values[:i], strict=False):
            step &= Q(**{prior.lstrip("-"): value})
        condition |= step
    return condition


def keyset_page(queryset, *, keys, after=None, size=50) -> KeysetPage:
    """One page of ``queryset`` ordered by ``keys``, starting after the signed cursor ``after``."""
    model = queryset.model
    fields = [model._meta.get_field("id" if k.lstrip("-") == "pk" else k.lstrip("-")) for k in keys]
    number = 1
    queryset = queryset.order_by(*keys)
    if after:
        try:
            data = signing.loads(after, salt=SALT)
            values = [_load(f, v) for f, v in zip(fields, data["k"], strict=True)]
            number = int(data["n"]) + 1
        except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
            raise BadInput(_("The page link is damaged or out of date; open the list again.")) from exc
        queryset = queryset.filter(_after(keys, values))
    rows = list(queryset[: size + 1])
    cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        cursor = signing.dumps(
            {"k": [_dump(getattr(last, f.attname)) for f in fields], "n": number}, salt=SALT, compress=True
        )
    return KeysetPage(object_list=rows, number=number, next_cursor=cursor, has_previous=number > 1)


class BoundedCountPaginator(Paginator):
    """For admin lists that grow with history: the count stops at ``COUNT_CAP`` rows, so a list of a million
    audit events costs what one of ten thousand does; the pages beyond stay reachable by their number and by
    the filters and search that narrow the list."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        try:
            return self.object_list[: self.COUNT_CAP + 1].count()
        except (AttributeError, TypeError):
            return min(len(self.object_list), self.COUNT_CAP + 1)


class LargeListAdmin:
    """Admin options of a list that grows with history: a bounded count, no second count of the whole table."""

    paginator = BoundedCountPaginator
    show_full_result_count = False
    list_per_page = 50
