"""Build the written part of Accord's corpus (corpus/written, corpus/negatives) from compact sources.

Why: typing full JSON for ~1,700 annotated sentences invites mistakes; the sources under
tools/corpus_src/ keep one sentence and its events on a few lines, and this script expands them,
checks that every span, trigger, type, mode and CAMEO code is real, and writes the gold JSONL.
Standard library only. Usage: python tools/corpus_build_written.py [--check] [--modes]

Source syntax (one item = a date line, then event lines, then an optional tag line):

    2024-03-05 Israeli warplanes struck a residential block in Rafah overnight, Gaza officials said.
    = ASSAULT aerial 195; ISR MIL Israeli warplanes; PSE CVL a residential block in Rafah; struck
    # aerial reported_speech

An event line: ``TYPE [mode] cameo; SOURCE; TARGET; trigger[; flags]``. SOURCE/TARGET are
``CODES SECTORS text`` with ``+`` joining several codes or sectors, ``-`` for no sector and ``|``
joining several text spans; TARGET ``-`` means no target. Flags: ``neg``, ``intent``, ``hyp``.
``## tag ...`` sets tags added to every following item of the file (until the next ``##``).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "tools" / "corpus_src"
OUT = ROOT / "corpus"
CAMEO = ROOT / "src" / "accord" / "events" / "data" / "cameo.csv"
PLOVER = ROOT / "src" / "accord" / "events" / "data" / "plover.yaml"

_ITEM = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+)$")
_CODE = re.compile(r"^[A-Z]{3}$")
#: the PLOVER sectors Accord's actor data knows (src/accord/actors/data/sectors.yaml)
_SECTORS = frozenset("GOV MIL COP REB PRM OPP LEG JUD CVL REF JRN BUS EDU MED LAB REL AGR CRM ELI UAF SPY PTY".split())
#: CAMEO codes deliberately used under another PLOVER type: boycotts and walk-outs are PLOVER PROTEST
#: but CAMEO 143 shares "strike or boycott"; threats to boycott (1312) are THREATEN.
_CROSS_TYPE: frozenset[tuple[str, str]] = frozenset()
_FLAGS = {"neg": "negated", "intent": "intent", "hyp": "hypothetical"}
_AUTO_TAGS = {"negated": "negation", "intent": "intent", "hypothetical": "hypothetical"}


def _plover_modes() -> dict[str, set[str]]:
    """Types and their modes from plover.yaml, read without a YAML library (its layout is fixed)."""
    modes: dict[str, set[str]] = {}
    current = None
    in_modes = False
    for line in PLOVER.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^  ([A-Z]+):\s*$", line)
        if m:
            current, in_modes = m.group(1), False
            modes[current] = set()
            continue
        if current and re.match(r"^    modes:\s*$", line):
            in_modes = True
            continue
        if current and re.match(r"^    modes:\s*\{\}", line):
            in_modes = False
            continue
        if in_modes:
            mm = re.match(r"^      ([a-z][a-z-]*):", line)
            if mm:
                modes[current].add(mm.group(1))
            elif re.match(r"^    \S", line):
                in_modes = False
    return modes


def _cameo_codes() -> dict[str, str]:
    with CAMEO.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row.get("plover_event", "") for row in csv.DictReader(handle)}


class SourceError(ValueError):
    pass


def _side(field: str, where: str, text: str, *, allow_empty: bool) -> tuple[list, list, list]:
    field = field.strip()
    if field == "-":
        if not allow_empty:
            raise SourceError(f"{where}: the source cannot be empty")
        return [], [], []
    parts = field.split(None, 2)
    if len(parts) < 2:
        raise SourceError(f"{where}: side {field!r} needs CODES SECTORS [text]")
    codes = parts[0].split("+")
    sectors = [] if parts[1] == "-" else parts[1].split("+")
    spans = [s.strip() for s in parts[2].split("|")] if len(parts) > 2 else []
    for c in codes:
        if not _CODE.match(c):
            raise SourceError(f"{where}: bad code {c!r}")
    for s in sectors:
        if s not in _SECTORS:
            raise SourceError(f"{where}: bad sector {s!r}")
    for s in spans:
        if not s or s not in text:
            raise SourceError(f"{where}: span {s!r} not in the text")
    return codes, sectors, spans


def _event(line: str, where: str, text: str, modes: dict, cameo: dict) -> dict:
    fields = [f.strip() for f in line.split(";")]
    if len(fields) < 4:
        raise SourceError(f"{where}: an event line needs TYPE..; SOURCE; TARGET; trigger")
    head = fields[0].split()
    etype = head[0]
    if etype not in modes:
        raise SourceError(f"{where}: unknown type {etype}")
    mode = None
    rest = head[1:]
    if rest and not rest[0].isdigit():
        mode = rest.pop(0)
        if mode not in modes[etype]:
            raise SourceError(f"{where}: {etype} has no mode {mode!r} (modes: {sorted(modes[etype])})")
    if len(rest) != 1 or rest[0] not in cameo:
        raise SourceError(f"{where}: missing or unknown CAMEO code in {fields[0]!r}")
    code = rest[0]
    if cameo[code] and cameo[code] != etype and (etype, code) not in _CROSS_TYPE:
        raise SourceError(f"{where}: CAMEO {code} is {cameo[code]} in cameo.csv, not {etype}")
    src, ssec, stext = _side(fields[1], where, text, allow_empty=False)
    tgt, tsec, ttext = _side(fields[2], where, text, allow_empty=True)
    trigger = fields[3]
    if not trigger or trigger not in text:
        raise SourceError(f"{where}: trigger {trigger!r} not in the text")
    ev: dict = {"event": etype}
    if mode:
        ev["mode"] = mode
    ev.update({"cameo": code, "source": src, "source_sector": ssec, "source_text": stext,
               "target": tgt, "target_sector": tsec, "target_text": ttext, "trigger": trigger})
    for flag in (fields[4].split() if len(fields) > 4 else []):
        if flag not in _FLAGS:
            raise SourceError(f"{where}: unknown flag {flag!r}")
        ev[_FLAGS[flag]] = True
    return ev


def parse(path: Path, modes: dict, cameo: dict) -> list[dict]:
    items: list[dict] = []
    section: list[str] = []
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        where = f"{shown}:{lineno}"
        if not line or line.startswith("//"):
            continue
        if line.startswith("##"):
            # a section header groups items for the writer; only its negative:* tags label the items
            section = [t for t in line[2:].split() if t.startswith("negative:")]
            continue
        m = _ITEM.match(line)
        if m:
            items.append({"date": m.group(1), "text": m.group(2), "events": [], "phenomena": list(section),
                          "where": where})
            continue
        if not items:
            raise SourceError(f"{where}: line before the first item")
        item = items[-1]
        if line.startswith("="):
            item["events"].append(_event(line[1:], where, item["text"], modes, cameo))
        elif line.startswith("#"):
            item["phenomena"].extend(line[1:].split())
        else:
            raise SourceError(f"{where}: cannot read {line!r}")
    return items


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?(?:\w+(?:ed|en|wn|ht|ck|ung)|shot|hit|cut|held|put|set)\b"
                      r"|\b(?:came|come|comes|coming) under\b|\bfaced? (?:criticism|threats)\b|\bdrew criticism\b"
                      r"|\breceived death threats\b", re.I)
_REPORTED = re.compile(r"\b(?:said|says|told|according to|reported|insisted|concluded|found)\b")
_CONDITION = re.compile(r"\b(?:if|unless|or face|or they would|until)\b", re.I)


def _auto_tags(item: dict) -> list[str]:
    """Tags that follow from the text and events, so the breakdowns do not depend on the writer's memory."""
    text, events = item["text"], item["events"]
    tags = []
    if not text.rstrip().endswith((".", '"', "'", "?", "!")):
        tags.append("headline")
    if len(text.split()) >= 30:
        tags.append("long_sentence")
    if len([e for e in events if not e.get("negated")]) >= 2:
        tags.append("several_events")
    if any(_PASSIVE.search(e["trigger"]) for e in events):
        tags.append("passive")
    if events and _REPORTED.search(text):
        tags.append("reported_speech")
    if any(e["event"] == "THREATEN" for e in events) and _CONDITION.search(text):
        tags.append("conditional")
    if any(not e["source_text"] for e in events):
        tags.append("implicit_actor")
    for ev in events:
        for flag, tag in _AUTO_TAGS.items():
            if ev.get(flag):
                tags.append(tag)
    return tags


