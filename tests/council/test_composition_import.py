"""Bulk import of a council's composition in admin: preview, a report of rejected rows, atomic write."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import Appointment, Seat, User

pytestmark = pytest.mark.django_db

CSV = (
    "body_code;body_name_ru;position_ru;position_kk;seat_kind;role;username;full_name_ru;full_name_kk;email;start\n"
    "almaty-obl-dchs;Департамент по ЧС Алматинской области;Начальник ДЧС области;Облыс ТЖД бастығы;permanent;member;"
    "dchs_head;Ержан Сапаров;Ержан Сапаров;dchs@example.kz;01.02.2026\n"
    "almaty-obl-dgd;Департамент госдоходов;Руководитель ДГД;МКД басшысы;delegated;member;dgd_head;Алма Нурова;"
    "Алма Нұрова;;2026-02-01\n"
    "bad code!;Орган;Должность;Лауазым;sometimes;member;x y;Ошибка;;not-mail;31.02.2026\n"
)


def import_file(client, council, name, content):
    url = reverse("admin:council_council_import", args=[council.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_csv_preview_reports_rejected_rows_and_writes_nothing(client, user_named, demo):
    client.force_login(user_named("oblast_secretary"))
    seats_before = Seat.objects.count()
    response = import_file(client, demo["oblast"], "composition.csv", CSV.encode())
    assert response.status_code == 200
    assert response.context["accepted"] == 2
    [rejected] = response.context["rejected"]
    assert rejected.number == 4
    text = " ".join(rejected.errors)
    assert "31.02.2026" in text and "sometimes" not in text  # the reason, not the echo
    assert len(rejected.errors) >= 4  # code, login, kind, e-mail, date
    assert Seat.objects.count() == seats_before


def test_confirm_imports_accepted_rows_and_a_second_import_changes_nothing(client, user_named, demo):
    client.force_login(user_named("oblast_secretary"))
    preview = import_file(client, demo["oblast"], "composition.csv", CSV.encode())
    url = reverse("admin:council_council_import", args=[demo["oblast"].pk])
    response = client.post(url, {"payload": preview.context["payload"]})
    assert response.status_code == 302
    oblast = demo["oblast"]
    assert oblast.seats.filter(position__title_ru="Начальник ДЧС области", kind="permanent").exists()
    assert oblast.seats.filter(position__title_ru="Руководитель ДГД", kind="delegated").exists()
    person = User.objects.get(username="dchs_head")
    assert person.home_council == oblast and not person.has_usable_password()
    assert Appointment.objects.filter(person=person, start="2026-02-01").exists()
    assert not User.objects.filter(username="x y").exists()
    counts = (Seat.objects.count(), User.objects.count(), Appointment.objects.count())
    again = import_file(client, oblast, "composition.csv", CSV.encode())
    client.post(url, {"payload": again.context["payload"]})
    assert (Seat.objects.count(), User.objects.count(), Appointment.objects.count()) == counts


def test_xlsx_is_accepted(client, user_named, demo):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["body_code", "position_ru", "position_kk", "username", "full_name_ru", "start"])
    sheet.append(
        ["almaty-obl-dchs", "Начальник ДЧС области", "Облыс ТЖД бастығы", "dchs_head", "Ержан Сапаров", "2026-02-01"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(user_named("oblast_secretary"))
    response = import_file(client, demo["oblast"], "composition.xlsx", buffer.getvalue())
    assert response.context["accepted"] == 1 and not response.context["rejected"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("composition.txt", b"x", "CSV или XLSX"),
        ("composition.csv", b"username;start\nx;2026-01-01\n", "body_code"),
        ("composition.xlsx", b"not a workbook", "не читается"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(client, sign_in, demo, name, content, message):
    sign_in("oblast_secretary")
    response = import_file(client, demo["oblast"], name, content)
    assert response.status_code == 200
    assert message in response.context["error"]


def test_a_forged_payload_is_refused(client, user_named, demo):
    client.force_login(user_named("oblast_secretary"))
    url = reverse("admin:council_council_import", args=[demo["oblast"].pk])
    seats = Seat.objects.count()
    client.post(url, {"payload": "forged"})
    assert Seat.objects.count() == seats


def test_no_import_into_another_council(client, user_named, demo):
    client.force_login(user_named("oblast_secretary"))
    response = import_file(client, demo["republic"], "composition.csv", CSV.encode())
    assert response.status_code == 403


def test_a_row_naming_another_councils_account_is_rejected_with_the_reason(client, user_named, demo, sign_in):
    """Reusing the republic chair's account would hand it to the oblast secretary (R-000-8)."""
    sign_in("oblast_secretary", "en")
    csv = (
        "body_code;position_ru;position_kk;username;full_name_ru;start\n"
        "almaty-obl-dchs;Начальник ДЧС области;Облыс ТЖД бастығы;chair;Кто-то;01.02.2026\n"
    )
    response = import_file(client, demo["oblast"], "composition.csv", csv.encode())
    [rejected] = response.context["rejected"]
    assert "chair" in " ".join(rejected.errors) and "another council" in " ".join(rejected.errors)
    assert response.context["accepted"] == 0
    # confirming the preview writes nothing for that row
    client.post(
        reverse("admin:council_council_import", args=[demo["oblast"].pk]), {"payload": response.context["payload"]}
    )
    assert not Appointment.objects.filter(person__username="chair", position__title_ru="Начальник ДЧС области").exists()


