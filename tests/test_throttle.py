"""Finding 13 of the second trust round: 400 anonymous requests to each public page were all answered, and a
signed-in page slowed from 31 to 189 ms; twelve usernames tried with one password from one address were not
throttled. Visitors who are not signed in get a number of requests a minute per address, then 429; an
address with too many failed sign-ins, whatever the usernames, is refused sign-in for the cool-off period."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    from django.core.cache import cache

    redis = cache._cache.get_client(None, write=True)  # this worker's own Redis database
    for key in redis.scan_iter(match="*throttle:*"):  # counts left by an earlier run
        redis.delete(key)
    settings.LOGIN_FAILURES_PER_ADDRESS = 10
    return settings


def test_a_flood_of_anonymous_requests_is_answered_429_and_signed_in_people_are_not_counted(
    client, demo, limits, sign_in
):
    limits.ANONYMOUS_REQUESTS_PER_MINUTE = 5
    public = reverse("login")  # a page every visitor opens
    answers = [client.get(public, REMOTE_ADDR="10.1.1.1", HTTP_ACCEPT_LANGUAGE="ru").status_code for _ in range(7)]
    assert answers == [200] * 5 + [429] * 2
    refused = client.get(public, REMOTE_ADDR="10.1.1.1", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Слишком много запросов" in refused.content.decode() and refused["Retry-After"] == "60"
    assert client.get(public, REMOTE_ADDR="10.1.1.2").status_code == 200  # another address
    sign_in("member_mvd")
    assert all(client.get(reverse("home"), REMOTE_ADDR="10.1.1.1").status_code == 200 for _ in range(8))


def test_one_password_tried_on_many_accounts_from_one_address_is_stopped(client, demo, limits):
    login = reverse("login")
    for n in range(10):
        client.post(login, {"username": f"nobody{n}", "password": "Summer2026!"}, REMOTE_ADDR="10.2.2.2")
    refused = client.post(
        login,
        {"username": "member_mvd", "password": "demo-pass-123"},
        REMOTE_ADDR="10.2.2.2",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 429 and "Too many failed sign-ins" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    signed = client.post(login, {"username": "member_mvd", "password": "demo-pass-123"}, REMOTE_ADDR="10.2.2.3")
    assert signed.status_code == 302  # the person, from their own address, signs in
