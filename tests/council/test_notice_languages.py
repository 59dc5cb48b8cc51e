"""A notice is kept as what happened and is put into words in the reader's language when read or e-mailed:
caused by someone working in Russian, written while its reader also read Russian, it reads Kazakh in the inbox
and in the e-mail once the reader reads Kazakh; what a person wrote (remarks, an answer) is shown as they wrote
it. A notice stored as a finished sentence still shows as stored."""

import datetime as dt
import html

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from council.models import Body, Notification
from council.notify import _send, notify
from plans import services as plans
from protocols import control
from protocols import services as protocols
from protocols.models import Assignment
from protocols.services.agreement import earliest_agree_by
from secretariat.services.member_requests import member_request_answer, member_request_create
from territorial.models import Approval
from territorial.services import approval_create, approval_decide, approval_submit
from tests import clock
from tests.helpers import DAY, NOW, at, pdf_of, upload

pytestmark = pytest.mark.django_db


def reading(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def inbox_of(client, reader):
    client.force_login(reader)
    page = client.get(reverse("inbox"))
    assert page.status_code == 200
    return html.unescape(page.content.decode())


def mails_to(reader):
    return [m for m in mail.outbox if reader.email in m.to]


def now_in_kazakh(reader, emails):
    """The reader switches to Kazakh before the notice's e-mail goes out (``emails``: the captured sends)."""
    reading(reader, "kk")
    for send in emails:
        send()
    return reader


@pytest.fixture
def russian(user_named):
    """The people who cause the notices work in Russian (as the page they act on would be)."""

    def get(username):
        return reading(user_named(username), "ru")

    with translation.override("ru"):
        yield get


def test_a_plan_submitted_for_signature_reads_kazakh_for_the_chair(
    demo, client, user_named, russian, django_capture_on_commit_callbacks
):
    secretary, chair = russian("secretary"), russian("chair")
    plan = plans.plan_create(actor=secretary, council=demo["republic"], start=dt.date(2027, 1, 1), now=NOW)
    plans.plan_item_save(
        actor=secretary,
        plan=plan,
        now=NOW,
        data={
            "question_kk": "Қылмыс туралы",
            "question_ru": "О преступности",
            "responsible_body": Body.objects.get(code="mvd"),
            "planned_meeting": dt.date(2027, 1, 22),
        },
    )
    with django_capture_on_commit_callbacks() as emails:
        plans.plan_submit(actor=secretary, plan=plan, now=NOW)
    now_in_kazakh(chair, emails)
    inbox = inbox_of(client, chair)
    assert "Жоспар жобасы қол қоюыңызға ұсынылды: Үйлестіру кеңесі: 2027 ж." in inbox
    assert "Проект плана представлен вам на подпись" not in inbox
    [message] = mails_to(chair)
    assert message.subject.startswith("Жоспар жобасы қол қоюыңызға ұсынылды: Үйлестіру кеңесі: 2027 ж.")
    assert plan.get_absolute_url() in message.body  # the link to the plan is kept


def test_remarks_on_the_draft_protocol_read_kazakh_with_the_remarks_as_written(
    voted, client, user_named, russian, django_capture_on_commit_callbacks
):
    secretary, member = russian("secretary"), russian("member_knb")
    agree_by = earliest_agree_by(voted, DAY.date())
    protocols.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=agree_by, now=DAY)
    with django_capture_on_commit_callbacks() as emails:
        protocols.protocol_answer(
            actor=member, protocol=voted, agrees=False, remarks="Уточнить срок в пункте 1.1", now=DAY
        )
    now_in_kazakh(secretary, emails)
    inbox = inbox_of(client, secretary)
    assert "Ержан Маратұлы Сағынтаев хаттама жобасы бойынша ескертпелері" in inbox
    assert "Уточнить срок в пункте 1.1" in inbox
    assert "Замечания к проекту протокола" not in inbox
    [message] = [m for m in mails_to(secretary) if "ескертпелері" in m.subject]
    assert message.subject == "Ержан Маратұлы Сағынтаев хаттама жобасы бойынша ескертпелері"
    assert message.body.startswith("Уточнить срок в пункте 1.1")
    assert voted.get_absolute_url() in message.body


def test_a_returned_execution_report_reads_kazakh_for_the_body(
    signed, client, user_named, russian, django_capture_on_commit_callbacks
):
    """R-000-11d: the secretary, working in Russian, returns the report with remarks; the body's employee
    reads Kazakh."""
    secretary, employee = russian("secretary"), russian("sec_mvd")
    protocols.protocol_dispatch(actor=secretary, protocol=signed, now=at(clock.day(2026, 12, 8), 9))
    lead = Assignment.objects.get(decision__item__protocol=signed, responsible=True)
    control.report_submit(actor=employee, assignment=lead, text="Сделано", now=at(clock.day(2026, 12, 20)))
    with django_capture_on_commit_callbacks() as emails:
        control.report_analyse(
            actor=secretary,
            assignment=lead,
            accept=False,
            remarks="Нет данных за ноябрь",
            now=at(clock.day(2026, 12, 21)),
        )
    now_in_kazakh(employee, emails)
    mvd = Body.objects.get(code="mvd").short_name_kk
    title = f"Орындау туралы есеп қайтарылды: 1.1. Назарға алынсын: {mvd}"
    inbox = inbox_of(client, employee)
    assert title in inbox and "Нет данных за ноябрь" in inbox
    assert "Отчёт об исполнении возвращён" not in inbox and "Принять к сведению" not in inbox
    [message] = [m for m in mails_to(employee) if m.subject.startswith("Орындау туралы есеп қайтарылды")]
    assert message.subject == title
    assert "Нет данных за ноябрь" in message.body and lead.get_absolute_url() in message.body


