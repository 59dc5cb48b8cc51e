"""Demo data: the Coordination Council of the Republic of Kazakhstan with its composition under
seed 000 (R-000-6, R-000-7, R-000-8) and one oblast council under it (R-000-14).

The bodies, positions and council names are the official ones in Kazakh and Russian; the people are
fictional. Loading twice changes nothing: every row is looked up by a stable key.
"""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from .deadline_services import profile_ensure_presets
from .models import Appointment, Body, Council, CouncilOfficer, Position, Seat, User
from .profiles import KIND_PRESET

COUNCIL_FROM = datetime.date(2011, 5, 2)  # Decree No. 68 of 2 May 2011
PEOPLE_FROM = datetime.date(2024, 1, 1)

# code, name_ru, name_kk, short_ru, short_kk
BODIES = [
    (
        "gpo",
        "Генеральная прокуратура Республики Казахстан",
        "Қазақстан Республикасының Бас прокуратурасы",
        "Генеральная прокуратура",
        "Бас прокуратура",
    ),
    (
        "knb",
        "Комитет национальной безопасности Республики Казахстан",
        "Қазақстан Республикасының Ұлттық қауіпсіздік комитеті",
        "КНБ",
        "ҰҚК",
    ),
    (
        "vap",
        "Высшая аудиторская палата Республики Казахстан",
        "Қазақстан Республикасының Жоғары аудиторлық палатасы",
        "Высшая аудиторская палата",
        "Жоғары аудиторлық палата",
    ),
    (
        "apk",
        "Агентство Республики Казахстан по противодействию коррупции (Антикоррупционная служба)",
        "Қазақстан Республикасының Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі (Сыбайлас жемқорлыққа қарсы қызмет)",
        "Антикоррупционная служба",
        "Сыбайлас жемқорлыққа қарсы қызмет",
    ),
    (
        "mvd",
        "Министерство внутренних дел Республики Казахстан",
        "Қазақстан Республикасының Ішкі істер министрлігі",
        "МВД",
        "ІІМ",
    ),
    (
        "mju",
        "Министерство юстиции Республики Казахстан",
        "Қазақстан Республикасының Әділет министрлігі",
        "Минюст",
        "Әділет министрлігі",
    ),
    (
        "afm",
        "Агентство Республики Казахстан по финансовому мониторингу",
        "Қазақстан Республикасының Қаржылық мониторинг агенттігі",
        "АФМ",
        "ҚМА",
    ),
    # Almaty oblast
    (
        "almaty-obl-prok",
        "Прокуратура Алматинской области",
        "Алматы облысының прокуратурасы",
        "Прокуратура области",
        "Облыс прокуратурасы",
    ),
    (
        "almaty-obl-dp",
        "Департамент полиции Алматинской области",
        "Алматы облысының Полиция департаменті",
        "ДП области",
        "Облыс ПД",
    ),
    (
        "almaty-obl-dknb",
        "Департамент Комитета национальной безопасности по Алматинской области",
        "Ұлттық қауіпсіздік комитетінің Алматы облысы бойынша департаменті",
        "ДКНБ области",
        "Облыс бойынша ҰҚК Д",
    ),
    (
        "almaty-obl-dju",
        "Департамент юстиции Алматинской области",
        "Алматы облысының Әділет департаменті",
        "ДЮ области",
        "Облыс ӘД",
    ),
    (
        "almaty-city-dp",
        "Департамент полиции города Алматы",
        "Алматы қаласының Полиция департаменті",
        "ДП г. Алматы",
        "Алматы қ. ПД",
    ),
    (
        "almaty-city-bar",
        "Алматинская городская коллегия адвокатов",
        "Алматы қалалық адвокаттар алқасы",
        "Коллегия адвокатов г. Алматы",
        "Алматы қ. адвокаттар алқасы",
    ),
    (
        "almaty-obl-apk",
        "Департамент Агентства по противодействию коррупции по Алматинской области",
        "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Алматы облысы бойынша департаменті",
        "ДАПК области",
        "Облыс бойынша СЖҚІА Д",
    ),
]

