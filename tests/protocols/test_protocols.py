"""The meeting day and its protocol: attendance, quorum, votes, drafting, agreement, signing, freezing,
dispatch and retention (R-000-9d, R-000-9g, R-000-11a, R-000-11b, R-000-11c, R-001-3e, R-003-23,
R-003-65)."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Body, Deadline, Notification, Seat
from council.selectors import council_roster
from protocols import services
from protocols.models import Protocol
from secretariat.meeting_day import attendance_record, meeting_hold, meeting_quorum
from secretariat.models import Attendance, Meeting
from tests.helpers import DAY, TZ, decide, everyone, roster, votes_for

pytestmark = pytest.mark.django_db


def test_the_acting_official_sits_for_the_minister_and_counts(dispatched_meeting):
    """R-000-9d: the acting official counts and votes in the holder's place."""
    [mju] = [e for e in roster(dispatched_meeting) if e.seat.position.body.code == "mju"]
    assert mju.acting and mju.person.username == "acting_mju"


def test_quorum_is_two_thirds_of_the_permanent_members_with_the_reason(dispatched_meeting, user_named):
    """R-000-9d."""
    secretary = user_named("secretary")
    seats = roster(dispatched_meeting)
    permanent = [e for e in seats if e.seat.kind == Seat.Kind.PERMANENT]
    needed = -(-2 * len(permanent) // 3)
    codes = [e.seat.position.body.code for e in permanent]
    # Exactly two thirds present: quorum.
    absent = codes[needed:]
    attendance_record(
        actor=secretary, meeting=dispatched_meeting, presence=everyone(dispatched_meeting, absent), now=DAY
    )
    result = meeting_quorum(dispatched_meeting)
    assert result.reached and (result.present, result.required) == (needed, needed)
    with translation.override("ru"):
        assert f"присутствуют {needed} из {len(permanent)}" in meeting_quorum(dispatched_meeting).reason
    # One fewer: no quorum, and the meeting cannot be held.
    absent = codes[needed - 1 :]
    attendance_record(
        actor=secretary, meeting=dispatched_meeting, presence=everyone(dispatched_meeting, absent), now=DAY
    )
    assert not meeting_quorum(dispatched_meeting).reached
    with pytest.raises(ValidationError, match="R-000-9d"):
        meeting_hold(actor=secretary, meeting=dispatched_meeting, now=DAY)


def test_attendance_is_refused_for_an_acting_official_who_is_not_appointed(dispatched_meeting, user_named):
    presence = everyone(dispatched_meeting)
    [mvd] = [e for e in roster(dispatched_meeting) if e.seat.position.body.code == "mvd"]
    presence[mvd.seat.pk] = Attendance.Presence.ACTING
    with pytest.raises(ValidationError, match="acting|исполняющ|міндет"):
        attendance_record(actor=user_named("secretary"), meeting=dispatched_meeting, presence=presence, now=DAY)
    assert not dispatched_meeting.attendance.exists()  # atomic: nothing half-recorded
    with pytest.raises(PermissionDenied):
        attendance_record(actor=user_named("member_mvd"), meeting=dispatched_meeting, presence=presence, now=DAY)


def test_a_meeting_is_not_held_before_its_day(dispatched_meeting, user_named):
    with pytest.raises(ValidationError):
        meeting_hold(actor=user_named("secretary"), meeting=dispatched_meeting, now=DAY - dt.timedelta(days=1))


def test_holding_opens_the_draft_and_the_protocol_deadline(held):
    """R-000-11a: 5 working days after the meeting of Tuesday 1 December 2026; 16-17 December are
    Independence Day, far enough not to matter: Tuesday 8 December."""
    assert held.status == Meeting.Status.HELD and held.quorum_reached
    protocol = held.protocols.get()
    assert [i.question_ru for i in protocol.items.all()] == ["О профилактике преступности", "О работе органов юстиции"]
    deadline = Deadline.objects.get(kind="protocol", subject_id=protocol.pk)
    assert (deadline.rule_id, deadline.due_date) == ("R-000-11a", dt.date(2026, 12, 8))
    assert held.presiding.role == Seat.Role.CHAIR


def test_a_decision_without_a_deadline_is_due_in_a_month(held, user_named):
    """R-003-23: one month from the meeting date; executors in order, the first organises (R-000-11e)."""
    protocol = held.protocols.get()
    decision = decide(protocol, user_named)
    # 1 January 2027 is New Year's Day; the holiday of Saturday 2 January moves to Monday the 4th.
    assert decision.due_date == dt.date(2027, 1, 5)
    assert [b.code for b in decision.ordered_executors()] == ["mvd", "gpo"]
    with pytest.raises(ValidationError):
        decide(protocol, user_named, text="", kk="")


def test_votes_simple_majority_and_the_presiding_vote_on_a_tie(held, user_named):
    """R-000-9g; only those present vote."""
    protocol = held.protocols.get()
    decision = decide(protocol, user_named)
    voters = services.entitled_voters(held)
    chair_seat = held.presiding_id
    # Split evenly: the chair's side wins.
    others = [a for a in voters if a.seat_id != chair_seat]
    half = len(voters) // 2
    choices = {chair_seat: "against"}
    for n, a in enumerate(others):
        choices[a.seat_id] = "for" if n < half else "against"
    if len(voters) % 2:  # an odd number present: one abstains so the others split evenly
        choices[others[-1].seat_id] = "abstain"
    result = services.votes_record(actor=user_named("secretary"), decision=decision, choices=choices, now=DAY)
    assert result.tie and result.casting_vote and not result.adopted
    decision.refresh_from_db()
    assert (decision.adopted, decision.casting_vote) == (False, True)
    with pytest.raises(ValidationError):  # every member present votes
        services.votes_record(actor=user_named("secretary"), decision=decision, choices={chair_seat: "for"}, now=DAY)


def test_agreement_remarks_versions_and_silence_as_consent(voted, user_named):
    """R-000-11b: the draft decision is agreed with the members; remarks are worked in as a new version;
    R-003-65: no answer by the date counts as agreement (the profile gives 2 working days)."""
    secretary = user_named("secretary")
    with pytest.raises(ValidationError, match="03.12.2026"):
        services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 2), now=DAY)
    services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 3), now=DAY)
    assert Notification.objects.filter(key=f"protocol:{voted.pk}:agree:1").count() == 7
    with pytest.raises(PermissionDenied):
        services.protocol_answer(actor=user_named("sec_mvd"), protocol=voted, agrees=True, now=DAY)
    services.protocol_answer(
        actor=user_named("member_knb"), protocol=voted, agrees=False, remarks="Добавить срок отчёта", now=DAY
    )
    services.protocol_answer(actor=user_named("member_mvd"), protocol=voted, agrees=True, now=DAY)
    with pytest.raises(ValidationError, match="Әбенов|Абенов|remarks|замечания|ескертпе"):
        services.protocol_present(actor=secretary, protocol=voted, now=DAY)

    services.protocol_rework(actor=secretary, protocol=voted, now=DAY)
    voted.refresh_from_db()
    assert (voted.status, voted.version) == (Protocol.Status.DRAFT, 2)
    decide(voted, user_named, text="Принять к сведению; отчитаться к 1 марта", kk="Назарға алынсын; 1 наурызға дейін")
    # The new decision needs its vote before the draft goes out again.
    with pytest.raises(ValidationError):
        services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 4), now=DAY)
    for d in voted.items.get(number=1).decisions.filter(adopted__isnull=True):
        services.votes_record(actor=secretary, decision=d, choices=votes_for(voted, {}), now=DAY)
    services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 4), now=DAY)
    assert list(voted.versions.values_list("version", flat=True)) == [1, 2]

    with pytest.raises(ValidationError, match="04.12.2026"):  # waiting for the answers
        services.protocol_present(actor=secretary, protocol=voted, now=DAY)
    after = dt.datetime(2026, 12, 5, 10, tzinfo=TZ)
    states = {p.username: s for p, s, _a in services.agreement_state(voted, after.date())}
    assert set(states.values()) == {"silence"}  # version 2: nobody answered, the date passed
    services.protocol_present(actor=secretary, protocol=voted, now=after)
    voted.refresh_from_db()
    assert voted.status == Protocol.Status.FOR_SIGNATURE
    # R-000-11a: drawn up and presented by Tuesday 8 December; presented on the 5th: met.
    assert Deadline.objects.get(kind="protocol", subject_id=voted.pk).state == Deadline.State.MET


