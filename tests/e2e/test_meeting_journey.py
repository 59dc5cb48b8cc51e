"""The preparation of a meeting in the browser: schedule -> members agree -> a co-executor contributes
on time and the responsible body submits late -> the secretary checks -> the chair returns -> rework ->
agenda approved -> dispatched -> a member opens the pack (R-000-9f, R-000-10a to R-000-10e)."""

import datetime as dt
import io
import zipfile

import pytest
from playwright.sync_api import expect

from council.models import Deadline, User
from secretariat.models import AgendaItem, Meeting
from tests.helpers import NOW, pdf_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_meeting_from_scheduling_to_the_members_pack(
    demo, approved_item, login, live_server, page, time_machine, tmp_path
):
    url = live_server.url
    time_machine.move_to(NOW)
    User.objects.update(preferred_language="ru")

    def as_user(username):
        page.context.clear_cookies()
        return login(username)

    def attach(kind, name, pages):
        path = tmp_path / name
        path.write_bytes(pdf_of(pages))
        page.locator("#id_kind").select_option(kind)
        page.locator("#id_file").set_input_files(str(path))
        page.locator("form.form button[type=submit]").click()

    # The secretary schedules the meeting of 22 January 2027 with the planned question.
    as_user("secretary")
    page.goto(f"{url}/councils/republic/meetings/new/?date=2027-01-22")
    page.locator("#id_place_ru").fill("Астана, Генеральная прокуратура")
    page.locator("#id_place_kk").fill("Астана, Бас прокуратура")
    page.locator("form.form button.primary").click()
    expect(page.locator(".message--success")).to_be_visible()
    meeting = Meeting.objects.get()
    item = meeting.items.get()
    # R-000-9f: the members are asked to agree the date, place and agenda.
    page.locator("input[name=agree_by]").fill("2026-11-30")
    page.locator("form[action$='/agreement/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()

    as_user("member_mvd")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.locator("button[name=agrees][value=yes]").click()
    expect(page.locator(".message--success")).to_be_visible()
    as_user("secretary")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    expect(page.locator("#agree-h + p + table")).to_contain_text("согласен")

    # The co-executor contributes on time (R-000-10a); the responsible body still misses everything.
    as_user("sec_knb")
    page.goto(f"{url}/agenda-items/{item.pk}/materials/")
    attach("contribution", "вклад-кнб.pdf", 2)
    expect(page.locator(".message--success")).to_contain_text("Версия 1")
    as_user("sec_mvd")
    page.goto(f"{url}/agenda-items/{item.pk}/materials/")
    expect(page.locator(".badge--overdue")).to_have_count(2)  # reference note and list of invited persons

    # Past the 20-day date (R-000-10b): the reference note is accepted and marked late.
    time_machine.move_to(dt.datetime(2027, 1, 4, 10, tzinfo=NOW.tzinfo))
    as_user("sec_mvd")
    page.goto(f"{url}/agenda-items/{item.pk}/materials/")
    attach("reference_note", "справка.pdf", 3)
    expect(page.locator(".message--success")).to_contain_text("с опозданием")
    assert Deadline.objects.get(kind="materials", subject_id=item.pk).state == Deadline.State.MET_LATE

    # The secretary checks and reports; the chair returns it for rework (R-000-10c).
    as_user("secretary")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.locator(f"#note-{item.pk}").fill("Нет статистики за 2026 год")
    page.locator("form[action$='/report/'] button").click()
    as_user("chair")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.locator(f"#remarks-{item.pk}").fill("Дополнить статистику за 2026 год")
    page.locator("button[name=decision][value=return]").click()
    expect(page.locator(".message--success")).to_be_visible()
    # 4 January + 3 days is 7 January, Orthodox Christmas, a day off: the period ends on the 8th.
    assert Deadline.objects.get(kind="rework-1", subject_id=item.pk).due_date == dt.date(2027, 1, 8)

    # The body reworks within 3 days; the secretary reports again; the chair accepts and approves.
    time_machine.move_to(dt.datetime(2027, 1, 6, 10, tzinfo=NOW.tzinfo))
    as_user("sec_mvd")
    page.goto(f"{url}/agenda-items/{item.pk}/materials/")
    attach("reference_note", "справка.pdf", 4)
    expect(page.locator(".message--success")).to_contain_text("Версия 2")
    assert Deadline.objects.get(kind="rework-1", subject_id=item.pk).state == Deadline.State.MET
    as_user("secretary")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.locator("form[action$='/report/'] button").click()
    as_user("chair")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.locator("button[name=decision][value=accept]").click()
    page.locator("form[action$='/approve/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.ACCEPTED

    # The secretary sends the agenda with all documents (R-000-10e).
    as_user("secretary")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    page.locator("form[action$='/dispatch/'] button").click()
    expect(page.locator("#receipts-h")).to_be_visible()
    assert Deadline.objects.get(kind="agenda-dispatch", subject_id=meeting.pk).state == Deadline.State.MET

    # A member sees new documents, opens the meeting and downloads the pack.
    as_user("member_knb")
    page.goto(f"{url}/my-meetings/")
    expect(page.locator("main")).to_contain_text("новые документы")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    with page.expect_download() as download:
        page.locator("a[href$='/pack/']").click()  # the original files in one ZIP
    names = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())).namelist()
    assert {"00-agenda-kk.pdf", "00-agenda-ru.pdf"} <= set(names)
    assert any(n.startswith("01/") and "v2" in n for n in names)
    as_user("secretary")
    page.goto(f"{url}{meeting.get_absolute_url()}")
    expect(page.locator("#receipts-h + ul")).to_contain_text("не открыто")
    assert list(meeting.receipts.values_list("person__username", flat=True)) == ["member_knb"]
