"""Admin and application pages load in Chromium with no console error: nothing the security policy blocks
(admin's inline scripts and styles are allowed by nonce and hash, not by 'unsafe-inline'), no missing
resource (the favicon admin pages ask for), no script error."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib import admin
from django.urls import reverse

from protocols.demo import load_demo_cycle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Links a crawl must not follow: they change state, log out or download a file (the PDFs end in /kk/ or /ru/).
SKIP = re.compile(
    r"/(logout|language|read|pdf|file|download|pack|export)(/|$|\?)|/(kk|ru|en)/\?|\.(pdf|zip|csv|xlsx)\?|format="
)


@pytest.fixture
def console_errors(page):
    """Every console error (a policy violation, a resource that answers 4xx/5xx), uncaught script error and
    failed request of the page, with the address it happened on."""
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    # A request cut short by the next navigation (ERR_ABORTED) is not an error of the page.
    page.on(
        "requestfailed",
        lambda r: r.failure != "net::ERR_ABORTED" and errors.append(f"{page.url}: failed {r.url} {r.failure}"),
    )
    return errors


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def crawl(page, start, *, limit):
    """The application's own pages reachable from ``start`` by links, breadth first, at most ``limit``."""
    origin = urlparse(start).netloc
    queue, seen, visited = [start], {start}, []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        response = visit(page, url)
        visited.append((url, response.status if response else None))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urljoin(url, href).split("#")[0]
            parsed = urlparse(target)
            if (
                parsed.netloc != origin
                or parsed.path.startswith("/admin/")
                or SKIP.search(f"{parsed.path}?{parsed.query}")
            ):
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return visited


def test_application_pages_show_no_console_error(demo, today, login, live_server, page, console_errors):
    load_demo_cycle(today=today, password="demo-pass-123")
    visit(page, f"{live_server.url}/accounts/login/")  # the login page, anonymous
    login("secretary")
    visited = crawl(page, f"{live_server.url}/", limit=45)
    assert len(visited) >= 20  # the crawl reached the meeting, protocol, control, plan and deadline pages
    assert {status for _url, status in visited} <= {200}, visited
    login_member = login("member_mvd")
    crawl(login_member, f"{live_server.url}/", limit=15)
    assert console_errors == []


def test_admin_pages_show_no_console_error(demo, today, login, live_server, page, console_errors):
    """Every model's list and add form, a change form with inlines and widgets, an account's change form and
    its history, and the delete confirmation, for the superuser; admin's own pages ask for /favicon.ico."""
    load_demo_cycle(today=today, password="demo-pass-123")
    login("admin")
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(_request_for(demo)):
            urls.append(reverse(f"{info}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{info}_change", args=[first.pk]))
    council = demo["republic"]
    urls += [
        reverse("admin:council_council_history", args=[council.pk]),
        reverse("admin:council_council_delete", args=[council.pk]),
        reverse("admin:password_change"),
    ]
    for url in urls:
        response = visit(page, f"{live_server.url}{url}")
        assert response.status == 200, url
    favicon = page.request.get(f"{live_server.url}/favicon.ico")
    assert favicon.status == 200 and "svg" in favicon.headers["content-type"]
    # Admin's scripts run: the changelist's "select all" ticks every row.
    page.goto(f"{live_server.url}{reverse('admin:council_body_changelist')}")
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select:checked").count() == page.locator("input.action-select").count() > 0
    assert console_errors == []


def _request_for(demo):
    from django.test import RequestFactory

    from council.models import User

    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="admin")
    return request
