"""An information-analytical office (seed 004) for the tests of unplanned work, sensitive material and the
access log: an analyst holding a position of category 6 of Appendix 2 (a deputy oblast prosecutor), an
acting official in a category-9 position, a member with no category, the chair (the Prosecutor General's
deputy), the demo secretary and an auditor of the access log."""

import datetime as dt

from council.appendix2 import ensure_position_categories
from council.models import AccessAuditor, Body, Council, CouncilOfficer, PositionCategory, Seat
from tests.factories import AppointmentFactory, BodyFactory, PositionFactory, UserFactory

START = dt.date(2024, 1, 1)


def _seat(office, person, *, category=None, role=Seat.Role.MEMBER, kind="holder", body=None, order=0):
    position = PositionFactory(
        body=body or BodyFactory(), category=PositionCategory.objects.get(number=category) if category else None
    )
    Seat.objects.create(council=office, position=position, role=role, valid_from=START, order=order)
    AppointmentFactory(position=position, person=person, kind=kind, start=START)
    return position


def build(demo, user_named, language="ru"):
    ensure_position_categories()  # a transactional test before this one may have flushed them
    office = Council.objects.create(
        code="gpo-analytics",
        kind=Council.Kind.ANALYTICAL,
        name_ru="Информационно-аналитическая работа ГП",
        name_kk="БП ақпараттық-талдау жұмысы",
    )
    secretary = user_named("secretary")
    CouncilOfficer.objects.create(council=office, person=secretary, role="secretary", start=START)
    gpo = BodyFactory(code="gpo", name_ru="Генеральная прокуратура", name_kk="Бас прокуратура")
    people = {
        "analyst": UserFactory(
            username="analyst", full_name_ru="Аналитик", full_name_kk="Талдаушы", preferred_language=language
        ),
        "acting_analyst": UserFactory(username="acting_analyst", preferred_language=language),
        "plain": UserFactory(username="plain", full_name_ru="Без категории", preferred_language=language),
        "deputy_pg": UserFactory(username="deputy_pg", full_name_ru="Заместитель ГП", preferred_language=language),
        "auditor": UserFactory(username="auditor", full_name_ru="Аудитор", preferred_language=language),
    }
    _seat(office, people["deputy_pg"], role=Seat.Role.CHAIR, body=gpo, order=1)
    _seat(office, people["analyst"], category=6, order=2)
    _seat(office, people["acting_analyst"], category=9, kind="acting", order=3)
    _seat(office, people["plain"], order=4)
    AccessAuditor.objects.create(council=office, person=people["auditor"], start=START, basis="№ 1 от 01.01.2024")
    return {"office": office, "secretary": secretary, "mvd": Body.objects.get(code="mvd"), **people}
