"""What a user meets where the system refuses: admin values of another council, a save over a newer
version, search that hides drafts, and a document altered on disk (R-000-8, R-000-11b)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from council.models import Appointment, Seat, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_oblast_secretary_cannot_appoint_the_republic_chairs_acting_official(demo, login, live_server):
    page = login("oblast_secretary")  # prefers Kazakh
    chair_position = Seat.objects.get(council=demo["republic"], role=Seat.Role.CHAIR).position
    page.goto(f"{live_server.url}/admin/council/appointment/add/")
    # The choices do not offer the Prosecutor General's position; a forged value is refused all the same.
    page.evaluate(
        """([id, person]) => {
            const form = document.querySelector('#appointment_form');
            for (const [name, value] of [['position', id], ['person', person]]) {
                const select = form.querySelector(`select[name=${name}]`);
                select.innerHTML = `<option value="${value}" selected>${value}</option>`;
            }
        }""",
        [chair_position.pk, User.objects.get(username="oblast_secretary").pk],
    )
    page.locator("#id_kind").select_option("acting")
    page.locator("#id_start").fill("2026-11-01")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    shot(page, "admin-foreign-position-kk")
    assert not Appointment.objects.filter(person__username="oblast_secretary").exists()


def test_a_member_searching_finds_no_draft_decision(demo, login, live_server, user_named):
    from tests.world import WORD, build

    build(demo, user_named)
    page = login("member_mvd")
    page.goto(f"{live_server.url}/search/?q={WORD}")
    expect(page.locator("ol.hits")).to_be_visible()
    # Plan items, agenda questions, the assignment and its report; no decision or question of the draft
    # protocol (the kinds' labels in Russian).
    expect(page.locator("ol.hits")).to_contain_text("поручения на контроле")
    expect(page.locator("ol.hits")).not_to_contain_text("решения ·")
    expect(page.locator("ol.hits")).not_to_contain_text("вопросы протоколов")
    shot(page, "search-member-ru")


def test_an_altered_document_is_refused_with_a_clear_page(demo, login, live_server, user_named):
    from tests.world import build

    world = build(demo, user_named)
    Path(world["report"].file.path).write_bytes(b"%PDF-1.4 forged\n%%EOF\n")
    user = user_named("secretary")
    user.preferred_language = "kk"
    user.save(update_fields=["preferred_language"])
    page = login("secretary")
    page.goto(f"{live_server.url}/reports/{world['report'].pk}/file/")
    expect(page.locator("main h1")).to_be_visible()
    shot(page, "integrity-refused-kk")
    expect(page.locator("main")).to_contain_text("report.pdf")  # which document, in the reader's language
