"""The event ontology: PLOVER 2.0 types and modes, contexts, and the CAMEO code table.

Both live in data files (``events/data/plover.yaml``, ``events/data/cameo.csv``) so users can read and
extend them; this module loads them once, validates them (a bad entry raises :class:`DataError`
naming it) and answers the questions the coder asks: the quad class, intensity and CAMEO code for a
PLOVER type and mode, the Goldstein value of a CAMEO code, and how early PLOVER names map to 2.0.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError, UnknownEventTypeError

DATA_DIR = Path(__file__).resolve().parent / "data"
PLOVER_FILE = DATA_DIR / "plover.yaml"
CAMEO_FILE = DATA_DIR / "cameo.csv"

_CAMEO_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)\d{0,2}$")
_CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_event", "plover_mode")


@dataclass(frozen=True, slots=True)
class PloverMode:
    name: str
    intensity: float  # the mode's own intensity, else the type's base intensity
    cameo: str
    definition: str = ""


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: int
    base: float  # PLOVER base intensity
    definition: str
    recipient_required: bool
    cameo: str  # the CAMEO code emitted when no mode or variant says otherwise
    modes: Mapping[str, PloverMode] = field(default_factory=dict)
    variants: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def intensity(self, mode: str | None = None) -> float:
        m = self.modes.get(mode) if mode else None
        return m.intensity if m else self.base


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover_event: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Ontology:
    """PLOVER types, contexts and CAMEO codes, validated against each other."""

    plover: Mapping[str, PloverType]
    contexts: Mapping[str, str]  # name -> short description
    cameo: Mapping[str, CameoCode]
    context_aliases: Mapping[str, str] = field(default_factory=dict)
    early_types: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    early_modes: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    version: str = ""

    def _type(self, event: str) -> PloverType:
        try:
            return self.plover[event]
        except KeyError:
            raise UnknownEventTypeError(f"PLOVER type {event!r}") from None

    def cameo_for(self, event: str, mode: str | None = None, variant: str | None = None) -> str:
        """The CAMEO code that best renders a PLOVER ``event`` (+ ``mode``, + optional ``variant``).

        ``variant`` names a refinement listed under the type in plover.yaml (e.g. AGREE ``sign`` ->
        057, REQUEST ``demand`` -> 10x, AID ``humanitarian`` -> 073); unknown variants are ignored.
        """
        t = self._type(event)
        if variant and variant in t.variants:
            v = t.variants[variant]
            return v.get(mode or "", v["default"])
        m = t.modes.get(mode) if mode else None
        return m.cameo if m else t.cameo

    def goldstein(self, code: str) -> float:
        return self._code(code).goldstein

    def quad(self, code: str) -> int:
        return self._code(code).quad

    def intensity(self, event: str, mode: str | None = None) -> float:
        """PLOVER intensity of a type, or of its mode where the mode carries its own."""
        return self._type(event).intensity(mode)

    def _code(self, code: str) -> CameoCode:
        try:
            return self.cameo[code]
        except KeyError:
            raise UnknownEventTypeError(f"CAMEO code {code!r}") from None

    def normalise_type(self, name: str, mode: str | None = None) -> tuple[str, str | None]:
        """Map an event name (current or early PLOVER draft) and mode to a PLOVER 2.0 (type, mode).

        Early names: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE/investigate,
        FIGHT -> ASSAULT. Early mode names are renamed (e.g. PROTEST strike-hun -> hunger); a mode
        that is not valid for the resulting type becomes None.
        """
        key = (name or "").strip().upper()
        mode = (mode or "").strip().lower() or None
        forced_mode: str | None = None
        if key in self.early_types:
            key, forced_mode = self.early_types[key]
        t = self._type(key)
        if mode and mode not in t.modes:
            mode = self.early_modes.get(key, {}).get(mode)
            if mode not in t.modes:
                mode = None
        return key, forced_mode or mode

    def normalise_context(self, name: str) -> str | None:
        """A PLOVER context name for ``name`` (case, spacing and known aliases folded), else None."""
        key = re.sub(r"[\s-]+", "_", (name or "").strip().lower())
        key = self.context_aliases.get(key, key)
        return key if key in self.contexts else None


def _fail(where: str, what: str) -> DataError:
    return DataError(f"{where}: {what}")


def _read_cameo(path: Path) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise _fail(str(path), f"cannot be read ({exc})") from exc
    with handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != _CAMEO_COLUMNS:
            raise _fail(str(path), f"columns must be {','.join(_CAMEO_COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            code = (row["code"] or "").strip()
            if not _CAMEO_CODE.match(code):
                raise _fail(where, f"bad CAMEO code {code!r} (two to four digits, root 01-20, as text)")
            if code in codes:
                raise _fail(where, f"duplicate code {code}")
            try:
                goldstein = float(row["goldstein"])
                quad = int(row["quad_class"])
            except (TypeError, ValueError):
                raise _fail(where, "goldstein must be a number and quad_class an integer") from None
            if not -10.0 <= goldstein <= 10.0:
                raise _fail(where, f"goldstein {goldstein} outside [-10, 10]")
            if quad not in (1, 2, 3, 4):
                raise _fail(where, f"quad_class {quad} not in 1-4")
            codes[code] = CameoCode(
                code=code,
                name=(row["name"] or "").strip(),
                goldstein=goldstein,
                quad=quad,
                plover_event=(row["plover_event"] or "").strip() or None,
                plover_mode=(row["plover_mode"] or "").strip() or None,
            )
    for code in codes:
        if code[:2] not in codes:
            raise _fail(path.name, f"code {code} has no root {code[:2]}")
        if len(code) == 4 and code[:3] not in codes:
            raise _fail(path.name, f"code {code} has no parent {code[:3]}")
    return codes


def _read_plover(path: Path) -> dict:
    try:
        raw = _yaml_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(str(path), f"cannot be read as YAML ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        raise _fail(path.name, "needs a 'types' mapping")
    return raw


def _build_types(raw: dict, cameo: Mapping[str, CameoCode], where: str) -> dict[str, PloverType]:
    def code_ok(code, ctx: str) -> str:
        if not isinstance(code, str) or code not in cameo:
            raise _fail(where, f"{ctx}: CAMEO code {code!r} is not in cameo.csv")
        return code

    types: dict[str, PloverType] = {}
    for name, spec in raw["types"].items():
        ctx = f"type {name}"
        if not isinstance(spec, dict):
            raise _fail(where, f"{ctx}: must be a mapping")
        quad = spec.get("quad")
        base = spec.get("intensity")
        if quad not in (1, 2, 3, 4):
            raise _fail(where, f"{ctx}: quad {quad!r} not in 1-4")
        if not isinstance(base, (int, float)) or not -10 <= base <= 10:
            raise _fail(where, f"{ctx}: intensity {base!r} not a number in [-10, 10]")
        modes: dict[str, PloverMode] = {}
        for mname, mspec in (spec.get("modes") or {}).items():
            mspec = mspec or {}
            mint = mspec.get("intensity", base)
            if not isinstance(mint, (int, float)) or not -10 <= mint <= 10:
                raise _fail(where, f"{ctx} mode {mname}: intensity {mint!r} not in [-10, 10]")
            modes[mname] = PloverMode(
                mname, float(mint), code_ok(mspec.get("cameo"), f"{ctx} mode {mname}"), mspec.get("definition", "")
            )
        variants: dict[str, Mapping[str, str]] = {}
        for vname, v in (spec.get("variants") or {}).items():
            vmap = {"default": v} if isinstance(v, str) else dict(v or {})
            if "default" not in vmap:
                raise _fail(where, f"{ctx} variant {vname}: needs a default code")
            for k, c in vmap.items():
                if k != "default" and k not in modes:
                    raise _fail(where, f"{ctx} variant {vname}: {k!r} is not a mode of {name}")
                code_ok(c, f"{ctx} variant {vname}")
            variants[vname] = MappingProxyType(vmap)
        types[name] = PloverType(
            name=name,
            quad=quad,
            base=float(base),
            definition=str(spec.get("definition", "")),
            recipient_required=bool(spec.get("recipient_required", False)),
            cameo=code_ok(spec.get("cameo"), ctx),
            modes=MappingProxyType(modes),
            variants=MappingProxyType(variants),
        )
    return types


def build_ontology(plover_path: Path = PLOVER_FILE, cameo_path: Path = CAMEO_FILE) -> Ontology:
    """Load and cross-validate the two files (uncached; use :func:`load_ontology` normally)."""
    cameo = _read_cameo(cameo_path)
    raw = _read_plover(plover_path)
    where = plover_path.name
    types = _build_types(raw, cameo, where)
    for c in cameo.values():
        if c.plover_event is None:
            if c.plover_mode:
                raise _fail(cameo_path.name, f"code {c.code}: a mode without a PLOVER type")
            continue
        if c.plover_event not in types:
            raise _fail(cameo_path.name, f"code {c.code}: unknown PLOVER type {c.plover_event!r}")
        if c.plover_mode and c.plover_mode not in types[c.plover_event].modes:
            raise _fail(cameo_path.name, f"code {c.code}: {c.plover_mode!r} is not a mode of {c.plover_event}")

    contexts = {str(k): str(v) for k, v in (raw.get("contexts") or {}).items()}
    aliases = {str(k): str(v) for k, v in (raw.get("context_aliases") or {}).items()}
    for alias, target in aliases.items():
        if target not in contexts:
            raise _fail(where, f"context alias {alias} -> unknown context {target!r}")

    early_types: dict[str, tuple[str, str | None]] = {}
    for old, spec in (raw.get("early_types") or {}).items():
        new, mode = (spec or {}).get("type"), (spec or {}).get("mode")
        if new not in types or (mode and mode not in types[new].modes):
            raise _fail(where, f"early type {old}: maps to unknown {new}/{mode}")
        early_types[old] = (new, mode)
    early_modes: dict[str, Mapping[str, str | None]] = {}
    for tname, mapping in (raw.get("early_modes") or {}).items():
        if tname not in types:
            raise _fail(where, f"early modes for unknown type {tname}")
        for old, new in (mapping or {}).items():
            if new is not None and new not in types[tname].modes:
                raise _fail(where, f"early mode {tname}/{old}: {new!r} is not a mode of {tname}")
        early_modes[tname] = MappingProxyType(dict(mapping or {}))

    return Ontology(
        plover=MappingProxyType(types),
        contexts=MappingProxyType(contexts),
        cameo=MappingProxyType(cameo),
        context_aliases=MappingProxyType(aliases),
        early_types=MappingProxyType(early_types),
        early_modes=MappingProxyType(early_modes),
        version=str(raw.get("version", "")),
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The shipped ontology, loaded and validated once per process."""
    return build_ontology()
