"""Keyset pagination of lists that grow with history (the control list): every row once, in order, with no
count of the table; a damaged page link is refused with a message, never a 500."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from council.http import BadInput
from council.models import Deadline
from council.pagination import BoundedCountPaginator, keyset_page
from tests.factories import CouncilFactory, DeadlineFactory

pytestmark = pytest.mark.django_db


def test_pages_walk_every_row_once_in_order_without_counting():
    council = CouncilFactory()
    for n in range(23):  # equal due dates on several rows: the id breaks the tie
        DeadlineFactory(council=council, due_date=dt.date(2026, 12, 1) + dt.timedelta(days=n % 4))
    qs = Deadline.objects.filter(council=council)
    expected = list(qs.order_by("due_date", "id").values_list("id", flat=True))
    seen, after, numbers = [], None, []
    while True:
        with CaptureQueriesContext(connection) as ctx:
            page = keyset_page(qs, keys=("due_date", "id"), after=after, size=10)
        assert len(ctx.captured_queries) == 1
        assert "COUNT(" not in ctx.captured_queries[0]["sql"].upper()
        seen += [d.pk for d in page.object_list]
        numbers.append(page.number)
        if not page.has_next:
            break
        after = page.next_cursor
    assert seen == expected
    assert numbers == [1, 2, 3]
    assert page.has_previous and len(page.object_list) == 3


def test_descending_keys():
    council = CouncilFactory()
    for n in range(5):
        DeadlineFactory(council=council, due_date=dt.date(2026, 12, 1) + dt.timedelta(days=n))
    qs = Deadline.objects.filter(council=council)
    first = keyset_page(qs, keys=("-due_date", "-id"), size=3)
    second = keyset_page(qs, keys=("-due_date", "-id"), after=first.next_cursor, size=3)
    days = [d.due_date.day for d in first.object_list + second.object_list]
    assert days == [5, 4, 3, 2, 1] and not second.has_next


@pytest.mark.parametrize("cursor", ["garbage", "eyJrIjpbMV19:1abc:forged", "a" * 300])
def test_a_damaged_cursor_is_refused_with_a_reason(cursor):
    with translation.override("en"), pytest.raises(BadInput, match="page link"):
        keyset_page(Deadline.objects.all(), keys=("due_date", "id"), after=cursor)


def test_the_control_list_answers_a_damaged_page_link_with_the_400_page(demo, client, sign_in):
    sign_in("secretary")
    response = client.get(reverse("protocols:assignment_list", args=["republic"]), {"after": "forged"})
    assert response.status_code == 400
    with translation.override("ru"):  # the site's language for this user
        message = gettext("The page link is damaged or out of date; open the list again.")
    assert message in response.content.decode()


def test_admin_lists_that_grow_with_history_count_no_further_than_the_cap(monkeypatch):
    council = CouncilFactory()
    for _n in range(8):
        DeadlineFactory(council=council)
    monkeypatch.setattr(BoundedCountPaginator, "COUNT_CAP", 5)
    paginator = BoundedCountPaginator(Deadline.objects.order_by("id"), 2)
    with CaptureQueriesContext(connection) as ctx:
        assert paginator.count == 6  # the cap and one more: "there are further pages"
    assert "LIMIT 6" in ctx.captured_queries[0]["sql"]
    assert [d.council_id for d in paginator.page(3).object_list] == [council.pk, council.pk]


def test_the_admin_deadline_list_opens_with_the_bounded_count(demo, client, sign_in):
    sign_in("secretary")
    response = client.get(reverse("admin:council_deadline_changelist"))
    assert response.status_code == 200
    assert isinstance(response.context["cl"].paginator, BoundedCountPaginator)
