"""The meeting day and its protocol in the browser, in Kazakh and in Russian: attendance -> quorum ->
votes -> draft -> a member's remarks -> a new version -> silence as consent -> the chair signs with the
password -> sent -> a member downloads the signed PDF (R-000-9d, R-000-9g, R-000-11a to R-000-11c,
R-003-65)."""

import datetime as dt
import hashlib
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from council.models import Deadline, User
from protocols.models import Protocol
from tests.helpers import DAY, TZ, everyone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "kk": {"protocol": "ХАТТАМА", "signed": "Хаттамаға қол қойылды."},
    "ru": {"protocol": "ПРОТОКОЛ", "signed": "Протокол подписан."},
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_from_attendance_to_the_signed_protocol(dispatched_meeting, login, live_server, page, time_machine, lang):
    User.objects.update(preferred_language=lang)
    url = live_server.url
    meeting = dispatched_meeting
    time_machine.move_to(DAY)

    def as_user(username):
        page.context.clear_cookies()
        return login(username)

    # Attendance: everyone, the Minister of Justice through the acting official; the quorum is there.
    as_user("secretary")
    page.goto(f"{url}/meetings/{meeting.pk}/day/")
    expect(page.locator("#quorum")).to_have_class("quorum quorum--no")
    for seat, presence in everyone(meeting).items():
        page.locator(f"#seat-{seat}").select_option(presence)
    page.locator("form.form button.primary").click()
    expect(page.locator("#quorum")).to_have_class("quorum quorum--ok")
    expect(page.locator("#quorum")).to_contain_text("R-000-9d")
    page.locator("form[action$='/hold/'] button").click()
    protocol = Protocol.objects.get(meeting=meeting)
    page.wait_for_url(f"{url}{protocol.get_absolute_url()}")

    # What was heard on each question, in both languages, and a decision on question 2: without them the
    # protocol is not presented for signature (R-000-11a).
    for number in (1, 2):
        page.locator(f"#item-{number} a[href^='/protocol-items/'][href$='/']:not([href*='/decisions/'])").click()
        page.locator("#id_heard_kk").fill("Баяндама тыңдалды")
        page.locator("#id_heard_ru").fill("Заслушан доклад")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url(f"{url}{protocol.get_absolute_url()}")
    page.locator("#item-2 a[href$='/decisions/new/']").click()
    page.locator("#id_text_kk").fill("Ақпарат назарға алынсын")
    page.locator("#id_text_ru").fill("Информацию принять к сведению")
    page.locator("form.form button[type=submit]").click()
    page.locator("#item-2 a[href$='/votes/']").click()
    page.locator("form.form button.primary").click()
    expect(page.locator("#item-2 .badge--ok")).to_be_visible()

    # The decision on question 1 and its vote.
    page.locator("#item-1 a[href$='/decisions/new/']").click()
    page.locator("#id_text_kk").fill("Алдын алу шараларын күшейту")
    page.locator("#id_text_ru").fill("Усилить меры профилактики")
    page.locator("form.form button[type=submit]").click()
    page.locator("#item-1 a[href$='/votes/']").click()
    page.locator("form.form button.primary").click()
    expect(page.locator(".badge--ok").first).to_be_visible()  # adopted
    decision = protocol.items.get(number=1).decisions.get()
    assert decision.adopted and decision.due_date == dt.date(2027, 1, 5)  # R-003-23

    # The draft goes to the members; one sends remarks.
    page.locator("form[action$='/send/'] button").click()
    as_user("member_knb")
    page.goto(f"{url}{protocol.get_absolute_url()}")
    page.locator("#id_remarks").fill("Указать срок отчёта / Есеп беру мерзімін көрсету")
    page.locator("button[name=agrees][value=no]").click()
    expect(page.locator(".message--success")).to_be_visible()

    # The secretary works the remark in: version 2, sent again.
    as_user("secretary")
    page.goto(f"{url}{protocol.get_absolute_url()}")
    expect(page.locator("#agreement-h + p + table")).to_contain_text("Указать срок отчёта")
    page.locator("form[action$='/rework/'] button").click()
    page.locator("#item-1 a[href^='/protocol-items/'][href*='/decisions/']:not([href$='/new/'])").click()
    page.locator("#id_text_ru").fill("Усилить меры профилактики; отчитаться к 1 марта 2027 года")
    page.locator("#id_text_kk").fill("Алдын алу шараларын күшейту; 2027 жылғы 1 наурызға дейін есеп беру")
    page.locator("form.form button[type=submit]").click()
    # The members voted on the old text: the decision is voted on again before the draft goes out (R-000-9g).
    expect(page.locator(".message--warning")).to_be_visible()
    expect(page.locator("#item-1 .badge--warn")).to_be_visible()
    page.locator("#item-1 a[href$='/votes/']").click()
    page.locator("form.form button.primary").click()
    expect(page.locator("#item-1 .badge--ok")).to_be_visible()
    page.locator("form[action$='/send/'] button").click()
    protocol.refresh_from_db()
    assert (protocol.status, protocol.version) == (Protocol.Status.AGREEMENT, 2)

    # Nobody answers by the date: silence is consent (R-003-65); presented for signature.
    time_machine.move_to(dt.datetime(2026, 12, 4, 10, tzinfo=TZ))
    as_user("secretary")
    page.goto(f"{url}{protocol.get_absolute_url()}")
    page.locator("form[action$='/present/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()

    # The chair signs with the password; a wrong one first.
    as_user("chair")
    page.goto(f"{url}{protocol.get_absolute_url()}sign/")
    page.locator("#id_password").fill("wrong")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".field-error")).to_be_visible()
    page.locator("#id_password").fill("demo-pass-123")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_contain_text(TEXT[lang]["signed"])
    protocol.refresh_from_db()
    assert protocol.registration == "1/2026"

    # The secretary sends it (R-000-11c); a member downloads the signed PDF.
    as_user("secretary")
    page.goto(f"{url}{protocol.get_absolute_url()}")
    page.locator("form[action$='/dispatch/'] button").click()
    expect(page.locator("#receipts-h")).to_be_visible()
    assert Deadline.objects.get(kind="protocol-dispatch", subject_id=protocol.pk).state == Deadline.State.MET
    as_user("member_mvd")
    page.goto(f"{url}{protocol.get_absolute_url()}")
    link = page.locator(f"a[href$='/pdf/{lang}/']")
    expect(link).to_be_visible()
    response = page.request.get(f"{url}{link.get_attribute('href')}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    data = response.body()
    assert hashlib.sha256(data).hexdigest() == getattr(protocol, f"sha256_{lang}")

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert TEXT[lang]["protocol"] in text and "1/2026" in text
    assert protocol.receipts.get(person__username="member_mvd").opened_at is not None
