"""A small example of information-analytical work (seed 004) for the demo site: the Prosecutor General's
Office analytics with an analyst of category 6 (Appendix 2), the demo secretary, the chair as the
Prosecutor General, an auditor of the access log, and a state body's request accepted and reported with
its result as sensitive material (personal data masked when shown). Safe to run again."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from council.appendix2 import ensure_position_categories
from council.models import (
    AccessAuditor,
    Appointment,
    Body,
    Council,
    CouncilOfficer,
    Position,
    PositionCategory,
    Seat,
    SensitiveMaterial,
    User,
)

from . import analytics
from .models import UnplannedWork

CODE = "gpo-analytics"
START = dt.date(2024, 1, 1)
PEOPLE = {
    "analyst": ("Ерлан Болатович Жумабаев", "Ерлан Болатұлы Жұмабаев"),
    "auditor": ("Дана Сериковна Ахметова", "Дана Серікқызы Ахметова"),
}


@transaction.atomic
def load_demo_analytics(*, now, password=None):

    ensure_position_categories()
    hashed = make_password(password or settings.DEMO_PASSWORD)
    office, _ = Council.objects.get_or_create(
        code=CODE,
        defaults={
            "kind": Council.Kind.ANALYTICAL,
            "name_ru": "Информационно-аналитическая работа Генеральной прокуратуры",
            "name_kk": "Бас прокуратураның ақпараттық-талдау жұмысы",
        },
    )
    gpo = Body.objects.get(code="gpo")
    people = {}
    for username, (ru, kk) in PEOPLE.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name_ru": ru, "full_name_kk": kk, "preferred_language": "kk"}
        )
        if created:
            user.password = hashed
            user.save(update_fields=["password"])
        people[username] = user
    position, _ = Position.objects.get_or_create(
        body=gpo,
        title_ru="Начальник управления аналитики",
        defaults={"title_kk": "Талдау басқармасының бастығы", "category": PositionCategory.objects.get(number=4)},
    )
    Seat.objects.get_or_create(council=office, position=position, defaults={"valid_from": START})
    Appointment.objects.get_or_create(position=position, person=people["analyst"], defaults={"start": START})
    chair_position = Seat.objects.filter(council__code="republic", role=Seat.Role.CHAIR).first()
    if chair_position:
        Seat.objects.get_or_create(
            council=office, position=chair_position.position, defaults={"valid_from": START, "role": Seat.Role.CHAIR}
        )
    secretary = User.objects.get(username="secretary")
    if not CouncilOfficer.objects.filter(council=office, role="secretary").exists():
        CouncilOfficer.objects.create(council=office, person=secretary, role="secretary", start=START)
    AccessAuditor.objects.get_or_create(council=office, person=people["auditor"], defaults={"start": START})
    if UnplannedWork.objects.filter(council=office).exists():
        return office
    analyst, day = people["analyst"], now.date()
    work = analytics.unplanned_record(
        actor=analyst,
        council=office,
        basis=UnplannedWork.Basis.REQUEST,
        number="12-3/456",
        date=day - dt.timedelta(days=3),
        author="Министр внутренних дел",
        requesting_body=Body.objects.get(code="mvd"),
        agreed_by="Заместитель Генерального Прокурора",
        received_on=day - dt.timedelta(days=2),
        text_kk="Тұрмыстық зорлық-зомбылық туралы статистиканы талдау туралы негізделген сұрау",
        text_ru="Обоснованный запрос об анализе статистики бытового насилия",
        executor=analyst,
        now=now,
    )
    analytics.unplanned_accept(actor=analyst, work=work, now=now)
    analytics.unplanned_confirm(actor=secretary, work=work, now=now)  # against the request itself (R-004-11)
    if not SensitiveMaterial.objects.filter(council=office).exists():
        analytics.unplanned_result_attach(
            actor=analyst,
            work=work,
            title_kk="Тұрмыстық зорлық-зомбылық статистикасын талдау",
            title_ru="Анализ статистики бытового насилия",
            text_kk="Барлығы 1 520 іс тіркелді. Мысал: Серикбаев А.Б., ЖСН 850101300123, туған күні: 01.01.1985.",
            text_ru="Зарегистрировано 1 520 дел. Пример: Серикбаев А.Б., ИИН 850101300123, дата рождения 01.01.1985.",
            now=now,
        )
    return office
