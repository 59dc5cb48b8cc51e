"""Search results come a page at a time after a signed cursor (``council.pagination.keyset_chain_page``):
walking the pages lists every hit exactly once, in the order of one long list, and a damaged or foreign
cursor is answered with the 400 page that says so, never a 500."""

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from council.selectors import councils_visible_to
from plans.models import PlanItem
from protocols.search import PAGE_SIZE, search
from secretariat.models import AgendaItem
from tests import clock
from tests.world import WORD, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(demo, user_named):
    """Beside one document of each kind, 70 plan items and 40 agenda questions, the word once to three times
    in each (so matches rank differently, and many rank the same)."""
    world = build(demo, user_named)
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=world["plan"],
            number=100 + i,
            question_kk=f"Мәселе {i}",
            question_ru=" ".join([WORD] * (1 + i % 3)) + f" вопрос {i}",
        )
        for i in range(70)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=world["meeting"], number=100 + i, question_kk=f"{WORD} {i}", question_ru=f"Вопрос {i}")
        for i in range(40)
    )
    return world


def walk(client, **params):
    url, seen, after, pages = reverse("protocols:search"), [], None, 0
    while True:
        response = client.get(url, {"q": WORD, **params, **({"after": after} if after else {})})
        assert response.status_code == 200
        pages += 1
        seen += [(h.kind, h.obj.pk) for h in response.context["hits"]]
        page = response.context["page"]
        assert page.number == pages
        if not page.has_next:
            return seen, pages, response.content.decode()
        after = page.next_cursor
        assert "after=" in response.content.decode()  # the "next" link


def test_walking_the_pages_lists_every_hit_once_in_order(many, client, sign_in, user_named):
    sign_in("secretary")
    seen, pages, last = walk(client)
    secretary, day = user_named("secretary"), clock.today()
    councils = councils_visible_to(user=secretary, day=day)
    everything = search(query=WORD, councils=councils, user=secretary, day=day, size=10_000).object_list
    assert len(seen) == len(set(seen))  # nothing twice
    assert seen == [(h.kind, h.obj.pk) for h in everything]  # nothing left out, in the same order
    assert pages == -(-len(everything) // PAGE_SIZE) >= 3
    assert sum(kind == "plan_item" for kind, _pk in seen) == 71
    assert 'rel="next"' not in last and "after=" not in last.split('class="pagination"')[1]  # no "next" at the end
    # One kind only: the same walk within it.
    seen, _pages, _last = walk(client, kind="agenda_item")
    assert len(seen) == len(set(seen)) == 41


def test_a_damaged_or_foreign_cursor_is_refused_with_a_message(many, client, sign_in):
    sign_in("secretary")
    url = reverse("protocols:search")
    first = client.get(url, {"q": WORD}).context["page"]
    assert first.has_next and not first.has_previous
    tampered = first.next_cursor[:-3] + ("aaa" if not first.next_cursor.endswith("aaa") else "bbb")
    foreign = signing.dumps({"k": ["2026-01-01", 1], "n": 1}, salt="council.pagination")  # the control list's
    out_of_range = signing.dumps({"s": 99, "k": [0.1, 1], "n": 1}, salt="council.pagination")
    for cursor in (tampered, foreign, out_of_range, "nonsense"):
        response = client.get(url, {"q": WORD, "after": cursor})
        assert response.status_code == 400
        with translation.override(response.wsgi_request.LANGUAGE_CODE):
            message = translation.gettext("The page link is damaged or out of date; open the list again.")
        assert message in response.content.decode()
    second = client.get(url, {"q": WORD, "after": first.next_cursor})
    assert second.status_code == 200 and second.context["page"].number == 2
    with translation.override(second.wsgi_request.LANGUAGE_CODE):
        first_page = translation.gettext("first page")
    assert first_page in second.content.decode()