def _record(item: dict, ident: str) -> dict:
    tags = list(item["phenomena"]) + _auto_tags(item)
    seen: list[str] = []
    for t in tags:
        if t not in seen:
            seen.append(t)
    return {"id": ident, "date": item["date"], "origin": "written", "text": item["text"],
            "events": item["events"], "phenomena": seen}


def collect(src_dir: Path = SRC, out_dir: Path = OUT) -> tuple[dict[Path, list[dict]], list[str]]:
    """Parse every source file into the records to write, with every problem found (empty when valid)."""
    modes, cameo = _plover_modes(), _cameo_codes()
    errors: list[str] = []
    outputs: dict[Path, list[dict]] = {}
    for src in sorted((src_dir / "written").glob("*.txt")):
        try:
            outputs[out_dir / "written" / f"{src.stem}.jsonl"] = parse(src, modes, cameo)
        except SourceError as exc:
            errors.append(str(exc))
    neg_items: list[dict] = []
    for src in sorted((src_dir / "negatives").glob("*.txt")):
        try:
            neg_items.extend(parse(src, modes, cameo))
        except SourceError as exc:
            errors.append(str(exc))
    texts: dict[str, str] = {}
    for it in [it for its in outputs.values() for it in its] + neg_items:
        key = it["text"].strip().lower()
        if key in texts:
            errors.append(f"{it['where']}: the same text as {texts[key]}")
        texts[key] = it["where"]
    for it in neg_items:
        if any(not ev.get("negated") for ev in it["events"]) and "negative:has_event" not in it["phenomena"]:
            it["phenomena"].append("negative:has_event")
    records = {path: [_record(it, f"w-{path.stem}-{i:04d}") for i, it in enumerate(items, 1)]
               for path, items in outputs.items()}
    records[out_dir / "negatives" / "negatives.jsonl"] = [
        _record(it, f"wneg-{i:04d}") for i, it in enumerate(neg_items, 1)]
    return records, errors


def render(records: list[dict]) -> str:
    """The JSONL text of one output file (one record a line, UTF-8 kept readable)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def build(write: bool = True, show_modes: bool = False) -> int:
    records, errors = collect()
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    if write:
        for path, recs in records.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(recs), encoding="utf-8")
    by_type: dict[str, int] = {}
    by_mode: dict[str, int] = {}
    for path, recs in records.items():
        n_ev = sum(len(r["events"]) for r in recs)
        print(f"{path.relative_to(ROOT)}: {len(recs)} sentences, {n_ev} events")
        for r in recs:
            for ev in r["events"]:
                by_type[ev["event"]] = by_type.get(ev["event"], 0) + 1
                key = f"{ev['event']}/{ev.get('mode') or '-'}"
                by_mode[key] = by_mode.get(key, 0) + 1
    print("events by type:", ", ".join(f"{t} {n}" for t, n in sorted(by_type.items())))
    if show_modes:
        for key, n in sorted(by_mode.items()):
            print(f"  {key}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(build(write="--check" not in sys.argv[1:], show_modes="--modes" in sys.argv[1:]))
