"""The documents as an office sends them: the signer's initials and surname, positions in lower case
inside a phrase, the Kazakh heading of the protocol, the invited persons (R-000-12), the agenda's approval
stamp with the chair's name, position and date (R-000-10e), no empty boxes for characters without a
font, registration number, page numbers and keeping period (R-001-3e). Every check reads the rendered PDF
back with pdftotext, in Kazakh and in Russian."""

import datetime as dt
import re
import subprocess

import pytest

from council.official import position_in_phrase, printable, signature_name
from council.pdf import render_pdf
from protocols import services
from tests.helpers import DAY, NOW, TZ, decide

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdftotext -raw reads it, with runs of spaces and line breaks made one space."""
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
    return " ".join(text.decode().split())


def protocol_pdf(protocol, lang):
    return pdf_text(render_pdf("pdf/protocol.html", services.protocol_context(protocol), lang=lang))


# Signature block ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "initial", "initials"),
    [
        ("Серик Нурланович Абенов", "С. Абенов", "С.Н. Абенов"),
        ("Серік Нұрланұлы Әбенов", "С. Әбенов", "С.Н. Әбенов"),
        ("Абенов Серик Нурланович", "С. Абенов", "С.Н. Абенов"),
        ("Иванов И. И.", "И. Иванов", "И.И. Иванов"),
        ("Анна-Мария Ким", "А.-М. Ким", "А.-М. Ким"),
        ("Администратор", "Администратор", "Администратор"),
    ],
)
def test_a_signer_is_written_with_initials_before_the_surname(full, initial, initials):
    assert signature_name(full, "initial") == initial
    assert signature_name(full, "initials") == initials


@pytest.mark.parametrize(
    ("form", "ru", "kk"), [("initials", "С.Н. Абенов", "С.Н. Әбенов"), ("initial", "С. Абенов", "С. Әбенов")]
)
def test_the_signed_protocol_signs_with_initials_and_surname_as_the_setting_says(signed, settings, form, ru, kk):
    settings.DOCUMENT_SIGNATURE_NAME = form
    text = {lang: protocol_pdf(signed, lang) for lang in ("kk", "ru")}
    signature = {lang: text[lang][text[lang].rindex("1.1.") :] for lang in text}  # after the last decision
    assert re.search(rf"Председатель подписан 07\.12\.2026 11:00 {re.escape(ru)}", signature["ru"])
    assert re.search(rf"07\.12\.2026 11:00 {re.escape(kk)}", signature["kk"])
    assert "Серик Нурланович Абенов" not in signature["ru"]
    assert "Серік Нұрланұлы Әбенов" not in signature["kk"]


def test_the_plan_signs_in_the_same_form(approved_item, client, sign_in, settings, time_machine):
    from django.urls import reverse

    time_machine.move_to(NOW)
    settings.DOCUMENT_SIGNATURE_NAME = "initials"
    sign_in("secretary")
    for lang, secretary, chair in (("ru", "А.М. Кенжебаева", "С.Н. Абенов"), ("kk", "А.М. Кенжебаева", "С.Н. Әбенов")):
        response = client.get(reverse("plans:plan_pdf", args=[approved_item.plan.pk, lang]))
        text = pdf_text(response.content)
        assert secretary in text and chair in text
        assert "Айгерим Муратовна" not in text and "Айгерім Мұратқызы" not in text


# Capitals and the Kazakh heading ------------------------------------------------------------------------


def test_positions_read_in_lower_case_inside_a_phrase():
    assert position_in_phrase("Председатель Комитета национальной безопасности Республики Казахстан") == (
        "председатель Комитета национальной безопасности Республики Казахстан"
    )
    assert (
        position_in_phrase("Генеральный прокурор Республики Казахстан") == "Генеральный прокурор Республики Казахстан"
    )
    assert position_in_phrase("Қазақстан Республикасының Бас Прокуроры") == "Қазақстан Республикасының Бас прокуроры"
    assert position_in_phrase("Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Төрағасы") == (
        "Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің төрағасы"
    )


def test_the_protocol_writes_positions_mid_phrase_in_lower_case_and_its_kazakh_heading_reads_as_protocol_of_the_meeting(
    held,
):
    """Seed 000, p. 6 and p. 11 ("Бас прокуроры", "отырыс хаттамасы"); the glossary's "төраға"."""
    protocol = held.protocols.get()
    ru, kk = protocol_pdf(protocol, "ru"), protocol_pdf(protocol, "kk")
    assert "Сагинтаев, председатель Комитета национальной безопасности" in ru
    assert ", Председатель" not in ru and ", Министр" not in ru
    assert "Абенов, Генеральный прокурор Республики Казахстан" in ru
    assert "Бас прокуроры" in kk and "Бас Прокуроры" not in kk
    assert "комитетінің төрағасы" in kk and "Төрағасы" not in kk
    assert "ҮЙЛЕСТІРУ КЕҢЕСІ ОТЫРЫСЫНЫҢ ХАТТАМАСЫ" in kk.upper()
    assert "кеңес отырысы" not in kk
    assert "ПРОТОКОЛ заседания" in ru