# body code, title_ru, title_kk
HEADS = {
    "gpo": ("Генеральный прокурор Республики Казахстан", "Қазақстан Республикасының Бас Прокуроры"),
    "knb": (
        "Председатель Комитета национальной безопасности Республики Казахстан",
        "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Төрағасы",
    ),
    "vap": ("Председатель Высшей аудиторской палаты", "Жоғары аудиторлық палатасының Төрағасы"),
    "apk": (
        "Председатель Агентства Республики Казахстан по противодействию коррупции (Антикоррупционной службы)",
        "Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің (Сыбайлас жемқорлыққа қарсы "
        "қызметтің) төрағасы",
    ),
    "mvd": ("Министр внутренних дел Республики Казахстан", "Қазақстан Республикасының Ішкі істер министрі"),
    "mju": ("Министр юстиции Республики Казахстан", "Қазақстан Республикасының Әділет министрі"),
    "afm": (
        "Председатель Агентства Республики Казахстан по финансовому мониторингу",
        "Қазақстан Республикасы Қаржылық мониторинг агенттігінің төрағасы",
    ),
    "almaty-obl-prok": ("Прокурор Алматинской области", "Алматы облысының прокуроры"),
    "almaty-obl-dp": (
        "Начальник Департамента полиции Алматинской области",
        "Алматы облысы Полиция департаментінің бастығы",
    ),
    "almaty-obl-dknb": (
        "Начальник Департамента КНБ по Алматинской области",
        "ҰҚК-нің Алматы облысы бойынша департаментінің бастығы",
    ),
    "almaty-obl-dju": (
        "Руководитель Департамента юстиции Алматинской области",
        "Алматы облысы Әділет департаментінің басшысы",
    ),
    "almaty-obl-apk": (
        "Руководитель Департамента Агентства по противодействию коррупции по Алматинской области",
        "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Алматы облысы бойынша департаментінің басшысы",
    ),
}
# The interagency monitoring group (seed 001): police side and bar side (R-001-3a).
GROUP_POSITIONS = [
    # body, title_ru, title_kk, role, side, holder
    (
        "almaty-city-dp",
        "Заместитель начальника Департамента полиции города Алматы",
        "Алматы қаласы Полиция департаменті бастығының орынбасары",
        Seat.Role.CHAIR,
        Seat.Side.POLICE,
        "group_chair",
    ),
    (
        "almaty-city-bar",
        "Заместитель председателя Алматинской городской коллегии адвокатов",
        "Алматы қалалық адвокаттар алқасы төрағасының орынбасары",
        Seat.Role.DEPUTY_CHAIR,
        Seat.Side.BAR,
        "group_deputy",
    ),
    (
        "almaty-city-dp",
        "Начальник Следственного управления ДП г. Алматы",
        "Алматы қ. ПД Тергеу басқармасының бастығы",
        Seat.Role.MEMBER,
        Seat.Side.POLICE,
        "group_police_1",
    ),
    (
        "almaty-city-dp",
        "Начальник Управления дознания ДП г. Алматы",
        "Алматы қ. ПД Анықтау басқармасының бастығы",
        Seat.Role.MEMBER,
        Seat.Side.POLICE,
        "group_police_2",
    ),
    (
        "almaty-city-bar",
        "Член Президиума Алматинской городской коллегии адвокатов",
        "Алматы қалалық адвокаттар алқасы Төралқасының мүшесі",
        Seat.Role.MEMBER,
        Seat.Side.BAR,
        "group_bar_1",
    ),
    (
        "almaty-city-bar",
        "Адвокат Алматинской городской коллегии адвокатов",
        "Алматы қалалық адвокаттар алқасының адвокаты",
        Seat.Role.MEMBER,
        Seat.Side.BAR,
        "group_bar_2",
    ),
]
GROUP = {
    "code": "almaty-monitoring-group",
    "kind": Council.Kind.MONITORING_GROUP,
    "name_ru": "Межведомственная мониторинговая группа Департамента полиции города Алматы и Алматинской "
    "городской коллегии адвокатов",
    "name_kk": "Алматы қаласы Полиция департаменті мен Алматы қалалық адвокаттар алқасының ведомствоаралық "
    "мониторинг тобы",
    "short_name_ru": "Мониторинговая группа г. Алматы",
    "short_name_kk": "Алматы қ. мониторинг тобы",
    "region_ru": "город Алматы",
    "region_kk": "Алматы қаласы",
}