def test_a_members_request_answered_reads_kazakh_with_the_answer_as_written(
    demo, client, user_named, russian, django_capture_on_commit_callbacks
):
    """R-000-10d: the Ministry of Internal Affairs asks, the acting Minister of Justice answers in Russian."""
    asker = russian("sec_mvd")
    request = member_request_create(
        actor=asker,
        council=demo["republic"],
        from_body=Body.objects.get(code="mvd"),
        to_body=Body.objects.get(code="mju"),
        what="Статистика по пробации за 9 месяцев",
        due_date=clock.day(2026, 12, 4),
        now=NOW,
    )
    with django_capture_on_commit_callbacks() as emails:  # while the acting Minister of Justice sits
        member_request_answer(
            actor=russian("acting_mju"), request=request, answer="Направляем сведения", now=at(clock.day(2026, 12, 3))
        )
    now_in_kazakh(asker, emails)
    title = "Сұрауыңызға жауап берілді: Статистика по пробации за 9 месяцев"
    inbox = inbox_of(client, asker)
    assert title in inbox and "Направляем сведения" in inbox
    assert "На ваш запрос дан ответ" not in inbox
    [message] = [m for m in mails_to(asker) if m.subject == title]
    assert message.body.startswith("Направляем сведения")
    assert request.get_absolute_url() in message.body


def test_a_territorial_approval_returned_reads_kazakh_for_the_oblast_secretary(
    demo, client, user_named, russian, django_capture_on_commit_callbacks
):
    """R-000-14: the republic chair, working in Russian, returns an oblast council's regulation."""
    oblast_secretary = russian("oblast_secretary")
    approval = approval_create(
        actor=oblast_secretary,
        council=demo["oblast"],
        kind=Approval.Kind.REGULATION,
        document=upload("Положение.pdf", pdf_of(1)),
        now=NOW,
    )
    approval_submit(actor=oblast_secretary, approval=approval, now=NOW)
    with django_capture_on_commit_callbacks() as emails:
        approval_decide(
            actor=russian("chair"), approval=approval, approve=False, remarks="Привести в соответствие", now=NOW
        )
    now_in_kazakh(oblast_secretary, emails)
    inbox = inbox_of(client, oblast_secretary)
    assert "Ескертпелермен қайтарылды: кеңес туралы ереже" in inbox and "Привести в соответствие" in inbox
    assert "Возвращено с замечаниями" not in inbox
    [message] = [m for m in mails_to(oblast_secretary) if m.subject.startswith("Ескертпелермен")]
    assert message.subject == "Ескертпелермен қайтарылды: кеңес туралы ереже"
    assert "Привести в соответствие" in message.body and approval.get_absolute_url() in message.body


def test_the_chair_told_of_the_submitted_regulation_reads_the_council_in_kazakh(demo, client, user_named, russian):
    oblast_secretary, chair = russian("oblast_secretary"), russian("chair")
    approval = approval_create(
        actor=oblast_secretary,
        council=demo["oblast"],
        kind=Approval.Kind.REGULATION,
        note="Новая редакция",
        document=upload("Положение.pdf", pdf_of(1)),
        now=NOW,
    )
    approval_submit(actor=oblast_secretary, approval=approval, now=NOW)
    inbox = inbox_of(client, reading(chair, "kk"))
    assert "Бекітуге: Алматы облысының үйлестіру кеңесі — кеңес туралы ереже" in inbox
    assert "Новая редакция" in inbox


def test_a_notice_stored_as_a_sentence_still_shows_and_mails_as_stored(demo, client, user_named):
    reader = reading(user_named("sec_vap"), "kk")
    old = Notification.objects.create(
        recipient=reader, key="old:1", title="Материалы возвращены на доработку", body="Срок — 3 дня.", created_at=NOW
    )
    inbox = inbox_of(client, reader)
    assert "Материалы возвращены на доработку" in inbox and "Срок — 3 дня." in inbox
    _send(old)
    assert mail.outbox[-1].subject == "Материалы возвращены на доработку"


def test_a_notice_whose_parameters_its_message_no_longer_reads_shows_as_stored(demo, client, user_named):
    reader = reading(user_named("sec_vap"), "kk")
    Notification.objects.create(
        recipient=reader,
        key="old:2",
        message="assignment.report_returned",
        params={"remarks": "Нет данных"},  # no assignment: written before the message read one
        title="Отчёт об исполнении возвращён",
        created_at=NOW,
    )
    assert "Отчёт об исполнении возвращён" in inbox_of(client, reader)


def test_a_notice_is_written_only_as_a_known_message(demo, user_named):
    with pytest.raises(ImproperlyConfigured):
        notify(recipients=[user_named("chair")], key="x:1", message="no.such.message", now=NOW)
    assert not Notification.objects.filter(key="x:1").exists()
