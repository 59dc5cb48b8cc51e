"""Scheduling a meeting opens the regulation's deadlines; invited persons speak and never vote
(R-000-10a, R-000-10b, R-000-10e, R-000-10f, R-000-12)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from council.models import Body, Deadline, Notification
from council.roles import Role, council_roles
from council.selectors import council_roster
from secretariat.models import AgendaItem, Invitee, Meeting
from secretariat.services import (
    invitee_add,
    invitee_confirm,
    meeting_answer,
    meeting_request_agreement,
    meeting_schedule,
)
from tests.factories import UserFactory
from tests.helpers import NOW, pdf_of, upload

pytestmark = pytest.mark.django_db


def test_scheduling_opens_the_materials_and_agenda_deadlines(demo, user_named, approved_item):
    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=dt.date(2027, 1, 22),
        now=NOW,
        plan_items=[approved_item],
    )
    [item] = meeting.items.all()
    assert (item.responsible_body.code, [b.pk for b in item.ordered_co_executors()]) == (
        "mvd",
        [Body.objects.get(code="knb").pk],
    )
    materials = Deadline.objects.get(kind="materials", subject_id=item.pk)
    # R-000-10b: 20 calendar days before 22 January 2027 is Saturday 2 January: back to Thursday 31 December.
    assert (materials.rule_id, materials.due_date, materials.responsible_body.code) == (
        "R-000-10b",
        dt.date(2026, 12, 31),
        "mvd",
    )
    agenda = Deadline.objects.get(kind="agenda-dispatch", subject_id=meeting.pk)
    assert (agenda.rule_id, agenda.due_date) == ("R-000-10e", dt.date(2027, 1, 19))  # R-000-10e


def test_only_the_secretary_schedules_and_online_only_where_the_profile_allows(demo, user_named):
    with pytest.raises(PermissionDenied):
        meeting_schedule(actor=user_named("member_mvd"), council=demo["republic"], date=dt.date(2027, 1, 22), now=NOW)
    with pytest.raises(ValidationError):  # R-001-3b allows online meetings to the monitoring group only
        meeting_schedule(
            actor=user_named("secretary"), council=demo["republic"], date=dt.date(2027, 1, 22), now=NOW, online=True
        )
    group = meeting_schedule(
        actor=user_named("group_secretary"), council=demo["group"], date=dt.date(2027, 1, 22), now=NOW, online=True
    )
    assert group.online


def test_an_invitee_is_a_role_that_never_sits_or_votes(demo, user_named, approved_item):
    """R-000-12: invited participants speak on their items and never vote."""
    meeting = meeting_schedule(
        actor=user_named("secretary"),
        council=demo["republic"],
        date=dt.date(2027, 1, 22),
        now=NOW,
        plan_items=[approved_item],
    )
    item = AgendaItem.objects.get(meeting=meeting)
    judge = UserFactory(username="judge", full_name_ru="Судья Верховного суда")
    invitee = invitee_add(
        actor=user_named("sec_mvd"),
        item=item,
        full_name_ru="Судья Верховного суда",
        position_ru="Судья",
        person=judge,
        now=NOW,
    )
    assert council_roles(judge, demo["republic"], NOW.date()) == {Role.INVITEE}
    assert judge not in [e.person for e in council_roster(council=demo["republic"], day=meeting.date)]
    assert council_roles(judge, demo["republic"], dt.date(2027, 1, 23)) == frozenset()  # after the meeting

    with pytest.raises(PermissionDenied):  # another body's employee cannot confirm (R-000-10f)
        invitee_confirm(actor=user_named("sec_knb"), invitee=invitee, now=NOW)
    invitee = invitee_confirm(actor=user_named("sec_mvd"), invitee=invitee, now=NOW)
    assert invitee.attendance_confirmed_at == NOW and invitee.documents_received_at == NOW


def test_another_bodys_employee_cannot_invite(user_named, scheduled_item):
    with pytest.raises(PermissionDenied):
        invitee_add(actor=user_named("sec_knb"), item=scheduled_item, full_name_ru="Кто-то", now=NOW)


def test_the_secretary_schedules_from_the_plan_in_the_browser_form(client, sign_in, demo, approved_item, time_machine):
    time_machine.move_to(NOW)
    sign_in("secretary")
    url = reverse("secretariat:meeting_new", args=["republic"])
    offered = client.get(url, {"date": "2027-01-22"}).content.decode()
    assert "О преступности" in offered
    response = client.post(
        f"{url}?date=2027-01-22",
        {"date": "2027-01-22", "time": "10:00", "place_ru": "Астана", "plan_item": [approved_item.pk]},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "О преступности" in page and "R-000-10b" in page and "R-000-10e" in page
    assert "31.12.2026" in page  # the materials' due date


def test_a_bad_date_keeps_what_was_typed(client, sign_in, demo, time_machine):
    time_machine.move_to(NOW)
    sign_in("secretary")
    response = client.post(
        reverse("secretariat:meeting_new", args=["republic"]), {"date": "2026-01-01", "place_ru": "Зал коллегии"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Зал коллегии" in text and "будущую дату" in text
    assert not Meeting.objects.exists()


def test_members_agree_the_meeting_and_the_secretary_sees_who_has_not_answered(
    client, sign_in, demo, user_named, time_machine
):
    """R-000-9f: agenda, date, time and place are agreed with the members."""
    time_machine.move_to(NOW)
    meeting = meeting_schedule(
        actor=user_named("secretary"), council=demo["republic"], date=dt.date(2027, 1, 22), now=NOW
    )
    with pytest.raises(ValidationError):
        meeting_answer(actor=user_named("member_mvd"), meeting=meeting, agrees=True, now=NOW)  # not asked yet
    meeting_request_agreement(actor=user_named("secretary"), meeting=meeting, agree_by=dt.date(2026, 12, 1), now=NOW)
    assert Notification.objects.filter(key__startswith=f"meeting:{meeting.pk}:agree").count() == 7
    meeting_answer(actor=user_named("member_mvd"), meeting=meeting, agrees=True, now=NOW)
    with pytest.raises(ValidationError):  # an objection needs its reason
        meeting_answer(actor=user_named("member_knb"), meeting=meeting, agrees=False, now=NOW)
    meeting_answer(actor=user_named("member_knb"), meeting=meeting, agrees=False, comment="Перенести на 29.01", now=NOW)
    with pytest.raises(PermissionDenied):
        meeting_answer(actor=user_named("sec_mvd"), meeting=meeting, agrees=True, now=NOW)
    sign_in("secretary")
    text = client.get(meeting.get_absolute_url()).content.decode()
    assert text.count("нет ответа") == 5 and "Перенести на 29.01" in text


def test_invitees_through_the_pages(client, sign_in, scheduled_item, time_machine):
    time_machine.move_to(NOW)
    item = scheduled_item
    sign_in("sec_knb")
    client.post(reverse("secretariat:invitee_add", args=[item.pk]), {"full_name_ru": "Не тот орган"})
    assert not Invitee.objects.exists()
    sign_in("sec_mvd")
    client.post(
        reverse("secretariat:invitee_add", args=[item.pk]),
        {"full_name_ru": "Иванов И.И.", "position_ru": "Начальник управления"},
    )
    invitee = Invitee.objects.get()
    client.post(reverse("secretariat:invitee_confirm", args=[invitee.pk]))
    invitee.refresh_from_db()
    assert invitee.attendance_confirmed_at is not None and invitee.confirmed_by.username == "sec_mvd"


def test_a_reference_note_over_8_pages_is_refused_with_its_count(client, sign_in, scheduled_item):
    """R-000-10b: reference notes of up to eight pages."""
    sign_in("sec_mvd")
    url = reverse("secretariat:item_materials", args=[scheduled_item.pk])
    response = client.post(url, {"kind": "reference_note", "file": upload("справка.pdf", pdf_of(9))})
    assert response.status_code == 200
    assert "В справке 9 страниц; допускается не более 8 (R-000-10b)." in response.content.decode()
    assert not scheduled_item.materials.exists()
    client.post(url, {"kind": "reference_note", "file": upload("справка.pdf", pdf_of(8))})
    note = scheduled_item.materials.get()
    assert (note.pages, note.version, note.late, note.body.code) == (8, 1, False, "mvd")
    materials = Deadline.objects.get(kind="materials", subject_id=scheduled_item.pk)
    assert materials.state == Deadline.State.MET


def test_resubmission_is_a_new_version_and_late_is_marked(scheduled_item, user_named):
    from secretariat.services import material_submit

    first = material_submit(
        actor=user_named("sec_mvd"), item=scheduled_item, kind="other", upload=upload("таблица.pdf", pdf_of(1)), now=NOW
    )
    late_moment = dt.datetime(2027, 1, 5, 10, tzinfo=NOW.tzinfo)  # after 31 December 2026 (R-000-10b)
    second = material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="other",
        upload=upload("таблица.pdf", pdf_of(2)),
        now=late_moment,
    )
    assert (first.version, first.late, second.version, second.late) == (1, False, 2, True)
    assert first.sha256 != second.sha256 and scheduled_item.materials.count() == 2


def test_only_the_right_bodies_submit(scheduled_item, user_named):
    from secretariat.services import material_submit

    with pytest.raises(PermissionDenied):  # not the responsible body
        material_submit(
            actor=user_named("sec_vap"), item=scheduled_item, kind="other", upload=upload("x.pdf", pdf_of(1)), now=NOW
        )
    contribution = material_submit(
        actor=user_named("sec_knb"),
        item=scheduled_item,
        kind="contribution",
        upload=upload("вклад.pdf", pdf_of(1)),
        now=NOW,
    )  # a co-executor (R-000-10a)
    assert contribution.body.code == "knb"
    with pytest.raises(PermissionDenied):
        material_submit(
            actor=user_named("sec_knb"),
            item=scheduled_item,
            kind="reference_note",
            upload=upload("x.pdf", pdf_of(1)),
            now=NOW,
        )


def test_a_renamed_file_is_refused(scheduled_item, user_named):
    from secretariat.services import material_submit

    with pytest.raises(ValidationError):
        material_submit(
            actor=user_named("sec_mvd"),
            item=scheduled_item,
            kind="other",
            upload=upload("doc.pdf", b"MZ not a pdf"),
            now=NOW,
        )


def test_check_return_rework_accept_approve_dispatch(client, sign_in, scheduled_item, user_named, time_machine):
    """R-000-10c: the secretary reports, the chair returns, rework within 3 calendar days; R-000-10e: the
    chair approves the agenda, the secretary sends it with all documents; members' opening is recorded."""
    from secretariat.services import agenda_approve, agenda_dispatch, item_decide, item_report, material_submit

    secretary, chair = user_named("secretary"), user_named("chair")
    material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("справка.pdf", pdf_of(3)),
        now=NOW,
    )
    scheduled_item.refresh_from_db()
    assert scheduled_item.status == AgendaItem.Status.SUBMITTED
    with pytest.raises(ValidationError):  # the chair decides on reported materials only
        item_decide(actor=chair, item=scheduled_item, accept=True, now=NOW)
    item_report(actor=secretary, item=scheduled_item, note="Справка неполная", now=NOW)
    with pytest.raises(PermissionDenied):
        item_decide(actor=secretary, item=scheduled_item, accept=False, remarks="x", now=NOW)
    item_decide(actor=chair, item=scheduled_item, accept=False, remarks="Дополнить статистику", now=NOW)
    rework = Deadline.objects.get(kind="rework-1", subject_id=scheduled_item.pk)
    assert (rework.rule_id, rework.due_date) == ("R-000-10c", dt.date(2026, 11, 26))
    assert Notification.objects.filter(recipient__username="sec_mvd", key__contains="returned").exists()

    material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("справка.pdf", pdf_of(4)),
        now=NOW + dt.timedelta(days=1),
    )
    rework.refresh_from_db()
    assert rework.state == Deadline.State.MET
    item_report(actor=secretary, item=scheduled_item, now=NOW)
    item_decide(actor=chair, item=scheduled_item, accept=True, now=NOW)
    meeting = scheduled_item.meeting
    with pytest.raises(PermissionDenied):
        agenda_approve(actor=secretary, meeting=meeting, now=NOW)
    agenda_approve(actor=chair, meeting=meeting, now=NOW)
    agenda_dispatch(actor=secretary, meeting=meeting, now=NOW)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DISPATCHED
    assert Deadline.objects.get(kind="agenda-dispatch", subject_id=meeting.pk).state == Deadline.State.MET
    assert Notification.objects.filter(key=f"meeting:{meeting.pk}:dispatched").count() == 7

    sign_in("member_mvd")
    time_machine.move_to(NOW)
    client.get(meeting.get_absolute_url())
    client.get(meeting.get_absolute_url())
    assert [r.person.username for r in meeting.receipts.all()] == ["member_mvd"]
    sign_in("secretary")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count("ещё не открыто") == 6  # seven members, one has opened it