# Invited persons (R-000-12) -----------------------------------------------------------------------------


def test_the_protocol_lists_the_invited_persons_who_came_with_their_question(held):
    """R-000-12: invited persons take part in the discussion of their question; recorded as absent, they
    are left out."""
    from secretariat.models import Invitee

    protocol = held.protocols.get()
    assert "Иванов" not in protocol_pdf(protocol, "ru")  # the attendance record left him unticked
    Invitee.objects.filter(item__meeting=held).update(attended=True)
    ru, kk = protocol_pdf(protocol, "ru"), protocol_pdf(protocol, "kk")
    assert "Приглашённые: Иванов И. И., судья — по вопросу 1" in ru
    assert "Шақырылғандар: Иванов И. И., судья — 1-мәселе бойынша" in kk


def test_the_attendance_form_ticks_the_invited_persons_whose_attendance_was_confirmed(
    dispatched_meeting, user_named, client, sign_in, time_machine
):
    """R-000-10f: the responsible body's secretariat employee confirms that the invited person comes; the
    meeting-day form starts from that, so recording the roster does not drop them from the protocol."""
    from django.urls import reverse

    from secretariat.models import Invitee

    time_machine.move_to(DAY)
    invitee = Invitee.objects.get(item__meeting=dispatched_meeting)
    sign_in("secretary")
    url = reverse("secretariat:meeting_day", args=[dispatched_meeting.pk])
    box = f'name="invitee" value="{invitee.pk}"'
    assert f"{box}>" in client.get(url).content.decode()
    Invitee.objects.filter(pk=invitee.pk).update(attendance_confirmed_at=DAY)
    assert f"{box} checked>" in client.get(url).content.decode()


# The agenda's approval stamp (R-000-10e) ----------------------------------------------------------------


@pytest.fixture
def approved_agenda(demo, user_named):
    from council.models import Body
    from secretariat.models import AgendaItem, Invitee
    from secretariat.services import agenda_approve, meeting_schedule

    meeting = meeting_schedule(
        actor=user_named("secretary"), council=demo["republic"], date=dt.date(2026, 12, 1), now=NOW
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        question_kk="Қылмыстың алдын алу туралы",
        question_ru="О профилактике преступности",
        responsible_body=Body.objects.get(code="mvd"),
        status=AgendaItem.Status.ACCEPTED,
    )
    Invitee.objects.create(
        item=item, full_name_ru="Петров П. П.", position_ru="Председатель суда", position_kk="Сот төрағасы"
    )
    agenda_approve(actor=user_named("chair"), meeting=meeting, now=dt.datetime(2026, 11, 25, 16, tzinfo=TZ))
    meeting.refresh_from_db()
    return meeting


def agenda_pdf(meeting, lang):
    from secretariat.selectors import agenda_context

    return pdf_text(render_pdf("pdf/agenda.html", agenda_context(meeting), lang=lang))


def test_the_approved_agenda_carries_the_chairs_stamp_with_name_position_and_date(approved_agenda, settings):
    settings.DOCUMENT_SIGNATURE_NAME = "initial"
    ru, kk = agenda_pdf(approved_agenda, "ru"), agenda_pdf(approved_agenda, "kk")
    assert ru.startswith("УТВЕРЖДАЮ Генеральный прокурор Республики Казахстан С. Абенов 25.11.2026")
    assert kk.startswith("БЕКІТЕМІН Қазақстан Республикасының Бас прокуроры С. Әбенов 25.11.2026")
    assert "Петров П. П., председатель суда" in ru


