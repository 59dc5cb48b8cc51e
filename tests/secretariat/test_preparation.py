"""Co-executors' contributions with their internal date, what a question still needs, the profiles of the
Office's own meetings, the pack link in the dispatch e-mail, and constant queries on the meeting lists
(R-000-10a, R-000-10b, R-000-10e, R-003-20, R-003-21)."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.deadline_services import profile_ensure_presets
from council.models import Deadline
from secretariat.models import Meeting
from secretariat.services import agenda_approve, agenda_dispatch, item_decide, item_report, material_submit
from tests.helpers import NOW, pdf_of, upload

pytestmark = pytest.mark.django_db


def test_a_co_executor_has_its_own_earlier_date(scheduled_item, user_named):
    """R-000-10a: co-executors send their contributions to the responsible body, before its own deadline."""
    materials = Deadline.objects.get(kind="materials", subject_id=scheduled_item.pk)
    [contribution] = Deadline.objects.filter(kind__startswith="contribution-", subject_id=scheduled_item.pk)
    # Five calendar days before 31 December 2026 is Saturday 26 December: back to Friday 25 December.
    assert (contribution.rule_id, contribution.due_date, contribution.responsible_body.code) == (
        "R-000-10a.contributions",
        dt.date(2026, 12, 25),
        "knb",
    )
    assert materials.due_date == dt.date(2026, 12, 31)

    late = dt.datetime(2026, 12, 28, 10, tzinfo=NOW.tzinfo)  # after the 25th, before the 31st
    part = material_submit(
        actor=user_named("sec_knb"),
        item=scheduled_item,
        kind="contribution",
        upload=upload("вклад.pdf", pdf_of(1)),
        now=late,
    )
    contribution.refresh_from_db()
    materials.refresh_from_db()
    assert part.late and contribution.state == Deadline.State.MET_LATE
    assert materials.state == Deadline.State.OPEN  # the responsible body's own date is untouched


def test_the_responsible_body_sees_what_is_missing(client, sign_in, scheduled_item, user_named, time_machine):
    time_machine.move_to(NOW)
    url = reverse("secretariat:item_materials", args=[scheduled_item.pk])
    sign_in("sec_mvd")
    page = client.get(url).content.decode()
    assert "Что ожидается" in page
    missing = '<span class="badge badge--overdue">нет</span>'
    assert page.count(missing) == 3  # reference note, list of invited persons, the KNB's contribution
    assert "25.12.2026" in page and "31.12.2026" in page

    material_submit(
        actor=user_named("sec_knb"),
        item=scheduled_item,
        kind="contribution",
        upload=upload("вклад.pdf", pdf_of(1)),
        now=NOW,
    )
    page = client.get(url).content.decode()
    row = page[page.index("<td>материал соисполнителя</td>") :].split("</tr>")[0]
    assert "версия 1" in row and missing not in row
    assert page.count(missing) == 2

    sign_in("member_mvd")  # a member reads documents once they are sent and has no checklist
    assert client.get(url).status_code == 403


def test_the_apparatus_council_and_operational_meetings_use_their_own_periods(demo, user_named):
    """R-003-20: speakers to the apparatus 4 days before, to the Prosecutor General 2 days before;
    R-003-21: 5 and 3 calendar days."""
    from secretariat.services import meeting_schedule

    council = demo["republic"]
    presets = profile_ensure_presets()
    expected = {
        "apparatus-council": ("R-003-20", dt.date(2027, 1, 18), "R-003-20.chair", dt.date(2027, 1, 20)),
        "operational-meeting": ("R-003-21", dt.date(2027, 1, 15), "R-003-21.chair", dt.date(2027, 1, 19)),
    }
    for code, (materials_rule, materials_due, agenda_rule, agenda_due) in expected.items():
        council.profile = presets[code]
        council.save(update_fields=["profile"])
        meeting = meeting_schedule(actor=user_named("secretary"), council=council, date=dt.date(2027, 1, 22), now=NOW)
        from secretariat.models import AgendaItem
        from secretariat.services import _open_materials_deadline

        item = AgendaItem.objects.create(meeting=meeting, number=1, question_kk="с", question_ru="в")
        materials = _open_materials_deadline(item, actor=None, now=NOW)
        agenda = Deadline.objects.get(kind="agenda-dispatch", subject_id=meeting.pk)
        # 22 January 2027 is a Friday: 4 days before is Monday the 18th; 5 days before, Sunday the 17th,
        # moves back to Friday the 15th.
        assert (materials.rule_id, materials.due_date, agenda.rule_id, agenda.due_date) == (
            materials_rule,
            materials_due,
            agenda_rule,
            agenda_due,
        ), code


def test_the_dispatch_email_carries_the_questions_and_the_pack_link(
    scheduled_item, user_named, django_capture_on_commit_callbacks, settings
):
    """R-000-10e: members get the agenda with all documents, by e-mail as well."""
    settings.SITE_URL = "https://kc.example.kz"
    material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("с.pdf", pdf_of(1)),
        now=NOW,
    )
    item_report(actor=user_named("secretary"), item=scheduled_item, now=NOW)
    item_decide(actor=user_named("chair"), item=scheduled_item, accept=True, now=NOW)
    meeting = scheduled_item.meeting
    agenda_approve(actor=user_named("chair"), meeting=meeting, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agenda_dispatch(actor=user_named("secretary"), meeting=meeting, now=NOW)
    member = user_named("member_mvd")
    [message] = [m for m in mail.outbox if m.to == [member.email]]
    assert f"https://kc.example.kz/meetings/{meeting.pk}/pack/" in message.body
    assert "1. О преступности" in message.body or "1. Қылмыс туралы" in message.body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_meeting_lists_make_the_same_queries_for_2_and_12_meetings(client, sign_in, demo, user_named, time_machine):
    from secretariat.services import meeting_schedule

    time_machine.move_to(NOW)
    council = demo["republic"]
    secretary = user_named("secretary")

    def add(n):
        for i in range(n):
            meeting_schedule(actor=secretary, council=council, date=dt.date(2027, 2, 1) + dt.timedelta(days=i), now=NOW)
        Meeting.objects.filter(council=council).update(status=Meeting.Status.DISPATCHED)

    pages = [
        ("secretary", reverse("secretariat:meeting_list", args=[council.code])),
        ("member_mvd", reverse("secretariat:my_meetings")),
    ]
    add(2)
    small = {}
    for username, url in pages:
        sign_in(username)
        small[url] = _queries(client, url)
    add(10)
    for username, url in pages:
        sign_in(username)
        assert _queries(client, url) == small[url], url


def test_where_the_profile_says_so_late_materials_need_the_chairs_exception(
    client, sign_in, scheduled_item, user_named
):
    """R-000-10b: materials are due 20 days before; a profile may accept later ones only with the chair's
    leave instead of marking them late."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from council.deadline_services import council_profile, profile_new_version
    from secretariat.services import item_allow_late

    council = scheduled_item.meeting.council
    profile = council_profile(council)
    council.profile = profile_new_version(
        profile=profile, actor=None, settings_={**profile.settings, "late_materials": "chair_exception"}, now=NOW
    )
    council.save(update_fields=["profile"])
    late = dt.datetime(2027, 1, 5, 10, tzinfo=NOW.tzinfo)  # after 31 December 2026
    with pytest.raises(ValidationError, match="31.12.2026"):
        material_submit(
            actor=user_named("sec_mvd"),
            item=scheduled_item,
            kind="reference_note",
            upload=upload("с.pdf", pdf_of(1)),
            now=late,
        )
    with pytest.raises(PermissionDenied):
        item_allow_late(actor=user_named("secretary"), item=scheduled_item, reason="x", now=late)

    sign_in("chair")
    url = reverse("secretariat:item_allow_late", args=[scheduled_item.pk])
    client.post(url, {"reason": ""})
    scheduled_item.refresh_from_db()
    assert scheduled_item.late_allowed_at is None  # a reason is required
    client.post(url, {"reason": "Статистика за год готова 4 января"})
    scheduled_item.refresh_from_db()
    assert scheduled_item.late_allowed_by == user_named("chair")
    note = material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="reference_note",
        upload=upload("с.pdf", pdf_of(1)),
        now=late,
    )
    assert note.late  # still recorded as late, now with the chair's leave
