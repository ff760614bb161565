"""Counts over Accord's training corpus (every ``corpus/**/*.jsonl``), and its integrity gate.

Prints sentences per file and per origin, events per PLOVER type and per (type, mode), negated /
intent / hypothetical flags and the number of sentences with no positive event. Every line is read
with Accord's own gold reader, so a line the trainer could not use is reported here exactly as
``accord eval`` would report it (E304). Exits 1 when any line is invalid or an id occurs twice
anywhere in the corpus (ids must be unique across files, not only within one).

    .venv/bin/python tools/corpus_stats.py            # the whole corpus/
    .venv/bin/python tools/corpus_stats.py corpus/readouts --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from accord.eval.gold import load_gold

ROOT = Path(__file__).resolve().parents[1]


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        path = Path(p)
        found.extend(sorted(path.rglob("*.jsonl")) if path.is_dir() else [path])
    return found


def _origin(line: str) -> str:
    try:
        return str(json.loads(line).get("origin") or "unknown")
    except (ValueError, AttributeError):
        return "unreadable"


def collect(paths: list[str]) -> dict:
    """Read every file; return the counts and the problems (invalid lines, duplicate ids)."""
    files = _files(paths)
    per_file: dict[str, int] = {}
    origins: Counter = Counter()
    types: Counter = Counter()
    modes: Counter = Counter()
    flags: Counter = Counter()
    no_event = 0
    seen: dict[str, str] = {}
    problems: list[str] = []
    for path in files:
        gold = load_gold(path)
        rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        per_file[rel] = len(gold.documents)
        problems.extend(f"{p.source}: {p.code} {p.message}" for p in gold.problems)
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for line in lines:
            origins[_origin(line)] += 1
        for doc in gold.documents:
            if doc.id in seen:
                problems.append(f"{doc.origin}: duplicate id {doc.id!r} (first in {seen[doc.id]})")
            else:
                seen[doc.id] = doc.origin
            positive = [e for e in doc.events if not e.negated]
            if not positive:
                no_event += 1
            for e in doc.events:
                for flag in ("negated", "intent", "hypothetical"):
                    if getattr(e, flag):
                        flags[flag] += 1
                if e.negated:
                    continue
                types[e.event] += 1
                modes[f"{e.event}.{e.mode}" if e.mode else f"{e.event}.-"] += 1
    return {
        "files": per_file,
        "sentences": sum(per_file.values()),
        "origins": dict(origins),
        "types": dict(types.most_common()),
        "modes": dict(sorted(modes.items())),
        "flags": dict(flags),
        "no_event": no_event,
        "problems": problems,
    }


def _print(report: dict) -> None:
    print(f"{report['sentences']} sentences in {len(report['files'])} files "
          f"({report['no_event']} with no positive event)")
    for name, n in report["files"].items():
        print(f"  {n:6d}  {name}")
    print("origin:", ", ".join(f"{k} {v}" for k, v in sorted(report["origins"].items())))
    print("events per type (negated events not counted):")
    for t, n in report["types"].items():
        print(f"  {t:10s} {n:5d}")
    print("events per type.mode:")
    for m, n in report["modes"].items():
        print(f"  {m:28s} {n:5d}")
    print("flags:", ", ".join(f"{k} {v}" for k, v in sorted(report["flags"].items())) or "none")
    for p in report["problems"]:
        print(f"problem: {p}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus")])
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    files = _files(args.paths)
    if not files:
        print(f"no .jsonl files under {', '.join(args.paths)}", file=sys.stderr)
        return 1
    report = collect(args.paths)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        _print(report)
    if report["problems"]:
        print(f"{len(report['problems'])} problem(s): invalid lines or duplicate ids", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
