import pytest


@pytest.fixture
def login(page, live_server):
    """Log in through the real form; returns the page on the home screen."""

    def do(username, password="demo-pass-123"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do
