"""Control of execution: assignments from a sent protocol, co-executors' parts, reports, analysis,
removal from control, extensions, escalation, the report to the chair, the compliance dashboard and search
(R-000-11d, R-000-11e, R-003-18, R-003-19)."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.deadline_services import deadline_sweep
from council.models import Deadline, Notification
from protocols import control
from protocols.models import Assignment, Extension
from protocols.services import protocol_dispatch
from tests.helpers import at

pytestmark = pytest.mark.django_db
SENT = at(dt.date(2026, 12, 8), 9)


@pytest.fixture
def sent(signed, user_named):
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=SENT)
    return signed


def assignments(protocol):
    lead = Assignment.objects.get(decision__item__protocol=protocol, responsible=True)
    part = Assignment.objects.get(decision__item__protocol=protocol, responsible=False)
    return lead, part


def test_a_sent_protocol_puts_every_decision_under_control(sent):
    """R-000-11e: the first-listed body organises; the co-executor's part is due 5 calendar days before."""
    lead, part = assignments(sent)
    assert (lead.body.code, lead.due_date) == ("mvd", dt.date(2027, 1, 5))
    assert (part.body.code, part.due_date) == ("gpo", dt.date(2026, 12, 31))
    kinds = dict(
        Deadline.objects.filter(kind__startswith="execution", subject_id__in=[lead.pk, part.pk]).values_list(
            "kind", "rule_id"
        )
    )
    assert kinds == {"execution": "R-000-11d", "execution-part": "R-000-11e"}
    assert Notification.objects.filter(recipient__username="sec_mvd", key__contains="assignments").exists()
    assert Notification.objects.filter(recipient__username="sec_gpo", key__contains="assignments").exists()


def test_part_report_return_rework_and_removal_from_control(sent, user_named):
    """R-000-11d: reported to the secretary, analysed, reported to the chair; R-003-18: removal needs the
    certificate of results."""
    lead, part = assignments(sent)
    secretary, chair = user_named("secretary"), user_named("chair")
    with pytest.raises(PermissionDenied):  # another body cannot report for the Ministry
        control.report_submit(actor=user_named("sec_knb"), assignment=lead, text="x", now=at(dt.date(2026, 12, 20)))
    control.report_submit(
        actor=user_named("sec_gpo"), assignment=part, text="Материалы ГП переданы", now=at(dt.date(2026, 12, 20))
    )
    assert Deadline.objects.get(kind="execution-part", subject_id=part.pk).state == Deadline.State.MET
    control.report_submit(
        actor=user_named("sec_mvd"), assignment=lead, text="Проведено 12 рейдов", now=at(dt.date(2026, 12, 28))
    )
    with pytest.raises(ValidationError):  # accepting needs the certificate of results
        control.report_analyse(actor=secretary, assignment=lead, accept=True, now=at(dt.date(2026, 12, 29)))
    control.report_analyse(
        actor=secretary, assignment=lead, accept=False, remarks="Нет данных по области", now=at(dt.date(2026, 12, 29))
    )
    back = Deadline.objects.get(kind="execution-return-1", subject_id=lead.pk)
    assert (back.rule_id, back.due_date) == ("R-000-11d.resubmit", dt.date(2027, 1, 5))  # the execution date is later
    control.report_submit(
        actor=user_named("sec_mvd"), assignment=lead, text="Дополнено по областям", now=at(dt.date(2026, 12, 30))
    )
    control.report_analyse(
        actor=secretary,
        assignment=lead,
        accept=True,
        certificate="Исполнено в полном объёме",
        now=at(dt.date(2026, 12, 30)),
    )
    with pytest.raises(PermissionDenied):
        control.removal_decide(actor=secretary, assignment=lead, remove=True, now=at(dt.date(2026, 12, 30)))
    control.removal_decide(actor=chair, assignment=lead, remove=True, now=at(dt.date(2026, 12, 31)))
    lead.refresh_from_db()
    part.refresh_from_db()
    assert (lead.status, lead.on_time, part.status) == ("removed", True, "removed")
    assert [r.version for r in lead.reports.all()] == [2, 1]  # nothing overwritten


