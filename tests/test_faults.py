"""Faults a new user meets: bad arguments, bad database files, bad outputs, killed runs, API misuse,
very long documents. Every case is generated here; each must end in one coded line (exit 2 for usage,
1 for failures), never a traceback, and never lose or modify data. The heavy versions (a 500-page PDF,
a kill -9 loop, growing lengths) are in `make faults` (bench/faults.py)."""

from __future__ import annotations

import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import pstats
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from accord.cli.main import app
from accord.cli.safe import run
from accord.records import Document
from accord.store import Filters, Store
from accord.store.schema import LATEST
from accord.store.synthetic import actor, coded, event

CODED_LINE = re.compile(r"^accord: \[E\d{3}\] \S.*$")

# Short news items in our own words, varied so every document has its own text and events.
_PAIRS = [("Kenya", "Ethiopia", "Nairobi"), ("France", "Germany", "Paris"), ("Japan", "South Korea", "Tokyo"),
          ("Brazil", "Argentina", "Brasilia"), ("India", "Nepal", "New Delhi"), ("Egypt", "Sudan", "Cairo"),
          ("Poland", "Ukraine", "Warsaw"), ("Chile", "Peru", "Santiago")]
_VERBS = ["met officials from", "signed a trade agreement with", "condemned the border raid by", "pledged aid to"]


def _article(i: int) -> str:
    a, b, city = _PAIRS[i % len(_PAIRS)]
    verb = _VERBS[i % len(_VERBS)]
    return (f"{a} {verb} {b} in {city} on Monday, officials said.\n\n"
            f"The foreign minister of {a} said talks with {b} would continue next week (item {i}).\n")


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"item{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "store.duckdb"
    text = "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi, a 100% rise in talks."
    text2 = "The rise of 1000 troops near the border worried Ethiopia's government, a spokesman_said."
    with Store(path) as s:
        s.add([coded("d1", text, "2024-03-04", [event("d1", text, "CONSULT", [actor("KEN")], [actor("ETH")], "2024-03-04",
                                                      trigger="met")]),
               coded("d2", text2, "2024-03-05", [event("d2", text2, "THREATEN", [actor("KEN")], [actor("ETH")], "2024-03-05",
                                                       trigger="worried")])])
    return path


def _cli(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = run(app, argv)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_coded_line(code: int, err: str, expected_exit: int, expected_code: str | None = None) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and CODED_LINE.match(lines[0]), err
    assert code == expected_exit, err
    if expected_code:
        assert f"[{expected_code}]" in lines[0], err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- every command, bad arguments


def _leaf_commands():
    import typer

    def walk(cmd, path):
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from walk(sub, path + [name])
        else:
            yield path

    return list(walk(typer.main.get_command(app), []))


@pytest.mark.parametrize("command", _leaf_commands(), ids=" ".join)
def test_faults_every_command_rejects_an_unknown_option(capsys, command):
    code, _, err = _cli(capsys, [*command, "--no-such-option"])
    _assert_one_coded_line(code, err, 2, "E409")


_NUMBERS = [
    (["query", "events", "-n", "-1"]), (["query", "actors", "-n", str(2**63)]), (["query", "dyads", "-n", "-5"]),
    (["query", "clusters", "-n", str(2**63)]), (["query", "clusters", "--window", "-1"]),
    (["query", "clusters", "--window", str(10**12)]), (["query", "network", "--min-weight", "-1"]),
    (["eval", "--worst", "-1"]), (["eval", "--limit", str(2**63)]), (["query", "events", "-n", "ten"]),
]


@pytest.mark.parametrize("argv", _NUMBERS, ids=" ".join)
def test_faults_out_of_range_numbers_are_usage_errors(capsys, store_file, argv):
    code, _, err = _cli(capsys, [*argv, *(["--db", str(store_file)] if argv[0] == "query" else [])])
    _assert_one_coded_line(code, err, 2, "E409")


def test_faults_dyad_over_ten_thousand_years_is_bounded(capsys, store_file):
    argv = ["query", "dyad", "KEN", "--start", "0001-01-01", "--end", "9999-12-31", "--db", str(store_file)]
    code, _, err = _cli(capsys, [*argv, "--dense"])
    _assert_one_coded_line(code, err, 1, "E404")
    code, out, err = _cli(capsys, [*argv, "--sparse", "-f", "json"])
    assert code == 0 and [r["period"] for r in json.loads(out)] == ["2024-03-04", "2024-03-05"]
    code, out, _ = _cli(capsys, [*argv[:3], "--start", "2024-03-01", "--end", "2024-03-10", "--dense", "-f", "json", "--db", str(store_file)])
    assert code == 0 and len(json.loads(out)) == 10  # a short range is still filled day by day


def test_faults_debug_shows_the_traceback(capsys, tmp_path):
    with pytest.raises(Exception):
        run(app, ["--debug", "query", "events", "--db", str(tmp_path)])
    os.environ["ACCORD_DEBUG"] = "1"
    try:
        with pytest.raises(Exception):
            run(app, ["query", "events", "--db", str(tmp_path)])
    finally:
        del os.environ["ACCORD_DEBUG"]


# --------------------------------------------------------------------------- bad database files


def _bad_databases(root: Path, good: Path) -> dict[str, tuple[Path, str]]:
    root.mkdir(exist_ok=True)
    truncated = root / "truncated.duckdb"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    garbage = root / "notes.duckdb"
    garbage.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    newer = root / "newer.duckdb"
    newer.write_bytes(good.read_bytes())
    with Store(newer) as s:
        s.con.execute("INSERT INTO schema_version VALUES (?, 'from the future', current_timestamp)", [LATEST + 1])
    foreign = root / "theirs.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE events (id INTEGER, what VARCHAR)")
    con.execute("INSERT INTO events VALUES (1, 'their own data')")
    con.close()
    cases = {
        "directory": (root, "E402"),
        "missing folder": (root / "no" / "such" / "store.duckdb", "E402"),
        "truncated": (truncated, "E402"),
        "not duckdb": (garbage, "E402"),
        "newer schema": (newer, "E401"),
        "foreign duckdb": (foreign, "E406"),
    }
    if Path("/dev/null").exists():
        cases["/dev/null"] = (Path("/dev/null"), "E402")
    return cases


