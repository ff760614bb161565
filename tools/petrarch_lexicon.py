"""Convert PETRARCH2's CAMEO verb dictionary into Accord trigger entries (a generated data file).

Run from the project root (re-runnable; the output is deterministic):

    .venv/bin/python tools/petrarch_lexicon.py [../shared/data/petrarch_cameo_verbs.txt] \
        [-o src/accord/events/data/triggers_petrarch.yaml]

What is read: the synonym sets (``&NAME`` / ``+WORD``), the verb groups (``--- NAME [code] ---``),
their verbs (``VERB [code] {FORMS}``, multi-word verbs ``+VERB_PARTICLE``) and patterns
(``- PRE * POST [code] # VERB``). What is written:

- a bare entry for each verb that carries a CAMEO code (its own, else its group's);
- a framed entry (``with:``) for each pattern whose words after the verb Accord's matcher can test
  (objects, particles, prepositions and their objects; synonym sets become alternatives). Words
  before the verb name the actor, which never decides the event in Accord, so they are dropped; a
  pattern left with nothing to test is skipped. A pattern applies to the verb named in its comment
  when that verb is in the group (PETRARCH found it there), else to the whole group;
- CAMEO codes are mapped to PLOVER type and mode through the ontology (``events/data/cameo.csv``);
  CAMEO 01 (public statements) has no PLOVER type and is not imported;
- the clause class follows the type: REQUEST directive, AGREE intent codes (03x) commissive,
  THREATEN threat, REJECT refusal, ACCUSE (11x) accusation; everything else codes an event;
- ``src/accord/events/data/petrarch_curation.yaml`` (a reason on every line) drops over-general
  verbs, drops or remaps codes, and is applied here so the generated file shows the result.

The dictionary is MIT-licensed (Copyright (c) 2015 Open Event Data Alliance); the facts taken from
it ("this verb in this frame means CAMEO X") are attributed in the header of the generated file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import OrderedDict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accord.events.ontology import load_ontology  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch_cameo_verbs.txt"
DEFAULT_OUTPUT = ROOT / "src" / "accord" / "events" / "data" / "triggers_petrarch.yaml"
CURATION = ROOT / "src" / "accord" / "events" / "data" / "petrarch_curation.yaml"

_GROUP = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
#: Words of a pattern that carry no constraint Accord could test.
_FUNCTION = frozenset(
    "a an the its his her their our my your this that these those some any all of_ and or $ ^ % + = * _".split()
)
#: Confidence of the generated entries: below the hand lexicon's default of 0.7.
BARE_CONFIDENCE = 0.5
FRAMED_CONFIDENCE = 0.6
MAX_WITH = 3


def _code(raw: str) -> str | None:
    """``[042:043]`` → ``042``; ``[:173]`` → ``173``; ``[---]`` → None."""
    parts = [p.strip() for p in raw.split(":")]
    for p in parts:
        if p and p.isdigit():
            return p
    return None


def _word(token: str) -> str:
    return token.strip().lower().replace("_", " ").strip().split(" ")[-1] if token.strip() else ""


#: Prepositions and particles of patterns: matched as written, never inflected.
_PARTICLES = frozenset(
    "about above across after against along among around as at away back before behind below beneath beside "
    "between beyond by down during for from in inside into near off on onto out outside over past since "
    "through throughout to toward towards under until up upon with within without".split()
)


def _forms(word: str) -> set[str]:
    """A noun and its plural/singular, since the matcher compares lemmas and surface forms."""
    out = {word}
    if len(word) > 3 and word not in _PARTICLES:
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
        elif word.endswith("s") and not word.endswith("ss"):
            out.add(word[:-1])
        elif word.endswith("y") and word[-2] not in "aeiou":
            out.add(word[:-1] + "ies")
        else:
            out.add(word + "s")
    return out


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """Synonym sets and verb groups: ``[{name, code, verbs: [(lemma, code, particles)], patterns: [...]}]``."""
    synsets: dict[str, list[str]] = {}
    groups: list[dict] = []
    section = None
    current_set = None
    group = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("-") else raw.rstrip()
        if raw.startswith("####### SYNONYM"):
            section = "syn"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if section == "syn":
            if line.startswith("&"):
                current_set = line.strip().upper()
                synsets[current_set] = []
            elif line.startswith("+") and current_set:
                synsets[current_set].append(_word(line[1:]))
            continue
        if section != "verbs":
            continue
        m = _GROUP.match(raw)
        if m:
            group = {"name": m.group(1).strip(), "code": _code(m.group(2)), "verbs": [], "patterns": []}
            groups.append(group)
            continue
        if group is None or not line.strip():
            continue
        if line.lstrip().startswith("-"):
            body, _, comment = raw.lstrip()[1:].partition("#")
            codes = _CODE.findall(body)
            if not codes:
                continue
            words = _CODE.sub(" ", body).strip()
            group["patterns"].append({
                "words": words, "code": _code(codes[-1]),
                "verb": comment.strip().split()[0].lower() if comment.strip() else None,
            })
            continue
        codes = _CODE.findall(line)
        head = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", line)).split()
        if not head:
            continue
        token = head[0]
        multi = token.startswith("+")
        parts = [p for p in token.lstrip("+").lower().split("_") if p]
        if not parts:
            continue
        group["verbs"].append({
            "lemma": parts[0], "particles": parts[1:] if multi else [],
            "code": _code(codes[0]) if codes else None,
        })
    return synsets, groups


def _pattern_items(words: str, synsets: dict[str, list[str]]) -> list[frozenset[str]] | None:
    """The ``with:`` items of a pattern (after the verb), or None when it cannot be expressed."""
    if "*" not in words:
        return None
    post = words.split("*", 1)[1]
    tokens = re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", post)
    items: list[frozenset[str]] = []
    for tok in tokens:
        inner = tok.strip("{}()").split()
        for w in inner:
            w = w.strip()
            if not w or w.lower() in _FUNCTION or not re.search(r"[A-Za-z&]", w):
                continue
            if w.startswith("&"):
                members = synsets.get(w.upper())
                if not members:
                    return None
                alts = set()
                for mem in members:
                    if mem:
                        alts |= _forms(mem)
                items.append(frozenset(alts))
            else:
                low = _word(w)
                if not low.isascii() or not re.fullmatch(r"[a-z][a-z'-]*", low):
                    return None
                items.append(frozenset(_forms(low)))
    if not items:
        return None
    return items[:MAX_WITH]


def _klass(event: str, code: str) -> str:
    if event == "REQUEST":
        return "directive"
    if event == "AGREE" and code.startswith("03"):
        return "commissive"
    if event == "THREATEN":
        return "threat"
    if event == "REJECT":
        return "refusal"
    if event == "ACCUSE" and code.startswith("11"):
        return "accusation"
    return "event"


def load_curation(path: Path = CURATION) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in ("exclude_bare", "exclude_verbs", "exclude_codes", "remap"):
        for row in data.get(key, []) or []:
            if not row.get("reason"):
                raise SystemExit(f"{path}: every curation line needs a reason: {row}")
    return data


def _resolve(code: str | None, onto) -> tuple[str, str | None, str] | None:
    """(PLOVER type, mode, CAMEO code) for a CAMEO code, trying its parents when it is unknown."""
    while code:
        entry = onto.cameo.get(code)
        if entry is not None:
            if not entry.plover_event:
                return None
            return entry.plover_event, entry.plover_mode, code
        code = code[:-1] if len(code) > 2 else None
    return None


def convert(source: Path, curation: dict) -> tuple[list[dict], dict]:
    onto = load_ontology()
    synsets, groups = read_dictionary(source)
    def alts(rows, key) -> set[str]:
        return {a for r in rows or [] for a in str(r[key]).split("|") if a}

    exclude_bare = alts(curation.get("exclude_bare"), "verb")
    exclude_verbs = alts(curation.get("exclude_verbs"), "verb")
    exclude_codes = sorted(alts(curation.get("exclude_codes"), "code"))
    remaps = curation.get("remap", []) or []
    stats = {"groups": len(groups), "verbs": 0, "patterns": 0, "skipped": {}}

    def skip(reason: str) -> None:
        stats["skipped"][reason] = stats["skipped"].get(reason, 0) + 1

    def remap(verb: str, code: str, items) -> tuple[str, str | None, str] | None | bool:
        words = set().union(*items) if items else set()
        for r in remaps:
            if r.get("verb") and verb not in str(r["verb"]).split("|"):
                continue
            if "code" in r and not any(code.startswith(c) for c in str(r["code"]).split("|")):
                continue
            if r.get("with") and not (set(str(r["with"]).split("|")) & words):
                continue
            if r.get("drop"):
                return False
            return r["event"], r.get("mode"), str(r.get("cameo") or code)
        return None

    # key (verb, with-items) -> entry; the first pattern seen for a frame wins, a conflicting one is dropped
    entries: "OrderedDict[tuple, dict]" = OrderedDict()
    conflicts: set[tuple] = set()

    def add(verb: str, items: list[frozenset[str]], code: str | None, group: str) -> None:
        if verb in exclude_verbs:
            skip("curation: verb excluded")
            return
        if not items and verb in exclude_bare:
            skip("curation: bare verb excluded")
            return
        if code is None:
            skip("no CAMEO code")
            return
        if any(code.startswith(c) for c in exclude_codes):
            skip("curation: code excluded")
            return
        mapped = remap(verb, code, items)
        if mapped is False:
            skip("curation: dropped")
            return
        resolved = mapped or _resolve(code, onto)
        if resolved is None:
            skip("CAMEO code with no PLOVER type (public statements)")
            return
        event, mode, cameo = resolved
        key = (verb, tuple(sorted("|".join(sorted(i)) for i in items)))
        if key in entries:
            if entries[key]["event"] != event:
                conflicts.add(key)
            return
        entries[key] = {
            "verb": verb, "items": items, "event": event, "mode": mode, "cameo": cameo,
            "class": _klass(event, cameo), "group": group,
        }

    for g in groups:
        lemmas = [v["lemma"] for v in g["verbs"]]
        for v in g["verbs"]:
            stats["verbs"] += 1
            items = [frozenset({p}) for p in v["particles"]]
            add(v["lemma"], items, v["code"] or g["code"], g["name"])
        for p in g["patterns"]:
            stats["patterns"] += 1
            items = _pattern_items(p["words"], synsets)
            if items is None:
                skip("pattern not expressible (nothing after the verb, or an unknown set)")
                continue
            verbs = [p["verb"]] if p["verb"] in lemmas else sorted(set(lemmas))
            for verb in verbs:
                add(verb, items, p["code"], g["name"])
    for key in conflicts:
        del entries[key]
    stats["skipped"]["frame coded with two different types (dropped)"] = len(conflicts)
    return _merge_heads(list(entries.values())), stats


def _merge_heads(entries: list[dict]) -> list[dict]:
    """One YAML entry for all verbs of a group that share a frame and its meaning."""
    merged: "OrderedDict[tuple, dict]" = OrderedDict()
    for e in entries:
        key = (e["group"], tuple("|".join(sorted(i)) for i in e["items"]), e["event"], e["mode"], e["cameo"], e["class"])
        if key in merged:
            merged[key]["verbs"].append(e["verb"])
        else:
            merged[key] = {**e, "verbs": [e["verb"]]}
    out = []
    for e in merged.values():
        row = {"verb": "|".join(sorted(set(e["verbs"])))}
        if e["items"]:
            row["with"] = ["|".join(sorted(i)) for i in e["items"]]
        row["event"] = e["event"]
        if e["mode"]:
            row["mode"] = e["mode"]
        row["cameo"] = e["cameo"]
        if e["class"] != "event":
            row["class"] = e["class"]
        row["group"] = e["group"]
        row["confidence"] = FRAMED_CONFIDENCE if e["items"] else BARE_CONFIDENCE
        out.append(row)
    return out


HEADER = """\
# GENERATED by tools/petrarch_lexicon.py -- do not edit by hand; change petrarch_curation.yaml and re-run.
#
# Source: PETRARCH2's CAMEO 2.0 verb dictionary (openeventdata/petrarch2, CAMEO.2.0.txt),
# MIT License, Copyright (c) 2015 Open Event Data Alliance. The facts taken from it -- which verb,
# in which frame, means which CAMEO code -- are mapped to PLOVER type and mode through Accord's
# ontology (events/data/cameo.csv). Same entry format as triggers.yaml, plus `group` (the PETRARCH
# verb group, part of the rule id: accord/v1/petrarch/<group>/<cameo>/...). The hand lexicon
# (triggers.yaml) stays primary: these entries are used for a word only when no hand entry matches it.
#
"""


def _dump(entries: list[dict], stats: dict, source: Path) -> str:
    def flow(row: dict) -> str:
        return yaml.safe_dump(row, default_flow_style=True, width=10_000, sort_keys=False).strip()

    skipped = "".join(f"#   {n:5d}  {reason}\n" for reason, n in sorted(stats["skipped"].items()))
    lines = [
        HEADER,
        f"# {stats['groups']} groups, {stats['verbs']} verb lines, {stats['patterns']} patterns read; "
        f"{len(entries)} entries written. Not imported:\n{skipped}\n",
        "origin: petrarch\nentries:\n",
    ]
    lines.extend(f"  - {flow(row)}\n" for row in entries)
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--curation", type=Path, default=CURATION)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"not found: {args.source}", file=sys.stderr)
        return 2
    entries, stats = convert(args.source, load_curation(args.curation))
    args.output.write_text(_dump(entries, stats, args.source), encoding="utf-8")
    print(f"{args.output}: {len(entries)} entries from {stats['groups']} groups", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