def test_signing_needs_the_signers_password_and_freezes_the_protocol(presented, user_named):
    """R-000-11a: the chair signs; the signature freezes the number, the PDFs and their SHA-256;
    R-000-11c: dispatch is due within 2 working days."""
    chair = user_named("chair")
    signed_at = dt.datetime(2026, 12, 7, 11, tzinfo=TZ)
    with pytest.raises(PermissionDenied):
        services.protocol_sign(
            actor=user_named("secretary"), protocol=presented, password="demo-pass-123", now=signed_at
        )
    with pytest.raises(ValidationError, match="password|пароль|құпия"):
        services.protocol_sign(actor=chair, protocol=presented, password="wrong", now=signed_at)
    assert not presented.signatures.exists()
    services.protocol_sign(
        actor=chair, protocol=presented, password="demo-pass-123", now=signed_at, ip_address="10.0.0.7"
    )
    presented.refresh_from_db()
    assert presented.status == Protocol.Status.SIGNED and presented.registration == "1/2026"
    signature = presented.signatures.get()
    assert (signature.person, signature.ip_address, signature.capacity) == (chair, "10.0.0.7", "chair")
    for lang in ("kk", "ru"):
        data = getattr(presented, f"pdf_{lang}").read()
        assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == getattr(presented, f"sha256_{lang}")
    with pytest.raises(ValidationError):  # no further edits
        decide(presented, user_named, text="Ещё одно")
    dispatch = Deadline.objects.get(kind="protocol-dispatch", subject_id=presented.pk)
    assert (dispatch.rule_id, dispatch.due_date) == ("R-000-11c", dt.date(2026, 12, 9))
    assert presented.keep_until is None  # the coordination council's regulation sets no keeping period