def test_an_extension_is_requested_in_time_and_moves_every_deadline(sent, user_named, client, sign_in, time_machine):
    """R-003-19: at least 3 working days before the deadline; approved by the chair; every change kept."""
    lead, part = assignments(sent)
    assert control.extension_last_day(lead) == dt.date(2026, 12, 29)  # 31 Dec, 30 Dec, 29 Dec: 4 Jan is off
    with pytest.raises(ValidationError, match="29.12.2026"):
        control.extension_request(
            actor=user_named("sec_mvd"),
            assignment=lead,
            new_due_date=dt.date(2027, 2, 1),
            reason="x",
            now=at(dt.date(2026, 12, 30)),
        )
    extension = control.extension_request(
        actor=user_named("sec_mvd"),
        assignment=lead,
        new_due_date=dt.date(2027, 2, 1),
        reason="Ожидаются данные статистики за год",
        now=at(dt.date(2026, 12, 10)),
    )
    with pytest.raises(PermissionDenied):
        control.extension_decide(
            actor=user_named("secretary"), extension=extension, approve=True, now=at(dt.date(2026, 12, 11))
        )
    control.extension_decide(
        actor=user_named("chair"), extension=extension, approve=True, now=at(dt.date(2026, 12, 11))
    )
    lead.refresh_from_db()
    part.refresh_from_db()
    assert (lead.due_date, lead.original_due_date, part.due_date) == (
        dt.date(2027, 2, 1),
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 27),
    )
    assert Deadline.objects.get(kind="execution", subject_id=lead.pk).due_date == dt.date(2027, 2, 1)
    assert Extension.objects.get().status == Extension.Status.APPROVED
    time_machine.move_to(at(dt.date(2026, 12, 11)))
    sign_in("sec_mvd")
    page = client.get(lead.get_absolute_url()).content.decode()
    assert "05.01.2027 → 01.02.2027" in page  # the history of the deadline


def test_overdue_execution_escalates_and_shows_on_the_dashboard(sent, user_named, client, sign_in, time_machine):
    """Body employee -> secretary -> chair, through the deadline engine."""
    lead, _part = assignments(sent)
    deadline_sweep(now=at(dt.date(2027, 1, 6)))  # the day after the deadline
    deadline_sweep(now=at(dt.date(2027, 1, 10)))  # escalation after 3 days
    execution = Deadline.objects.get(kind="execution", subject_id=lead.pk)
    assert execution.state == Deadline.State.OVERDUE
    told = set(Notification.objects.filter(deadline=execution).values_list("recipient__username", flat=True))
    assert {"sec_mvd", "secretary", "chair"} <= told
    time_machine.move_to(at(dt.date(2027, 1, 10)))
    sign_in("secretary")
    page = client.get(reverse("protocols:compliance"), {"year": 2027}).content.decode()
    assert "Исполнение решения 1.1" in page and "badge--overdue" in page
    listing = client.get(
        reverse("protocols:assignment_list", args=["republic"]), {"status": "overdue"}
    ).content.decode()
    assert "1.1." in listing
    # Reported the same day: the dashboard, kept since it was seen (council.navcache), counts it at once.
    control.report_submit(
        actor=user_named("sec_mvd"), assignment=lead, text="Проведено 12 рейдов", now=at(dt.date(2027, 1, 10))
    )
    assert Deadline.objects.get(pk=execution.pk).state != Deadline.State.OVERDUE
    again = client.get(reverse("protocols:compliance"), {"year": 2027}).content.decode()
    assert "Исполнение решения 1.1" not in again


