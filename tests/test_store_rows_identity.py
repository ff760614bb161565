"""Ingest writes the same rows whichever path it takes (records through ``Store.add``, Arrow through
``Store.add_tables``) and the same rows as before the columnar flattening: tests/data/store_rows_reference.json
holds every stored row of a realistic document set as the row-by-row flattening wrote them (regenerate it
only for a deliberate change of what is stored: ``python tests/test_store_rows_identity.py``)."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

from accord.pipeline import CodedDocument
from accord.records import Document, Event, Location, Paragraph, Problem, Quote
from accord.store import Store
from accord.store import rows as R
from accord.store.synthetic import actor, coded, event, place, synthetic_corpus

REFERENCE = Path(__file__).parent / "data" / "store_rows_reference.json"
_ORDER = {"documents": ("id",), "events": ("id",), "event_actors": ("event_id", "role", "position"),
          "quotes": ("id",)}


def realistic_documents() -> list[CodedDocument]:
    """Wire reports with what real coder output holds: quotes with speakers, several actors, events with no
    place, month- and year-precision dates, undated events of a dated document, an undated document,
    a repeated event id, non-ASCII text, problems and warnings, links and block-quote paragraphs, an
    event id that is not hexadecimal; and a synthetic spread of 12 documents."""
    docs: list[CodedDocument] = []
    t1 = ("GENÈVE, 3 mars — Le ministre Sergueï Lavrov a rencontré Antony Blinken à Genève. "
          "Russia and the United States agreed to resume talks on strategic stability in April.")
    lavrov = actor("RUS", "Sergey Lavrov", text="Sergueï Lavrov", start=t1.find("Sergueï"), kind="person")
    blinken = actor("USA", "Antony Blinken", text="Antony Blinken", start=t1.find("Antony"), kind="person")
    s1 = t1.split(". ")[0] + "."
    s2 = t1.split(". ")[1]
    e1 = event("gva-1", s1, "CONSULT", [lavrov], [blinken], "2022-03-03", trigger="a rencontré", mode="visit",
               place=place("Genève", "CHE", 2660646, 46.20222, 6.14569), confidence=0.91)
    e2 = event("gva-1", s2, "AGREE", [actor("RUS", "Russia"), actor("USA", "United States", start=30)], [],
               "2022-04", trigger="agreed", sentence=1, start=t1.find(s2), context=("diplomatic", "security"))
    e2 = Event(**{**{f: getattr(e2, f) for f in e2.__slots__}, "date_precision": "month",
                  "date_source": "text"})
    q = Quote("gva-1", "Nous avons parlé franchement", 0, 28, speaker=lavrov, speaker_text="Lavrov", cue="a dit",
              block=True)
    doc = Document(id="gva-1", text=t1, title="Lavrov et Blinken à Genève", author="Marie Dupont", date="2022-03-03",
                   url="https://presse.example.ch/2022/03/03/geneve", links=("https://example.ch/a", "https://example.ch/b"),
                   source="wire/gva-1.html", format="html",
                   paragraphs=(Paragraph(0, len(s1)), Paragraph(len(s1) + 1, len(t1), True)),
                   warnings=(Problem("wire/gva-1.html", "W103", "text may not be English", "ingest"),))
    docs.append(CodedDocument(doc, events=(e1, e2, e1), quotes=(q, q),
                              problems=(Problem("wire/gva-1.html", "E204", "one sentence too slow", "code"),)))

    t2 = ("Ukraine's foreign ministry said on Tuesday that Russian forces shelled Kharkiv overnight. "
          "Kyiv urged its partners to send more air defence systems. Officials expect talks in 2023.")
    peskov = actor("RUS", "Dmitry Peskov", text="the Kremlin", start=0, kind="person")
    a = event("kh-2", t2.split(". ")[0] + ".", "ASSAULT", [actor("RUS", "Russia", sector="MIL", text="Russian forces",
              start=t2.find("Russian forces"))], [actor("UKR", "Kharkiv", sector=None, text="Kharkiv", kind="sector")],
              None, trigger="shelled", confidence=0.77, speaker=peskov)
    b = event("kh-2", "Kyiv urged its partners to send more air defence systems.", "REQUEST",
              [actor("UKR", "Ukraine", text="Kyiv", start=t2.find("Kyiv"))], [actor("IGO", "partners", sector=None)],
              "2024-06-11", trigger="urged", sentence=1, start=t2.find("Kyiv urged"), negated=True)
    c = event("kh-2", "Officials expect talks in 2023.", "CONSULT", [actor("UKR", "Ukraine")], [actor("RUS", "Russia")],
              "2023", trigger="talks", sentence=2, start=t2.find("Officials"))
    c = Event(**{**{f: getattr(c, f) for f in c.__slots__}, "date_precision": "year", "id": "custom-event-not-hex",
                 "hypothetical": True, "intent": True, "quoted": True,
                 "event_loc": Location(text="Kyiv", name="Kyiv", country="UKR")})
    docs.append(coded("kh-2", t2, "2024-06-11", [a, b, c], title="Kharkiv shelled overnight", source="feed.jsonl:12"))
    docs.append(coded("undated-3", "Japan and India held joint exercises.", None,
                      [event("undated-3", "Japan and India held joint exercises.", "COOPERATE", [actor("JPN", "Japan")],
                             [actor("IND", "India")], None, trigger="held joint exercises")]))
    docs.append(coded("empty-4", "Nothing happened here.", "2024-01-02", []))
    docs.extend(synthetic_corpus(12, 5, seed=11))
    return docs


def stored_rows(store: Store) -> dict[str, list[dict]]:
    """Every row of the four document tables, ordered, with the per-write values (time stored, run) blanked."""
    out = {}
    for table, order in _ORDER.items():
        rows = store.rows(f"SELECT * FROM {table} ORDER BY " + ", ".join(f'"{c}"' for c in order))
        for r in rows:
            r.pop("stored_at", None)
            r.pop("run_id", None)
        out[table] = [{k: R.jsonable(v) for k, v in r.items()} for r in rows]
    return out


def _write_reference(path: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "ref.duckdb") as s:
        s.add(realistic_documents(), coder_version="1")
        path.write_text(json.dumps(stored_rows(s), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def test_add_writes_the_reference_rows(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        r = s.add(realistic_documents(), coder_version="1")
        assert r.added == 16 and not r.problems
        assert stored_rows(s) == json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_add_one_document_a_batch_writes_the_reference_rows(tmp_path):
    """Batches without any speaker (most of these documents alone) and with one (the Kharkiv report) list
    actors the same way as the whole set in one batch."""
    with Store(tmp_path / "one.duckdb") as s:
        r = s.add(realistic_documents(), coder_version="1", batch_documents=1)
        assert r.added == 16 and not r.problems
        assert stored_rows(s) == json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_add_tables_writes_what_add_writes(tmp_path):
    batch = R.Batch()
    for c in realistic_documents():
        batch.add(c, coder_version="1", run_id=None, stored_at=datetime(2024, 1, 1))
    with Store(tmp_path / "t.duckdb") as s:
        r = s.add_tables(batch.tables())
        assert r.added == 16
        assert stored_rows(s) == json.loads(REFERENCE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    _write_reference(REFERENCE)
    print(f"wrote {REFERENCE}", file=sys.stderr)