def test_a_row_naming_a_position_seated_on_another_council_is_rejected(client, user_named, demo, sign_in):
    """Appointing a new person to the Prosecutor General's position would make them the republic chair."""
    chair_seat = Seat.objects.select_related("position__body").get(council=demo["republic"], role=Seat.Role.CHAIR)
    sign_in("oblast_secretary", "en")
    csv = (
        "body_code;position_ru;position_kk;username;full_name_ru;start\n"
        f"{chair_seat.position.body.code};{chair_seat.position.title_ru};{chair_seat.position.title_kk};"
        "new_person;Новый Человек;01.02.2026\n"
    )
    response = import_file(client, demo["oblast"], "composition.csv", csv.encode())
    [rejected] = response.context["rejected"]
    assert "another council" in " ".join(rejected.errors)
    client.post(
        reverse("admin:council_council_import", args=[demo["oblast"].pk]), {"payload": response.context["payload"]}
    )
    assert not User.objects.filter(username="new_person").exists()


def test_the_scope_is_checked_again_when_the_preview_is_confirmed(client, user_named, demo):
    """Between the preview and the confirmation the login became another council's account."""
    from tests.factories import UserFactory

    client.force_login(user_named("oblast_secretary"))
    csv = (
        "body_code;position_ru;position_kk;username;full_name_ru;start\n"
        "almaty-obl-dchs;Начальник ДЧС области;Облыс ТЖД бастығы;late_comer;Поздний;01.02.2026\n"
    )
    response = import_file(client, demo["oblast"], "composition.csv", csv.encode())
    assert response.context["accepted"] == 1
    UserFactory(username="late_comer", home_council=demo["republic"])
    client.post(
        reverse("admin:council_council_import", args=[demo["oblast"].pk]), {"payload": response.context["payload"]}
    )
    assert not Appointment.objects.filter(person__username="late_comer").exists()


def test_a_secretary_does_not_import_themselves_into_a_seat(client, user_named, demo, sign_in):
    sign_in("oblast_secretary", "en")
    csv = (
        "body_code;position_ru;position_kk;role;username;full_name_ru;start\n"
        "almaty-obl-dchs;Начальник ДЧС области;Облыс ТЖД бастығы;chair;oblast_secretary;Я;01.02.2026\n"
    )
    response = import_file(client, demo["oblast"], "composition.csv", csv.encode())
    [rejected] = response.context["rejected"]
    assert "yourself" in " ".join(rejected.errors)


HEADER = (
    "body_code;body_name_ru;position_ru;position_kk;seat_kind;role;order;username;full_name_ru;full_name_kk;start\n"
)


@pytest.mark.parametrize(
    "row, reason",
    [
        ("obl-x;Орган;Должность;Лауазым;permanent;member;99999999999999999999;bad_order;Имя;Аты;01.02.2026", "Order"),
        ("obl-x;Орган;Должность;Лауазым;permanent;member;1e400;inf_order;Имя;Аты;01.02.2026", "Order"),
        ("obl-x;Орган;Должность;Лауазым;permanent;member;-3;minus_order;Имя;Аты;01.02.2026", "Order"),
        (f"obl-x;Орган;{'Д' * 500};Лауазым;permanent;member;1;long_title;Имя;Аты;01.02.2026", "longer than 400"),
        ("obl-x;Орган;Долж\x00ность;Лауазым;permanent;member;1;nul_title;Имя;Аты;01.02.2026", "control character"),
        ("obl-x;Орган;Должность;Лауазым;permanent;member;1;far_start;Имя;Аты;9999-12-31", "out of range"),
        ("obl-x;Орган;Должность;Лауазым;permanent;member;1;old_start;Имя;Аты;01.01.1900", "out of range"),
    ],
)
def test_a_row_that_would_not_fit_the_registry_is_refused_with_its_reason(client, user_named, demo, row, reason):
    """Finding 16 of the second trust round: such rows made the preview or the confirmation a server error,
    and a start date of 9999-12-31 was accepted."""
    secretary = user_named("oblast_secretary")
    secretary.preferred_language = "en"
    secretary.save(update_fields=["preferred_language"])
    client.force_login(secretary)
    before = (Seat.objects.count(), User.objects.count(), Appointment.objects.count())
    preview = import_file(client, demo["oblast"], "composition.csv", (HEADER + row + "\n").encode())
    assert preview.status_code == 200 and preview.context["accepted"] == 0
    [rejected] = preview.context["rejected"]
    assert reason in " ".join(rejected.errors)
    url = reverse("admin:council_council_import", args=[demo["oblast"].pk])
    assert client.post(url, {"payload": preview.context["payload"]}).status_code == 302
    assert (Seat.objects.count(), User.objects.count(), Appointment.objects.count()) == before