_DB_COMMANDS = [["code", "{input}"], ["query", "events"], ["query", "dyad", "KEN"], ["query", "clusters"],
                ["query", "actors"], ["export", "-o", "{out}"], ["demo"]]


@pytest.mark.parametrize("command", _DB_COMMANDS, ids=" ".join)
def test_faults_bad_database_files_are_reported_and_left_alone(capsys, tmp_path, store_file, command):
    cases = _bad_databases(tmp_path / "dbs", store_file)
    (tmp_path / "in.txt").write_text(_article(0), encoding="utf-8")
    for name, (db, expected) in cases.items():
        before = _digest(db) if db.is_file() else None
        argv = [a.format(input=tmp_path / "in.txt", out=tmp_path / f"out-{len(name)}.csv") for a in command]
        code, _, err = _cli(capsys, [*argv, "--db", str(db)])
        _assert_one_coded_line(code, err, 1, expected)
        if before is not None:
            assert _digest(db) == before, f"{name} was modified by {command}"
        assert not (tmp_path / f"out-{len(name)}.csv").exists()


def test_faults_foreign_duckdb_keeps_its_tables(capsys, tmp_path, store_file):
    cases = _bad_databases(tmp_path / "dbs", store_file)
    foreign = cases["foreign duckdb"][0]
    for argv in (["code", "-", "--db", str(foreign)], ["export", "-o", str(tmp_path / "x.csv"), "--db", str(foreign)]):
        _cli(capsys, argv)
    con = duckdb.connect(str(foreign), read_only=True)
    assert {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()} == {"events"}
    con.close()


