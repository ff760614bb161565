"""Start-up: commands import only what they use (checked in fresh interpreters)."""

from __future__ import annotations

import json
import subprocess
import sys

STORE_LIBRARIES = ("duckdb", "pyarrow", "pandas", "fastapi", "dask", "distributed", "uvicorn")


def _modules_after(code: str, tmp_path) -> dict:
    """Run ``code`` in a new interpreter; it leaves its result in ``out``; returns that and the loaded modules."""
    script = code + "\nimport json, sys\nprint(json.dumps({'out': out, 'modules': sorted(sys.modules)}))\n"
    env_cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**__import__("os").environ, "ACCORD_CACHE_DIR": str(env_cache)})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_startup_cli_import_leaves_store_libraries_alone(tmp_path):
    got = _modules_after("import accord.cli.main\nout = None", tmp_path)
    loaded = [m for m in STORE_LIBRARIES if m in got["modules"]]
    assert loaded == [], f"importing the CLI loaded {loaded}"
    assert "spacy" not in got["modules"]


def test_startup_version_imports_neither_spacy_nor_the_store(tmp_path):
    got = _modules_after(
        "import contextlib, io\nfrom accord.cli.main import app\nfrom accord.cli.safe import run\n"
        "buf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n    rc = run(app, ['--version'])\n"
        "out = [rc, buf.getvalue()]", tmp_path)
    rc, printed = got["out"]
    assert rc == 0 and printed.startswith("accord ")
    assert not [m for m in (*STORE_LIBRARIES, "spacy", "numpy") if m in got["modules"]]


def test_startup_code_without_store_never_imports_duckdb(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Chinese Foreign Minister Wang Yi met Brazil's President Luiz Inacio Lula da Silva in "
                       "Brasilia on Friday to discuss trade.\n", encoding="utf-8")
    got = _modules_after(
        "import contextlib, io\nfrom accord.cli.main import app\nfrom accord.cli.safe import run\n"
        f"buf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n"
        f"    rc = run(app, ['code', {str(article)!r}, '--no-store', '-f', 'jsonl'])\n"
        "out = [rc, buf.getvalue()]", tmp_path)
    rc, printed = got["out"]
    assert rc == 0
    events = [json.loads(line) for line in printed.splitlines() if line.strip()]
    assert any(e["event"] == "CONSULT" for e in events)
    loaded = [m for m in STORE_LIBRARIES if m in got["modules"]]
    assert loaded == [], f"`accord code --no-store` loaded {loaded}"


def test_startup_store_error_is_still_one_coded_line(tmp_path):
    """The CLI recognises DuckDB's IOException without importing DuckDB itself: a damaged store is E402."""
    from accord.cli.safe import _is_duckdb_io_error

    import duckdb

    assert _is_duckdb_io_error(duckdb.IOException("Could not read from file"))
    assert not _is_duckdb_io_error(OSError("disk full"))


# --- hot paths: the faster forms give exactly what the plain ones gave --------------------------------------

DATED = [
    "The two leaders met in Geneva on Tuesday and agreed to talk again next month.",
    "Talks will resume on March 3, 2024, officials said, after a pause of two weeks.",
    "During the Cold War the island was a listening post; in the 1990s it became a resort.",
    "Troops withdrew from the town yesterday evening, three days ago by another account.",
    "The minister, who visited Kyiv in 2019, said the deal would be signed in two weeks' time.",
    "Protesters gathered outside the embassy, demanding the release of the detained journalists.",
    "On the 5th of May the council voted; earlier today it met again, and it meets Friday night.",
    "The accord, reached in mid-June, expires at the end of the decade, a spokesman said.",
]


def test_dates_anchor_changes_no_result(monkeypatch):
    """The one-search filter before the date patterns drops only texts none of them could match."""
    import datetime as dt
    import re

    from accord.dates import resolve

    pub = dt.date(2024, 2, 20)
    texts = DATED + [t.lower() for t in DATED] + [t.upper() for t in DATED]
    resolve._find_dates.cache_clear()
    fast = [(resolve.find_dates(t, pub, future=f)) for t in texts for f in (None, True, False)]
    monkeypatch.setattr(resolve, "_ANCHOR", re.compile(""))
    resolve._find_dates.cache_clear()
    plain = [(resolve.find_dates(t, pub, future=f)) for t in texts for f in (None, True, False)]
    resolve._find_dates.cache_clear()
    assert fast == plain
    assert any(fast), "the texts hold dates"