def test_dispatch_to_the_members_with_receipts(signed, user_named, client, sign_in, time_machine):
    """R-000-11c."""
    services.protocol_dispatch(
        actor=user_named("secretary"), protocol=signed, now=dt.datetime(2026, 12, 8, 9, tzinfo=TZ)
    )
    assert signed.receipts.filter(person__isnull=False).count() == 7
    assert Deadline.objects.get(kind="protocol-dispatch", subject_id=signed.pk).state == Deadline.State.MET
    time_machine.move_to(dt.datetime(2026, 12, 8, 12, tzinfo=TZ))
    sign_in("member_knb")
    response = client.get(reverse("protocols:protocol_pdf", args=[signed.pk, "kk"]))
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == signed.sha256_kk  # the stored, signed bytes
    receipt = signed.receipts.get(person__username="member_knb")
    assert receipt.opened_at is not None


def test_a_correction_is_a_new_linked_draft(signed, user_named):
    correction = services.protocol_correct(actor=user_named("secretary"), protocol=signed, now=DAY)
    assert correction.corrects == signed and correction.status == Protocol.Status.DRAFT
    assert correction.items.get(number=1).decisions.count() == 1
    with pytest.raises(ValidationError):
        services.protocol_correct(actor=user_named("secretary"), protocol=signed, now=DAY)


KAZAKH = "Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і"


def test_the_kazakh_pdf_carries_every_kazakh_letter(held, user_named):
    """Fonts embedded; a text extraction gives back every Kazakh letter."""
    from pypdf import PdfReader

    from council.pdf import render_pdf

    protocol = held.protocols.get()
    decide(protocol, user_named, kk=f"Шешім: {KAZAKH}")
    pdf = render_pdf("pdf/protocol.html", services.protocol_context(protocol), lang="kk")
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert KAZAKH in " ".join(text.split())
    assert "ХАТТАМА" in text and "Қылмыстың алдын алу туралы" in text
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].get_object().values()]
    assert fonts
    for font in fonts:  # every font is embedded
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    ru = render_pdf("pdf/protocol.html", services.protocol_context(protocol), lang="ru")
    assert "ПРОТОКОЛ" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(ru)).pages)