DEPUTY_MJU = ("Вице-министр юстиции Республики Казахстан", "Қазақстан Республикасының Әділет вице-министрі")

REPUBLIC = {
    "code": "republic",
    "kind": Council.Kind.REPUBLIC,
    "name_ru": "Координационный совет Республики Казахстан по обеспечению законности, правопорядка и борьбы "
    "с преступностью",
    "name_kk": "Қазақстан Республикасының Заңдылықты, құқықтық тәртіпті және қылмысқа қарсы күресті қамтамасыз "
    "ету жөніндегі үйлестіру кеңесі",
    "short_name_ru": "Координационный совет",
    "short_name_kk": "Үйлестіру кеңесі",
}
OBLAST = {
    "code": "almaty-oblast",
    "kind": Council.Kind.TERRITORIAL,
    "name_ru": "Координационный совет Алматинской области по обеспечению законности, правопорядка и борьбы "
    "с преступностью",
    "name_kk": "Алматы облысының заңдылықты, құқықтық тәртіпті және қылмысқа қарсы күресті қамтамасыз ету "
    "жөніндегі үйлестіру кеңесі",
    "short_name_ru": "Координационный совет Алматинской области",
    "short_name_kk": "Алматы облысының үйлестіру кеңесі",
    "region_ru": "Алматинская область",
    "region_kk": "Алматы облысы",
}

# username, full_name_ru, full_name_kk, language
PEOPLE = {
    "chair": ("Серик Нурланович Абенов", "Серік Нұрланұлы Әбенов", "kk"),
    "member_knb": ("Ержан Маратович Сагинтаев", "Ержан Маратұлы Сағынтаев", "ru"),
    "member_vap": ("Алия Ермековна Жумабаева", "Әлия Ермекқызы Жұмабаева", "ru"),
    "member_apk": ("Асхат Болатович Омаров", "Асхат Болатұлы Омаров", "kk"),
    "member_mvd": ("Марат Кайратович Исаев", "Марат Қайратұлы Исаев", "ru"),
    "member_mju": ("Динара Сериковна Ахметова", "Динара Серікқызы Ахметова", "ru"),
    "member_afm": ("Нуржан Асанович Бекетов", "Нұржан Асанұлы Бекетов", "ru"),
    "acting_mju": ("Гульнар Талгатовна Касымова", "Гүлнар Талғатқызы Қасымова", "kk"),
    "secretary": ("Айгерим Муратовна Кенжебаева", "Айгерім Мұратқызы Кенжебаева", "kk"),
    "sec_gpo": ("Дамир Ерланович Нуртазин", "Дамир Ерланұлы Нұртазин", "ru"),
    "sec_knb": ("Руслан Амангельдиевич Жаксылыков", "Руслан Амангелдіұлы Жақсылықов", "ru"),
    "sec_vap": ("Сауле Канатовна Иманова", "Сәуле Қанатқызы Иманова", "kk"),
    "sec_apk": ("Ербол Сабитович Тулегенов", "Ербол Сабитұлы Төлегенов", "ru"),
    "sec_mvd": ("Арман Бауыржанович Калиев", "Арман Бауыржанұлы Қалиев", "ru"),
    "sec_mju": ("Жанар Оралбековна Мукашева", "Жанар Оралбекқызы Мұқашева", "kk"),
    "oblast_chair": ("Бахыт Ерикович Сарсенов", "Бақыт Ерікұлы Сәрсенов", "kk"),
    "oblast_member_dp": ("Канат Муратович Абдрахманов", "Қанат Мұратұлы Әбдірахманов", "ru"),
    "oblast_member_dknb": ("Талгат Сейтович Ибраев", "Талғат Сейітұлы Ыбыраев", "ru"),
    "oblast_member_dju": ("Маржан Абаевна Тлеубаева", "Маржан Абайқызы Тлеубаева", "kk"),
    "oblast_member_apk": ("Айдос Нурланович Есенов", "Айдос Нұрланұлы Есенов", "ru"),
    "oblast_secretary": ("Индира Бекеновна Садыкова", "Индира Бекенқызы Садықова", "kk"),
    "oblast_sec_dp": ("Олжас Маратович Утепов", "Олжас Маратұлы Өтепов", "ru"),
    "group_chair": ("Руслан Ерланович Абенов", "Руслан Ерланұлы Әбенов", "ru"),
    "group_deputy": ("Гульмира Сериковна Байжанова", "Гүлмира Серікқызы Байжанова", "ru"),
    "group_police_1": ("Аскар Муратович Сеитов", "Асқар Мұратұлы Сейітов", "ru"),
    "group_police_2": ("Бауыржан Канатович Есимов", "Бауыржан Қанатұлы Есімов", "kk"),
    "group_bar_1": ("Лаура Ахметовна Ким", "Лаура Ахметқызы Ким", "ru"),
    "group_bar_2": ("Данияр Болатович Жунусов", "Данияр Болатұлы Жүнісов", "kk"),
    "group_secretary": ("Мадина Айдаровна Исмаилова", "Мадина Айдарқызы Исмаилова", "ru"),
}

