"""A secretary logs in and reaches the council page, in Kazakh and in Russian."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_secretary_sees_the_council_in_kazakh_then_russian(demo, login, live_server):
    page = login("secretary")  # the demo secretary prefers Kazakh
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=2, name="Менің кеңестерім")).to_be_visible()  # below "My work"
    page.get_by_role("link", name="Қазақстан Республикасының Заңдылықты").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("жөніндегі үйлестіру кеңесі")
    members = page.locator('section[aria-labelledby="members-h"]')
    expect(members).to_contain_text("Қазақстан Республикасының Бас Прокуроры")
    expect(page.get_by_role("heading", name="Хатшы және хатшылық")).to_be_visible()

    page.get_by_role("button", name="RU").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Координационный совет Республики Казахстан")
    expect(members).to_contain_text("Генеральный прокурор Республики Казахстан")
    expect(page.get_by_role("heading", name="Секретарь и секретариат")).to_be_visible()

    page.reload()  # the choice is kept on the account
    expect(page.locator("html")).to_have_attribute("lang", "ru")
