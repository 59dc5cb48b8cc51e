"""A member creates a read-API token on the account page, copies it (shown once), reads their council
through the API with it, and revokes it; the revoked token is refused."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_creates_uses_and_revokes_a_token(demo, login, live_server):
    page = login("member_mvd")
    page.get_by_role("button", name="EN").click()
    page.locator("details.usermenu summary").click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    page.get_by_label("Name").fill("Office of the Ministry")
    page.get_by_role("button", name="Create the token").click()
    raw = page.get_by_test_id("new-token").inner_text()
    assert len(raw) > 30

    api = page.context.request
    answer = api.get(f"{live_server.url}/api/oparl/v1/body/", headers={"Authorization": f"Bearer {raw}"})
    assert answer.status == 200
    names = [b["name"] for b in answer.json()["data"]]
    assert len(names) == 1 and "Республики Казахстан" in names[0]  # their own council only (R-000-8)

    page.goto(f"{live_server.url}/accounts/api-tokens/")
    expect(page.get_by_test_id("new-token")).to_have_count(0)  # shown once
    expect(page.get_by_role("cell", name="Office of the Ministry")).to_be_visible()
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("The token is revoked")).to_be_visible()
    refused = api.get(f"{live_server.url}/api/oparl/v1/body/", headers={"Authorization": f"Bearer {raw}"})
    assert refused.status == 401
