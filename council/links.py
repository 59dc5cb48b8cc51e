"""The site's own address for links that leave the site (notices by e-mail, the agenda's pack link, the
calendar feed): ``SITE_URL`` when it is set; otherwise, in development (``make run``), the address the
site was last opened at, remembered by ``SiteAddressMiddleware`` in a file under ``VAR_DIR`` so that the
worker, another process, links to the same place. Never a port written into the code."""

from pathlib import Path

from django.conf import settings
from django.core import checks

_remembered = {"origin": None}


def _store() -> Path:
    return Path(settings.VAR_DIR) / "site-url"


def site_url() -> str:
    """The address without a trailing slash, or "" when none is known (links stay relative)."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if _remembered["origin"] is None:
        try:
            _remembered["origin"] = _store().read_text().strip()
        except OSError:
            return ""
    return _remembered["origin"]


def absolute(path: str) -> str:
    """``path`` (a site path such as ``/meetings/5/``) as a full link; other values unchanged."""
    return f"{site_url()}{path}" if path.startswith("/") else path


def remember(request) -> None:
    """Development only: keep the address the browser used, when SITE_URL is not set."""
    if settings.SITE_URL or not settings.DEBUG:
        return
    origin = f"{request.scheme}://{request.get_host()}"
    if origin != _remembered["origin"]:
        _remembered["origin"] = origin
        try:
            _store().parent.mkdir(parents=True, exist_ok=True)
            _store().write_text(origin)
        except OSError:
            pass


class SiteAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember(request)
        return self.get_response(request)


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """In production, links in e-mails need the public address."""
    if settings.SITE_URL or settings.DEBUG:
        return []
    return [
        checks.Warning(
            "SITE_URL is not set: links in notices and e-mails will have no host.",
            hint="Set SITE_URL to the site's public address, e.g. https://council.example.kz",
            id="council.W001",
        )
    ]