def test_faults_locked_store_is_reported(capsys, tmp_path, store_file):
    db = tmp_path / "locked.duckdb"
    db.write_bytes(store_file.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()",
         str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for argv in (["query", "events"], ["export", "-o", str(tmp_path / "x.csv")]):
            code, _, err = _cli(capsys, [*argv, "--db", str(db)])
            _assert_one_coded_line(code, err, 1, "E405")
    finally:
        holder.communicate("", timeout=30)


def test_faults_empty_file_becomes_a_new_store(tmp_path):
    db = tmp_path / "made-by-mktemp.duckdb"
    db.touch()
    with Store(db) as s:
        assert s.schema_version == LATEST


# --------------------------------------------------------------------------- outputs


def test_faults_export_over_the_store_never_truncates_it(capsys, tmp_path, store_file):
    db = tmp_path / "mine.duckdb"
    db.write_bytes(store_file.read_bytes())
    with Store(db, read_only=True) as s:
        before = s.counts()
    for fmt in ("jsonl", "csv", "parquet"):
        code, _, err = _cli(capsys, ["export", "-f", fmt, "-o", str(db), "--db", str(db), "--force"])
        _assert_one_coded_line(code, err, 1, "E407")
    other = tmp_path / "other.duckdb"
    other.write_bytes(store_file.read_bytes())
    code, _, err = _cli(capsys, ["export", "-o", str(other), "--db", str(db), "--force"])
    _assert_one_coded_line(code, err, 1, "E407")  # any DuckDB database, not only this store
    with Store(db, read_only=True) as s:
        assert s.counts() == before


def test_faults_bad_outputs_are_reported(capsys, tmp_path, store_file):
    existing = tmp_path / "keep.csv"
    existing.write_text("somebody's data\n", encoding="utf-8")
    cases = {tmp_path / "no" / "dir" / "x.csv": "E408", tmp_path: "E408", existing: "E407"}
    if Path("/dev/full").exists():  # writes to /dev/full fail with ENOSPC: a full disk
        cases[Path("/dev/full")] = "E408"
    commands = [["export"], ["export", "-f", "jsonl"], ["query", "events", "-f", "csv"], ["query", "network", "-f", "json"],
                ["query", "actors", "-f", "json"]]
    for out, expected in cases.items():
        for command in commands:
            code, _, err = _cli(capsys, [*command, "-o", str(out), "--db", str(store_file)])
            _assert_one_coded_line(code, err, 1, expected)
    assert existing.read_text(encoding="utf-8") == "somebody's data\n"
    code, _, err = _cli(capsys, ["export", "-o", str(existing), "--force", "--db", str(store_file)])
    assert code == 0 and existing.read_text(encoding="utf-8").startswith("event_id")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".accord-tmp")]


# --------------------------------------------------------------------------- CLI consistency


def test_faults_search_is_literal(capsys, store_file):
    code, out, _ = _cli(capsys, ["query", "events", "--search", "100%", "-f", "json", "--db", str(store_file)])
    assert code == 0 and [e["doc_id"] for e in json.loads(out)] == ["d1"]
    code, out, _ = _cli(capsys, ["query", "events", "--search", "f_1000", "-f", "json", "--db", str(store_file)])
    assert code == 0 and json.loads(out) == []  # "_" is not a wildcard (it would match "of 1000")
    code, out, _ = _cli(capsys, ["query", "events", "--search", "spokesman_said", "-f", "json", "--db", str(store_file)])
    assert [e["doc_id"] for e in json.loads(out)] == ["d2"]
    with Store(store_file, read_only=True) as s:
        assert [e.doc_id for e in s.records(Filters(text="0%"))] == ["d1"]


@pytest.mark.parametrize("command", [["query", "events"], ["query", "actors"], ["query", "dyads"], ["query", "clusters"]],
                         ids=" ".join)
def test_faults_limit_zero_means_no_limit_everywhere(capsys, store_file, command):
    _, one, _ = _cli(capsys, [*command, "-n", "1", "-f", "json", "--db", str(store_file)])
    _, every, _ = _cli(capsys, [*command, "-n", "0", "-f", "json", "--db", str(store_file)])
    _, big, _ = _cli(capsys, [*command, "-n", "1000", "-f", "json", "--db", str(store_file)])
    assert len(json.loads(one)) <= 1 and json.loads(every) == json.loads(big) and len(json.loads(every)) >= 1


