"""A client of the read API for the tests: validates objects against the OParl 1.1 schemas and walks
from the System through every Body's lists, page by page, to their ends."""

import json
import pathlib
import re
from urllib.parse import urlsplit

import jsonschema
from jsonschema import validators

SCHEMA_DIR = pathlib.Path(__file__).resolve().parent / "oparl" / "schema"
SCHEMAS = {p.name: json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.json")}
URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")
BODY_LISTS = (
    "organization",
    "person",
    "membership",
    "meeting",
    "agendaItem",
    "paper",
    "file",
    "locationList",
    "legislativeTermList",
)

format_checker = jsonschema.FormatChecker()


@format_checker.checks("url")
def _is_url(value):
    # OParl's "url" is not a JSON Schema format: an absolute http(s) URL (the schemas' README).
    return not isinstance(value, str) or bool(URL.match(value))


def _embedded(validator, schema_name, instance, schema):
    """``"schema": "X.json"`` on an embedded object: the object must validate against X.json."""
    if isinstance(instance, dict) and schema_name.endswith(".json"):
        yield from _validator(schema_name).descend(instance, SCHEMAS[schema_name])


OParlValidator = validators.extend(jsonschema.Draft7Validator, {"schema": _embedded})


def _validator(name):
    return OParlValidator(SCHEMAS[name], format_checker=format_checker)


def validate(obj):
    """Validate an object against the schema of its ``type``; returns the type's name."""
    name = obj["type"].rsplit("/", 1)[-1]
    errors = sorted(_validator(f"{name}.json").iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, f"{obj.get('id')}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    return name


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Walker:
    """Fetches with ``get(path)`` (a test client bound to a reader) and records every object seen."""

    def __init__(self, get):
        self.get = get
        self.seen = {}  # id -> object
        self.lists = 0

    def fetch(self, url):
        response = self.get(path_of(url))
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response.json()

    def walk_list(self, url):
        """Every page of a list, following ``links.next`` to the end; checks the pagination block."""
        objects, page = [], self.fetch(url)
        total = page["pagination"]["totalElements"]
        while True:
            assert set(page) >= {"data", "pagination", "links"}
            for obj in page["data"]:
                validate(obj)
                self.seen[obj["id"]] = obj
                objects.append(obj)
            if "next" not in page["links"]:
                break
            page = self.fetch(page["links"]["next"])
        assert len(objects) == total, url
        self.lists += 1
        return objects

    def walk(self):
        system = self.fetch("/api/oparl/v1/")
        validate(system)
        for body in self.walk_list(system["body"]):
            for key in BODY_LISTS:
                if key in body:
                    self.walk_list(body[key])
        return self.seen
