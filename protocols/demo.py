"""A lived-in demo of the republic council's cycle, made through the same services as the pages: an
approved plan, a meeting held three weeks ago with its protocol signed and sent and its decisions under
control, and the next meeting scheduled from the plan with its materials' deadlines open."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from council.deadline_services import current_calendar
from council.models import Body, Council, User
from council.selectors import council_roster
from plans import services as plans
from secretariat.meeting_day import attendance_record, meeting_hold
from secretariat.models import AgendaItem
from secretariat.services import agenda_approve, agenda_dispatch, meeting_schedule

from . import services

TZ = ZoneInfo(settings.TIME_ZONE)


def _at(day, hour=10):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


@transaction.atomic
def load_demo_cycle(*, today, password):
    """Idempotent: does nothing when the republic council has meetings already. Returns what it made."""

    republic = Council.objects.get(code="republic")
    if republic.meetings.exists():
        return {}
    calendar = current_calendar()
    people = {u.username: u for u in User.objects.filter(username__in=["secretary", "chair"])}
    secretary, chair = people["secretary"], people["chair"]
    bodies = {b.code: b for b in Body.objects.filter(code__in=["mvd", "knb", "gpo", "mju", "apk", "vap"])}

    # The plan of the coming half-year, approved.
    start = dt.date(today.year + (today.month > 6), 1 if today.month > 6 else 7, 1)
    plan_now = _at(today - dt.timedelta(days=40))
    plan = plans.plan_create(actor=secretary, council=republic, start=start, now=plan_now)
    next_day = calendar.next_working_day(start + dt.timedelta(days=45))
    questions = [
        ("Қылмыстың алдын алу жөніндегі шаралар туралы", "О мерах по профилактике преступности", "mvd", ["knb"]),
        ("Сыбайлас жемқорлыққа қарсы іс-қимыл туралы", "О противодействии коррупции", "apk", ["gpo", "mju"]),
    ]
    items = []
    for kk, ru, lead, co in questions:
        items.append(
            plans.plan_item_save(
                actor=secretary,
                plan=plan,
                now=plan_now,
                data={
                    "question_kk": kk,
                    "question_ru": ru,
                    "responsible_body": bodies[lead],
                    "planned_meeting": next_day,
                },
                co_executors=[bodies[c] for c in co],
            )
        )
    plans.plan_submit(actor=secretary, plan=plan, now=plan_now)
    plans.plan_decide(actor=chair, plan=plan, approve=True, now=plan_now)

    # A meeting held three weeks ago: attendance, decisions, votes, agreement, signature, dispatch.
    held_day = calendar.previous_working_day(today - dt.timedelta(days=21))
    scheduled_at = _at(held_day - dt.timedelta(days=35))
    meeting = meeting_schedule(
        actor=secretary,
        council=republic,
        date=held_day,
        time=dt.time(11),
        place_kk="Астана қ., Бас прокуратура, мәжіліс залы",
        place_ru="г. Астана, Генеральная прокуратура, зал заседаний",
        now=scheduled_at,
    )
    for number, (kk, ru, lead) in enumerate(
        [
            ("Жол жүрісі қауіпсіздігі туралы", "О безопасности дорожного движения", "mvd"),
            (
                "Кәмелетке толмағандар арасындағы құқық бұзушылықтардың алдын алу туралы",
                "О профилактике правонарушений среди несовершеннолетних",
                "gpo",
            ),
        ],
        start=1,
    ):
        AgendaItem.objects.create(
            meeting=meeting,
            number=number,
            question_kk=kk,
            question_ru=ru,
            responsible_body=bodies[lead],
            status=AgendaItem.Status.ACCEPTED,
        )
    # Its materials came in before this demo begins; the chair approved the agenda and it was sent in time.
    agenda_approve(actor=chair, meeting=meeting, now=_at(held_day - dt.timedelta(days=6)))
    agenda_dispatch(actor=secretary, meeting=meeting, now=_at(held_day - dt.timedelta(days=5)))
    day = _at(held_day, 15)
    roster = council_roster(council=republic, day=held_day)
    presence = {e.seat.pk: ("acting" if e.acting else "present") for e in roster if e.person}
    attendance_record(actor=secretary, meeting=meeting, presence=presence, now=day)
    meeting_hold(actor=secretary, meeting=meeting, now=day)
    protocol = meeting.protocols.get()
    texts = [
        (
            1,
            "Ішкі істер министрлігі жол-көлік оқиғаларының алдын алу шараларын күшейтсін.",
            "Министерству внутренних дел усилить меры по предупреждению дорожно-транспортных происшествий.",
            ["mvd", "gpo"],
        ),
        (
            1,
            "Жол жүрісі қауіпсіздігі жөніндегі ведомствоаралық жоспар әзірленсін.",
            "Разработать межведомственный план по безопасности дорожного движения.",
            ["mvd", "mju"],
        ),
        (
            2,
            "Кәмелетке толмағандардың құқықтарын қорғау мониторингі жүргізілсін.",
            "Провести мониторинг защиты прав несовершеннолетних.",
            ["gpo", "mvd"],
        ),
    ]
    heard = {
        1: ("Ішкі істер министрінің баяндамасы тыңдалды.", "Заслушан доклад Министра внутренних дел."),
        2: (
            "Бас прокурордың орынбасарының баяндамасы тыңдалды.",
            "Заслушан доклад заместителя Генерального прокурора.",
        ),
    }
    for item in protocol.items.order_by("number"):
        kk, ru = heard.get(item.number, heard[1])
        services.item_save(actor=secretary, item=item, heard_kk=kk, heard_ru=ru, now=day)
    for number, kk, ru, executors in texts:
        item = protocol.items.get(number=number)
        decision = services.decision_save(
            actor=secretary, item=item, text_kk=kk, text_ru=ru, executors=[bodies[c] for c in executors], now=day
        )
        voters = services.entitled_voters(meeting)
        services.votes_record(actor=secretary, decision=decision, choices={a.seat_id: "for" for a in voters}, now=day)
    agree_by = services.earliest_agree_by(protocol, held_day)
    services.protocol_send_for_agreement(actor=secretary, protocol=protocol, agree_by=agree_by, now=day)
    for e in roster[:3]:
        if e.person:
            services.protocol_answer(actor=e.person, protocol=protocol, agrees=True, now=day)
    after = _at(agree_by + dt.timedelta(days=1))
    services.protocol_present(actor=secretary, protocol=protocol, now=after)  # silence is consent (R-003-65)
    services.protocol_sign(actor=chair, protocol=protocol, password=password, now=after)
    services.protocol_dispatch(actor=secretary, protocol=protocol, now=after + dt.timedelta(hours=2))

    # The next meeting, scheduled from the plan.
    upcoming = meeting_schedule(
        actor=secretary,
        council=republic,
        date=next_day,
        time=dt.time(11),
        place_kk="Астана қ., Бас прокуратура",
        place_ru="г. Астана, Генеральная прокуратура",
        now=_at(today),
        plan_items=items,
    )
    protocol.refresh_from_db()
    meeting.refresh_from_db()
    return {"plan": plan, "held": meeting, "protocol": protocol, "upcoming": upcoming}