def test_faults_rerun_skips_stored_documents_and_says_so(tmp_path):
    from accord.cli.code import Format, run_code

    folder = _corpus(tmp_path / "in", 3)
    (folder / "copy.txt").write_text(_article(0), encoding="utf-8")  # a duplicate of item000
    db = tmp_path / "s.duckdb"
    err = io.StringIO()
    from rich.console import Console

    first = run_code([str(folder)], Format.jsonl, db, False, out=io.StringIO(), err_console=Console(file=err))
    assert first["documents"] == 4 and first["skipped"] == 1  # the copy, within the run
    out = io.StringIO()
    second = run_code([str(folder)], Format.jsonl, db, False, out=out, err_console=Console(file=err, width=60))
    assert second["documents"] == 0 and second["skipped"] == 4
    assert out.getvalue().count("\n") == first["events"]  # stored events are printed, not re-coded
    assert "4 already stored or duplicate" in err.getvalue().splitlines()[-1]
    with Store(db, read_only=True) as s:
        assert [r["status"] for r in s.runs()] == ["finished", "finished"]
        assert s.runs()[-1]["counts"]["documents_skipped"] == 4


# --------------------------------------------------------------------------- kill -9 and incremental commits


def test_faults_kill_9_then_rerun_equals_a_clean_run(tmp_path):
    from rich.console import Console

    from accord.cli.code import Format, run_code

    folder = _corpus(tmp_path / "in", 6)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    quiet = Console(file=io.StringIO())
    run_code([str(folder)], Format.jsonl, clean_db, False, out=io.StringIO(), err_console=quiet)
    env = {**os.environ, "ACCORD_COMMIT_DOCUMENTS": "1", "ACCORD_BATCH_SIZE": "1", "PYTHONUNBUFFERED": "1"}
    seed = int(time.time())
    stop_after = random.Random(seed).randrange(1, 8)
    proc = subprocess.Popen([sys.executable, "-c", "from accord.cli.main import app; app()", "code", str(folder),
                             "--db", str(killed_db), "-f", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    lines = 0
    for _ in proc.stdout:
        lines += 1
        if lines >= stop_after:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    run_code([str(folder)], Format.jsonl, killed_db, False, out=io.StringIO(), err_console=quiet)

    def state(db):
        with Store(db, read_only=True) as s:
            docs = [r[0] for r in s.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
            evs = [r[0] for r in s.con.execute("SELECT id FROM events ORDER BY id").fetchall()]
            return s.counts()["documents"], docs, evs, [r["status"] for r in s.runs()]

    clean, resumed = state(clean_db), state(killed_db)
    assert resumed[:3] == clean[:3], f"seed {seed}, killed after {stop_after} lines"
    if proc.returncode == -signal.SIGKILL:
        assert resumed[3] == ["interrupted", "finished"], f"seed {seed}"


def test_faults_store_commits_in_small_batches_and_keeps_them_on_interrupt(tmp_path):
    docs = [coded(f"d{i}", _article(i), "2024-03-04") for i in range(7)]

    def stream():
        yield from docs[:5]
        raise KeyboardInterrupt

    with Store(tmp_path / "s.duckdb") as s:
        commits = []
        original = Store._write
        Store._write = staticmethod(lambda con, tables, delete: (commits.append(1), original(con, tables, delete)))
        try:
            with pytest.raises(KeyboardInterrupt):
                s.add(stream(), batch_documents=2)
        finally:
            Store._write = staticmethod(original)
        assert s.counts()["documents"] == 5 and len(commits) == 3
        s.add(iter(docs), batch_seconds=1e-9)
        assert s.counts()["documents"] == 7


def test_faults_unfinished_run_is_recorded_interrupted(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        first = s.begin_run()  # killed before finish_run
    with Store(db) as s:
        second = s.begin_run()
        s.finish_run(second, {})
        status = {r["id"]: r["status"] for r in s.runs()}
    assert status == {first: "interrupted", second: "finished"}


# --------------------------------------------------------------------------- long documents


def _long_text(n_sentences: int, newlines: bool = False) -> str:
    sentences = [
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday.",
        "The French foreign ministry condemned the missile strike on the Ukrainian city of Kharkiv.",
        "\"We will not accept these threats,\" the Iranian foreign minister told reporters in Tehran.",
        "Police in Lagos arrested twelve protesters outside the parliament, a spokesman said.",
        "Germany and Poland signed an agreement on border security in Berlin.",
    ]
    sep = "\n\n" if newlines else " "
    return sep.join(sentences[i % len(sentences)] for i in range(n_sentences))


def test_faults_coding_calls_per_sentence_do_not_grow_with_length(nlp):
    """The property behind linear time: the work per sentence is the same in a document 4x as long
    (it grew 3x when every event asked spaCy for all the document's entities)."""
    from accord.events import code_document

    def calls_per_sentence(n: int) -> float:
        text = _long_text(n)
        sdoc = nlp(text)
        profile = cProfile.Profile()
        profile.enable()
        code_document(Document(id="long", text=text, date="2024-03-04"), sdoc)
        profile.disable()
        return pstats.Stats(profile).total_calls / n

    calls_per_sentence(5)  # data files load outside the measurement
    short, long = calls_per_sentence(40), calls_per_sentence(160)
    assert long < 1.25 * short, (short, long)


def test_faults_long_documents_are_parsed_in_pieces_with_document_offsets():
    from accord.nlp.chunks import split_for_parsing
    from accord.pipeline import code_documents
    from accord.settings import load_settings

    for text in (_long_text(60, newlines=True), _long_text(60), "x" * 2500, "\f".join(["Page text. " * 20] * 5)):
        pieces = split_for_parsing(text, 1000)
        assert "".join(pieces) == text and all(0 < len(p) <= 1000 for p in pieces)
    text = _long_text(40, newlines=True)
    doc = Document(id="long", text=text, date="2024-03-04")
    whole = next(code_documents([doc], load_settings(chunk_chars=10**6)))
    pieces = next(code_documents([doc], load_settings(chunk_chars=1000)))
    assert len(text) > 3000 and pieces.events and not pieces.problems
    assert [(e.event, e.trigger_start, e.trigger_end) for e in pieces.events] == \
           [(e.event, e.trigger_start, e.trigger_end) for e in whole.events]
    assert all(text[e.trigger_start:e.trigger_end] == e.trigger for e in pieces.events)


def test_faults_slow_document_is_reported_and_the_batch_goes_on():
    from accord.pipeline import code_documents
    from accord.settings import load_settings

    slow = Document(id="book", text=_long_text(400, newlines=True), source="book.txt")
    fine = Document(id="wire", text=_article(1), source="wire.txt", date="2024-03-04")
    out = list(code_documents([slow, fine], load_settings(doc_seconds=0.05, chunk_chars=2000)))
    assert [p.code for p in out[0].problems] == ["E204"] and not out[0].events
    assert out[1].document.id == "wire" and out[1].events and not out[1].problems


# --------------------------------------------------------------------------- Python API misuse


@pytest.mark.parametrize("text, error", [(None, TypeError), (42, TypeError), (b"Kenya met Ethiopia.", TypeError)])
def test_faults_code_text_rejects_non_text(text, error):
    from accord.pipeline import code_text

    with pytest.raises(error, match="str"):
        code_text(text)


@pytest.mark.parametrize("date", ["2024-13-45", "May 16, 2024", "16/05/2024", "2024-02-30"])
def test_faults_code_text_rejects_bad_dates(date):
    from accord.pipeline import code_text

    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        code_text("Kenya met Ethiopia in Nairobi.", date)


def test_faults_code_text_accepts_date_objects():
    from accord.pipeline import code_text

    assert code_text("Kenya met Ethiopia in Nairobi.", dt.date(2024, 5, 16)).document.date == "2024-05-16"
    assert code_text("Kenya met Ethiopia in Nairobi.", dt.datetime(2024, 5, 16, 9)).document.date == "2024-05-16"
    with pytest.raises(TypeError):
        code_text("Kenya met Ethiopia in Nairobi.", 20240516)


def test_faults_too_slow_document_is_retried_by_the_next_run(tmp_path, monkeypatch):
    from rich.console import Console

    from accord.cli.code import Format, run_code

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "book.txt").write_text(_long_text(300, newlines=True), encoding="utf-8")
    (folder / "wire.txt").write_text(_article(2), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    quiet = Console(file=io.StringIO())
    monkeypatch.setenv("ACCORD_DOC_SECONDS", "0.05")
    monkeypatch.setenv("ACCORD_CHUNK_CHARS", "2000")
    first = run_code([str(folder)], Format.jsonl, db, False, out=io.StringIO(), err_console=quiet)
    assert first["documents"] == 2 and first["problems"] == 1
    monkeypatch.setenv("ACCORD_DOC_SECONDS", "0")
    second = run_code([str(folder)], Format.jsonl, db, False, out=io.StringIO(), err_console=quiet)
    assert second["documents"] == 1 and second["skipped"] == 1 and second["problems"] == 0
