"""Each person starts on "My work" and does their next task from it, in Kazakh and in Russian: the body's
employee uploads the materials (R-000-10b), the secretary reports them to the chair (R-000-10c), the chair
approves the plan (R-000-6, R-000-9a), a member agrees the meeting (R-000-9f). A screenshot of each home
page is kept with the test's output and looked at."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from council.models import User
from plans import services as plans
from plans.models import Plan
from secretariat.models import AgendaItem, Agreement
from secretariat.services import meeting_request_agreement
from tests.helpers import NOW, pdf_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting(demo, user_named, scheduled_item):
    """The meeting of 22 January 2027 with its question (materials due 31 December 2026), the members asked
    to agree it by 10 December, and the plan for the second half of 2027 submitted to the chair."""
    secretary = user_named("secretary")
    meeting_request_agreement(actor=secretary, meeting=scheduled_item.meeting, agree_by=dt.date(2026, 12, 10), now=NOW)
    plan = plans.plan_create(actor=secretary, council=demo["republic"], start=dt.date(2027, 7, 1), now=NOW)
    plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={"question_kk": "Жемқорлық туралы", "question_ru": "О коррупции", "planned_meeting": dt.date(2027, 9, 1)},
    )
    plans.plan_submit(actor=secretary, plan=plan, now=NOW)
    return scheduled_item, plan


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_each_role_does_its_next_task_from_my_work(waiting, language, login, live_server, page, time_machine, tmp_path):
    item, plan = waiting
    meeting = item.meeting
    url = live_server.url
    time_machine.move_to(NOW)
    User.objects.update(preferred_language=language)

    def home_of(username):
        page.context.clear_cookies()
        login(username)
        expect(page.locator("html")).to_have_attribute("lang", language)
        worklist = page.locator("table.worklist")
        expect(worklist).to_be_visible()
        page.screenshot(path=str(tmp_path / f"my-work-{username}-{language}.png"), full_page=True)
        return worklist

    # The Ministry of Internal Affairs' employee: the materials of question 1, one click to the upload form.
    worklist = home_of("sec_mvd")
    row = worklist.locator(f"a[href='/agenda-items/{item.pk}/materials/']")
    expect(row).to_be_visible()
    expect(worklist).to_contain_text("31.12.2026")
    row.click()
    path = tmp_path / "note.pdf"
    path.write_bytes(pdf_of(2))
    page.locator("#id_kind").select_option("reference_note")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert AgendaItem.objects.get(pk=item.pk).status == AgendaItem.Status.SUBMITTED

    # The secretary: the arrived materials, one click to the meeting where they are reported to the chair.
    worklist = home_of("secretary")
    worklist.locator(f"a[href='{meeting.get_absolute_url()}#item-{item.pk}']").click()
    page.locator(f"#item-{item.pk} form[action$='/report/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert AgendaItem.objects.get(pk=item.pk).status == AgendaItem.Status.REPORTED

    # The chair: the plan waiting for approval, and now the reported materials too.
    worklist = home_of("chair")
    expect(worklist.locator(f"a[href='{meeting.get_absolute_url()}#item-{item.pk}']")).to_be_visible()
    worklist.locator(f"a[href='{plan.get_absolute_url()}']").click()
    page.locator("button[name=decision][value=approve]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.APPROVED
    page.goto(f"{url}/")
    expect(page.locator(f"table.worklist a[href='{plan.get_absolute_url()}']")).to_have_count(0)

    # A member: agree the date, place and agenda of the meeting.
    worklist = home_of("member_mvd")
    worklist.locator(f"a[href='{meeting.get_absolute_url()}']").click()
    page.locator("button[name=agrees][value=yes]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Agreement.objects.filter(meeting=meeting, person__username="member_mvd", agrees=True).exists()
    page.goto(f"{url}/")
    expect(page.locator(f"table.worklist a[href='{meeting.get_absolute_url()}']")).to_have_count(0)
