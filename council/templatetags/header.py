"""``{% navigation_fragment %}…{% endnavigation_fragment %}``: the main navigation rendered once per person,
language, current link and header version (``council.navcache``), then read from the cache."""

import logging

from django import template
from django.core.cache import cache
from django.utils import translation

from council.navcache import CACHE_ERRORS, TIMEOUT

register = template.Library()
log = logging.getLogger(__name__)


class NavigationFragment(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        version = context.get("nav_version")
        version = version() if callable(version) else version
        if not version:  # no cache (or it is down): rendered each time
            return self.nodelist.render(context)
        key = f"nav:f:{version}:{translation.get_language()}:{context.get('nav_current', '')}"
        try:
            html = cache.get(key)
        except CACHE_ERRORS:
            log.exception("navigation cache unavailable")
            return self.nodelist.render(context)
        if html is None:
            html = self.nodelist.render(context)
            try:
                cache.set(key, html, TIMEOUT)
            except CACHE_ERRORS:
                log.exception("navigation cache: fragment not stored")
        return html


@register.tag
def navigation_fragment(parser, token):
    nodelist = parser.parse(("endnavigation_fragment",))
    parser.delete_first_token()
    return NavigationFragment(nodelist)
