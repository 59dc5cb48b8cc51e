"""Search never lists sensitive analytical material to a user who may not open it (R-004-11), never
searches its text, and shows its title masked (R-004-12)."""

import datetime as dt

import pytest
from django.urls import reverse

from council import access
from council.access import sensitive_material_create
from council.models import AccessLogEntry
from plans import analytics
from plans.models import UnplannedWork
from tests.analytics_world import build
from tests.helpers import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(demo, user_named):
    world = build(demo, user_named)
    work = analytics.unplanned_record(
        actor=world["analyst"],
        council=world["office"],
        basis=UnplannedWork.Basis.ASSIGNMENT,
        number="9-П",
        date=dt.date(2026, 11, 20),
        author="Генеральный Прокурор",
        received_on=dt.date(2026, 11, 20),
        text_kk="Тапсырма Гиацинт",
        text_ru="Поручение Гиацинт",
        executor=world["analyst"],
        now=NOW,
    )
    material = sensitive_material_create(
        actor=world["analyst"],
        council=world["office"],
        subject=work,
        title_kk="Гиацинт талдауы",
        title_ru="Гиацинт: анализ по Серикбаеву",
        text_kk="",
        text_ru="Тюльпан ИИН 850101300123",
        personal_terms="Серикбаеву",
        now=NOW,
    )
    return {**world, "work": work, "material": material}


def kinds_found(client, query):
    response = client.get(reverse("protocols:search"), {"q": query})
    assert response.status_code == 200
    return response.context["hits"], response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("analyst", {"unplanned", "sensitive"}),
        ("acting_analyst", {"unplanned", "sensitive"}),
        ("secretary", {"unplanned"}),
        ("deputy_pg", {"unplanned"}),
        ("plain", set()),
        ("auditor", set()),
    ],
)
def test_only_a_listed_category_finds_sensitive_material(client, w, user_named, role, expected):
    client.force_login(w[role] if role in w else user_named(role))
    hits, _page = kinds_found(client, "Гиацинт")
    assert {h.kind for h in hits} == expected
    for hit in hits:
        assert client.get(hit.url).status_code == 200


def test_another_councils_secretary_finds_nothing(client, w, user_named):
    client.force_login(user_named("oblast_secretary"))
    assert kinds_found(client, "Гиацинт")[0] == []


def test_the_text_is_never_searched_and_the_title_is_masked(client, w):
    client.force_login(w["analyst"])
    assert kinds_found(client, "Тюльпан")[0] == []
    assert kinds_found(client, "850101300123")[0] == []
    hits, page = kinds_found(client, "Гиацинт")
    assert "Серикбаеву" not in page


@pytest.mark.parametrize("role", ["analyst", "secretary", "deputy_pg"])
@pytest.mark.parametrize("query", ["Серикбаеву", "Серикбаев", "850101300123", "8501"])
def test_a_search_on_what_is_masked_lists_nothing(client, w, role, query):
    """Finding 5 of the second trust round: ``?q=850101300123`` or ``?q=Серикбаев`` listed the material, and
    the listing said the person was in it. A hit matched only on masked personal data is not listed, whether
    in the material's title or in the unplanned work's text."""
    UnplannedWork.objects.filter(pk=w["work"].pk).update(
        text_ru="Поручение Гиацинт по Серикбаев А.Б., ИИН 850101300123", text_kk="Тапсырма Гиацинт"
    )
    client.force_login(w[role])
    hits, page = kinds_found(client, query)
    assert hits == [] and reverse("access:material_open", args=[w["material"].pk]) not in page


def test_a_listing_of_sensitive_material_is_in_the_access_log(client, w):
    client.force_login(w["analyst"])
    before = AccessLogEntry.objects.count()
    hits, _page = kinds_found(client, "Гиацинт")
    assert {h.kind for h in hits} == {"unplanned", "sensitive"}
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.action, entry.material, entry.person) == ("found", w["material"], w["analyst"])
    assert access.access_log_verify() is None  # in the chain like every other entry
