"""A territorial police body's reports to the public (seed 002) for the tests: the council of kind
``public_report`` with the police chief's seat (the chair, R-002-15) and its secretary, a police employee
(R-002-12)."""

import datetime as dt

from council.deadline_services import profile_ensure_presets
from council.models import Appointment, Body, Council, CouncilOfficer, Position, Seat, User

CODE = "almaty-police-reports"


def police_body():
    """The council, its chief and its secretary (created once)."""
    council = Council.objects.filter(code=CODE).first()
    if council is None:
        body, _created = Body.objects.get_or_create(
            code="almaty-dp",
            defaults={
                "name_ru": "Департамент полиции города Алматы",
                "name_kk": "Алматы қаласының полиция департаменті",
            },
        )
        council = Council.objects.create(
            code=CODE,
            kind=Council.Kind.PUBLIC_REPORT,
            name_ru="Отчёт начальника ДП г. Алматы перед населением",
            name_kk="Алматы қ. ПД бастығының халық алдындағы есебі",
            profile=profile_ensure_presets()["public-report"],
        )
        head = Position.objects.create(
            body=body, title_ru="Начальник ДП г. Алматы", title_kk="Алматы қ. ПД бастығы", is_head=True
        )
        Seat.objects.create(
            council=council, position=head, role=Seat.Role.CHAIR, order=1, valid_from=dt.date(2020, 1, 1)
        )
        chief = User.objects.create_user("police_chief", password="demo-pass-123", full_name_ru="Начальник ДП")
        Appointment.objects.create(position=head, person=chief, kind=Appointment.Kind.HOLDER, start=dt.date(2020, 1, 1))
        secretary = User.objects.create_user("police_secretary", password="demo-pass-123", full_name_ru="Секретарь ДП")
        CouncilOfficer.objects.create(
            council=council, person=secretary, role=CouncilOfficer.Role.SECRETARY, start=dt.date(2020, 1, 1)
        )
        Body.objects.get_or_create(
            code="almaty-akimat", defaults={"name_ru": "Акимат города Алматы", "name_kk": "Алматы қаласының әкімдігі"}
        )
    return council, User.objects.get(username="police_chief"), User.objects.get(username="police_secretary")


def schedule_report(*, date=dt.date(2027, 2, 18), now, year=2026, approved_on=None):
    """An approved schedule for ``year`` and one report of it on ``date``."""
    from secretariat.models import ReportSchedule
    from secretariat.services.police import police_report_schedule, schedule_approve

    council, _chief, secretary = police_body()
    schedule = ReportSchedule.objects.filter(council=council, year=year).first() or schedule_approve(
        actor=secretary, council=council, year=year, approved_on=approved_on or now.date(), approval_number="12-ш",
        now=now,
    )  # fmt: skip
    return police_report_schedule(
        actor=secretary,
        schedule=schedule,
        date=date,
        time=dt.time(15, 0),
        place_kk="Абай даңғылы, 10, акт залы",
        place_ru="проспект Абая, 10, актовый зал",
        akimat_kk="Алматы қаласының әкімдігі",
        akimat_ru="Акимат города Алматы",
        questions_how_kk="police@almaty.kz поштасына немесе 102 телефонына",
        questions_how_ru="на адрес police@almaty.kz или по телефону 102",
        invitee_groups=["maslikhat", "public", "media"],
        now=now,
    )


def held_report(*, date=dt.date(2027, 2, 18), now):
    """A report scheduled, held on ``date`` with its draft protocol, and two citizens' questions."""
    from secretariat.meeting_day import attendance_record, meeting_hold
    from secretariat.services.police import question_add
    from tests.helpers import at

    report = schedule_report(date=date, now=now, year=date.year - 1)
    _council, _chief, secretary = police_body()
    day = at(date, 16)
    meeting = report.meeting
    seats = {s.pk: "present" for s in meeting.council.seats.all()}
    attendance_record(actor=secretary, meeting=meeting, presence=seats, now=day)
    meeting_hold(actor=secretary, meeting=meeting, now=day)
    for author, text in (
        ("Серикова А.", "Нет уличного освещения во дворе"),
        ("Ким В.", "Ремонт дороги по ул. Садовой"),
    ):
        question_add(
            actor=secretary, report=report, kind="complaint", received="at", author=author, text=text, now=day,
            contact="+7 701 111 22 33", consent_to_contact=True,
        )  # fmt: skip
    return report


def complete_protocol(protocol, *, now):
    """What was heard and what was decided on the report's question: without them no protocol is presented
    or signed (R-000-11a, R-002-14)."""
    from protocols.services import decision_save, item_save

    _council, _chief, secretary = police_body()
    for item in protocol.items.order_by("number"):
        item_save(
            actor=secretary,
            item=item,
            heard_kk="Полиция бастығының халық алдындағы есебі тыңдалды",
            heard_ru="Заслушан отчёт начальника полиции перед населением",
            now=now,
        )
        decision_save(
            actor=secretary,
            item=item,
            text_kk="Азаматтардың ескертулері бойынша шаралар қабылдансын",
            text_ru="Принять меры по замечаниям граждан",
            executors=[Body.objects.get(code="almaty-dp")],
            now=now,
        )
