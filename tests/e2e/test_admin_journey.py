"""An oblast secretary keeps their council's registry in Django admin, in Kazakh, and sees no other council."""

import pytest
from playwright.sync_api import expect

from council.models import Council

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_oblast_secretary_edits_their_council_in_admin(demo, login, live_server):
    page = login("oblast_secretary")  # prefers Kazakh
    page.goto(f"{live_server.url}/admin/council/council/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("Алматинской области")
    expect(page.locator("#result_list")).not_to_contain_text("Республики Казахстан по обеспечению")
    page.locator("#result_list tbody tr a").first.click()
    page.locator("#id_short_name_kk").fill("Алматы облысы кеңесі")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("сәтті өзгертілді")
    assert Council.objects.get(code="almaty-oblast").short_name_kk == "Алматы облысы кеңесі"
    # The republic council is not theirs: its page in admin is closed to them.
    page.goto(f"{live_server.url}/admin/council/council/{demo['republic'].pk}/change/")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator(".messagelist")).to_contain_text("жоқ")  # "... does not exist", in Kazakh
    expect(page.locator("#content")).not_to_contain_text("Республики Казахстан по обеспечению")


def test_republic_secretary_reads_the_oblast_council(demo, login, live_server):
    page = login("secretary")
    page.goto(f"{live_server.url}/admin/council/council/{demo['oblast'].pk}/change/")
    expect(page.locator("input[name=_save]")).to_have_count(0)  # view only
    expect(page.locator("#content")).to_contain_text("Алматы облысының")
