"""The header of every page (the "My work" count, the unread notices, the links a person's roles show),
cached per person with explicit invalidation.

Computing the header costs about nine queries ("My work" asks every app what awaits the person); it is kept
in the Django cache (Redis in production and tests) and recomputed only when something it depends on has
changed. Three kinds of generation keys say so:

- a person's own (``touch_users``): their notices, their roles (seats held, the secretariat), deadlines
  naming them, their answers and signatures;
- a council's (``touch_councils``): anything on the council that may await one of its people (a plan
  submitted, materials arriving, a protocol to sign, a deadline opened or closed for one of its bodies…);
- one for everything (``touch_all``): the registry's structure (seats, councils), and data loaded
  without the ORM.

A person's cached header records the generations it was computed under: the global and their own, the day,
and those of the councils they have a role on (which the person's own generation keeps current). A page
reads them in two round trips to the cache and no SQL; any change of one recomputes the header on the next
page. The record is written after the generations were read, so a change committed meanwhile is never
hidden: its bump comes after and the next page recomputes.

What each app's "My work" reads is declared where the provider is registered (``watch`` in each app's
``AppConfig.ready()``): post_save and post_delete of those models bump the councils (and people) their rows
belong to. Writes that bypass the signals (the deadline sweep's UPDATE, marking notices read, bulk inserts
of notices) call the ``touch_*`` functions themselves. A bump is made at once and again when the
transaction commits, so a page computed between the two cannot keep the old figures.

Pages keep their own bodies the same way: ``fragment_key`` and ``cached_fragment`` for HTML that depends on
councils' data (the compliance dashboard, the execution control list), the header's ``version`` for "My
work", and ``kept`` for any value computed under the generations of given people and councils (a person's
roles, a meeting's page, a month of the calendar). A body with a form is never kept: it carries the
session's CSRF token.
"""

import contextvars
import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.functional import cached_property
from redis.exceptions import RedisError

from .roles import roles_by_council

log = logging.getLogger(__name__)

TIMEOUT = 3600  # a bound on staleness should the cache have missed a bump (a cache outage)
ALL_KEY = "nav:g:all"
CACHE_ERRORS = (RedisError, OSError)  # the cache server unreachable or failing


def _user_key(user_id):
    return f"nav:g:u:{user_id}"


def _council_key(council_id):
    return f"nav:g:c:{council_id}"


def _entry_key(user_id):
    return f"nav:e:{user_id}"


# The registry's version (``RegistryVersion``), read from the database at most once per request: every
# value kept here is kept under it, so a change of the tables roles are made of ends them all on the next
# request, whether or not a bump reached the cache.
_request_scope = contextvars.ContextVar("registry_version_scope", default=None)


def registry_version():
    """The registry's version as the database has it now; read once per request (``RegistryVersionScope``),
    and at every call outside one (a task, a command, a test)."""
    scope = _request_scope.get()
    if scope is not None and "n" in scope:
        return scope["n"]
    from .models import RegistryVersion

    n = RegistryVersion.objects.filter(pk=1).values_list("n", flat=True).first()
    if scope is not None:
        scope["n"] = n
    return n


class RegistryVersionScope:
    """Middleware: one reading of the registry's version for the whole request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scope.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scope.reset(token)


def _bump(keys):
    if not keys:
        return
    token = uuid.uuid4().hex
    try:
        cache.set_many(dict.fromkeys(keys, token), timeout=None)
    except CACHE_ERRORS:  # the cache is down: pages compute their header without it until it is back
        log.exception("navigation cache: generations %s not bumped", keys)


def _touch(keys):
    keys = sorted(set(keys))
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def touch_users(user_ids):
    """Recompute these people's header on their next page."""
    _touch(_user_key(pk) for pk in user_ids if pk is not None)


def touch_councils(council_ids):
    """Recompute the header of everyone with a role on these councils."""
    _touch(_council_key(pk) for pk in council_ids if pk is not None)


def touch_all():
    """Recompute everyone's header (the registry's structure changed, or data was loaded in bulk)."""
    _touch([ALL_KEY])


# model -> function(instance) -> (council ids, user ids) whose header a change of the row may change, or
# EVERYONE
WATCHED = {}
EVERYONE = "everyone"


def _changed(sender, instance, **kwargs):
    affected = WATCHED[sender](instance)
    if affected is EVERYONE:
        touch_all()
        return
    councils, users = affected
    touch_councils(councils)
    touch_users(users)


def _before_save(sender, instance, raw=False, **kwargs):
    """A row that may move to another person or council (a seat's holder, a deadline's responsible person):
    the people and councils it leaves are bumped too."""
    if raw or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is not None:
        _changed(sender, old)


def watch(model, affects, *, reassignable=False):
    """Bump the generations ``affects(row)`` names, ``(council ids, user ids)`` or ``EVERYONE``, whenever a
    row of ``model`` is saved or deleted. Called from the ``AppConfig.ready()`` of the app whose "My work"
    reads ``model``.
    ``reassignable``: a saved row may name other people or councils than before (one query more per save)."""
    WATCHED[model] = affects
    uid = f"navcache:{model._meta.label}"
    post_save.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
    if reassignable:
        pre_save.connect(_before_save, sender=model, weak=False, dispatch_uid=uid)


