"""No lost update in a draft plan (R-000-9a, R-003-15): an item's edit page carries the version it was opened
with, and a save over someone else's newer save is refused with the current item shown and the typed text
kept; a page opened for an item whose number has since passed to another item saves nothing."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from council.models import Body
from plans import services
from plans.models import PlanItem
from tests.helpers import current_section, textarea

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=5)))
SECRETARY = "Айгерим Муратовна Кенжебаева"  # the secretary's name as the English pages show it


@pytest.fixture
def plan(demo, user_named):
    secretary = user_named("secretary")
    plan = services.plan_create(actor=secretary, council=demo["republic"], start=dt.date(2027, 1, 1), now=NOW)
    for question in ("О состоянии преступности", "О профилактике правонарушений", "О работе с обращениями"):
        services.plan_item_save(
            actor=secretary,
            plan=plan,
            now=NOW,
            data={"question_kk": "Мәселе", "question_ru": question, "responsible_body": Body.objects.get(code="mvd")},
            co_executors=[Body.objects.get(code="knb")],
        )
    return plan


@pytest.fixture
def editors(client, sign_in, user_named, time_machine):
    """The secretary (``client``) and the administrator (a second browser), both reading English."""
    time_machine.move_to(NOW, tick=False)
    sign_in("secretary", language="en")
    admin = user_named("admin")
    admin.preferred_language = "en"
    admin.save(update_fields=["preferred_language"])
    other = Client()
    other.force_login(admin)
    return client, other


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def form_of(page, **changes):
    """What the edit page would post, unchanged except for ``changes``."""
    return {
        "question_kk": textarea(page, "question_kk"),
        "question_ru": textarea(page, "question_ru"),
        "responsible_body": Body.objects.get(code="mvd").pk,
        "co_executors": [Body.objects.get(code="knb").pk],
        "planned_quarter": "",
        "planned_meeting": "",
        "deadline": "",
        "form_kk": "",
        "form_ru": "",
        "version": hidden(page, "version"),
        "item": hidden(page, "item"),
        **changes,
    }


def test_a_second_save_of_a_plan_item_over_a_newer_one_is_refused_and_keeps_the_typed_text(editors, plan):
    first, second = editors
    url = reverse("plans:item_edit", args=[plan.pk, 1])
    first_page, second_page = first.get(url).content.decode(), second.get(url).content.decode()
    assert hidden(first_page, "version") == hidden(second_page, "version") == "1"

    assert first.post(url, form_of(first_page, question_ru="О состоянии преступности в 2027 году")).status_code == 302
    response = second.post(url, form_of(second_page, question_ru="О преступности среди молодёжи"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{SECRETARY} saved this plan item at 10:00; nothing was saved." in page
    assert textarea(page, "question_ru") == "О преступности среди молодёжи"  # what the second user typed is kept
    assert "О состоянии преступности в 2027 году" in current_section(page)  # next to the item as stored now
    item = plan.items.get(number=1)
    assert (item.question_ru, item.version) == ("О состоянии преступности в 2027 году", 2)

    # Having seen the current item, the second user saves again: the page now carries the stored version.
    assert hidden(page, "version") == "2"
    response = second.post(url, form_of(page, question_ru="О преступности среди молодёжи"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.question_ru, item.version) == ("О преступности среди молодёжи", 3)


def test_a_plan_item_saved_with_its_current_version_is_saved_and_its_version_raised(editors, plan, user_named):
    first, _second = editors
    url = reverse("plans:item_edit", args=[plan.pk, 2])
    page = first.get(url).content.decode()
    response = first.post(url, form_of(page, deadline="2027-03-31"), follow=True)
    assert "The item is saved." in response.content.decode()
    item = plan.items.get(number=2)
    assert (item.deadline, item.version) == (dt.date(2027, 3, 31), 2)
    assert hidden(first.get(url).content.decode(), "version") == "2"
    # The service raises the version on every save; a new item starts at 1.
    services.plan_item_save(actor=user_named("secretary"), plan=plan, item=item, data={}, version=2, now=NOW)
    item.refresh_from_db()
    assert item.version == 3
    added = services.plan_item_save(
        actor=user_named("secretary"), plan=plan, data={"question_kk": "Жаңа", "question_ru": "Новый"}, now=NOW
    )
    assert added.version == 1


def test_a_plan_item_page_that_does_not_say_its_version_saves_nothing(editors, plan):
    first, _second = editors
    url = reverse("plans:item_edit", args=[plan.pk, 1])
    page = first.get(url).content.decode()
    response = first.post(url, form_of(page, question_ru="Без версии", version=""))
    text = response.content.decode()
    assert "The page did not say which version of the text it was opened with; nothing was saved." in text
    assert textarea(text, "question_ru") == "Без версии" and hidden(text, "version") == "1"
    assert plan.items.get(number=1).question_ru == "О состоянии преступности"


def test_a_page_opened_for_an_item_whose_number_passed_to_another_saves_nothing(editors, plan, user_named):
    """Removing item 1 renumbers the rest: the page opened for item 2 must not overwrite the item that is
    now number 2."""
    first, _second = editors
    url = reverse("plans:item_edit", args=[plan.pk, 2])
    page = first.get(url).content.decode()
    services.plan_item_delete(actor=user_named("secretary"), item=plan.items.get(number=1), now=NOW)

    response = first.post(url, form_of(page, question_ru="О профилактике, уточнённое"))

    text = response.content.decode()
    assert "The items of the plan were renumbered after you opened this page: number 2 is now another item." in text
    assert textarea(text, "question_ru") == "О профилактике, уточнённое"
    assert [(i.number, i.question_ru, i.version) for i in PlanItem.objects.filter(plan=plan).order_by("number")] == [
        (1, "О профилактике правонарушений", 1),
        (2, "О работе с обращениями", 1),
    ]
