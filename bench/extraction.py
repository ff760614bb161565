"""Extraction quality on generated documents: sentences recovered whole and in order, furniture left.

Builds the PDFs of ``examples/make_layouts.py`` (two columns, a two-column multi-page report, three columns, an
8-page report with running header/footer and page numbers, a browser print, placeholder metadata)
and a .txt of text copied out of a multi-page PDF; reads each with Accord and prints, per document:
sentences found whole / total, how many of those are in reading order, furniture lines left in
``text``, and whether the metadata (author, date, date_source) came out right.

Run: ``.venv/bin/python bench/extraction.py`` (needs fpdf2, a dev dependency). Not a timed test.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.ingest import read_bytes, read_paths  # noqa: E402
from accord.records import Document  # noqa: E402


def _layouts():
    spec = importlib.util.spec_from_file_location("accord_examples_make_layouts", ROOT / "examples" / "make_layouts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _sentences(paragraphs) -> list[str]:
    return [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)]


def _score(doc: Document, paragraphs, furniture: list[str]) -> dict:
    sents = _sentences(paragraphs)
    pos = [doc.text.find(s) for s in sents]
    found = [p for p in pos if p >= 0]
    in_order = sum(1 for a, b in zip(found, found[1:]) if b > a) + (1 if found else 0)
    left = sum(doc.text.count(f) for f in furniture)
    return {"sentences": f"{len(found)}/{len(sents)}", "in_order": f"{in_order}/{len(sents)}", "furniture_left": left,
            "warnings": ",".join(w.code for w in doc.warnings) or "-"}


def _text_copy() -> tuple[bytes, list[str]]:
    """A three-page article as a PDF-to-text tool writes it: footers and form feeds mid-sentence."""
    url = "http://www.gulfdispatch.example.com/2021/06/naval-patrols"
    footer = f"{url}\nWritten by Amira Haddad on June 15, 2021\n"
    paras = [
        "The foreign minister of Iran on Tuesday criticized the United States for allegedly maintaining a "
        "permanent naval presence in the Gulf and said Tehran would raise the matter at the United Nations.",
        "Officials in Washington rejected the charge. A State Department spokesman said the patrols were lawful.",
        "Oman offered to host talks between the two sides.",
    ]
    text = ("Gulf Dispatch | Naval patrols\nForeign ministers trade accusations over naval patrols\n\n"
            "The foreign minister of Iran on Tuesday criticized the United States\n" + footer + "Page 1 of 2\n\f"
            "Gulf Dispatch | Naval patrols\nfor allegedly maintaining a permanent naval presence in the Gulf and said\n"
            "Tehran would raise the matter at the United Nations.\n\nOfficials in Washington rejected the charge. A "
            "State Department spokesman said\nthe patrols were lawful.\n\nOman offered to host talks between the two "
            "sides.\n" + footer + "Page 2 of 2\n")
    return text.encode("utf-8"), paras


def main() -> None:
    m = _layouts()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        cases = [
            ("two-column page", m.two_column(t / "a.pdf"), m.COLUMN_PARAGRAPHS, [], None),
            ("two-column, 3 pages", m.two_column(t / "b.pdf", m.REPORT_PARAGRAPHS, m.REPORT_TITLE, column_lines=40),
             m.REPORT_PARAGRAPHS, ["River Basin Bulletin"], None),
            ("three-column page", m.three_column(t / "g.pdf"), m.REPORT_PARAGRAPHS[:9], [], None),
            ("8-page report", m.long_report(t / "c.pdf"), m.REPORT_PARAGRAPHS,
             ["Regional Security Monitor", "Prepared by the Institute", "Page "], None),
            ("browser print", m.browser_print(t / "d.pdf"), m.BROWSER_PARAGRAPHS,
             ["11:04", "World Desk", "http", "Published"], ("2021-06-15", "page")),
            ("placeholder metadata + byline", m.with_metadata(
                t / "e.pdf", author="(anonymous)", title="(anonymous)",
                created=datetime(2024, 5, 20, tzinfo=timezone.utc),
                header="Written by D. Michael DeRidder on May 16, 2024"), m.META_PARAGRAPHS,
             ["Written by", "anonymous"], ("2024-05-16", "page")),
            ("real metadata, no byline", m.with_metadata(
                t / "f.pdf", author="Claire Dubois", title="Energy agreement signed",
                created=datetime(2023, 11, 9, tzinfo=timezone.utc)), m.META_PARAGRAPHS, [], ("2023-11-09", "file-metadata")),
        ]
        for name, path, paras, furniture, want in cases:
            (doc,) = list(read_paths([path]))
            row = {"document": name, **_score(doc, paras, furniture)}
            row["date"] = f"{doc.date} ({doc.date_source})" + ("" if want is None or (doc.date, doc.date_source) == want else " WRONG")
            rows.append(row)
        data, paras = _text_copy()
        (doc,) = read_bytes(data, "copied.txt")
        row = {"document": ".txt copied from a PDF", **_score(doc, paras, ["Page ", "http", "Written by", "Gulf Dispatch |"])}
        row["date"] = f"{doc.date} ({doc.date_source}) author={doc.author} links={len(doc.links)}"
        rows.append(row)
    cols = ["document", "sentences", "in_order", "furniture_left", "warnings", "date"]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols))


if __name__ == "__main__":
    main()
