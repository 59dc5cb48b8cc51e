"""Seed 004 in Kazakh, in the browser: an analyst of category 6 of Appendix 2 records a state body's
request, assesses and accepts it, attaches the result; the secretary confirms the request from "My work";
the analyst opens the result on that basis; a member without a category is refused; the auditor sees both
accesses in the access log (R-004-6..14)."""

import pytest
from playwright.sync_api import expect

from council.models import AccessLogEntry
from plans.models import UnplannedWork
from tests import clock
from tests.analytics_world import build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_analyst_works_a_request_and_the_auditor_sees_every_access(demo, user_named, login, live_server, page):
    w = build(demo, user_named, language="kk")
    url, code = live_server.url, w["office"].code
    today = clock.today().isoformat()

    def as_user(username):
        page.context.clear_cookies()
        return login(username, "pass-12345")

    # The analyst (a deputy oblast prosecutor, category 6) records the Ministry's request.
    as_user("analyst")
    page.goto(f"{url}/councils/{code}/unplanned/new/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.locator("input[name=basis][value=request]").check()
    page.locator("#id_number").fill("12-3/456")
    page.locator("#id_date").fill(today)
    page.locator("#id_author").fill("Ішкі істер министрі")
    page.locator("#id_requesting_body").select_option(str(w["mvd"].pk))
    page.locator("#id_agreed_by").fill("Бас Прокурордың орынбасары")
    page.locator("#id_received_on").fill(today)
    page.locator("#id_text_kk").fill("Қылмыс статистикасы туралы негізделген сұрау")
    page.locator("#id_text_ru").fill("Обоснованный запрос о статистике преступности")
    page.locator("#id_executor").select_option(str(w["analyst"].pk))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#work-status")).to_be_visible()
    expect(page.locator("section[aria-labelledby=deadlines-h]")).to_contain_text("R-004-6")
    work = UnplannedWork.objects.get()
    assert work.status == UnplannedWork.Status.ASSESSMENT

    # Assessed and accepted: one month, under control (R-004-10).
    page.locator("form[action$='/accept/'] button[type=submit]").click()
    expect(page.locator("section[aria-labelledby=deadlines-h]")).to_contain_text("R-004-10")
    work.refresh_from_db()
    assert work.status == UnplannedWork.Status.ACCEPTED

    # The result is attached to the request (R-004-14).
    page.locator("#result-title_kk").fill("Қылмыс статистикасын талдау")
    page.locator("#result-title_ru").fill("Анализ статистики преступности")
    page.locator("#result-text_kk").fill("Барлығы 15 іс. Серикбаев А.Б., ЖСН 850101300123.")
    page.locator("#result-text_ru").fill("Всего 15 дел. Серикбаев А.Б., ИИН 850101300123.")
    page.locator("form[action$='/result/'] button[type=submit]").click()
    work.refresh_from_db()
    assert work.status == UnplannedWork.Status.REPORTED
    expect(page.locator("#work-confirmed")).to_be_visible()  # not yet a basis: the secretary confirms it
    work_url = page.url

    # The secretary finds it in "My work" on the home page and confirms it against the request.
    page.context.clear_cookies()
    login("secretary")
    page.locator(f"main a[href='{work.get_absolute_url()}']").first.click()
    page.locator("form[action$='/confirm/'] button[type=submit]").click()
    expect(page.locator("#work-confirmed")).to_have_class("badge badge--ok")
    work.refresh_from_db()
    assert work.confirmed_by == user_named("secretary")
    as_user("analyst")
    page.goto(work_url)

    # Opening it asks for the basis (R-004-11), states the conditions of R-004-13, shows it masked (R-004-12).
    page.locator("section[aria-labelledby=results-h] a").click()
    expect(page.locator("#access-conditions")).to_contain_text("R-004-13")
    page.locator("input[name=basis_kind][value=assignment]").check()
    page.locator("#id_reference").fill("12-3/456")
    page.locator("#id_basis_date").fill(today)
    page.locator("#id_workstation").fill("ARM-GP-0042")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#access-recorded")).to_be_visible()
    expect(page.locator("section[lang=kk]")).to_contain_text("Барлығы 15 іс.")
    expect(page.locator("main")).not_to_contain_text("850101300123")
    material_url = page.url

    # A member without a category is refused.
    as_user("plain")
    response = page.goto(material_url)
    assert response.status == 403

    # The auditor sees both accesses.
    as_user("auditor")
    page.goto(f"{url}/councils/{code}/access-log/")
    log = page.locator("#access-log")
    expect(log).to_contain_text("ARM-GP-0042")
    expect(log).to_contain_text("(analyst)")
    expect(log).to_contain_text("(plain)")
    assert sorted(AccessLogEntry.objects.values_list("action", flat=True)) == ["open", "refused"]
