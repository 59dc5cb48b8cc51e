"""Proposal -> draft -> approval -> correction -> members notified, in Kazakh and in Russian
(R-000-9a, R-000-9b)."""

import pytest
from playwright.sync_api import expect

from council.models import Body, User
from plans.models import Plan, PlanRevision

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "kk": {"inbox": "Хабарламалар", "corrected": "Жоспар түзетілді (2-редакция)", "approved": "Бекітілді"},
    "ru": {"inbox": "Уведомления", "corrected": "План скорректирован (редакция 2)", "approved": "Утверждён"},
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_plan_from_proposal_to_correction(demo, login, live_server, page, lang):
    User.objects.update(preferred_language=lang)
    mvd, gpo = Body.objects.get(code="mvd"), Body.objects.get(code="gpo")
    url = live_server.url

    def as_user(username):
        page.context.clear_cookies()
        return login(username)

    # A secretariat employee proposes a question on behalf of the Ministry of Internal Affairs.
    as_user("sec_mvd")
    page.goto(f"{url}/councils/republic/proposals/new/")
    page.locator("#id_question_kk").fill("Жол жүрісі қауіпсіздігі туралы")
    page.locator("#id_question_ru").fill("О безопасности дорожного движения")
    page.locator("#id_justification_ru").fill("Рост числа ДТП на 12 процентов")
    page.locator("#id_responsible_body").select_option(str(mvd.pk))
    page.locator("#id_co_executors").select_option([str(gpo.pk)])
    page.locator("#id_desired_quarter").select_option("1")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()

    # The secretary accepts it, drafts the plan from it and submits it to the chair.
    as_user("secretary")
    page.goto(f"{url}/councils/republic/proposals/")
    page.locator("button[name=decision][value=accept]").click()
    page.goto(f"{url}/councils/republic/plans/")
    page.locator("#id_start").fill("2027-01-01")
    page.locator("form.form button[type=submit]").click()
    page.locator("form[action$='/proposals/'] button[type=submit]").click()
    expect(page.locator("#plan-items")).to_contain_text(
        "Жол жүрісі қауіпсіздігі туралы" if lang == "kk" else "О безопасности дорожного движения"
    )
    page.locator("form[action$='/submit/'] button").click()
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.SUBMITTED

    # The chair approves.
    as_user("chair")
    page.goto(f"{url}{plan.get_absolute_url()}")
    page.locator("button[name=decision][value=approve]").click()
    expect(page.locator(".badge--approved")).to_be_visible()

    # The secretary corrects item 1 on the President's instruction.
    as_user("secretary")
    page.goto(f"{url}{plan.get_absolute_url()}items/1/")
    page.locator("#id_reason").select_option(PlanRevision.Reason.PRESIDENT)
    page.locator("#id_explanation").fill("Поручение Главы государства")
    page.locator("#id_planned_meeting").fill("2027-03-12")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    plan.refresh_from_db()
    assert plan.revision == 2

    # A member finds the notice of the correction in their inbox.
    as_user("member_knb")
    page.goto(f"{url}/inbox/")
    expect(page.locator(".inbox")).to_contain_text(TEXT[lang]["corrected"])
    response = page.request.get(f"{url}/plans/{plan.pk}/pdf/{lang}/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