def test_the_report_to_the_chair_lists_what_was_executed(sent, user_named, client, sign_in, time_machine):
    """R-000-6, R-000-11d."""
    lead, _part = assignments(sent)
    time_machine.move_to(at(dt.date(2027, 1, 10)))
    sign_in("secretary")
    url = reverse("protocols:chair_report", args=["republic"])
    page = client.get(url, {"start": "2027-01-01", "end": "2027-01-31"}).content.decode()
    assert "Просрочено: 1" in page
    response = client.post(
        url,
        {
            "start": "2027-01-01",
            "end": "2027-01-31",
            "conclusions_kk": "Қорытынды",
            "conclusions_ru": "Выводы: усилить контроль",
        },
    )
    assert response.status_code == 302
    from pypdf import PdfReader

    for lang, word in (("ru", "Выводы: усилить контроль"), ("kk", "Қорытынды")):
        pdf = client.get(response.url.replace("/ru/", f"/{lang}/").replace("/kk/", f"/{lang}/"))
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert word in text
    sign_in("member_mvd")
    assert client.get(url).status_code == 403


def test_the_dashboard_exports_and_keeps_its_query_count(sent, user_named, client, sign_in, demo, time_machine):
    time_machine.move_to(at(dt.date(2027, 1, 10)))
    sign_in("secretary")
    url = reverse("protocols:compliance")
    client.get(reverse("home"))  # the header (council.navcache) is cached from here
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, {"council": "republic", "year": 2027}).status_code == 200
    with CaptureQueriesContext(connection) as all_:
        response = client.get(url, {"year": 2027})
    assert response.status_code == 200
    page = response.content.decode()
    assert demo["oblast"].short_name in page  # the republic secretariat oversees the oblast council
    assert len(one.captured_queries) == len(all_.captured_queries), "\n".join(
        q["sql"][:150] for q in one.captured_queries + [{"sql": "-----"}] + all_.captured_queries
    )
    # Seen again, the page's body is the one kept (council.navcache): no figure is read.
    with CaptureQueriesContext(connection) as again:
        kept = client.get(url, {"year": 2027}).content.decode()
    assert kept[kept.index("<main") :] == page[page.index("<main") :]
    assert len(again.captured_queries) < len(all_.captured_queries)
    assert not [q for q in again.captured_queries if "council_deadline" in q["sql"]]
    csv = client.get(url, {"year": 2027, "format": "csv"}).content.decode()
    assert csv.splitlines()[0] == "council,measure,rule,on_time,late,overdue,pending,waived"
    assert "republic,execution,R-000-11d,0,0,1,0,0" in csv
    xlsx = client.get(url, {"year": 2027, "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    sign_in("member_mvd")
    assert client.get(url).status_code == 403


def test_search_finds_russian_word_forms_and_kazakh_words_and_highlights(sent, client, sign_in, time_machine):
    time_machine.move_to(at(dt.date(2026, 12, 10)))
    sign_in("secretary")
    url = reverse("protocols:search")
    page = client.get(url, {"q": "профилактика"}).content.decode()  # «профилактике» in the question
    assert "<mark>профилактике</mark>" in page
    page = client.get(url, {"q": "алдын"}).content.decode()
    assert "<mark>алдын</mark>" in page
    assert "ничего не найдено" in client.get(url, {"q": "налогообложение"}).content.decode()
    sign_in("oblast_secretary")  # another council's protocols are not found
    assert "<mark>" not in client.get(url, {"q": "профилактика"}).content.decode()


def test_search_filters_by_the_status_of_the_document(sent, client, sign_in, time_machine):
    time_machine.move_to(at(dt.date(2026, 12, 10)))
    sign_in("secretary")
    url = reverse("protocols:search")
    page = client.get(url, {"q": "профилактика", "status": "protocol_item:dispatched"}).content.decode()
    assert "<mark>профилактике</mark>" in page and "вопросы протоколов" in page
    assert "вопросы повесток" not in page.split('class="hits"')[1]  # only protocol questions
    page = client.get(url, {"q": "профилактика", "status": "protocol_item:draft"}).content.decode()
    assert "<mark>" not in page


def test_a_sent_correction_supersedes_the_corrected_decisions(sent, user_named):
    """A correction is a new document; once it is sent, what of the corrected protocol is still under
    control is cancelled with its deadlines waived and the bodies told (R-003-49); its own decisions take
    over. Nothing stands under control twice."""
    from protocols import services

    secretary, chair = user_named("secretary"), user_named("chair")
    lead, part = assignments(sent)
    day = at(dt.date(2026, 12, 10))
    correction = services.protocol_correct(actor=secretary, protocol=sent, now=day)
    services.protocol_send_for_agreement(actor=secretary, protocol=correction, agree_by=dt.date(2026, 12, 14), now=day)
    services.protocol_present(actor=secretary, protocol=correction, now=at(dt.date(2026, 12, 15)))  # silence
    services.protocol_sign(actor=chair, protocol=correction, password="demo-pass-123", now=at(dt.date(2026, 12, 15)))
    services.protocol_dispatch(actor=secretary, protocol=correction, now=at(dt.date(2026, 12, 15), 12))

    lead.refresh_from_db()
    part.refresh_from_db()
    assert (lead.status, part.status) == (Assignment.Status.CANCELLED, Assignment.Status.CANCELLED)
    waived = Deadline.objects.filter(subject_id__in=[lead.pk, part.pk], kind__startswith="execution")
    assert {d.state for d in waived} == {Deadline.State.WAIVED}
    assert Notification.objects.filter(recipient__username="sec_mvd", key=f"assignment:{lead.pk}:cancelled").exists()
    active = Assignment.objects.exclude(status__in=Assignment.CLOSED)
    assert [a.decision.item.protocol_id for a in active] == [correction.pk, correction.pk]


def test_the_report_to_the_chair_defaults_to_the_last_full_quarter_and_shows_each_figure_once(
    sent, user_named, client, sign_in, time_machine
):
    """R-000-6, R-000-11d: with no period asked for, the page covers the last full quarter (January to
    March 2027 on 10 April 2027, where decision 1.1 fell due on 05.01.2027); each figure appears once, as
    the heading of its list, in the page and in the PDF read back in Kazakh and Russian."""
    import subprocess

    time_machine.move_to(at(dt.date(2027, 4, 10)))
    sign_in("secretary")
    url = reverse("protocols:chair_report", args=["republic"])
    page = client.get(url).content.decode()
    assert 'value="2027-01-01"' in page and 'value="2027-03-31"' in page
    assert page.count("Просрочено") == 1 and "Просрочено: 1" in page
    assert "Исполнено в срок: 0" in page and page.count("Исполнено в срок") == 1
    response = client.post(
        url, {"start": "2027-01-01", "end": "2027-03-31", "conclusions_kk": "Қорытынды", "conclusions_ru": "Выводы"}
    )
    for lang, overdue in (("ru", "Просрочено: 1"), ("kk", "Мерзімі өтті: 1")):
        pdf = client.get(response.url.replace("/ru/", f"/{lang}/").replace("/kk/", f"/{lang}/")).content
        text = " ".join(
            subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True).stdout.decode().split()
        )
        assert "01.01.2027 – 31.03.2027" in text
        assert text.count(overdue.split(":")[0]) == 1 and overdue in text
        assert "1/2026, 1.1." in text.split(overdue)[1]  # the list behind the figure
    # After that report, the next one starts the day after it ended.
    time_machine.move_to(at(dt.date(2027, 5, 20)))
    sign_in("secretary")
    page = client.get(url).content.decode()
    assert 'value="2027-04-01"' in page and 'value="2027-05-20"' in page


def test_the_default_period_of_the_report_to_the_chair():
    from protocols.control import report_period

    assert report_period(dt.date(2026, 11, 30)) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert report_period(dt.date(2027, 1, 10)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert report_period(dt.date(2026, 11, 30), dt.date(2026, 6, 30)) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert report_period(dt.date(2026, 11, 30), dt.date(2026, 9, 30)) == (dt.date(2026, 10, 1), dt.date(2026, 11, 30))


def test_the_control_list_reads_the_same_queries_for_one_row_or_a_page(sent, user_named, client, sign_in, time_machine):
    """The list's rows show the decision's number and text, the protocol, the meeting, the body, the deadline
    and the working days late (R-000-11d); a page of 50 rows costs the queries of one row."""
    from tests.factories import BodyFactory

    lead, _part = assignments(sent)
    time_machine.move_to(at(dt.date(2027, 1, 11)))
    sign_in("secretary")
    url = reverse("protocols:assignment_list", args=["republic"])
    client.get(url)  # the header's counts are cached on the first page
    with CaptureQueriesContext(connection) as few:
        page = client.get(url, {"status": "overdue"}).content.decode()
    protocol = lead.decision.item.protocol
    assert f"1.1. {lead.decision.text_ru[:40]}" in page
    assert f"{protocol.registration}, {protocol.meeting.date:%d.%m.%Y}" in page
    assert "05.01.2027" in page and re.search(r"просрочено на \d+ рабоч", page)
    Assignment.objects.bulk_create(
        Assignment(
            decision=lead.decision,
            council=lead.council,
            body=BodyFactory(),
            order=10 + n,
            due_date=lead.due_date,
            original_due_date=lead.due_date,
            created_at=lead.created_at,
        )
        for n in range(60)
    )
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"status": "overdue"}).content.decode()
    assert page.count(f"1.1. {lead.decision.text_ru[:40]}") == 50
    assert len(many) == len(few)