def _reference_pairs(text, para):
    """Quote pairing visited character by character (the form the regex version replaced)."""
    from accord.quotes import marks

    pairs, opened = [], None
    for i in range(para.start, para.end):
        ch = text[i]
        if ch in marks.DOUBLE_OPEN:
            opened = i
        elif ch in marks.DOUBLE_CLOSE:
            if opened is not None:
                pairs.append((opened, i))
                opened = None
        elif ch == '"':
            if opened is not None:
                pairs.append((opened, i))
                opened = None
            elif i + 1 < para.end and not text[i + 1].isspace():
                opened = i
    taken = list(pairs) + ([(opened, para.end)] if opened is not None else [])
    inside = bytearray(para.end - para.start + 1)
    for a, b in taken:
        lo, hi = max(a, para.start), min(b, para.end)
        if lo <= hi:
            inside[lo - para.start: hi - para.start + 1] = b"\x01" * (hi - lo + 1)

    def free(i):
        return not (para.start <= i <= para.end and inside[i - para.start])

    singles, i, left = [], para.start, None
    while i < para.end:
        if free(i) and marks._is_single_open(text, i, para):
            limit = next((j for j in range(i + 1, para.end)
                          if (free(j) and marks._is_single_open(text, j, para)) or not free(j)), para.end)
            closers = [j for j in range(i + 2, limit) if marks._is_single_close(text, j, para)]
            if not closers:
                left = i if limit == para.end else None
                i = limit
                continue
            chosen = next((j for j in closers if not marks._looks_possessive(text, j, para.end)), closers[0])
            singles.append((i, chosen))
            i = chosen + 1
            continue
        i += 1
    return (pairs, opened), (singles, left)


def test_quotes_marks_pair_as_character_by_character():
    import random

    from accord.quotes import marks

    rng = random.Random(16)
    pieces = ["the minister said ", "'", "\u2018", "\u2019", '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "countries' ",
              "Kyiv's ", "(", "-", " ", "talks", ",", "we will not back down", "\n"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        para = marks.Span(0, len(text))
        (pairs, opened), singles = _reference_pairs(text, para)
        assert marks._double_pairs(text, para) == (pairs, opened), text
        taken = list(pairs) + ([(opened, para.end)] if opened is not None else [])
        assert marks._single_pairs(text, para, taken) == singles, text


def test_coref_quoted_ranges_as_character_by_character():
    import random

    from accord.actors.coref import _QUOTES, quoted_ranges

    def reference(text):
        out, open_at, closer = [], None, None
        for i, ch in enumerate(text):
            if open_at is None and ch in _QUOTES:
                open_at, closer = i, _QUOTES[ch]
            elif open_at is not None and ch == closer:
                out.append((open_at, i + 1))
                open_at = None
            elif open_at is not None and ch == "\n" and text[i - 1: i] == "\n":
                open_at = None
        return out

    rng = random.Random(7)
    pieces = ['"', "\u201c", "\u201d", "\n", "\n\n", "They said ", "we ", "will talk", ". "]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert quoted_ranges(text) == reference(text), text


def test_geo_place_finder_reused_across_triggers_matches_fresh_calls(nlp):
    from accord.geo import PlaceFinder, find_event_location

    doc = nlp("Chinese and Russian envoys met in Beijing and later travelled to Shanghai, where talks "
              "continued near the Bund, officials in Moscow said.")
    sent = next(iter(doc.sents))
    beijing = doc.text.index("Beijing")
    shanghai = doc.text.index("Shanghai")
    finder = PlaceFinder()
    for actors in ([], [(beijing, beijing + 7)], [(beijing, beijing + 7), (shanghai, shanghai + 8)], []):
        for span in (sent, doc[5:12], sent):
            assert finder(span, actors) == find_event_location(span, actors)
    assert finder(sent, []).name == "Beijing"
    assert finder(sent, [(beijing, beijing + 7)]).name == "Shanghai"