def test_an_agenda_not_yet_approved_has_no_stamp(demo, user_named):
    from secretariat.services import meeting_schedule

    meeting = meeting_schedule(
        actor=user_named("secretary"), council=demo["republic"], date=dt.date(2026, 12, 1), now=NOW
    )
    for lang, word in (("ru", "УТВЕРЖДАЮ"), ("kk", "БЕКІТЕМІН")):
        assert word not in agenda_pdf(meeting, lang)


# Characters without a font ------------------------------------------------------------------------------


def test_symbols_and_emoji_print_from_a_fallback_font_and_what_no_font_has_is_replaced_never_a_box(held, user_named):
    """Fontconfig falls back to Symbola (fonts-symbola in the Makefile's RUN_DEBS) for emoji and symbols;
    a private-use character no font has becomes "(?)"; variation selectors vanish."""
    from protocols.models import ProtocolItem

    ProtocolItem.objects.filter(protocol__meeting=held, number=1).update(
        question_ru="О профилактике 🚓 ✅\ufe0f ☎ преступности \ue000", question_kk="Қылмыс 🚓 ✅ туралы \ue000"
    )
    protocol = held.protocols.get()
    for lang, expected in (("ru", "О профилактике 🚓 ✅ ☎ преступности (?)"), ("kk", "Қылмыс 🚓 ✅ туралы (?)")):
        data = render_pdf("pdf/protocol.html", services.protocol_context(protocol), lang=lang)
        assert expected in pdf_text(data)
        fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert "Symbola" in fonts
    assert printable("a\ue000b\ufe0f") == "a(?)b"


# Registration, page numbers and keeping period ---------------------------------------------------------


def test_the_signed_protocol_heads_with_its_registration_and_numbers_its_pages(signed):
    ru, kk = protocol_pdf(signed, "ru"), protocol_pdf(signed, "kk")
    assert "ПРОТОКОЛ № 1/2026" in ru and "Регистрационный номер: 1/2026, 07.12.2026" in ru
    assert "ХАТТАМАСЫ № 1/2026" in kk and "Тіркеу нөмірі: 1/2026, 07.12.2026" in kk
    for text in (ru, kk):  # "1 / N" on the first page, "N / N" on the last
        total = re.search(r"\b1 / (\d+)\b", text)
        assert total and f"{total.group(1)} / {total.group(1)}" in text
    assert "Срок хранения" not in ru  # the coordination council's regulation sets no keeping period


def test_the_monitoring_groups_protocol_shows_its_keeping_period_of_3_years(demo, user_named):
    """R-001-3e: kept 3 years by the secretary."""
    from council.selectors import council_roster
    from secretariat.meeting_day import attendance_record, meeting_hold
    from secretariat.models import AgendaItem, Meeting
    from secretariat.services import meeting_schedule

    group = demo["group"]
    secretary = user_named("group_secretary")
    meeting = meeting_schedule(
        actor=secretary, council=group, date=dt.date(2026, 12, 1), now=DAY - dt.timedelta(days=8)
    )
    AgendaItem.objects.create(meeting=meeting, number=1, question_kk="Мониторинг", question_ru="Мониторинг")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DISPATCHED)
    seats = council_roster(council=group, day=meeting.date)
    attendance_record(actor=secretary, meeting=meeting, presence={e.seat.pk: "present" for e in seats}, now=DAY)
    meeting_hold(actor=secretary, meeting=meeting, now=DAY)
    protocol = meeting.protocols.get()
    assert "Срок хранения: 3 года" in protocol_pdf(protocol, "ru")
    assert "Сақтау мерзімі: 3 жыл" in protocol_pdf(protocol, "kk")


def test_decisions_still_read_in_both_languages(held, user_named):
    protocol = held.protocols.get()
    decide(protocol, user_named)
    assert "1.1. Принять к сведению" in protocol_pdf(protocol, "ru")
    assert "1.1. Назарға алынсын" in protocol_pdf(protocol, "kk")