def test_the_control_list_is_kept_until_an_assignment_changes(sent, user_named, client, sign_in, time_machine):
    """The list is kept per filter (council.navcache): seen again it reads no assignment; a part reported
    (R-000-11e) shows as reported on the very next view."""
    _lead, part = assignments(sent)
    time_machine.move_to(at(dt.date(2026, 12, 20)))
    sign_in("secretary", language="en")
    url = reverse("protocols:assignment_list", args=["republic"])
    first = client.get(url, {"status": ""}).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(url, {"status": ""}).content.decode()
    assert second[second.index("<main") :] == first[first.index("<main") :]
    assert not [q for q in again.captured_queries if "protocols_assignment" in q["sql"]]
    reported = dict(Assignment.Status.choices)[Assignment.Status.REPORTED]
    assert f'<span class="badge">{reported}</span>' not in first
    control.report_submit(
        actor=user_named("sec_gpo"), assignment=part, text="Материалы ГП переданы", now=at(dt.date(2026, 12, 20))
    )
    part.refresh_from_db()
    status = dict(Assignment.Status.choices)[part.status]
    assert f'<span class="badge">{status}</span>' in client.get(url, {"status": ""}).content.decode()
    assert f'<span class="badge">{status}</span>' not in first


def test_a_decree_entered_changes_the_working_days_the_list_counts(sent, user_named, client, sign_in, time_machine):
    """The pages count working days with the decrees entered (cached between changes): a day declared off
    is no longer counted on the next page (R-000-11e: the co-executor's part, due 31 December)."""
    from council.models import CalendarDay

    time_machine.move_to(at(dt.date(2026, 12, 28)))  # a Monday: 29, 30 and 31 December are working days
    sign_in("secretary")
    url = reverse("protocols:assignment_list", args=["republic"])
    assert "3 рабочих дня" in client.get(url).content.decode()
    CalendarDay.objects.create(
        day=dt.date(2026, 12, 30), kind=CalendarDay.Kind.DAY_OFF, decree_number="1", decree_date=dt.date(2026, 12, 1)
    )
    assert "2 рабочих дня" in client.get(url).content.decode()
    CalendarDay.objects.filter(day=dt.date(2026, 12, 30)).get().delete()
    assert "3 рабочих дня" in client.get(url).content.decode()


def test_a_decree_entered_shows_on_the_month_calendar(demo, client, sign_in, time_machine):
    """The month calendar marks a day declared off by a decree entered today, and unmarks it when removed."""
    from council.models import CalendarDay

    time_machine.move_to(at(dt.date(2026, 12, 28)))
    sign_in("secretary")
    url = reverse("secretariat:calendar_month")
    off = 'month__day--off" data-date="2026-12-30"'
    assert off not in client.get(url).content.decode()
    day = CalendarDay.objects.create(
        day=dt.date(2026, 12, 30), kind=CalendarDay.Kind.DAY_OFF, decree_number="1", decree_date=dt.date(2026, 12, 1)
    )
    assert off in client.get(url).content.decode()
    day.delete()
    assert off not in client.get(url).content.decode()
