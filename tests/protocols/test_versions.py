"""No lost update in the draft protocol: what was heard and the decisions carry the version their edit page
was opened with, and a save over someone else's newer save is refused with the current text shown and the
typed text kept. A decision whose text changes after its vote must be voted on again (R-000-9g, R-000-11a)."""

import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from protocols import services
from protocols.models import Protocol, ProtocolItem
from tests.helpers import DAY, current_section, textarea

pytestmark = pytest.mark.django_db

SECRETARY = "Айгерим Муратовна Кенжебаева"  # the secretary's name as the English pages show it


@pytest.fixture
def editors(client, sign_in, user_named, time_machine):
    """The secretary (``client``) and the administrator (a second browser), both reading English, on the
    meeting day at 15:00."""
    time_machine.move_to(DAY, tick=False)
    sign_in("secretary", language="en")
    admin = user_named("admin")
    admin.preferred_language = "en"
    admin.save(update_fields=["preferred_language"])
    other = Client()
    other.force_login(admin)
    return client, other


def version_on(page):
    """The version the page's form was opened with (its hidden field)."""
    return int(re.search(r'name="version" value="(\d+)"', page).group(1))


def test_a_second_save_of_what_was_heard_over_a_newer_one_is_refused_and_keeps_the_typed_text(editors, held):
    first, second = editors
    item = held.protocols.get().items.get(number=1)
    url = reverse("protocols:item_edit", args=[item.pk])
    opened = version_on(first.get(url).content.decode())
    assert version_on(second.get(url).content.decode()) == opened == 1

    response = first.post(url, {"heard_kk": "Баяндама", "heard_ru": "Доклад МВД", "version": opened})
    assert response.status_code == 302
    response = second.post(url, {"heard_kk": "", "heard_ru": "Доклад администратора", "version": opened})

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{SECRETARY} saved this question at 15:00; nothing was saved." in page
    assert textarea(page, "heard_ru") == "Доклад администратора"  # what the second user typed is kept
    assert "Доклад МВД" in current_section(page)  # next to the text as stored now
    item.refresh_from_db()
    assert (item.heard_ru, item.version) == ("Доклад МВД", 2)

    # Having seen the current text, the second user saves again: the page now carries the stored version.
    assert version_on(page) == 2
    response = second.post(url, {"heard_kk": "", "heard_ru": "Доклад администратора", "version": version_on(page)})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.heard_ru, item.version) == ("Доклад администратора", 3)


def test_a_save_with_the_current_version_succeeds_raises_it_and_a_resent_page_is_refused(editors, held):
    first, _second = editors
    item = held.protocols.get().items.get(number=1)
    url = reverse("protocols:item_edit", args=[item.pk])
    form = {"heard_kk": "Баяндама", "heard_ru": "Доклад", "version": version_on(first.get(url).content.decode())}
    response = first.post(url, form, follow=True)
    assert "Saved." in response.content.decode() and "Доклад" in response.content.decode()
    item.refresh_from_db()
    assert item.version == 2 and version_on(first.get(url).content.decode()) == 2

    page = first.post(url, {**form, "heard_ru": "Доклад, исправленный"}).content.decode()  # the old page again
    assert f"{SECRETARY} saved this question at 15:00" in page
    item.refresh_from_db()
    assert (item.heard_ru, item.version) == ("Доклад", 2)


def test_a_page_that_does_not_say_its_version_saves_nothing_and_shows_the_current_section(editors, held):
    first, _second = editors
    item = held.protocols.get().items.get(number=1)
    url = reverse("protocols:item_edit", args=[item.pk])
    for version in ("", "abc", "0"):
        response = first.post(url, {"heard_kk": "", "heard_ru": "Без версии", "version": version})
        page = response.content.decode()
        assert response.status_code == 200
        assert "The page did not say which version of the text it was opened with; nothing was saved." in page
        assert textarea(page, "heard_ru") == "Без версии" and version_on(page) == 1
    item.refresh_from_db()
    assert (item.heard_ru, item.version) == ("", 1)


def decision_form(decision, **changes):
    executors = decision.ordered_executors()
    return {
        "text_kk": decision.text_kk,
        "text_ru": decision.text_ru,
        "responsible": executors[0].pk,
        "co_executors": [b.pk for b in executors[1:]],
        "due_date": decision.due_date.isoformat(),
        "version": decision.version,
        **changes,
    }


