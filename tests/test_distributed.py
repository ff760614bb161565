"""Dask: a 2-worker LocalCluster gives the same store as one process, also when a worker is killed mid-run."""

from __future__ import annotations

import json
import os
import signal

import pytest

pytest.importorskip("distributed")

from accord.distributed.partition import plan  # noqa: E402
from accord.ingest import read_paths  # noqa: E402
from accord.pipeline import code_documents  # noqa: E402
from accord.records import Document  # noqa: E402
from accord.store import Store  # noqa: E402

WIRE = [
    ("2024-05-16", "Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Beijing on Thursday."),
    ("2024-06-03", "Russian forces shelled the port of Odesa overnight, Ukrainian officials said."),
    ("2022-04-04", "Germany expelled 40 Russian diplomats on Monday and summoned the Russian ambassador."),
    ("2023-03-21", "Japan and the Philippines agreed to hold joint coast guard exercises in the South China Sea."),
    ("2024-02-10", "Thousands of farmers protested in Paris against cuts to fuel subsidies."),
    ("2023-09-12", "The United Nations urged Ethiopia and Eritrea to withdraw their troops from the border."),
    ("2024-01-15", "Iran accused Israel of carrying out a drone strike on a weapons depot near Isfahan."),
    ("2023-11-02", "Kenyan police arrested 12 opposition activists in Nairobi ahead of the planned march."),
    ("2022-08-03", "China launched military drills around Taiwan after the visit of the US House Speaker."),
    ("2024-07-08", "The European Union sent 50 million euros in humanitarian aid to Sudan."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    with (root / "wire.jsonl").open("w", encoding="utf-8") as f:
        for i, (day, text) in enumerate(WIRE * 3):  # repeated lines are stored once, as in one process
            f.write(json.dumps({"id": f"w-{i}", "date": day, "text": text}) + "\n")
        f.write("not json\n")  # reported, never fatal
    for i, (day, text) in enumerate(WIRE[:4]):
        (root / f"story-{i}.txt").write_text(f"{text}\n\nThe statement was issued on {day}.", encoding="utf-8")
    return root


def _ids(store):
    q = store.con.execute
    return (sorted(r[0] for r in q("SELECT id FROM documents").fetchall()),
            sorted(r[0] for r in q("SELECT id FROM events").fetchall()),
            sorted(r[0] for r in q("SELECT source FROM documents").fetchall()))


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    with Store(tmp_path_factory.mktemp("one") / "one.duckdb") as s:
        s.add(code_documents(d for d in read_paths([corpus]) if isinstance(d, Document)))
        return _ids(s)


def test_distributed_plan_cuts_jsonl_at_line_ends_and_keeps_line_numbers(corpus):
    parts = plan([corpus], range_bytes=600)
    ranges = [p for p in parts if p.path]
    assert len(ranges) > 2 and ranges[0].start == 0
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:]))
    data = (corpus / "wire.jsonl").read_bytes()
    assert all(data[p.start - 1:p.start] == b"\n" for p in ranges[1:])
    assert [p.first_line for p in ranges[1:]] == [data[:p.start].count(b"\n") + 1 for p in ranges[1:]]
    assert sum(p.documents for p in parts) == len(WIRE) * 3 + 1 + 4


def test_distributed_two_workers_equal_one_process_even_when_a_worker_dies(corpus, single, tmp_path):
    import psutil

    from accord.distributed import code_distributed

    killed = []

    def kill_one_worker(done, n):
        if killed:
            return
        me = psutil.Process()
        # the worker processes the nannies started (multiprocessing spawn children, not its resource tracker)
        workers = [p for p in me.children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline())]
        if workers:
            os.kill(workers[0].pid, signal.SIGKILL)
            killed.append(workers[0].pid)

    with Store(tmp_path / "two.duckdb") as s:
        result = code_distributed([corpus], s, workers=2, range_bytes=600, progress=kill_one_worker)
        assert _ids(s) == single
        assert any(p["code"] == "E107" for p in result.problems)
        again = code_distributed([corpus], s, workers=1, range_bytes=600)  # a re-run codes nothing twice
        assert _ids(s) == single and again.documents == 0 and again.skipped == len(WIRE) * 3 + 4
    assert killed, "no worker process was found to kill"


