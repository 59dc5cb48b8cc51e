"""R-000-10d: members request information and materials from each other: from, to, what, by when; the
answer with its attachments; both sides and the secretary see it; a deadline with reminders."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from council.deadline_services import deadline_sweep
from council.models import Body, Deadline, Notification
from secretariat.models import MemberRequest
from secretariat.services.member_requests import member_request_answer, member_request_create
from tests.helpers import NOW, at, pdf_of, upload

pytestmark = pytest.mark.django_db


def body(code):
    return Body.objects.get(code=code)


def ask(demo, user_named, **kw):
    data = {
        "actor": user_named("sec_mvd"),
        "council": demo["republic"],
        "from_body": body("mvd"),
        "to_body": body("mju"),
        "what": "Статистика по пробации за 9 месяцев",
        "due_date": dt.date(2026, 12, 4),
        "now": NOW,
    }
    return member_request_create(**{**data, **kw})


def test_a_request_has_its_deadline_and_reminders_and_the_answer_meets_it(demo, user_named):
    request = ask(demo, user_named)
    deadline = Deadline.objects.get(kind="member-request", subject_id=request.pk)
    assert (deadline.rule_id, deadline.due_date, deadline.responsible_body.code) == (
        "R-000-10d",
        dt.date(2026, 12, 4),
        "mju",
    )
    told = Notification.objects.filter(key=f"member-request:{request.pk}:new").values_list(
        "recipient__username", flat=True
    )
    assert set(told)  # the body asked is told at once
    deadline_sweep(now=at(dt.date(2026, 12, 1), 9))  # 3 days before: a reminder to the body asked
    assert Notification.objects.filter(deadline=deadline).exists()
    with pytest.raises(PermissionDenied):  # only the body asked answers
        member_request_answer(actor=user_named("sec_mvd"), request=request, answer="x", now=NOW)
    with pytest.raises(ValidationError):
        member_request_answer(actor=user_named("acting_mju"), request=request, answer=" ", now=NOW)
    member_request_answer(
        actor=user_named("acting_mju"),
        request=request,
        answer="Направляем сведения",
        uploads=[upload("svedeniya.pdf", pdf_of(2))],
        now=at(dt.date(2026, 12, 3)),
    )
    request.refresh_from_db()
    assert request.status == MemberRequest.Status.ANSWERED and request.files.get().sha256
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.MET


def test_a_request_is_refused_without_what_a_later_date_or_for_another_body(demo, user_named):
    with pytest.raises(ValidationError) as exc:
        ask(demo, user_named, what=" ", due_date=dt.date(2026, 11, 23), to_body=body("mvd"))
    assert {"what", "due_date", "to_body"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        ask(demo, user_named, from_body=body("mju"))  # not on behalf of one's own body
    assert "from_body" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        ask(demo, user_named, actor=user_named("oblast_member_dp"))  # another council


def test_both_sides_and_the_secretary_see_the_request_and_its_attachment(
    demo, user_named, client, sign_in, time_machine
):
    request = ask(demo, user_named)
    member_request_answer(
        actor=user_named("acting_mju"), request=request, answer="", uploads=[upload("a.pdf", pdf_of(1))], now=NOW
    )
    time_machine.move_to(NOW)
    for who in ("sec_mvd", "acting_mju", "secretary"):
        sign_in(who)
        listing = client.get(reverse("secretariat:member_requests", args=["republic"])).content.decode()
        assert "Статистика по пробации" in listing, who
        assert client.get(reverse("secretariat:member_request_file", args=[request.files.get().pk])).status_code == 200
    sign_in("member_knb")  # a member of neither side
    assert (
        "Статистика по пробации"
        not in client.get(reverse("secretariat:member_requests", args=["republic"])).content.decode()
    )
    assert client.get(request.get_absolute_url()).status_code == 403


def test_the_page_sends_a_request(demo, user_named, client, sign_in, time_machine):
    time_machine.move_to(NOW)
    sign_in("sec_mvd")
    url = reverse("secretariat:member_requests", args=["republic"])
    response = client.post(
        url, {"from_body": body("mvd").pk, "to_body": body("mju").pk, "what": "Материалы", "due_date": "2026-11-30"}
    )
    assert response.status_code == 302
    assert MemberRequest.objects.get().due_date == dt.date(2026, 11, 30)
