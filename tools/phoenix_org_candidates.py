"""List organisations of PETRARCH's 2014 actor dictionaries that Accord's tables do not match yet.

A curation aid, not a converter: it prints candidates (name, aliases, codes) for a person to check,
bring up to date and write into ``src/accord/actors/data/organisations/*.csv`` by hand. The 2014 lists
carry noise (headline fragments, misspellings, dissolved groups), so nothing is written automatically.

    .venv/bin/python tools/phoenix_org_candidates.py ../shared/data/phoenix_milnonstate_actors.txt --limit 50
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.actors.kb import build_kb  # noqa: E402

_CODE = re.compile(r"\[([^\]]+)\]")


def read_entries(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(name, aliases, codes) per entry: a head line, its ``+`` alias lines, codes on any of them."""
    entries: list[tuple[str, list[str], list[str]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = _CODE.findall(line)
        text = _CODE.sub("", line).strip()
        phrase = text.lstrip("+").strip("_ ").replace("_", " ").strip()
        if line.startswith("+") and entries:
            if phrase:
                entries[-1][1].append(phrase)
            entries[-1][2].extend(codes)
        elif line.startswith((" ", "\t")) and entries:
            entries[-1][2].extend(codes)
        elif phrase and not phrase.startswith(("<", "!")):
            entries.append((phrase, [], list(codes)))
    return entries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dictionary", type=Path, help="a PETRARCH actor dictionary (phoenix_*_actors.txt)")
    ap.add_argument("--limit", type=int, default=None, help="print at most N candidates")
    args = ap.parse_args(argv)
    if not args.dictionary.exists():
        print(f"{args.dictionary}: not found (the shared data folder is for development only)", file=sys.stderr)
        return 1
    kb = build_kb()
    shown = 0
    for name, aliases, codes in read_entries(args.dictionary):
        forms = [name, *aliases]
        if any(tuple(f.lower().split()) in kb.index for f in forms):
            continue
        print(f"{name}\t{' | '.join(aliases[:5])}\t{' '.join(dict.fromkeys(codes))}")
        shown += 1
        if args.limit is not None and shown >= args.limit:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
