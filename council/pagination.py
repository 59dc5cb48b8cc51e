"""Keyset pagination for lists that grow with history: each page starts after the last row of the one before,
so a page costs the same on the first or the thousandth page and nothing counts the whole table.

The position travels as a signed cursor (``?after=…``): a hand-made or damaged one is refused with a 400 page,
never read as a filter. The keys must be non-null columns or annotations whose last one is unique (the primary
key). ``keyset_chain_page`` pages through several querysets read one after another (search: each kind of
document in turn, best match first)."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
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


def _fields(queryset, keys):
    """(attribute, field) of each key: a model field, or an annotation of ``queryset`` (a search rank)."""
    result = []
    for key in keys:
        name = key.lstrip("-")
        if name in queryset.query.annotations:
            result.append((name, queryset.query.annotations[name].output_field))
        else:
            field = queryset.model._meta.get_field("id" if name == "pk" else name)
            result.append((field.attname, field))
    return result


BAD_CURSOR = (signing.BadSignature, KeyError, TypeError, ValueError, ValidationError)


def _damaged():
    return BadInput(_("The page link is damaged or out of date; open the list again."))


def _cursor(values, number, **extra):
    return signing.dumps({"k": [_dump(v) for v in values], "n": number, **extra}, salt=SALT, compress=True)


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
    fields = _fields(queryset, keys)
    number = 1
    queryset = queryset.order_by(*keys)
    if after:
        try:
            data = signing.loads(after, salt=SALT)
            values = [_load(f, v) for (_attr, f), v in zip(fields, data["k"], strict=True)]
            number = int(data["n"]) + 1
        except BAD_CURSOR as exc:
            raise _damaged() from exc
        queryset = queryset.filter(_after(keys, values))
    rows = list(queryset[: size + 1])
    cursor = None
    if len(rows) > size:
        rows = rows[:size]
        cursor = _cursor([getattr(rows[-1], attr) for attr, _f in fields], number)
    return KeysetPage(object_list=rows, number=number, next_cursor=cursor, has_previous=number > 1)


def keyset_chain_page(querysets, *, keys, after=None, size=50) -> KeysetPage:
    """One page of the rows of ``querysets`` read one after another, each ordered by ``keys``; ``object_list``
    holds (index of the queryset, row). The signed cursor names the queryset and the row to start after. At
    most one query per queryset, however deep the page."""
    start, values, number = 0, None, 1
    if after:
        try:
            data = signing.loads(after, salt=SALT)
            start, number = int(data["s"]), int(data["n"]) + 1
            if not 0 <= start < len(querysets):
                raise ValueError(start)
            fields = _fields(querysets[start], keys)
            values = [_load(f, v) for (_attr, f), v in zip(fields, data["k"], strict=True)]
        except BAD_CURSOR as exc:
            raise _damaged() from exc
    rows = []
    for index in range(start, len(querysets)):
        queryset = querysets[index].order_by(*keys)
        if index == start and values is not None:
            queryset = queryset.filter(_after(keys, values))
        rows += [(index, row) for row in queryset[: size + 1 - len(rows)]]
        if len(rows) > size:
            break
    cursor = None
    if len(rows) > size:
        rows = rows[:size]
        index, last = rows[-1]
        cursor = _cursor([getattr(last, attr) for attr, _f in _fields(querysets[index], keys)], number, s=index)
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
