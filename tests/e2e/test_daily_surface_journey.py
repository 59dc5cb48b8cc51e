"""The daily work surface in the browser, in Kazakh and in Russian: the header keeps to one row at 1280 px,
every page of each role's day passes axe-core (no serious or critical violation, checked by the
``accessible_pages`` fixture on every page opened), and the main actions are reached with Tab and Enter."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from council.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _as(page, login, username, lang):
    User.objects.filter(username=username).update(preferred_language=lang)
    page.context.clear_cookies()
    return login(username)


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("username", ["admin", "secretary", "member_mvd"])
def test_the_header_fits_one_row_at_1280_px(demo, login, page, lang, username):
    page.set_viewport_size({"width": 1280, "height": 800})
    _as(page, login, username, lang)
    links = page.locator(".mainnav a")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, tops  # every menu link on one line
    row = page.locator(".topbar__inner").bounding_box()
    assert row["height"] < 60 and row["width"] <= 1280
    for selector in (".brand", ".langswitch", ".inbox-link", ".usermenu"):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= row["y"] and box["y"] + box["height"] <= row["y"] + row["height"], selector
    # The inbox icon and the shortened name keep their full names for screen readers and as tooltips.
    expect(page.locator(".inbox-link .sr-only")).to_have_count(1)
    title = page.locator(".usermenu summary").get_attribute("title")
    assert title and title == page.locator(".usermenu__name").text_content().strip()


PAGES = {
    "secretary": [
        "/",
        "/my-meetings/",
        "/my-deadlines/",
        "/calendar/month/",
        "/calendar/",
        "/inbox/",
        "/councils/republic/",
        "/councils/republic/meetings/",
        "meeting",
        "/councils/republic/protocols/",
        "protocol",
        "/councils/republic/plans/",
        "/councils/republic/proposals/",
        "/councils/republic/execution/",
        "/councils/republic/deadlines/",
        "/councils/republic/calendar/",
        "/compliance/",
        "/search/?q=профилактике",
        "/no-such-page/",
    ],
    "member_mvd": ["/", "/my-meetings/", "meeting", "protocol", "/calendar/month/", "/councils/republic/execution/"],
    "sec_mvd": ["/", "/my-deadlines/", "meeting", "/councils/republic/execution/", "/councils/republic/proposals/"],
    "chair": ["/", "/territorial/approvals/", "meeting", "protocol", "/councils/republic/execution/report/"],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_each_roles_pages_pass_axe(signed, login, live_server, page, accessible_pages, lang):
    """Each page is checked by ``accessible_pages`` when it loads; here, each is also checked before the next."""
    from tests.e2e.conftest import axe_violations

    meeting, protocol = signed.meeting, signed
    where = {"meeting": meeting.get_absolute_url(), "protocol": protocol.get_absolute_url()}
    page.goto(f"{live_server.url}{reverse('login')}")
    assert axe_violations(page) == []
    for username, paths in PAGES.items():
        _as(page, login, username, lang)
        for path in paths:
            page.goto(f"{live_server.url}{where.get(path, path)}")
            assert axe_violations(page) == [], (username, path)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_main_actions_are_reached_with_tab_and_enter(demo, live_server, page, lang):
    User.objects.update(preferred_language=lang)
    page.goto(f"{live_server.url}/accounts/login/")

    def tab_to(predicate, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"not reached with Tab: {predicate}")

    # Logging in with the keyboard only.
    tab_to("document.activeElement.name === 'username'")
    page.keyboard.type("secretary")
    page.keyboard.press("Tab")
    page.keyboard.type("demo-pass-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # The first Tab offers "Skip to content"; Enter moves past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    # The calendar from the menu; a calendar address made with the keyboard.
    page.goto(f"{live_server.url}/")
    tab_to("document.activeElement.getAttribute('href') === '/calendar/month/'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/calendar/month/")
    tab_to("document.activeElement.name === 'action' && document.activeElement.value === 'create'")
    page.keyboard.press("Enter")
    expect(page.locator("#feed-url")).to_be_visible()

    # The council's page from the home page, then its meetings, with the keyboard; the language switch too.
    page.goto(f"{live_server.url}/")
    tab_to("document.activeElement.getAttribute('href') === '/councils/republic/'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/councils/republic/")
    tab_to("document.activeElement.getAttribute('href') === '/councils/republic/meetings/'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/councils/republic/meetings/")
    other = "ru" if lang == "kk" else "kk"
    tab_to(f"document.activeElement.value === '{other}'")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", other)


def test_the_axe_check_finds_a_violation_when_there_is_one(demo, live_server, page, accessible_pages):
    """The check can fail: an image without a text alternative is a critical violation (WCAG 1.1.1)."""
    from tests.e2e.conftest import axe_violations

    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img id=bad src=/static/none.png>')")
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
    page.evaluate("document.getElementById('bad').remove()")
    assert axe_violations(page) == []
