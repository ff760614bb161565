"""Build the JSONL of corpus/readouts and corpus/written_coop from the block sources in tools/corpus_src.

Readouts: ``readouts_draft.txt`` (Accord v1's draft, tools/corpus_pre_readouts.py) is overridden
sentence by sentence by ``readouts_review.txt`` (the hand review: a block there replaces the draft's
events, ``@ ID DROP`` removes the sentence). Only documents up to ``@ REVIEWED N`` are written, so an
unreviewed draft line never reaches the corpus. Written sentences: every ``written_*.txt`` becomes
``corpus/written_coop/<name>.jsonl`` with ids ``wc-<name>-NNNN`` in file order.

    .venv/bin/python tools/corpus_build.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus_dsl import BlockError, auto_phenomena, finish, read_blocks  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(__file__).with_name("corpus_src")
#: the readouts the sentences come from: their titles ("Readout of ...'s Call with ...") go with each
#: sentence, as the coder sees them in use (they name the parties of a call or a joint statement)
READOUTS = ROOT.parent / "shared" / "data" / "wh_diplomacy_2021_2022.jsonl"


def _titles() -> dict[str, str]:
    if not READOUTS.exists():
        raise SystemExit(f"{READOUTS} is needed for the readouts' titles")
    out = {}
    for line in READOUTS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out[rec["id"]] = rec["title"]
    return out


def _line(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False)


def _record(block, *, origin: str, source_doc: str | None = None, title: str | None = None, extra_tags=()) -> dict:
    tags = list(dict.fromkeys([*extra_tags, *block.phenomena, *auto_phenomena(block.text, block.events)]))
    doc = {"id": block.id, "date": block.date, "origin": origin}
    if source_doc:
        doc["source_doc"] = source_doc
    if title:
        doc["title"] = title
    doc.update(text=block.text, events=block.events, phenomena=tags)
    return doc


def build_readouts() -> tuple[int, int, int]:
    draft = read_blocks(SRC / "readouts_draft.txt")
    review_path = SRC / "readouts_review.txt"
    review = {b.id: b for b in read_blocks(review_path)} if review_path.exists() else {}
    reviewed = int(review.pop("REVIEWED").date) if "REVIEWED" in review else 0
    titles = _titles()
    out, corrected, dropped = [], 0, 0
    for block in draft:
        n = int(block.id.split("-")[1])
        if n > reviewed:
            continue
        kind, doc_id = block.header[0], block.header[1]
        fix = review.get(block.id)
        if fix is not None:
            if fix.date == "DROP":
                dropped += 1
                continue
            before = [e["_line"].split(" ", 1)[1] for e in block.events]
            after = [e["_line"].split(" ", 1)[1] for e in fix.events]
            if before != after:
                corrected += 1
            block.events, block.phenomena = fix.events, fix.phenomena
        finish(block)
        out.append(_record(block, origin="wh-readout", source_doc=doc_id, title=titles.get(doc_id),
                           extra_tags=[kind]))
    path = ROOT / "corpus" / "readouts" / "wh_readouts.jsonl"
    path.write_text("".join(_line(d) + "\n" for d in out), encoding="utf-8")
    return len(out), corrected, dropped


def build_written() -> int:
    total = 0
    for src in sorted(SRC.glob("written_*.txt")):
        name = src.stem.removeprefix("written_")
        out = []
        for k, block in enumerate(read_blocks(src), 1):
            tags = ([block.date] if block.date else []) + block.header
            block.date, block.id = block.id, f"wc-{name}-{k:04d}"
            finish(block)
            out.append(_record(block, origin="written", extra_tags=tags))
        path = ROOT / "corpus" / "written_coop" / f"{name}.jsonl"
        path.write_text("".join(_line(d) + "\n" for d in out), encoding="utf-8")
        total += len(out)
    return total


def main() -> int:
    try:
        n, corrected, dropped = build_readouts()
        w = build_written()
    except BlockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"readouts: {n} sentences ({corrected} corrected by hand, {dropped} dropped); written: {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
