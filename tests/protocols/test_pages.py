"""The meeting day and protocol pages: forms keep what was typed, refusals are explained, members see
drafts only once they are sent to them, the list pages make constant queries, and the batch export."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Deadline
from protocols.models import Protocol
from secretariat.models import Meeting
from tests.helpers import DAY, everyone

pytestmark = pytest.mark.django_db


def test_attendance_page_shows_the_quorum_and_holds_the_meeting(client, sign_in, dispatched_meeting, time_machine):
    time_machine.move_to(DAY)
    sign_in("secretary")
    url = reverse("secretariat:meeting_day", args=[dispatched_meeting.pk])
    page = client.get(url).content.decode()
    assert "Кворума нет: присутствуют 0 из" in page
    form = {f"seat-{seat}": value for seat, value in everyone(dispatched_meeting).items()}
    bad = {**form, next(iter(form)): "sleeping"}
    page = client.post(url, bad).content.decode()
    assert "Укажите присутствие по каждому месту." in page
    response = client.post(url, form, follow=True)
    assert "Кворум есть" in response.content.decode()
    response = client.post(reverse("secretariat:meeting_hold", args=[dispatched_meeting.pk]), follow=True)
    protocol = dispatched_meeting.protocols.get()
    assert response.redirect_chain[-1][0] == protocol.get_absolute_url()
    assert Meeting.objects.get(pk=dispatched_meeting.pk).status == Meeting.Status.HELD


@pytest.fixture
def draft(dispatched_meeting, user_named):
    from secretariat.meeting_day import attendance_record, meeting_hold

    secretary = user_named("secretary")
    attendance_record(actor=secretary, meeting=dispatched_meeting, presence=everyone(dispatched_meeting), now=DAY)
    meeting_hold(actor=secretary, meeting=dispatched_meeting, now=DAY)
    return dispatched_meeting.protocols.get()


def test_a_decision_form_keeps_what_was_typed(client, sign_in, draft, time_machine):
    time_machine.move_to(DAY)
    sign_in("secretary")
    item = draft.items.get(number=1)
    url = reverse("protocols:decision_new", args=[item.pk])
    page = client.get(url).content.decode()
    assert "selected>" in page  # the question's responsible body is offered as the executor
    response = client.post(
        url, {"text_ru": "Усилить профилактику", "text_kk": "", "responsible": item.agenda_item.responsible_body_id}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Усилить профилактику" in page and "Ничего не сохранено" in page
    client.post(
        url,
        {
            "text_ru": "Усилить профилактику",
            "text_kk": "Алдын алуды күшейту",
            "responsible": item.agenda_item.responsible_body_id,
        },
    )
    decision = item.decisions.get()
    assert decision.due_date == dt.date(2027, 1, 5)  # R-003-23
    votes = reverse("protocols:decision_votes", args=[decision.pk])
    assert "председательствует" in client.get(votes).content.decode()


def test_members_see_the_draft_only_once_it_is_sent(client, sign_in, draft, time_machine):
    """R-000-11b."""
    time_machine.move_to(DAY)
    sign_in("member_mvd")
    assert client.get(draft.get_absolute_url()).status_code == 403
    listing = client.get(reverse("protocols:protocol_list", args=["republic"])).content.decode()
    assert "Подходящих протоколов нет." in listing
    Protocol.objects.filter(pk=draft.pk).update(status=Protocol.Status.AGREEMENT, agree_by=dt.date(2026, 12, 3))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Ваш ответ по проекту" in page
    sign_in("oblast_member_dp")  # a member of another council
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_wrong_password_signs_nothing(client, sign_in, draft, user_named, time_machine):
    time_machine.move_to(DAY)
    Protocol.objects.filter(pk=draft.pk).update(status=Protocol.Status.FOR_SIGNATURE)
    sign_in("chair")
    url = reverse("protocols:protocol_sign", args=[draft.pk])
    page = client.post(url, {"password": "nope"}).content.decode()
    assert "Пароль неверен; протокол не подписан." in page
    assert not draft.signatures.exists()
    sign_in("member_mvd")
    assert client.get(url).status_code == 403


def test_the_protocol_list_filters_and_makes_constant_queries(client, sign_in, draft, time_machine):
    time_machine.move_to(DAY)
    sign_in("secretary")
    url = reverse("protocols:protocol_list", args=["republic"])
    assert "01.12.2026" in client.get(url, {"q": "профилактике"}).content.decode()
    assert "01.12.2026" not in client.get(url, {"q": "налоги"}).content.decode()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _n in range(5):  # more protocols of other (corrected) documents
        Protocol.objects.create(
            meeting=draft.meeting, council=draft.council, corrects=draft, created_by=draft.created_by, created_at=DAY
        )
    client.get(url)  # new protocols change the council's header (council.navcache): it is recomputed once
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("исправление") == 5
    assert len(six.captured_queries) == len(one.captured_queries)


def test_the_batch_export_writes_both_languages(draft, tmp_path, capsys):
    call_command("render_document", "protocol", str(draft.pk), "--out", str(tmp_path))
    call_command("render_document", "agenda", str(draft.meeting_id), "--lang", "kk", "--out", str(tmp_path))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 3 and all((tmp_path / f).read_bytes().startswith(b"%PDF") for f in files)
    assert any(f.endswith("-kk.pdf") and f.startswith("agenda-") for f in files)


def test_the_admin_shows_each_secretary_only_their_councils_protocols(client, user_named, demo, draft):
    oblast_meeting = Meeting.objects.create(
        council=demo["oblast"], date=dt.date(2026, 12, 2), created_by=user_named("oblast_secretary"), created_at=DAY
    )
    mine = Protocol.objects.create(
        meeting=oblast_meeting, council=demo["oblast"], created_by=user_named("oblast_secretary"), created_at=DAY
    )
    client.force_login(user_named("oblast_secretary"))
    page = client.get(reverse("admin:protocols_protocol_changelist")).content.decode()
    assert f"/protocol/{mine.pk}/change/" in page and f"/protocol/{draft.pk}/change/" not in page
    assert client.get(reverse("admin:protocols_protocol_change", args=[draft.pk])).status_code in (302, 403, 404)


def test_a_police_chiefs_report_protocol_records_participants_and_citizens_remarks(client, user_named, demo):
    """R-002-12..R-002-14: drawn up the same day, with the number of participants and the citizens'
    complaints, proposals and remarks; signed by the secretary and the police chief (R-002-15)."""
    import io

    from pypdf import PdfReader

    from council.deadline_services import profile_ensure_presets
    from council.models import Council, CouncilOfficer
    from council.pdf import render_pdf
    from protocols.services import protocol_context, public_part_save
    from secretariat.meeting_day import meeting_hold

    secretary = user_named("secretary")
    council = Council.objects.create(
        code="almaty-police-report",
        kind=Council.Kind.PUBLIC_REPORT,
        name_ru="Отчёт начальника ДП г. Алматы перед населением",
        name_kk="Алматы қ. ПД бастығының халық алдындағы есебі",
        profile=profile_ensure_presets()["public-report"],
    )
    CouncilOfficer.objects.create(council=council, person=secretary, role="secretary", start=dt.date(2026, 1, 1))
    meeting = Meeting.objects.create(
        council=council, date=dt.date(2026, 12, 1), created_by=secretary, created_at=DAY, status="dispatched"
    )
    meeting_hold(actor=secretary, meeting=meeting, now=DAY)  # no seats: no attendance to record, no quorum rule
    protocol = meeting.protocols.get()
    deadline = Deadline.objects.get(kind="protocol", subject_id=protocol.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-002-12", dt.date(2026, 12, 1))  # the same day
    protocol = public_part_save(
        actor=secretary,
        protocol=protocol,
        participants=143,
        remarks_kk="Көше жарығы туралы шағым",
        remarks_ru="Жалоба на отсутствие уличного освещения",
        now=DAY,
    )
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(render_pdf("pdf/protocol.html", protocol_context(protocol), lang="ru"))).pages
    )
    assert "143" in text and "Жалоба на отсутствие уличного освещения" in text
    from django.core.exceptions import ValidationError

    from protocols.services import public_part_save as save

    coordination = Protocol.objects.create(
        meeting=Meeting.objects.create(
            council=demo["republic"], date=dt.date(2026, 12, 2), created_by=secretary, created_at=DAY
        ),
        council=demo["republic"],
        created_by=secretary,
        created_at=DAY,
    )
    with pytest.raises(ValidationError):  # not part of a coordination council's protocol
        save(actor=secretary, protocol=coordination, participants=5, remarks_kk="", remarks_ru="", now=DAY)
    client.force_login(secretary)
    assert client.get(reverse("protocols:public_part", args=[coordination.pk])).status_code == 404
    assert client.get(reverse("protocols:public_part", args=[protocol.pk]), HTTP_HOST="testserver").status_code == 200