def test_a_decision_saved_by_someone_else_meanwhile_is_not_overwritten(editors, voted):
    first, second = editors
    decision = voted.items.get(number=1).decisions.get()
    url = reverse("protocols:decision_edit", args=[decision.item_id, decision.pk])
    assert version_on(first.get(url).content.decode()) == version_on(second.get(url).content.decode()) == 1

    assert first.post(url, decision_form(decision, due_date="2027-02-01")).status_code == 302
    response = second.post(url, decision_form(decision, text_ru="Усилить контроль"))

    page = response.content.decode()
    assert f"{SECRETARY} saved this decision at 15:00; nothing was saved." in page
    assert textarea(page, "text_ru") == "Усилить контроль"
    assert "01.02.2027" in current_section(page) and "Принять к сведению" in current_section(page)
    decision.refresh_from_db()
    assert (decision.text_ru, decision.due_date.isoformat(), decision.version) == (
        "Принять к сведению",
        "2027-02-01",
        2,
    )
    assert decision.adopted is True and decision.votes.exists()  # the refused text did not touch the vote


def test_a_decision_whose_text_changes_after_its_vote_loses_it_and_must_be_voted_again(editors, voted):
    """R-000-9g: the members voted on the old text."""
    first, _second = editors
    decision = voted.items.get(number=1).decisions.get()
    assert decision.adopted is True and decision.votes.exists()
    url = reverse("protocols:decision_edit", args=[decision.item_id, decision.pk])
    assert "If its text changes, in either language, the vote is removed" in first.get(url).content.decode()

    # Only the Kazakh text changes.
    response = first.post(url, decision_form(decision, text_kk="Назарға алынсын және орындалсын"), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == voted.get_absolute_url()
    assert "The text of decision 1.1 changed, so its vote is removed: vote on it again." in page
    assert "not voted yet" in page
    decision.refresh_from_db()
    assert not decision.votes.exists()
    assert (decision.adopted, decision.votes_for, decision.votes_against, decision.abstained) == (None,) * 4
    # The draft cannot go to the members before the new vote.
    response = first.post(reverse("protocols:protocol_send", args=[voted.pk]), {"agree_by": "2026-12-03"}, follow=True)
    assert "Record the votes on every decision first; 1 without a vote." in response.content.decode()
    assert Protocol.objects.get(pk=voted.pk).status == Protocol.Status.DRAFT


def test_a_decision_saved_again_with_the_same_text_keeps_its_vote(editors, voted):
    first, _second = editors
    decision = voted.items.get(number=1).decisions.get()
    url = reverse("protocols:decision_edit", args=[decision.item_id, decision.pk])
    ballots = decision.votes.count()

    # The same text (surrounding spaces aside), another deadline.
    form = decision_form(decision, text_ru=f"  {decision.text_ru}\n", due_date="2027-02-01")
    response = first.post(url, form, follow=True)

    page = response.content.decode()
    assert "The decision is saved." in page and "vote on it again" not in page
    assert "not voted yet" not in page and '<span class="badge badge--ok">adopted</span>' in page
    decision.refresh_from_db()
    assert decision.adopted is True and decision.votes.count() == ballots and decision.version == 2


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_at_the_same_moment_let_only_the_first_through(held, user_named):
    """The compare-and-set holds while the first save's transaction is still open: the second waits for it,
    then sees the newer version and is refused."""
    item = held.protocols.get().items.get(number=1)
    mine, theirs = ProtocolItem.objects.get(pk=item.pk), ProtocolItem.objects.get(pk=item.pk)  # both pages' rows
    secretary, admin = user_named("secretary"), user_named("admin")
    outcome = {}

    def second_save():
        try:
            with translation.override("en"):
                services.item_save(actor=admin, item=theirs, heard_kk="", heard_ru="Второй", version=1, now=DAY)
        except ValidationError as exc:
            outcome["refused"] = exc.messages
        else:
            outcome["saved"] = True
        finally:
            connection.close()

    with transaction.atomic():
        services.item_save(actor=secretary, item=mine, heard_kk="", heard_ru="Первый", version=1, now=DAY)
        thread = threading.Thread(target=second_save)
        thread.start()
        waiting_for_lock(thread)
    thread.join(timeout=30)

    assert "saved" not in outcome and "saved this question at 15:00" in outcome["refused"][0]
    stored = ProtocolItem.objects.get(pk=item.pk)
    assert (stored.heard_ru, stored.version) == ("Первый", 2)


def waiting_for_lock(thread):
    """Return once another connection of this database waits for a row lock (or the thread has ended). The
    caller is inside a transaction, where PostgreSQL keeps the first reading of pg_stat_activity: the snapshot
    is cleared before each look, or the wait would never be seen."""
    import time

    with connection.cursor() as cursor:
        for _ in range(300):
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] or not thread.is_alive():
                return
            time.sleep(0.05)