def test_distributed_plan_cuts_a_small_corpus_into_about_the_partitions_asked_for(corpus, tmp_path):
    from accord.distributed import partition

    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as f:  # about 440 KB: one 4 MB range without a target
        for i in range(3000):
            day, text = WIRE[i % len(WIRE)]
            f.write(json.dumps({"id": f"b-{i}", "date": day, "text": f"{text} Report {i}."}) + "\n")
    assert len(plan([big])) == 1
    parts = plan([big], target=16)
    assert 4 <= len(parts) <= 16  # no range under MIN_RANGE_BYTES
    assert all(p.end - p.start >= partition.MIN_RANGE_BYTES for p in parts[:-1])
    assert sum(p.documents for p in parts) == 3000
    stories = plan([corpus], target=4)
    assert [len(p.files) for p in stories if p.files] == [1, 1, 1, 1]  # four files, four partitions


def test_distributed_worker_reads_jsonl_with_the_field_mapping_and_parses_in_process(tmp_path):
    from accord.distributed.worker import _read, worker_settings
    from accord.ingest.jsonl import parse_field_options
    from accord.settings import load_settings

    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"uid": f"f-{i}", "body": text, "published": day})
                              for i, (day, text) in enumerate(WIRE[:3])) + "\n", encoding="utf-8")
    settings = load_settings(n_process=2).with_(jsonl_fields=parse_field_options(["text=body", "date=published"]))
    (part,) = plan([path], target=1)
    docs = list(_read(part, settings))
    assert [d.text for d in docs] == [t for _, t in WIRE[:3]] and docs[0].date == WIRE[0][0]
    assert worker_settings(settings).n_process == 1


def test_distributed_n_process_two_codes_like_one_process_with_long_and_unparseable_documents(monkeypatch):
    """One long-lived multi-process nlp.pipe gives the events one process gives, in order, also for a
    document parsed in pieces and after the parsing processes fail."""
    from accord.nlp import pipeline as nlp_pipeline
    from accord.settings import load_settings

    long_text = "\n\n".join(text for _, text in WIRE) * 12  # over chunk_chars: parsed in pieces
    docs = [Document(id=f"d-{i}", text=text, date=day, source=f"wire:{i}") for i, (day, text) in enumerate(WIRE * 4)]
    docs.insert(7, Document(id="long", text=long_text, date="2024-01-01", source="wire:long"))
    one = load_settings(n_process=1, batch_size=4, chunk_chars=2_000)
    two = one.with_(n_process=2)

    def events(settings):
        return [(c.document.id, tuple(sorted(e.id for e in c.events))) for c in code_documents(docs, settings)]

    expected = events(one)
    assert [d for d, _ in expected] == [d.id for d in docs]
    assert events(two) == expected

    real = nlp_pipeline.load_nlp

    class Breaks:  # a parser whose multi-process stream dies after the first batch
        def __init__(self, nlp):
            self.nlp = nlp

        def pipe(self, texts, **kw):
            for i, doc in enumerate(self.nlp.pipe(texts, batch_size=kw.get("batch_size", 4))):
                if i == 5 and kw.get("n_process", 1) > 1:
                    raise ValueError("[E871] worker died")
                yield doc

    monkeypatch.setattr(nlp_pipeline, "load_nlp", lambda s=None: Breaks(real(s)))
    assert events(two) == expected


def test_distributed_switching_coder_recodes_and_stamps_the_coder_that_ran(corpus, tmp_path):
    """Documents stored by coder v1 are re-coded by a v2 run on the cluster and stored under v2's version;
    a second v2 run skips them all."""
    from accord.distributed import code_distributed
    from accord.settings import load_settings
    from accord.store.core import coder_version

    stories = sorted(corpus.glob("story-*.txt"))
    v1, v2 = load_settings(coder="v1"), load_settings(coder="v2")
    with Store(tmp_path / "switch.duckdb", settings=v1) as s:
        s.add(code_documents((d for d in read_paths(stories) if isinstance(d, Document)), v1))
        assert {r[0] for r in s.con.execute("SELECT coder_version FROM documents").fetchall()} == {coder_version(v1)}
        first = code_distributed(stories, s, workers=1, settings=v2)
        assert first.documents == len(stories) and first.skipped == 0
        assert {r[0] for r in s.con.execute("SELECT coder_version FROM documents").fetchall()} == {coder_version(v2)}
        again = code_distributed(stories, s, workers=1, settings=v2)
        assert again.documents == 0 and again.skipped == len(stories)