REPUBLIC_SEATS = [
    # body, kind, role, holder username
    ("gpo", Seat.Kind.PERMANENT, Seat.Role.CHAIR, "chair"),
    ("knb", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "member_knb"),
    ("vap", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "member_vap"),
    ("apk", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "member_apk"),
    ("mvd", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "member_mvd"),
    ("mju", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "member_mju"),
    ("afm", Seat.Kind.DELEGATED, Seat.Role.MEMBER, "member_afm"),
]
REPUBLIC_SECRETARIAT = [
    ("gpo", "sec_gpo"),
    ("knb", "sec_knb"),
    ("vap", "sec_vap"),
    ("apk", "sec_apk"),
    ("mvd", "sec_mvd"),
    ("mju", "sec_mju"),
]
OBLAST_SEATS = [
    ("almaty-obl-prok", Seat.Kind.PERMANENT, Seat.Role.CHAIR, "oblast_chair"),
    ("almaty-obl-dp", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "oblast_member_dp"),
    ("almaty-obl-dknb", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "oblast_member_dknb"),
    ("almaty-obl-dju", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "oblast_member_dju"),
    ("almaty-obl-apk", Seat.Kind.PERMANENT, Seat.Role.MEMBER, "oblast_member_apk"),
]
OBLAST_SECRETARIAT = [("almaty-obl-dp", "oblast_sec_dp")]


def _user(username, password_hash):
    full_ru, full_kk, lang = PEOPLE[username]
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name_ru": full_ru,
            "full_name_kk": full_kk,
            "preferred_language": lang,
            "email": f"{username}@council.example.kz",
        },
    )
    if created:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def _head(body_code):
    title_ru, title_kk = HEADS[body_code]
    position, _ = Position.objects.get_or_create(
        body=Body.objects.get(code=body_code),
        title_ru=title_ru,
        defaults={"title_kk": title_kk, "is_head": True},
    )
    return position


def _seat_council(council, seats, secretariat, secretary_username, password):
    for order, (body_code, kind, role, username) in enumerate(seats, start=1):
        position = _head(body_code)
        Seat.objects.get_or_create(
            council=council,
            position=position,
            valid_to=None,
            defaults={"kind": kind, "role": role, "order": order, "valid_from": COUNCIL_FROM},
        )
        Appointment.objects.get_or_create(
            position=position,
            person=_user(username, password),
            kind=Appointment.Kind.HOLDER,
            defaults={"start": PEOPLE_FROM},
        )
    CouncilOfficer.objects.get_or_create(
        council=council,
        role=CouncilOfficer.Role.SECRETARY,
        end=None,
        defaults={"person": _user(secretary_username, password), "start": PEOPLE_FROM},
    )
    for body_code, username in secretariat:
        CouncilOfficer.objects.get_or_create(
            council=council,
            role=CouncilOfficer.Role.SECRETARIAT,
            body=Body.objects.get(code=body_code),
            end=None,
            defaults={"person": _user(username, password), "start": PEOPLE_FROM},
        )


