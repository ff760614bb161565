"""Validate a record's JSON form against its versioned schema in ``accord/schema/``.

A record names its schema in its ``"schema"`` key (``accord.event/1``); the file is
``accord.event.1.json``. Records without that key (an embedded actor) are checked by naming the
schema explicitly. The schemas refer to each other by ``$id``; all are loaded into one registry, so
no network access ever happens.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from accord.errors import RecordError

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
ID_PREFIX = "https://accord.example/schema/"


def schema_file(name: str) -> Path:
    """``accord.event/1`` -> ``.../schema/accord.event.1.json``."""
    base, _, version = name.partition("/")
    return SCHEMA_DIR / f"{base}.{version}.json"


@lru_cache(maxsize=1)
def _registry() -> tuple[Registry, dict[str, dict]]:
    schemas: dict[str, dict] = {}
    for path in sorted(SCHEMA_DIR.glob("accord.*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        schemas[schema["$id"].removeprefix(ID_PREFIX)] = schema
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    return registry, schemas


def schema_names() -> list[str]:
    """The schemas shipped, e.g. ``['accord.actor/1', 'accord.document/1', ...]``."""
    return sorted(_registry()[1])


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    registry, schemas = _registry()
    if name not in schemas:
        raise RecordError(f"unknown schema {name!r}; known: {', '.join(sorted(schemas))}")
    return Draft202012Validator(schemas[name], registry=registry)


def problems(obj: dict, schema: str | None = None) -> list[str]:
    """Every way ``obj`` breaks its schema, as ``path: message`` strings (empty when valid)."""
    name = schema or (obj.get("schema") if isinstance(obj, dict) else None)
    if not name:
        raise RecordError("the object has no 'schema' key; pass schema='accord.actor/1' or similar")
    errors = sorted(_validator(name).iter_errors(obj), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in errors]


def validate(obj: dict, schema: str | None = None) -> None:
    """Raise :class:`~accord.errors.RecordError` (E501) unless ``obj`` matches its schema.

    The schema is ``obj["schema"]`` unless given (records embedded in others, such as actors,
    carry no ``schema`` key).
    """
    found = problems(obj, schema)
    if found:
        name = schema or obj.get("schema")
        shown = "; ".join(found[:5]) + (f" (and {len(found) - 5} more)" if len(found) > 5 else "")
        raise RecordError(f"{name}: {shown}")
