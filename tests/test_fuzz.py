"""Property: whatever a careless user or an attacker puts into a list's query or a form, for every role,
the site answers without a server error, and a request it refuses changes no row (on PostgreSQL).

Values are generated: huge and negative numbers, non-numbers, NUL and other control characters, overlong
text with Kazakh letters, impossible dates, empty values and missing fields, mixed with valid values so
that the requests also reach the services. Each example sends one request to every list page and every
form of the site map (tests/site_map.py)."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.messages import get_messages
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests import site_map
from tests.world import ROLES

pytestmark = pytest.mark.django_db

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІіАаБбЖжШш "
EDGES = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e9",
    "abc",
    "None",
    "[]",
    "99999",
    "2147483648",
    "-2147483649",
    "9" * 40,
    "²",
    "٣",
    "\x00",
    "a\x00b",
    "\n\r",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "27.01.2027",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]
JUNK = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=30),  # any letters, NUL and control characters included
    # longer than any text column: a short piece of Kazakh text repeated (cheap to generate)
    st.builds(
        lambda piece, times: piece * times, st.text(alphabet=KAZAKH, min_size=1, max_size=6), st.integers(301, 3000)
    ),
)


def value(kind, valid):
    options = [JUNK]
    if valid:
        options.append(st.sampled_from(valid))
    if kind == site_map.DATE:
        options.append(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str))
    return st.one_of(options)


def draw_fields(data, fields, label):
    """A value for each field, or the field left out."""
    sent = {}
    for name, (kind, valid) in fields.items():
        chosen = data.draw(st.none() | value(kind, valid), label=f"{label} {name}")
        if chosen is not None:
            sent[name] = chosen
    return sent


def refused(response, method):
    """The request changed nothing it should not have: a 4xx, a form shown again with its errors, a
    redirect with an error message, or a visitor sent to the login page."""
    if response.status_code >= 400:
        return True
    if response.status_code == 302 and response.url.startswith(django_settings.LOGIN_URL):
        return True
    if method == "post" and response.status_code == 200:
        return True
    return any(m.level >= messages.ERROR for m in get_messages(response.wsgi_request))


@pytest.fixture
def messages_per_request(settings):
    """Messages in a cookie only, dropped before each request: what a response says is its own."""
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"


@pytest.fixture
def targets(demo, user_named):
    """Every list page and form of the world, fixed once: the examples' draws must not depend on rows the
    earlier examples added."""
    world = site_map.build(demo, user_named)
    pages = [("get", url, fields) for url, fields in site_map.list_pages(world).items()]
    return pages + [("post", url, fields) for url, fields in site_map.forms(world).items()]


@pytest.mark.parametrize("role", ROLES)
@settings(
    max_examples=4,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # a failure names its request; shrinking a whole site's run is slow
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_no_input_gives_a_server_error_and_a_refused_request_changes_nothing(
    client, targets, user_named, role, data, messages_per_request
):
    """R-000-8: a role's requests are answered within its council and body whatever they carry; a member
    of another council (R-000-14) is answered 404 before any value is looked at."""
    if role != "anonymous":
        client.force_login(user_named(role))
    for method, url, fields in targets:
        sent = draw_fields(data, fields, f"{method.upper()} {url}")
        before = site_map.snapshot()
        client.cookies.pop("messages", None)
        response = getattr(client, method)(url, sent)
        assert response.status_code < 500, (method, url, sent)
        if method == "get" or refused(response, method):
            assert site_map.snapshot() == before, (method, url, sent, response.status_code)
