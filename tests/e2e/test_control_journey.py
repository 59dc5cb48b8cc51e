"""Control of execution in the browser: the signed protocol is sent -> assignments appear for the bodies ->
a co-executor gives its part -> the responsible body reports -> returned -> resubmitted -> removed from
control; an extension approved; an overdue decision escalated and visible on the dashboard (R-000-11d,
R-000-11e, R-003-18, R-003-19)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from council.deadline_services import deadline_sweep
from council.models import User
from protocols.models import Assignment
from tests.helpers import at

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_from_the_sent_protocol_to_removal_from_control(signed, login, live_server, page, time_machine):
    User.objects.update(preferred_language="ru")
    url = live_server.url
    protocol = signed

    def as_user(username):
        page.context.clear_cookies()
        return login(username)

    def submit_report(text):
        page.locator("a.button.primary[href$='/report/']").click()
        page.locator("#id_text").fill(text)
        page.locator("form.form button[type=submit]").click()
        expect(page.locator(".message--success")).to_be_visible()

    # The secretary sends the signed protocol; the executors get their assignments.
    time_machine.move_to(at(dt.date(2026, 12, 8)))
    as_user("secretary")
    page.goto(f"{url}{protocol.get_absolute_url()}")
    page.locator("form[action$='/dispatch/'] button").click()
    expect(page.locator("#receipts-h")).to_be_visible()
    lead = Assignment.objects.get(responsible=True)

    # The Ministry's employee sees its assignment and asks for more time in good time (R-003-19).
    time_machine.move_to(at(dt.date(2026, 12, 10)))
    as_user("sec_mvd")
    page.goto(f"{url}/councils/republic/execution/")
    expect(page.locator("table")).to_contain_text("05.01.2027")
    page.locator("table a").first.click()
    page.locator("#ext-h ~ details summary").click()
    page.locator("#id_new_due_date").fill("2027-01-20")
    page.locator("#id_reason").fill("Ожидаются годовые данные статистики")
    page.locator("form[action$='/extension/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    as_user("chair")
    page.goto(f"{url}{lead.get_absolute_url()}")
    page.locator("button[name=decision][value=approve]").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("#history-h + ul")).to_contain_text("05.01.2027 → 20.01.2027")

    # The co-executor gives its part to the responsible body (R-000-11e: by 15 January now).
    time_machine.move_to(at(dt.date(2027, 1, 12)))
    as_user("sec_gpo")
    page.goto(f"{url}/councils/republic/execution/")
    page.locator("table a").first.click()
    submit_report("Сведения Генеральной прокуратуры направлены")

    # The responsible body sees the part and reports; the secretary returns it; it is resubmitted.
    as_user("sec_mvd")
    page.goto(f"{url}{lead.get_absolute_url()}")
    expect(page.locator("#parts-h + table")).to_contain_text("Сведения Генеральной прокуратуры")
    submit_report("Проведено 12 профилактических рейдов")
    as_user("secretary")
    page.goto(f"{url}{lead.get_absolute_url()}")
    page.locator("#id_remarks").fill("Нет данных по областям")
    page.locator("button[name=decision][value=return]").click()
    expect(page.locator(".message--success")).to_be_visible()
    as_user("sec_mvd")
    page.goto(f"{url}{lead.get_absolute_url()}")
    submit_report("Дополнено данными по всем областям")
    as_user("secretary")
    page.goto(f"{url}{lead.get_absolute_url()}")
    page.locator("#id_certificate").fill("Решение исполнено в полном объёме")
    page.locator("button[name=decision][value=accept]").click()
    as_user("chair")
    page.goto(f"{url}{lead.get_absolute_url()}")
    page.locator("button[name=decision][value=remove]").click()
    expect(page.locator(".badge--ok")).to_contain_text("в срок")
    lead.refresh_from_db()
    assert (lead.status, lead.on_time) == (Assignment.Status.REMOVED, True)

    # A second decision is left without a report: overdue, escalated, and on the dashboard.
    from protocols.control import assignments_create
    from tests.helpers import decide

    protocol.status = "draft"  # a decision added for the check, as if adopted at the meeting
    protocol.save(update_fields=["status"])
    decision = decide(protocol, lambda name: User.objects.get(username=name), text="Подготовить обзор")
    decision.adopted = True
    decision.save(update_fields=["adopted"])
    protocol.status = "dispatched"
    protocol.save(update_fields=["status"])
    assignments_create(protocol=protocol, actor=None, now=at(dt.date(2027, 1, 12)))
    deadline_sweep(now=at(dt.date(2027, 1, 13)))  # due 5 January 2027 (one month, R-003-23): overdue
    deadline_sweep(now=at(dt.date(2027, 1, 18)))  # three days later the chair is told
    as_user("chair")
    page.goto(f"{url}/compliance/?council=republic&year=2027")
    expect(page.locator("#overdue-h + table")).to_contain_text("Исполнение решения 1.2")
    page.goto(f"{url}/inbox/")
    expect(page.locator(".inbox")).to_contain_text("доложено председателю")
