"""The normalisation tables used by evaluation (``data/gold_codes.yaml``), loaded once and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError

DATA_FILE = Path(__file__).with_name("data") / "gold_codes.yaml"
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,4}$")


@dataclass(frozen=True)
class GoldCodes:
    """Old event names -> (type, mode), old country codes -> ISO3, IGO codes, the PLOVER types."""

    event_types: dict[str, tuple[str, str | None]]
    country_codes: dict[str, str]
    igo_codes: frozenset[str]
    plover_types: frozenset[str]
    symmetric_types: frozenset[str] = frozenset()
    #: types whose joint event (both sides as source, no target) stands for X->Y and Y->X
    joint_types: frozenset[str] = frozenset()

    def event_type(self, name: str, mode: str | None = None) -> tuple[str, str | None]:
        """Normalise an event type name (and its mode) to a PLOVER 2.0 (type, mode).

        The shared ontology does it when it is installed (it also renames early modes); this
        module's table is the fallback, so evaluation works on its own.
        """
        key = (name or "").strip().upper()
        mode = mode or None
        try:
            from accord.events.ontology import load_ontology

            result = load_ontology().normalise_type(key, mode)
            event, new_mode = result if isinstance(result, tuple) else (result, mode)
            if event in self.plover_types:
                return str(event), new_mode
        except Exception:  # noqa: BLE001 - the ontology is optional here
            pass
        if key in self.event_types:
            event, implied = self.event_types[key]
            return event, mode or implied
        return key, mode

    def country(self, code: str | None) -> str | None:
        """Normalise a gold or predicted country code for comparison (IGOs compare as ``IGO``)."""
        if not code:
            return None
        key = code.strip().upper()
        if not key:
            return None
        key = self.country_codes.get(key, key)
        return "IGO" if key in self.igo_codes else key


@lru_cache(maxsize=1)
def load_codes(path: Path = DATA_FILE) -> GoldCodes:
    """Load and validate the tables; a broken entry raises :class:`DataError` naming it."""
    try:
        raw = _yaml_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{path}: expected a mapping at the top level")
    plover = raw.get("plover_types") or []
    if not isinstance(plover, list) or len(plover) != 16 or not all(isinstance(t, str) for t in plover):
        raise DataError(f"{path}: plover_types must list the 16 PLOVER 2.0 types")
    types: dict[str, tuple[str, str | None]] = {}
    for old, spec in (raw.get("event_types") or {}).items():
        if not isinstance(spec, dict) or spec.get("event") not in plover:
            raise DataError(f"{path}: event_types.{old} must map to {{event: <PLOVER type>, mode?: str}}")
        types[str(old).upper()] = (spec["event"], spec.get("mode"))
    countries: dict[str, str] = {}
    for old, new in (raw.get("country_codes") or {}).items():
        if not (isinstance(new, str) and _CODE.match(str(old)) and _CODE.match(new)):
            raise DataError(f"{path}: country_codes.{old} -> {new!r} is not a code mapping")
        countries[str(old)] = new
    igos = raw.get("igo_codes") or []
    if not all(isinstance(c, str) and _CODE.match(c) for c in igos):
        raise DataError(f"{path}: igo_codes must be a list of upper-case codes")
    symmetric = raw.get("symmetric_types") or []
    if not isinstance(symmetric, list) or not set(symmetric) <= set(plover):
        raise DataError(f"{path}: symmetric_types must list PLOVER types")
    joint = raw.get("joint_types") or []
    if not isinstance(joint, list) or not set(joint) <= set(plover):
        raise DataError(f"{path}: joint_types must list PLOVER types")
    return GoldCodes(types, countries, frozenset(igos), frozenset(plover), frozenset(symmetric), frozenset(joint))
