"""A police chief's report to the public in the browser, in Kazakh and in Russian: the schedule approved,
the report scheduled, its announcement published on time, citizens' questions recorded, one answered in
full, one forwarded to the akimat with the person notified, one checked, the protocol signed the same day
by the secretary and the chief, the check overdue on the control list and escalated to the chief (R-002-4, R-002-8.1,
R-002-8.2, R-002-7, R-002-13..R-002-17, R-002-19)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from council.deadline_services import deadline_sweep, profile_new_version
from council.models import Deadline, Notification, User
from protocols.models import Protocol, QuestionCheck, QuestionForward
from secretariat.models import CitizenQuestion, PoliceReport
from tests import clock
from tests.helpers import at
from tests.police import complete_protocol, police_body

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def question(page, *, kind, received, author, text):
    page.locator("#q-h ~ details summary").click()
    form = page.locator("form[action$='/questions/']")
    form.locator("#id_kind").select_option(kind)
    form.locator("#id_received").select_option(received)
    form.locator("#id_author").fill(author)
    form.locator("#id_text").fill(text)
    form.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_police_chiefs_report_from_the_schedule_to_the_escalated_check(
    demo, login, live_server, page, time_machine, lang
):
    council, chief, secretary = police_body()
    # The administrator sets the check's period under the Administrative Procedural Code (R-002-16.check).
    rules = {**council.profile.rules, "R-002-16.check": {"amount": 15, "unit": "working_days"}}
    council.profile = profile_new_version(
        profile=council.profile, actor=None, rules=rules, now=at(dt.date(2026, 11, 30))
    )
    council.save(update_fields=["profile"])
    User.objects.update(preferred_language=lang)
    url = live_server.url

    def as_user(username):
        page.context.clear_cookies()
        return login(username)

    # The schedule for 2026 is approved, and the report of 18 February 2027 scheduled (R-002-4, R-002-8.1).
    time_machine.move_to(at(dt.date(2026, 12, 1)))
    as_user("police_secretary")
    page.goto(f"{url}/councils/{council.code}/police-reports/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.locator("#sch-h ~ details summary").click()
    form = page.locator("form[action$='/police-reports/schedule/']")
    form.locator("#id_year").fill("2026")
    form.locator("#id_approved_on").fill("2026-12-01")
    form.locator("#id_approval_number").fill("45-ш")
    form.locator("button[type=submit]").click()
    expect(page.locator("#sch-h + table")).to_contain_text("45-ш")
    page.locator("#rep-h ~ details summary").click()
    form = page.locator("form[action$='/police-reports/new/']")
    form.locator("#id_schedule").select_option(index=1)
    form.locator("#id_date").fill("2027-02-18")
    form.locator("#id_time").fill("15:00")
    form.locator("#id_place_kk").fill("Абай даңғылы, 10")
    form.locator("#id_place_ru").fill("проспект Абая, 10")
    form.locator("#id_akimat_kk").fill("Алматы қаласының әкімдігі")
    form.locator("#id_akimat_ru").fill("Акимат города Алматы")
    form.locator("input[name=invitee_groups][value=maslikhat]").check()
    form.locator("input[name=invitee_groups][value=media]").check()
    form.locator("#id_questions_how_kk").fill("police@almaty.kz, 102")
    form.locator("#id_questions_how_ru").fill("police@almaty.kz, 102")
    form.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    report = PoliceReport.objects.get()
    assert report.invitee_groups == ["akimat", "maslikhat", "media"]
    publication = Deadline.objects.get(kind="publication", subject_id=report.meeting_id)
    assert (publication.rule_id, publication.due_date) == ("R-002-8.2", dt.date(2027, 2, 8))

    # The announcement is published on 5 February, before its date (R-002-8.2); a question comes in.
    time_machine.move_to(at(dt.date(2027, 2, 5)))
    as_user("police_secretary")
    page.goto(f"{url}{report.get_absolute_url()}")
    expect(page.locator("pre.announcement[lang=ru]")).to_contain_text("проспект Абая, 10")
    page.locator("#pub-h ~ details summary").click()
    form = page.locator("form[action$='/publications/']")
    form.locator("#id_channel").select_option("web")
    form.locator("#id_outlet").fill("polisia.kz")
    form.locator("#id_published_on").fill("2027-02-05")
    form.locator("#id_link").fill("https://polisia.kz/almaty/otchet-2027")
    form.locator("button[type=submit]").click()
    expect(page.locator("#pub-h ~ table .badge--ok")).to_be_visible()
    publication.refresh_from_db()
    assert publication.state == Deadline.State.MET
    question(page, kind="proposal", received="before", author="Серикова А.", text="Больше патрулей в мкр. Орбита")

    # The public page, without logging in.
    page.context.clear_cookies()
    page.goto(f"{url}/public/reports/{report.pk}/")
    expect(page.locator("section[lang=kk]")).to_contain_text("Абай даңғылы, 10")
    expect(page.locator("section[lang=ru]")).to_contain_text("проспект Абая, 10")

    # The day of the report: held in person, two more questions at the report.
    time_machine.move_to(at(dt.date(2027, 2, 18), 16))
    as_user("police_secretary")
    page.goto(f"{url}{report.get_absolute_url()}")
    page.locator(f"a[href$='/meetings/{report.meeting_id}/day/']").click()
    for select in page.locator("select[id^=seat-]").all():
        select.select_option("present")
    page.locator("form.form button.primary").click()
    page.locator("form[action$='/hold/'] button").click()
    protocol = Protocol.objects.get(meeting=report.meeting)
    page.wait_for_url(f"{url}{protocol.get_absolute_url()}")
    page.goto(f"{url}{report.get_absolute_url()}")
    question(page, kind="complaint", received="at", author="Ким В.", text="Ремонт дороги по ул. Садовой")
    question(page, kind="complaint", received="at", author="Ахметов Б.", text="Нет ответа участкового")

    # Answered in full (R-002-7).
    page.locator("#question-1 textarea").fill("Патрулирование усилено с 1 марта")
    page.locator("#question-1 form button").click()
    expect(page.locator("#question-1")).to_contain_text("Патрулирование усилено с 1 марта")
    assert CitizenQuestion.objects.get(report=report, number=1).outcome == "answered"

    # Outside police competence: forwarded to the akimat; complete once the person is notified (R-002-17).
    page.locator("#question-2 a[href$='/follow-up/']").click()
    form = page.locator("form[action$='/forward/']")
    form.locator("#id_body").select_option(
        label="Акимат города Алматы" if lang == "ru" else "Алматы қаласының әкімдігі"
    )
    form.locator("#id_basis").select_option("territory")
    form.locator("#id_outgoing_number").fill("3-12/455")
    form.locator("#id_outgoing_date").fill("2027-02-18")
    form.locator("button[type=submit]").click()
    expect(page.locator("#forward-status")).to_be_visible()
    assert QuestionForward.objects.get().status == "sent"
    form = page.locator("form[action$='/forward/notice/']")
    form.locator("#id_notice_date").fill("2027-02-18")
    form.locator("#id_notice_channel").select_option("sms")
    form.locator("button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert QuestionForward.objects.get().status == "complete"

    # Not answered in full: recorded in the protocol and checked within the profile's period (R-002-16).
    page.goto(f"{url}{report.get_absolute_url()}")
    page.locator("#question-3 a[href$='/follow-up/']").click()
    page.locator("form[action$='/check/'] button").click()
    check = QuestionCheck.objects.get()
    expect(page.locator("#check-due")).to_have_text(check.due_date.strftime("%d.%m.%Y"))

    # The protocol, presented and signed the same day by the secretary and the chief (R-002-14, R-002-15);
    # its question's "heard" and "decided" are written as in the council's protocol journey.
    complete_protocol(protocol, now=clock.now())
    page.goto(f"{url}{protocol.get_absolute_url()}")
    page.locator("form[action$='/present/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    for username in ("police_secretary", "police_chief"):
        as_user(username)
        page.goto(f"{url}{protocol.get_absolute_url()}sign/")
        page.locator("#id_password").fill("demo-pass-123")
        page.locator("form.form button[type=submit]").click()
        expect(page.locator(".message--success")).to_be_visible()
    protocol.refresh_from_db()
    assert protocol.status == Protocol.Status.SIGNED and protocol.signed_at.date() == dt.date(2027, 2, 18)
    assert Deadline.objects.get(kind="protocol", subject_id=protocol.pk).state == Deadline.State.MET

    # The check is not done by its date: overdue, then the chief is told (R-002-19).
    deadline_sweep(now=at(check.due_date + dt.timedelta(days=1)))
    deadline_sweep(now=at(check.due_date + dt.timedelta(days=5)))
    deadline = Deadline.objects.get(kind="citizen-check", subject_id=check.pk)
    assert deadline.state == Deadline.State.OVERDUE
    assert Notification.objects.filter(deadline=deadline, recipient=chief).exists()
    time_machine.move_to(at(check.due_date + dt.timedelta(days=5)))
    as_user("police_chief")
    page.goto(f"{url}/citizen-questions/{check.question_id}/follow-up/")  # the chief, under control
    expect(page.locator("#check-due")).to_have_text(check.due_date.strftime("%d.%m.%Y"))
    # From the signed protocol the check is an assignment of the police body: overdue on the council's
    # execution control list, and its page leads to the question where the result is recorded (R-002-19).
    page.goto(f"{url}/councils/{council.code}/execution/?status=overdue")
    row = page.locator("table tbody tr", has_text="Нет ответа участкового")
    expect(row).to_contain_text(check.due_date.strftime("%d.%m.%Y"))
    row.locator("a").first.click()
    page.locator("#check-page").click()
    expect(page.locator("#check-due")).to_have_text(check.due_date.strftime("%d.%m.%Y"))
