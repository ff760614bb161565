"""How ``Store.add`` cuts a stream of documents into flattening batches: in a bulk load (group commit,
documents coming faster than the writer's linger) a batch grows to ``FAST_BATCH_FACTOR`` times
``commit_documents``; at the parser's pace, or with an explicit ``batch_documents``, it stays at
``commit_documents``. Either way the stored rows are the same."""

from __future__ import annotations

from accord.settings import load_settings
from accord.store import Store
from accord.store import core as C
from accord.store.synthetic import synthetic_corpus

from test_store_rows_identity import realistic_documents, stored_rows


def _docs():
    docs = realistic_documents()  # the hand-written reports, then synthetic ones with other ids
    ids = {c.document.id for c in docs}
    return docs + [c for c in synthetic_corpus(480, 3, seed=11) if c.document.id not in ids][:476 - len(docs)]


def _add_counting(path, docs, monkeypatch, **kw):
    sizes = []
    real = Store._tables

    def counting(self, batch, version, run):
        sizes.append(len(batch))
        return real(self, batch, version, run)

    monkeypatch.setattr(Store, "_tables", counting)
    with Store(path, settings=load_settings().with_(commit_documents=20)) as s:
        r = s.add(docs, coder_version="1", **kw)
        assert len(docs) == 476 and r.added == 476 and not r.problems
        rows = stored_rows(s)
    monkeypatch.setattr(Store, "_tables", real)
    return sizes, rows


def test_a_bulk_load_is_flattened_in_larger_batches(tmp_path, monkeypatch):
    sizes, _ = _add_counting(tmp_path / "bulk.duckdb", _docs(), monkeypatch)
    assert sizes == [20 * C.FAST_BATCH_FACTOR, 20 * C.FAST_BATCH_FACTOR, 76]


def test_documents_at_the_parsers_pace_keep_commit_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(C._Writer, "linger", 0.0)  # every document "arrives after the linger"
    sizes, _ = _add_counting(tmp_path / "slow.duckdb", _docs(), monkeypatch)
    assert sizes[:-1] == [20] * 23 and sizes[-1] == 16


def test_explicit_batch_documents_is_kept(tmp_path, monkeypatch):
    sizes, _ = _add_counting(tmp_path / "strict.duckdb", _docs(), monkeypatch, batch_documents=50)
    assert sizes[:-1] == [50] * 9 and sizes[-1] == 26


def test_the_batches_do_not_change_the_rows(tmp_path, monkeypatch):
    _, bulk = _add_counting(tmp_path / "a.duckdb", _docs(), monkeypatch)
    monkeypatch.setattr(C._Writer, "linger", 0.0)
    _, slow = _add_counting(tmp_path / "b.duckdb", _docs(), monkeypatch)
    assert bulk == slow
