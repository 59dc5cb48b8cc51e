"""Conformance of the read API with OParl 1.1: for the demo data (the demo councils, the lived-in cycle
with its signed protocol under control and the next meeting in preparation, ``manage.py load_demo_cycle``),
every object
the API returns to each role, listed or fetched by its own URL, validates against the schema of its type,
and every list is walked to its end."""

import pytest

from tests import clock
from tests.oparl_walk import Walker, path_of, validate
from tests.world import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(demo, today):
    from protocols.demo import load_demo_cycle

    return load_demo_cycle(today=today, password="demo-pass-123")


def reader(client, user_named, role):
    """A client reading as ``role`` with a personal token (anonymous: no token)."""
    if role == "anonymous":
        return lambda path: client.get(path)
    from council.token_services import api_token_create

    _token, raw = api_token_create(actor=user_named(role), name="conformance", now=clock.now())
    return lambda path: client.get(path, HTTP_AUTHORIZATION=f"Bearer {raw}")


# The invited judge exists only in the permission matrix's world; the demo has every other role.
@pytest.mark.parametrize("role", [r for r in ROLES if r != "judge"])
def test_every_object_of_every_type_validates_for_each_role(client, data, user_named, role):
    walker = Walker(reader(client, user_named, role))
    seen = walker.walk()
    for url, listed in seen.items():
        # The object's own URL answers the same object, valid on its own.
        alone = walker.fetch(url)
        validate(alone)
        assert alone["id"] == url == listed["id"]
    types = {obj["type"].rsplit("/", 1)[-1] for obj in seen.values()}
    if role == "anonymous":
        assert types == set()  # no council of the demo publishes its schedule
    if role == "secretary":
        # The republic council's secretary reads every kind of object the API has.
        assert types == {
            "Body", "Organization", "Person", "Membership", "LegislativeTerm", "Meeting", "AgendaItem",
            "Paper", "File", "Location",
        }  # fmt: skip
    assert walker.lists >= 1


def test_embedded_objects_validate_too(client, data, user_named):
    """Meetings embed their agenda items and location, papers their files, bodies their plan periods and
    people their memberships: each embedded object is valid against its own type's schema."""
    walker = Walker(reader(client, user_named, "secretary"))
    seen = walker.walk()
    embedded = []
    for obj in seen.values():
        for key in ("agendaItem", "auxiliaryFile", "membership", "legislativeTerm"):
            if isinstance(obj.get(key), list):
                embedded += [o for o in obj[key] if isinstance(o, dict)]
        for key in ("location", "mainFile"):
            if isinstance(obj.get(key), dict):
                embedded.append(obj[key])
    assert {validate(o) for o in embedded} == {"AgendaItem", "File", "Membership", "LegislativeTerm", "Location"}
    assert path_of(next(iter(seen))).startswith("/api/oparl/v1/")