def council_via(instance, relation, attribute="council_id"):
    """The council id of a row through a relation (an agenda question's ``meeting``, an extension's
    ``assignment``; an approval's ``council`` with ``parent_id``): from the related object when it is
    loaded, otherwise in one query."""
    field = instance._meta.get_field(relation)
    if field.is_cached(instance):
        related = getattr(instance, relation)
        return getattr(related, attribute) if related is not None else None
    related_id = getattr(instance, field.attname)
    if related_id is None:
        return None
    return field.related_model._base_manager.filter(pk=related_id).values_list(attribute, flat=True).first()


def on_council(instance):
    """The usual case: the row's own council."""
    return [instance.council_id], []


def of_person(instance):
    """A row of one person's answer (an agreement, a signature, a receipt): only their header changes."""
    return [], [instance.person_id]


class Header:
    """The figures of one person's header on one day, computed at most once per request and read from the
    cache when nothing they depend on has changed. ``compute(user, day)`` returns the figures (a small dict
    of numbers and flags, the same in every language)."""

    def __init__(self, user, day, compute):
        self.user, self.day, self.compute = user, day, compute

    @cached_property
    def _entry(self):
        uid = self.user.pk
        try:
            got = cache.get_many([ALL_KEY, _user_key(uid), _entry_key(uid)])
            stamp = [self.day.isoformat(), got.get(ALL_KEY), got.get(_user_key(uid)), registry_version()]
            entry = got.get(_entry_key(uid))
            if entry and entry.get("stamp") == stamp:
                if self._council_generations(entry["councils"]) == entry["council_gens"]:
                    return entry
            # Generations are read before the figures are computed: a change committed meanwhile bumps
            # them after, and the next page sees the record as stale.
            councils = sorted(roles_by_council(self.user, self.day))
            council_gens = self._council_generations(councils)
        except CACHE_ERRORS:  # the cache is down: the header is computed as if there were none
            log.exception("navigation cache unavailable")
            return {"figures": self.compute(self.user, self.day), "version": None}
        figures = self.compute(self.user, self.day)
        version = hashlib.sha1(repr((stamp, council_gens, sorted(figures.items()))).encode()).hexdigest()[:16]
        entry = {
            "stamp": stamp,
            "councils": councils,
            "council_gens": council_gens,
            "figures": figures,
            "version": f"{uid}.{version}",
        }
        try:
            cache.set(_entry_key(uid), entry, TIMEOUT)
        except CACHE_ERRORS:
            log.exception("navigation cache: header of %s not stored", uid)
        return entry

    @staticmethod
    def _council_generations(council_ids):
        if not council_ids:
            return []
        got = cache.get_many([_council_key(pk) for pk in council_ids])
        return [got.get(_council_key(pk)) for pk in council_ids]

    @property
    def figures(self):
        return self._entry["figures"]

    @property
    def version(self):
        """Changes whenever the figures may have: the key of the cached header fragment. None without the
        cache (the fragment is then rendered each time)."""
        return self._entry["version"]


def fragment_key(name, *, councils=(), parts=()):
    """The cache key of an HTML fragment that shows data of ``councils``: it changes whenever the global
    generation or one of these councils' changes (a bump of either is a change of what the fragment may
    show), and with ``parts`` (the language, the day, the page's parameters). The generations are read
    before the fragment is rendered, so one rendered while a change commits is stored under the old key.
    None when the cache is unreachable (the fragment is then rendered each time)."""
    council_ids = sorted(set(councils))
    try:
        got = cache.get_many([ALL_KEY, *(_council_key(pk) for pk in council_ids)])
    except CACHE_ERRORS:
        log.exception("navigation cache unavailable")
        return None
    generations = [registry_version(), got.get(ALL_KEY), *(got.get(_council_key(pk)) for pk in council_ids)]
    digest = hashlib.sha1(repr((council_ids, generations, parts)).encode()).hexdigest()
    return f"nav:f:{name}:{digest}"


def cached_fragment(key, render):
    """The HTML ``render()`` returns, kept under ``key`` (from ``fragment_key`` or a header's ``version``):
    rendered once for as long as the key stays the same. ``key`` None: rendered each time."""
    if key is None:
        return render()
    try:
        html = cache.get(key)
    except CACHE_ERRORS:
        log.exception("navigation cache unavailable")
        return render()
    if html is None:
        html = render()
        try:
            cache.set(key, html, TIMEOUT)
        except CACHE_ERRORS:
            log.exception("navigation cache: fragment %s not stored", key)
    return html


def kept(name, *, users=(), councils=(), compute):
    """The value ``compute()`` returns, kept in the cache under ``name`` with the generations it was computed
    under (the global one, these people's and these councils'), and computed again once one of them has
    changed. One round trip to the cache when it is kept; ``compute()`` alone when the cache is down. A None
    among the ids (a council without a parent) is left out."""
    keys = [
        ALL_KEY,
        *(_user_key(pk) for pk in users if pk is not None),
        *(_council_key(pk) for pk in councils if pk is not None),
    ]
    entry_key = f"nav:k:{name}"
    try:
        got = cache.get_many([*keys, entry_key])
    except CACHE_ERRORS:
        log.exception("navigation cache unavailable")
        return compute()
    # read before computing: a change meanwhile bumps after
    stamp = [registry_version(), *(got.get(key) for key in keys)]
    entry = got.get(entry_key)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    value = compute()
    try:
        cache.set(entry_key, (stamp, value), TIMEOUT)
    except CACHE_ERRORS:
        log.exception("navigation cache: %s not stored", name)
    return value
