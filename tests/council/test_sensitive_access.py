"""Sensitive analytical material (seed 004, paragraphs 11–13 and Appendix 2): who may open it (R-004-11),
the stated basis checked against the records, the append-only hash-chained access log refused UPDATE and
DELETE by PostgreSQL itself, the auditor's view and export, anonymisation and disclosure (R-004-12)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from council import access
from council.appendix2 import ensure_position_categories
from council.models import AccessLogEntry, Appointment, PositionCategory
from plans import analytics
from plans import services as plans
from plans.models import UnplannedWork
from tests import clock
from tests.analytics_world import build
from tests.helpers import NOW, at

pytestmark = pytest.mark.django_db

PERSONAL = "Гражданин Серикбаев А.Б., ИИН 850101300123, дата рождения 01.01.1985, проживает: ул. Абая 10, кв. 5."


@pytest.fixture
def w(demo, user_named):
    world = build(demo, user_named)
    work = analytics.unplanned_record(
        actor=world["analyst"],
        council=world["office"],
        basis=UnplannedWork.Basis.ASSIGNMENT,
        number="7-П",
        date=dt.date(2026, 11, 20),
        author="Генеральный Прокурор",
        received_on=dt.date(2026, 11, 20),
        text_kk="Тапсырма",
        text_ru="Поручение",
        executor=world["analyst"],
        now=NOW,
    )
    material = analytics.unplanned_result_attach(
        actor=world["analyst"],
        work=work,
        title_kk="Талдау",
        title_ru="Анализ",
        text_kk="Мәтін",
        text_ru=f"Итоги: 15 дел. {PERSONAL}",
        personal_terms="Серикбаев",
        now=NOW,
    )
    # An assignment still open, to serve as a basis of access.
    open_work = analytics.unplanned_record(
        actor=world["analyst"],
        council=world["office"],
        basis=UnplannedWork.Basis.ASSIGNMENT,
        number="8-П",
        date=dt.date(2026, 11, 21),
        author="Заместитель Генерального Прокурора",
        received_on=dt.date(2026, 11, 21),
        text_kk="Тапсырма",
        text_ru="Поручение",
        executor=world["analyst"],
        now=NOW,
    )
    for confirmed in (work, open_work):  # the secretary checked both against the documents (R-004-11)
        analytics.unplanned_confirm(actor=world["secretary"], work=confirmed, now=NOW)
    return {**world, "work": work, "open_work": open_work, "material": material}


def _open(client, material, **overrides):
    data = {
        "basis_kind": "assignment",
        "reference": "7-П",  # the assignment that produced the material
        "basis_date": "2026-11-20",
        "workstation": "ARM-GP-0042",
        **overrides,
    }
    return client.post(reverse("access:material_open", args=[material.pk]), data)


def test_the_nine_categories_of_appendix_2_are_data_with_kazakh_and_russian_names():
    """R-004-11, Appendix 2: nine categories; a change is kept in history."""
    ensure_position_categories()  # loaded by a migration; a transactional test before this one flushes them
    categories = list(PositionCategory.objects.order_by("number"))
    assert [c.number for c in categories] == list(range(1, 10))
    assert categories[5].name_kk.startswith("Облыс прокурорларының орынбасарлары")
    assert categories[5].name_ru.startswith("Заместители прокуроров областей")
    categories[7].name_ru = "Прокуроры районов (городов) и их заместители"
    categories[7].save()
    assert categories[7].history.first().name_ru == "Прокуроры районов (городов) и их заместители"


def test_holders_and_acting_officials_of_a_listed_category_may_open(w):
    """R-004-11: the holder of a category-6 position and the official acting in a category-9 position."""
    day = NOW.date()
    assert access.category_of(w["analyst"], day).number == 6
    assert access.category_of(w["acting_analyst"], day).number == 9
    assert Appointment.objects.get(person=w["acting_analyst"]).kind == "acting"
    assert access.category_of(w["plain"], day) is None
    assert access.category_of(w["secretary"], day) is None


def test_a_user_without_a_category_is_refused_and_the_refusal_is_logged(client, w):
    client.force_login(w["plain"])
    assert client.get(reverse("access:material_open", args=[w["material"].pk])).status_code == 403
    assert _open(client, w["material"]).status_code == 403
    entries = AccessLogEntry.objects.filter(person=w["plain"])
    assert [e.action for e in entries] == ["refused", "refused"]
    assert entries[0].category_number is None


def test_another_councils_people_do_not_learn_that_the_material_exists(client, w, user_named):
    client.force_login(user_named("oblast_secretary"))
    assert client.get(reverse("access:material_open", args=[w["material"].pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_page_asks_for_the_basis_and_states_the_conditions_of_r_004_13(client, w):
    client.force_login(w["analyst"])
    page = client.get(reverse("access:material_open", args=[w["material"].pk])).content.decode()
    assert 'id="access-conditions"' in page and "R-004-13" in page and 'name="workstation"' in page
    assert "850101300123" not in page and "Итоги" not in page  # nothing is shown before the basis


def test_a_basis_is_checked_against_the_records(client, w, user_named):
    """R-004-11: an open assignment with its number and date; an item of an approved plan with the plan's
    approval date. A wrong date, a closed assignment or a draft plan is no basis: nothing opens, and the
    refused attempt is an entry of the log with its reason (a form without the workstation is not an attempt)."""
    client.force_login(w["analyst"])
    assert "Итоги" not in _open(client, w["material"], basis_date="2026-11-22").content.decode()
    # 8-П is open and confirmed, but the material is not of it: a basis opens only its own material.
    assert "Итоги" not in _open(client, w["material"], reference="8-П", basis_date="2026-11-21").content.decode()
    assert "Итоги" not in _open(client, w["material"], workstation="").content.decode()
    refused = list(AccessLogEntry.objects.order_by("id").values_list("action", "basis_reference", "reason"))
    assert [(action, reference) for action, reference, _reason in refused] == [("refused", "7-П"), ("refused", "8-П")]
    assert "does not name this material" in refused[1][2] or "не относится" in refused[1][2]
    # 7-П is reported (results attached), still under control: a basis until removed from control.
    assert "Итоги" in _open(client, w["material"], reference="7-П", basis_date="2026-11-20").content.decode()
    analytics.unplanned_close(actor=w["deputy_pg"], work=w["work"], now=NOW)
    assert "Итоги" not in _open(client, w["material"], reference="7-П", basis_date="2026-11-20").content.decode()

    secretary, office = w["secretary"], w["office"]
    plan = plans.plan_create(actor=secretary, council=office, start=dt.date(2027, 1, 1), now=NOW)
    plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={"question_kk": "Талдау", "question_ru": "Анализ", "stage": "analysis"},
    )
    assert (
        "Итоги"
        not in _open(
            client, w["material"], basis_kind="plan_item", reference="1", basis_date="2026-11-23"
        ).content.decode()
    )
    plans.plan_submit(actor=secretary, plan=plan, now=NOW)
    plans.plan_decide(actor=w["deputy_pg"], plan=plan, approve=True, now=at(dt.date(2026, 11, 25)))
    # The item's own analysis opens on the item; the assignment's material does not.
    of_item = access.sensitive_material_create(
        actor=w["analyst"], council=office, subject=plan.items.get(number=1), title_kk="Талдау",
        title_ru="Анализ по пункту", text_kk="Мәтін", text_ru="Итоги по пункту", now=NOW,
    )  # fmt: skip
    assert (
        "Итоги по пункту"
        in _open(client, of_item, basis_kind="plan_item", reference="1", basis_date="2026-11-25").content.decode()
    )
    assert (
        "Итоги"
        not in _open(
            client, w["material"], basis_kind="plan_item", reference="1", basis_date="2026-11-25"
        ).content.decode()
    )
    assert (
        "Итоги"
        not in _open(client, of_item, basis_kind="plan_item", reference="2", basis_date="2026-11-25").content.decode()
    )
    opened = AccessLogEntry.objects.exclude(action="refused").order_by("id")
    kinds = list(opened.values_list("basis_kind", "basis_reference", "workstation"))
    assert kinds == [("assignment", "7-П", "ARM-GP-0042"), ("plan_item", "1", "ARM-GP-0042")]


def test_personal_data_are_masked_by_default(client, w):
    """R-004-12: names, ИИН/ЖСН, dates of birth and addresses are masked when shown."""
    client.force_login(w["analyst"])
    page = _open(client, w["material"]).content.decode()
    assert "Итоги: 15 дел." in page
    for personal in ("Серикбаев", "850101300123", "01.01.1985", "Абая 10"):
        assert personal not in page


def test_disclosure_needs_a_recorded_order_and_is_logged(client, w, user_named):
    """R-004-12: only under an order of the Prosecutor General (number, date, scope, term), which only an
    administrator records (R-004-11); logged as disclosure."""
    material = w["material"]
    with pytest.raises(ValidationError):
        access.sensitive_access(
            actor=w["analyst"], material=material, basis_kind="assignment", reference="7-П",
            basis_date=dt.date(2026, 11, 20), workstation="ARM-1", address=None, now=NOW, disclose=True,
        )  # fmt: skip
    client.force_login(w["plain"])
    assert client.get(reverse("access:disclosure_order_new", args=[material.pk])).status_code == 403
    client.force_login(w["secretary"])  # finding 2 of the second trust round: not the secretary's to grant
    assert (
        reverse("access:disclosure_order_new", args=[material.pk])
        not in client.get(w["work"].get_absolute_url()).content.decode()
    )
    assert client.get(reverse("access:disclosure_order_new", args=[material.pk])).status_code == 403
    client.force_login(user_named("admin"))
    detail = client.get(w["work"].get_absolute_url()).content.decode()
    assert reverse("access:disclosure_order_new", args=[material.pk]) in detail
    response = client.post(
        reverse("access:disclosure_order_new", args=[material.pk]),
        {"number": "15-ө", "date": clock.TODAY.isoformat(), "valid_until": str(clock.TODAY + dt.timedelta(days=30)),
         "fields": ["names", "iin"], "scope": "ФИО и ИИН для суда"},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200 and "ФИО и ИИН для суда" in response.content.decode()
    assert material.disclosure_orders.get().number == "15-ө"
    client.force_login(w["analyst"])
    assert "850101300123" not in _open(client, material).content.decode()
    disclosed = _open(client, material, disclose="on")
    assert "no-store" in disclosed["Cache-Control"]  # no proxy or browser disk keeps the disclosed page
    page = disclosed.content.decode()
    assert "850101300123" in page and "Серикбаев" in page and "15-ө" in page
    last = AccessLogEntry.objects.order_by("-id").first()
    assert (last.action, last.order.number) == ("disclose", "15-ө")


def test_the_access_log_is_refused_update_and_delete_by_postgresql(w):
    """The log is append-only in the database itself: raw SQL UPDATE and DELETE raise."""
    entry, _granted = None, None
    _granted, entry = access.sensitive_access(
        actor=w["analyst"], material=w["material"], basis_kind="assignment", reference="7-П",
        basis_date=dt.date(2026, 11, 20), workstation="ARM-1", address="10.0.0.7", now=NOW,
    )  # fmt: skip
    assert connection.vendor == "postgresql"
    for sql in (
        "UPDATE council_accesslogentry SET workstation = 'forged' WHERE id = %s",
        "DELETE FROM council_accesslogentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.workstation == "ARM-1"
    with pytest.raises(ValueError):
        entry.save()


def test_the_access_log_is_hash_chained(w):
    for n in range(3):
        access.sensitive_access(
            actor=w["analyst"], material=w["material"], basis_kind="assignment", reference="7-П",
            basis_date=dt.date(2026, 11, 20), workstation=f"ARM-{n}", address=None, now=NOW,
        )  # fmt: skip
    entries = list(AccessLogEntry.objects.order_by("id"))
    assert access.access_log_verify() is None
    assert entries[1].prev_hash == entries[0].hash
    entries[1].workstation = "forged"  # what an edit behind the database's back would look like
    assert access.access_log_verify(entries) == entries[1]
    assert access.access_log_verify([entries[0], entries[2]]) == entries[2]  # a deletion


def test_the_auditor_reads_filters_and_exports_the_log(client, w):
    client.force_login(w["analyst"])
    _open(client, w["material"])
    client.force_login(w["plain"])
    client.get(reverse("access:material_open", args=[w["material"].pk]))
    url = reverse("access:access_log", args=[w["office"].code])

    client.force_login(w["analyst"])
    assert client.get(url).status_code == 403
    client.force_login(w["auditor"])
    page = client.get(url).content.decode()
    assert "Аналитик" in page and "Без категории" in page and "ARM-GP-0042" in page
    only_plain = client.get(url, {"person": "plain"}).content.decode()
    assert "Без категории" in only_plain and "ARM-GP-0042" not in only_plain
    tomorrow = (clock.TODAY + dt.timedelta(days=1)).isoformat()
    assert "ARM-GP-0042" not in client.get(url, {"start": tomorrow}).content.decode()
    assert "ARM-GP-0042" in client.get(url, {"material": w["material"].pk, "end": "2100-01-01"}).content.decode()

    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert len(rows) == 3 and {r[1] for r in rows[1:]} == {"Аналитик (analyst)", "Без категории (plain)"}
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx", "person": "analyst"}).content))
    sheet = book.active
    assert sheet.max_row == 2 and sheet.cell(2, 11).value == "ARM-GP-0042"


def test_the_log_of_a_council_is_not_found_by_others(client, w, user_named):
    client.force_login(user_named("oblast_secretary"))
    assert client.get(reverse("access:access_log", args=[w["office"].code])).status_code == 404
    assert client.get(reverse("access:access_log", args=[w["office"].code]), {"start": "x"}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [{"material": "abc"}, {"start": "2026-13-45"}, {"end": "99999-01-01"}, {"person": "x" * 500}, {"material": "0"}],
)
def test_a_malformed_filter_of_the_log_is_a_form_error_not_a_server_error(client, w, params):
    client.force_login(w["auditor"])
    response = client.get(reverse("access:access_log", args=[w["office"].code]), params)
    assert response.status_code == 200 and 'class="field-error"' in response.content.decode()
    assert response.context["entries"] == []


def test_a_nul_byte_in_the_basis_opens_nothing_and_logs_nothing(client, w):
    client.force_login(w["analyst"])
    response = _open(client, w["material"], workstation="ARM\x00")
    assert response.status_code == 200 and "Итоги" not in response.content.decode()
    response = _open(client, w["material"], reference="8-П\x00")
    assert "Итоги" not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://evil.example","ok")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_a_typed_formula_is_text_in_the_exported_log(client, w, typed):
    """Finding 8 of the second trust round: a workstation typed as ``=HYPERLINK(…)`` was a live formula in the
    XLSX and started with ``=`` in the CSV. Every export quotes such a cell with an apostrophe."""
    client.force_login(w["analyst"])
    _open(client, w["material"], workstation=typed)
    client.force_login(w["auditor"])
    url = reverse("access:access_log", args=[w["office"].code])
    csv_answer = client.get(url, {"format": "csv", "person": "analyst"})
    assert csv_answer["Cache-Control"] == "no-store"
    [_header, row] = list(csv.reader(io.StringIO(csv_answer.content.decode())))
    assert row[10] == "'" + typed.strip()
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx", "person": "analyst"}).content))
    cell = book.active.cell(2, 11)
    assert cell.data_type == "s" and cell.value == "'" + typed.strip()


@pytest.mark.parametrize("role", ["secretary", "deputy_pg", "analyst"])
def test_titles_and_texts_of_unplanned_work_are_masked_for_everyone(client, w, role):
    """Finding 4 of the second trust round: the secretary and the chair, refused the material, read
    «Справка по Серикбаев А.Б., ИИН 850101300123, ул. Абая 10» on the unplanned work's page; so did the
    analyst without a basis. Titles and texts are masked on every page that lists them, and in admin."""
    from council.models import SensitiveMaterial

    SensitiveMaterial.objects.filter(pk=w["material"].pk).update(
        title_ru="Справка по Серикбаев А.Б., ИИН 850101300123, ул. Абая 10", title_kk="Анықтама"
    )
    UnplannedWork.objects.filter(pk=w["work"].pk).update(text_ru=f"Поручение. {PERSONAL}")
    client.force_login(w[role])
    for url in (
        reverse("analytics:unplanned_detail", args=[w["work"].pk]),
        reverse("analytics:unplanned_list", args=[w["office"].code]),
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        assert "850101300123" not in page and "Серикбаев" not in page and "Абая 10" not in page, url
    material = SensitiveMaterial.objects.get(pk=w["material"].pk)
    assert "850101300123" not in str(material)  # as admin's access log list and every notice name it


def test_the_admin_access_log_list_shows_masked_titles(client, w, user_named):
    from council.models import SensitiveMaterial

    SensitiveMaterial.objects.filter(pk=w["material"].pk).update(title_ru="Справка: ИИН 850101300123")
    client.force_login(w["analyst"])
    _open(client, w["material"], reference="7-П", basis_date="2026-11-20")
    client.force_login(user_named("admin"))
    page = client.get(reverse("admin:council_accesslogentry_changelist")).content.decode()
    assert "Справка" in page and "850101300123" not in page


def order(w, user_named, *, fields, persons="", until=None, number="20-ө"):
    until = until or clock.TODAY + dt.timedelta(days=30)  # in force on the suite's day, whatever it is
    return access.disclosure_order_record(
        actor=user_named("admin"), material=w["material"], number=number, date=clock.TODAY,
        scope="по запросу суда", fields=fields, persons=persons, valid_until=until, now=NOW,
    )  # fmt: skip


def test_an_order_discloses_only_its_scope(client, w, user_named):
    """Finding 7 of the second trust round: an order "only for one person's surname" disclosed the whole text.
    Now it discloses the kinds of data it names, of the persons it names; the rest stays masked."""
    material = w["material"]
    material.text_ru = f"{PERSONAL} Свидетель Нурланов К.К., тел. +7 701 234 56 78."
    material.save(update_fields=["text_ru"])
    order(w, user_named, fields=["names"], persons="Серикбаев А.Б.")
    client.force_login(w["analyst"])
    page = _open(client, material, disclose="on").content.decode()
    assert "Серикбаев А.Б." in page  # the person the order names
    for kept_masked in ("Нурланов", "850101300123", "01.01.1985", "Абая 10", "234 56 78"):
        assert kept_masked not in page, kept_masked


def test_an_order_ends_at_its_term_or_when_withdrawn(client, w, user_named, time_machine):
    from council.models import AuditEvent, AuditVerb

    time_machine.move_to(NOW)
    issued = order(w, user_named, fields=["iin"], until=clock.TODAY)
    client.force_login(w["analyst"])
    assert "850101300123" in _open(client, w["material"], disclose="on").content.decode()
    time_machine.move_to(NOW + dt.timedelta(days=1))  # past its term: the disclosure is no longer offered
    page = _open(client, w["material"], disclose="on").content.decode()
    assert "850101300123" not in page and 'name="disclose"' not in page
    time_machine.move_to(NOW)
    client.force_login(user_named("admin"))
    url = reverse("access:disclosure_order_withdraw", args=[issued.pk])
    assert client.post(url, {"reason": ""}).status_code == 302  # a reason is needed: nothing withdrawn
    issued.refresh_from_db()
    assert issued.withdrawn_at is None
    client.post(url, {"reason": "Суд отозвал запрос"})
    issued.refresh_from_db()
    assert issued.withdrawn_by == user_named("admin") and issued.withdrawal_reason == "Суд отозвал запрос"
    assert AuditEvent.objects.filter(verb=AuditVerb.DISCLOSURE_ORDER_WITHDRAW).exists()
    client.force_login(w["analyst"])
    assert "850101300123" not in _open(client, w["material"], disclose="on").content.decode()
    client.force_login(w["secretary"])
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_an_order_names_what_it_discloses_and_a_term_on_or_after_its_date(w, user_named):
    with pytest.raises(ValidationError):
        order(w, user_named, fields=[])
    with pytest.raises(ValidationError):
        order(w, user_named, fields=["names"], until=clock.TODAY - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        access.disclosure_order_record(
            actor=w["secretary"], material=w["material"], number="1", date=clock.TODAY, scope="x",
            fields=["names"], valid_until=clock.TODAY, now=NOW,
        )  # fmt: skip


def test_the_auditor_finds_the_access_log_on_the_home_page(client, w):
    """The auditor holds no other role on the council: their home page lists the logs they audit."""
    client.force_login(w["auditor"])
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert reverse("access:access_log", args=[w["office"].code]) in page
    client.force_login(w["plain"])
    assert reverse("access:access_log", args=[w["office"].code]) not in client.get(reverse("home")).content.decode()