def test_the_agenda_waits_for_every_question(scheduled_item, user_named):
    from secretariat.services import agenda_approve

    with pytest.raises(ValidationError, match="1"):
        agenda_approve(actor=user_named("chair"), meeting=scheduled_item.meeting, now=NOW)


def test_members_get_the_whole_pack_once_the_agenda_is_sent(client, sign_in, scheduled_item, user_named, time_machine):
    """R-000-10e: the agenda goes to the members with all documents, in one download."""
    import io
    import zipfile

    from secretariat.services import agenda_approve, agenda_dispatch, item_decide, item_report, material_submit

    time_machine.move_to(NOW)
    for pages in (2, 3):  # two versions: the pack carries the newest
        material_submit(
            actor=user_named("sec_mvd"),
            item=scheduled_item,
            kind="reference_note",
            upload=upload("справка.pdf", pdf_of(pages)),
            now=NOW,
        )
    meeting = scheduled_item.meeting
    sign_in("member_mvd")
    assert client.get(reverse("secretariat:meeting_pack", args=[meeting.pk])).status_code == 403
    assert "новые документы" not in client.get(reverse("secretariat:my_meetings")).content.decode()

    item_report(actor=user_named("secretary"), item=scheduled_item, now=NOW)
    item_decide(actor=user_named("chair"), item=scheduled_item, accept=True, now=NOW)
    agenda_approve(actor=user_named("chair"), meeting=meeting, now=NOW)
    agenda_dispatch(actor=user_named("secretary"), meeting=meeting, now=NOW)

    assert "новые документы" in client.get(reverse("secretariat:my_meetings")).content.decode()
    response = client.get(reverse("secretariat:meeting_pack", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "00-agenda-kk.pdf" in names and "00-agenda-ru.pdf" in names
    notes = [n for n in names if n.startswith("01/")]
    assert len(notes) == 1 and "v2" in notes[0]
    client.get(meeting.get_absolute_url())  # opening the meeting records the receipt
    assert "новые документы" not in client.get(reverse("secretariat:my_meetings")).content.decode()


def test_extraordinary_meeting_on_a_members_initiative(demo, user_named):
    """R-000-9e: members' initiative, the chair convenes; the unplanned question is its agenda."""
    from secretariat.models import ExtraordinaryRequest
    from secretariat.services import extraordinary_decide, extraordinary_request

    with pytest.raises(PermissionDenied):
        extraordinary_request(
            actor=user_named("sec_mvd"),
            council=demo["republic"],
            question_kk="а",
            question_ru="б",
            justification="в",
            desired_date=dt.date(2026, 12, 15),
            now=NOW,
        )
    request = extraordinary_request(
        actor=user_named("member_mvd"),
        council=demo["republic"],
        question_kk="Шұғыл мәселе",
        question_ru="Срочный вопрос",
        justification="Резонансное преступление",
        desired_date=dt.date(2026, 12, 15),
        now=NOW,
    )
    assert request.body.code == "mvd"
    assert Notification.objects.filter(recipient__username="chair", key=f"extraordinary:{request.pk}:requested")
    with pytest.raises(PermissionDenied):
        extraordinary_decide(actor=user_named("secretary"), request=request, convene=True, now=NOW)
    request = extraordinary_decide(actor=user_named("chair"), request=request, convene=True, now=NOW)
    meeting = request.meeting
    assert (request.status, meeting.kind, meeting.date) == (
        ExtraordinaryRequest.Status.CONVENED,
        "extraordinary",
        dt.date(2026, 12, 15),
    )
    assert [i.question_ru for i in meeting.items.all()] == ["Срочный вопрос"]
    assert Deadline.objects.filter(kind="materials", subject_id=meeting.items.get().pk).exists()
    with pytest.raises(ValidationError):  # decided already
        extraordinary_decide(actor=user_named("chair"), request=request, convene=False, reason="x", now=NOW)


def test_declining_an_extraordinary_meeting_needs_a_reason(demo, user_named):
    from secretariat.services import extraordinary_decide, extraordinary_request

    request = extraordinary_request(
        actor=user_named("member_knb"),
        council=demo["republic"],
        question_kk="а",
        question_ru="б",
        justification="в",
        desired_date=dt.date(2026, 12, 15),
        now=NOW,
    )
    with pytest.raises(ValidationError):
        extraordinary_decide(actor=user_named("chair"), request=request, convene=False, now=NOW)
    request = extraordinary_decide(
        actor=user_named("chair"), request=request, convene=False, reason="Рассмотреть на очередном заседании", now=NOW
    )
    assert request.status == "declined" and request.meeting is None


def test_persons_are_invited_only_while_the_meeting_is_prepared(held, user_named, client, sign_in, time_machine):
    """R-000-10f, R-000-12: the list of invited persons is made and confirmed before the meeting; once it is
    held the page offers neither, and the service refuses with the reason."""
    from django.utils import translation

    from tests.helpers import DAY

    item = held.items.get(number=1)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        invitee_add(actor=user_named("secretary"), item=item, full_name_ru="Поздно", now=DAY)
    with translation.override("en"):
        assert "before the meeting; this meeting is held" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        invitee_confirm(actor=user_named("secretary"), invitee=item.invitees.get(), now=DAY)
    time_machine.move_to(DAY)
    sign_in("secretary")
    url = reverse("secretariat:meeting_detail", args=[held.pk])
    page = client.get(url).content.decode()
    assert reverse("secretariat:invitee_add", args=[item.pk]) not in page
    assert reverse("secretariat:meeting_request_agreement", args=[held.pk]) not in page  # R-000-9f: before it
    response = client.post(reverse("secretariat:invitee_add", args=[item.pk]), {"full_name_ru": "Поздно"}, follow=True)
    assert "до заседания" in response.content.decode()
    assert not item.invitees.filter(full_name_ru="Поздно").exists()


def test_each_questions_invitation_form_has_fields_of_its_own(dispatched_meeting, client, sign_in, time_machine):
    """Every question of the agenda has its own form to invite a person; each label points at its own field."""
    time_machine.move_to(NOW)
    sign_in("secretary")
    page = client.get(reverse("secretariat:meeting_detail", args=[dispatched_meeting.pk])).content.decode()
    assert reverse("secretariat:meeting_request_agreement", args=[dispatched_meeting.pk]) in page
    for item in dispatched_meeting.items.all():
        assert reverse("secretariat:invitee_add", args=[item.pk]) in page
        assert page.count(f'id="id_invitee{item.pk}_full_name_ru"') == 1
        assert page.count(f'for="id_invitee{item.pk}_full_name_ru"') == 1
