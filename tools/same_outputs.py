"""Dump everything the pipeline codes for the gold sets and the first readouts, or compare with an earlier dump.

A restructuring for speed must not change one coded field: run ``dump`` on the commit you start from, change
the code, run ``compare`` (both coders, v1 and v2, unless ``--coder`` narrows it)::

    .venv/bin/python tools/same_outputs.py dump /tmp/before.json
    .venv/bin/python tools/same_outputs.py compare /tmp/before.json

Each document's events, quotes, problems and resolved actors are compared as their ``to_dict()`` JSON.
Files that are absent (``../shared/data``) are skipped and reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
READOUTS = SHARED / "wh_diplomacy_2021_2022.jsonl"


def _sets(readouts: int) -> dict[str, list]:
    from accord.eval.gold import load_gold
    from accord.records import Document

    out: dict[str, list] = {}
    paths = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
    paths += [SHARED / "plover_gsr_dev.jsonl", SHARED / "plv_dev.jsonl"]
    for path in paths:
        if not path.exists():
            print(f"skipped (absent): {path}", file=sys.stderr)
            continue
        gold = load_gold(path)
        out[path.stem] = [Document(id=d.id, text=d.text, title=d.title, date=d.date, source=d.origin, format="jsonl")
                          for d in gold.documents]
    if READOUTS.exists() and readouts:
        from accord.ingest import read_paths

        docs = [d for d in read_paths([READOUTS]) if isinstance(d, Document)]
        out["readouts"] = docs[:readouts]
    else:
        print(f"skipped (absent): {READOUTS}", file=sys.stderr)
    return out


def dump(coders: list[str], readouts: int) -> dict:
    from accord.pipeline import code_documents
    from accord.settings import load_settings

    result: dict = {}
    sets = _sets(readouts)
    for coder in coders:
        settings = load_settings().with_(coder=coder)
        for name, docs in sets.items():
            coded = {}
            for c in code_documents(docs, settings):
                coded[c.document.id] = {
                    "events": [e.to_dict() for e in c.events],
                    "quotes": [q.to_dict() for q in c.quotes],
                    "actors": [a.to_dict() for a in c.actors],
                    "problems": [p.to_dict() for p in c.problems],
                }
            result[f"{coder}/{name}"] = coded
            n = sum(len(v["events"]) for v in coded.values())
            print(f"{coder}/{name}: {len(coded)} documents, {n} events", file=sys.stderr)
    return result


def compare(before: dict, after: dict) -> int:
    """Number of differing documents; the first few differences are printed."""
    bad = 0
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b is None or a is None:
            print(f"{key}: only in {'after' if b is None else 'before'}")
            bad += 1
            continue
        diff = [i for i in sorted(set(b) | set(a)) if b.get(i) != a.get(i)]
        for doc_id in diff[:3]:
            for part in ("events", "quotes", "actors", "problems"):
                x, y = (b.get(doc_id) or {}).get(part), (a.get(doc_id) or {}).get(part)
                if x != y:
                    print(f"{key} {doc_id} {part}:\n  before {json.dumps(x)[:600]}\n  after  {json.dumps(y)[:600]}")
        print(f"{key}: {len(b)} documents, {len(diff)} differ")
        bad += len(diff)
    return bad


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("dump", "compare"))
    ap.add_argument("file")
    ap.add_argument("--coder", action="append", choices=("v1", "v2"), help="Default: both.")
    ap.add_argument("--readouts", type=int, default=200)
    args = ap.parse_args(argv)
    coders = args.coder or ["v1", "v2"]
    now = dump(coders, args.readouts)
    if args.action == "dump":
        Path(args.file).write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
        return 0
    before = json.loads(Path(args.file).read_text(encoding="utf-8"))
    before = {k: v for k, v in before.items() if k.split("/")[0] in coders}
    bad = compare(before, now)
    print("identical" if not bad else f"{bad} documents differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