def test_the_monitoring_group_signs_by_presiding_and_secretary_and_keeps_3_years(demo, user_named):
    """R-001-3e: signed by the presiding person and the secretary; copies to the members, the police units
    concerned and the Bar Presidium; kept 3 years. R-001-3d: more than half of each side."""
    from secretariat.models import AgendaItem
    from secretariat.services import meeting_schedule

    group = demo["group"]
    secretary = user_named("group_secretary")
    meeting = meeting_schedule(
        actor=secretary, council=group, date=dt.date(2026, 12, 1), now=DAY - dt.timedelta(days=8)
    )
    AgendaItem.objects.create(meeting=meeting, number=1, question_kk="Мониторинг", question_ru="Мониторинг")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DISPATCHED)
    seats = council_roster(council=group, day=meeting.date)
    bar = [e for e in seats if e.seat.side == "bar"]
    presence = {e.seat.pk: "present" for e in seats}
    for e in bar[: (len(bar) + 1) // 2]:  # half or more of the bar side away: no quorum
        presence[e.seat.pk] = "absent"
    attendance_record(actor=secretary, meeting=meeting, presence=presence, now=DAY)
    with pytest.raises(ValidationError, match="R-001-3d"):
        meeting_hold(actor=secretary, meeting=meeting, now=DAY)
    attendance_record(actor=secretary, meeting=meeting, presence={e.seat.pk: "present" for e in seats}, now=DAY)
    meeting_hold(actor=secretary, meeting=meeting, now=DAY)
    meeting.refresh_from_db()
    protocol = meeting.protocols.get()
    assert Deadline.objects.get(kind="protocol", subject_id=protocol.pk).rule_id == "R-001-3e"
    services.item_save(actor=secretary, item=protocol.items.get(), heard_kk="Баяндама", heard_ru="Доклад", now=DAY)
    services.decision_save(
        actor=secretary,
        item=protocol.items.get(),
        text_kk="Назарға алынсын",
        text_ru="Принять к сведению",
        executors=[Body.objects.get(code=seats[0].seat.position.body.code)],
        due_date=dt.date(2027, 2, 1),
        now=DAY,
    )
    decision = protocol.items.get().decisions.get()
    services.votes_record(
        actor=secretary,
        decision=decision,
        choices={a.seat_id: "for" for a in services.entitled_voters(meeting)},
        now=DAY,
    )
    services.protocol_send_for_agreement(actor=secretary, protocol=protocol, agree_by=dt.date(2026, 12, 3), now=DAY)
    later = dt.datetime(2026, 12, 4, 10, tzinfo=TZ)
    services.protocol_present(actor=secretary, protocol=protocol, now=later)  # silence is consent
    presiding = meeting.attendance.get(seat_id=meeting.presiding_id).person
    services.protocol_sign(actor=presiding, protocol=protocol, password="demo-pass-123", now=later)
    protocol.refresh_from_db()
    assert protocol.status == Protocol.Status.FOR_SIGNATURE  # the secretary has not signed yet
    services.protocol_sign(actor=secretary, protocol=protocol, password="demo-pass-123", now=later)
    protocol.refresh_from_db()
    assert protocol.status == Protocol.Status.SIGNED and protocol.keep_until == dt.date(2029, 12, 4)
    assert Deadline.objects.get(kind="protocol", subject_id=protocol.pk).state == Deadline.State.MET
    assert Deadline.objects.get(kind="protocol-dispatch", subject_id=protocol.pk).rule_id == "R-001-3e.copies"
    with pytest.raises(ValidationError):  # copies to the police units and the Bar Presidium are required
        services.protocol_dispatch(actor=secretary, protocol=protocol, now=later)
    bodies = list(Body.objects.filter(code__in={e.seat.position.body.code for e in seats}))
    services.protocol_dispatch(actor=secretary, protocol=protocol, bodies=bodies, now=later)
    assert protocol.receipts.filter(body__isnull=False).count() == len(bodies)
    # R-001-3f: received on Friday 4 December 2026, the executors report within 5 working days of receiving
    # it: 7 to 11 December (the weekend of 5 and 6 December is not counted).
    from protocols.models import Assignment

    assignment = Assignment.objects.get(decision=decision, responsible=True)
    report = Deadline.objects.get(kind="execution-report", subject_id=assignment.pk)
    assert (report.rule_id, report.anchor_date, report.due_date) == (
        "R-001-3f",
        dt.date(2026, 12, 4),
        dt.date(2026, 12, 11),
    )
    assert report.responsible_body == assignment.body
