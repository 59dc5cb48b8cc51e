import fcntl
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

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


# Accessibility: axe-core (the npm package, installed once into a cache directory) runs on every page an
# accessibility journey opens (a test that asks for ``accessible_pages``: each role's pages in kk and ru); a
# violation of impact "serious" or "critical" fails the journey. Django's own admin pages are left out (their
# templates are Django's).
AXE_VERSION = "4.14.1"
AXE_DIR = Path(os.environ.get("AXE_CACHE", Path.home() / ".cache" / "council-axe"))
AXE_IMPACTS = ("serious", "critical")
_AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.filter(v => IMPACTS.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}""".replace("IMPACTS", json.dumps(list(AXE_IMPACTS)))
_AXE_ON_LOAD = """window.addEventListener("load", () => {
  if (location.pathname.startsWith("/admin/") || typeof axe === "undefined") return;
  (RUN)().then(v => console.log("AXE " + JSON.stringify({url: location.pathname + location.search, violations: v})));
});""".replace("RUN", _AXE_RUN)


@pytest.fixture(scope="session")
def axe_source():
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    with open(AXE_DIR / ".install-lock", "w") as lock:  # parallel workers install it once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not script.exists():
            subprocess.run(
                ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR)]
                + [f"axe-core@{AXE_VERSION}"],
                check=True,
                timeout=600,
            )
    return script.read_text()


def axe_violations(page):
    """Serious and critical violations on the page as it is now."""
    if urlparse(page.url).path.startswith("/admin/") or not page.url.startswith("http"):
        return []
    return page.evaluate(_AXE_RUN)


@pytest.fixture
def accessible_pages(page, axe_source):
    """Every page the journey opens is checked with axe-core when it loads, and the last one at the end."""
    page.add_init_script(script=axe_source)
    page.add_init_script(script=_AXE_ON_LOAD)
    found = []

    def collect(message):
        if message.type == "log" and message.text.startswith("AXE "):
            found.append(json.loads(message.text[4:]))

    page.on("console", collect)
    yield found
    if page.url.startswith("http") and not page.is_closed():
        found.append({"url": urlparse(page.url).path, "violations": axe_violations(page)})
    failing = [f for f in found if f["violations"]]
    assert failing == [], json.dumps(failing, ensure_ascii=False, indent=1)
