"""Finding 3 of the second trust round: an analyst recorded "an assignment of the Prosecutor General" numbered
SELF-001, and it opened every material of the council at once. An assignment or request an analyst records
is a basis of access only once the secretary or the chair has confirmed it against the document (R-004-6,
R-004-11); nobody confirms their own record; and a basis opens only the material it produced."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from council.models import AccessLogEntry, AuditEvent, AuditVerb, Notification
from council.worklist import work_for
from plans import analytics
from plans.models import UnplannedWork
from tests.analytics_world import build
from tests.helpers import NOW

pytestmark = pytest.mark.django_db


def record(actor, executor, office, number):
    return analytics.unplanned_record(
        actor=actor, council=office, basis=UnplannedWork.Basis.ASSIGNMENT, number=number,
        date=dt.date(2026, 11, 20), author="Генеральный Прокурор", received_on=dt.date(2026, 11, 20),
        text_kk="Тапсырма", text_ru="Поручение", executor=executor, now=NOW,
    )  # fmt: skip


def attach(analyst, work, text="Итоги"):
    return analytics.unplanned_result_attach(
        actor=analyst, work=work, title_kk="Талдау", title_ru="Анализ", text_kk="Мәтін", text_ru=text, now=NOW
    )


def open_with(client, material, number):
    return client.post(
        reverse("access:material_open", args=[material.pk]),
        {"basis_kind": "assignment", "reference": number, "basis_date": "2026-11-20", "workstation": "ARM-1"},
    )


@pytest.fixture
def w(demo, user_named):
    return build(demo, user_named, language="en")


def test_a_self_recorded_assignment_opens_nothing_until_the_secretary_confirms_it(client, w):
    analyst, secretary = w["analyst"], w["secretary"]
    secretary.preferred_language = "en"
    secretary.save(update_fields=["preferred_language"])
    client.force_login(analyst)
    response = client.post(
        reverse("analytics:unplanned_new", args=[w["office"].code]),
        {
            "basis": "assignment", "number": "SELF-001", "date": "2026-11-20", "author": "Генеральный Прокурор",
            "received_on": "2026-11-20", "text_kk": "Тапсырма", "text_ru": "Поручение", "executor": analyst.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302
    work = UnplannedWork.objects.get(number="SELF-001")
    assert work.confirmed_at is None
    material = attach(analyst, work)
    refused = open_with(client, material, "SELF-001").content.decode()
    assert "not yet confirmed" in refused and "Итоги" not in refused
    assert not AccessLogEntry.objects.filter(action="open").exists()
    # The analyst cannot confirm it: neither the action nor the button is theirs.
    assert "Confirm the basis" not in client.get(work.get_absolute_url()).content.decode()
    assert client.post(reverse("analytics:unplanned_confirm", args=[work.pk])).status_code == 403
    # The secretary is told, finds it in "My work", and confirms it on the work's page.
    assert Notification.objects.filter(recipient=secretary, key=f"unplanned:{work.pk}:to-confirm").exists()
    assert [i.url for i in work_for(user=secretary, day=NOW.date()) if i.url == work.get_absolute_url()]
    client.force_login(secretary)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Basis not yet confirmed" in page and "Confirm the basis" in page
    assert client.post(reverse("analytics:unplanned_confirm", args=[work.pk])).status_code == 302
    work.refresh_from_db()
    assert work.confirmed_by == secretary
    assert AuditEvent.objects.filter(verb=AuditVerb.UNPLANNED_CONFIRM, subject_id=work.pk).exists()
    assert not [i for i in work_for(user=secretary, day=NOW.date()) if i.url == work.get_absolute_url()]
    client.force_login(analyst)
    assert "Итоги" in open_with(client, material, "SELF-001").content.decode()


def test_nobody_confirms_their_own_record_and_a_record_by_the_secretary_is_confirmed(w):
    secretary, analyst = w["secretary"], w["analyst"]
    by_secretary = record(secretary, analyst, w["office"], "1-С")
    assert by_secretary.confirmed_by == secretary  # the secretariat recorded it from the document
    by_analyst = record(analyst, analyst, w["office"], "2-А")
    with pytest.raises(PermissionDenied):
        analytics.unplanned_confirm(actor=analyst, work=by_analyst, now=NOW)
    with pytest.raises(ValidationError):
        analytics.unplanned_confirm(actor=secretary, work=by_secretary, now=NOW)  # confirmed already


def test_a_confirmed_basis_opens_only_the_material_it_produced(client, w):
    analyst, secretary = w["analyst"], w["secretary"]
    first, second = record(analyst, analyst, w["office"], "10-П"), record(analyst, analyst, w["office"], "11-П")
    for work in (first, second):
        analytics.unplanned_confirm(actor=secretary, work=work, now=NOW)
    mine, other = attach(analyst, first, "Итоги первого"), attach(analyst, second, "Итоги второго")
    client.force_login(analyst)
    assert "Итоги первого" in open_with(client, mine, "10-П").content.decode()
    answer = open_with(client, other, "10-П").content.decode()
    assert "Итоги второго" not in answer and "does not name this material" in answer


def test_a_basis_to_confirm_is_not_shown_as_overdue(w):
    """No term is set for the confirmation: the item waits in "My work" without a due date."""
    work = record(w["analyst"], w["analyst"], w["office"], "30-А")
    [item] = [i for i in work_for(user=w["secretary"], day=NOW.date()) if i.url == work.get_absolute_url()]
    assert item.due_date is None