@transaction.atomic
def load_demo(*, today, password=None):
    """Create or complete the demo registry. ``today`` dates the acting official's period."""
    password = make_password(password or settings.DEMO_PASSWORD)  # hashed once for all demo users
    for code, name_ru, name_kk, short_ru, short_kk in BODIES:
        Body.objects.update_or_create(
            code=code,
            defaults={"name_ru": name_ru, "name_kk": name_kk, "short_name_ru": short_ru, "short_name_kk": short_kk},
        )
    republic, _ = Council.objects.update_or_create(code=REPUBLIC["code"], defaults=REPUBLIC)
    oblast, _ = Council.objects.update_or_create(code=OBLAST["code"], defaults={**OBLAST, "parent": republic})
    presets = profile_ensure_presets()
    for council in (republic, oblast):
        if council.profile_id is None:
            council.profile = presets[KIND_PRESET[council.kind]]
            council.save(update_fields=["profile"])
    _seat_council(republic, REPUBLIC_SEATS, REPUBLIC_SECRETARIAT, "secretary", password)
    _seat_council(oblast, OBLAST_SEATS, OBLAST_SECRETARIAT, "oblast_secretary", password)
    # Secretaries keep their council's registry in Django admin (R-000-8, R-000-14).
    User.objects.filter(username__in=["secretary", "oblast_secretary"]).update(is_staff=True)
    for username in PEOPLE:
        if username.startswith("group_"):
            continue
        home = oblast if username.startswith("oblast") else republic
        User.objects.filter(username=username, home_council__isnull=True).update(home_council=home)

    group, _ = Council.objects.update_or_create(code=GROUP["code"], defaults=GROUP)
    if group.profile_id is None:
        group.profile = presets[KIND_PRESET[group.kind]]
        group.save(update_fields=["profile"])
    for order, (body_code, title_ru, title_kk, role, side, username) in enumerate(GROUP_POSITIONS, start=1):
        position, _ = Position.objects.get_or_create(
            body=Body.objects.get(code=body_code), title_ru=title_ru, defaults={"title_kk": title_kk}
        )
        Seat.objects.get_or_create(
            council=group,
            position=position,
            valid_to=None,
            defaults={"role": role, "side": side, "order": order, "valid_from": datetime.date(2023, 1, 1)},
        )
        Appointment.objects.get_or_create(
            position=position,
            person=_user(username, password),
            kind=Appointment.Kind.HOLDER,
            defaults={"start": PEOPLE_FROM},
        )
    CouncilOfficer.objects.get_or_create(
        council=group,
        role=CouncilOfficer.Role.SECRETARY,
        end=None,
        defaults={"person": _user("group_secretary", password), "start": PEOPLE_FROM},
    )
    User.objects.filter(username__startswith="group_", home_council__isnull=True).update(home_council=group)
    User.objects.filter(username="group_secretary").update(is_staff=True)

    # A vice-minister acts for the Minister of Justice for two weeks around today (R-000-9d).
    deputy, _ = Position.objects.get_or_create(
        body=Body.objects.get(code="mju"), title_ru=DEPUTY_MJU[0], defaults={"title_kk": DEPUTY_MJU[1]}
    )
    acting = _user("acting_mju", password)
    Appointment.objects.get_or_create(
        position=deputy, person=acting, kind=Appointment.Kind.HOLDER, defaults={"start": PEOPLE_FROM}
    )
    if not Appointment.objects.filter(person=acting, kind=Appointment.Kind.ACTING).exists():
        Appointment.objects.create(
            position=_head("mju"),
            person=acting,
            kind=Appointment.Kind.ACTING,
            start=today - datetime.timedelta(days=3),
            end=today + datetime.timedelta(days=11),
            basis="Приказ № 12-к",
        )

    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "is_staff": True,
            "is_superuser": True,
            "full_name_ru": "Администратор",
            "full_name_kk": "Әкімші",
            "preferred_language": "ru",
        },
    )
    if created:
        admin.password = password
        admin.save(update_fields=["password"])
    return {"republic": republic, "oblast": oblast, "group": group}


DEMO_LOGINS = [
    ("secretary", "secretary of the republic council"),
    ("chair", "chair (Prosecutor General)"),
    ("member_mvd", "member (Minister of Internal Affairs)"),
    ("sec_mvd", "secretariat employee of the Ministry of Internal Affairs"),
    ("oblast_secretary", "secretary of the Almaty oblast council"),
    ("group_secretary", "secretary of the Almaty interagency monitoring group"),
    ("admin", "administrator"),
]
