import datetime
import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's live server tests touch the
# database from that thread too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture
def today():
    return datetime.date(2026, 11, 23)


@pytest.fixture
def demo(db, today):
    from council.demo import load_demo

    return load_demo(today=today, password="demo-pass-123")


@pytest.fixture
def user_named(demo):
    from council.models import User

    def get(username):
        return User.objects.get(username=username)

    return get


@pytest.fixture
def sign_in(client, user_named):
    """Log the test client in as a demo user reading the given language (Russian unless told)."""

    def do(username, language="ru"):
        user = user_named(username)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client.force_login(user)
        return user

    return do
