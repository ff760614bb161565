"""The index cache: rebuilt when its data changes, never fatal, and invisible in the results."""

from __future__ import annotations

import pytest

from accord import cache

TEXT = (
    "Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday and said Moscow was ready "
    "to resume grain talks.\n"
    "Later, Ukrainian forces shelled positions near Donetsk, the regional governor said.\n"
    "The European Union will impose new sanctions on Belarus next week, officials in Brussels said."
)


@pytest.fixture()
def cache_home(tmp_path, monkeypatch):
    """A private cache directory for the test (never the user's own)."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(directory))
    monkeypatch.delenv("ACCORD_NO_CACHE", raising=False)
    return directory


class _Counter:
    def __init__(self, source):
        self.source = source
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"words": self.source.read_text(encoding="utf-8").split(), "build": self.calls}


def test_cache_serves_a_stored_index_without_building(cache_home, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("talks summit ceasefire", encoding="utf-8")
    build = _Counter(source)
    first = cache.cached("words", [source], build)
    second = cache.cached("words", [source], build)
    assert build.calls == 1
    assert first == second == {"words": ["talks", "summit", "ceasefire"], "build": 1}
    assert len(list(cache_home.glob("words*.idx"))) == 1


def test_cache_rebuilds_when_a_data_file_changes(cache_home, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("talks summit", encoding="utf-8")
    build = _Counter(source)
    cache.cached("words", [source], build)
    source.write_text("talks summit truce", encoding="utf-8")  # same size class, new content
    again = cache.cached("words", [source], build)
    assert build.calls == 2
    assert again["words"] == ["talks", "summit", "truce"]
    assert len(list(cache_home.glob("words*.idx"))) == 1, "the stale index is removed, not kept beside the new one"


def test_cache_key_changes_with_the_code_version(cache_home, tmp_path, monkeypatch):
    import accord

    source = tmp_path / "words.txt"
    source.write_text("talks", encoding="utf-8")
    key = cache.make_key("words", [source])
    monkeypatch.setattr(accord, "__version__", accord.__version__ + ".post1")
    assert cache.make_key("words", [source]) != key
    assert cache.make_key("words", [source], extra=["spacy==0"]) != cache.make_key("words", [source])


def test_cache_variants_do_not_evict_each_other(cache_home, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("talks", encoding="utf-8")
    build = _Counter(source)
    cache.cached("lex", [source], build, extra=["generated=True"])
    cache.cached("lex", [source], build, extra=["generated=False"])
    cache.cached("lex", [source], build, extra=["generated=True"])
    assert build.calls == 2
    assert len(list(cache_home.glob("lex*.idx"))) == 2


def test_cache_unwritable_directory_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(blocker / "accord"))
    source = tmp_path / "words.txt"
    source.write_text("talks summit", encoding="utf-8")
    build = _Counter(source)
    assert cache.cached("words", [source], build)["words"] == ["talks", "summit"]
    assert cache.cached("words", [source], build)["build"] == 2  # nothing stored, built again, no error


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "other-key"])
def test_cache_corrupt_file_is_rebuilt(cache_home, tmp_path, damage):
    source = tmp_path / "words.txt"
    source.write_text("talks summit ceasefire " * 50, encoding="utf-8")
    build = _Counter(source)
    cache.cached("words", [source], build)
    (path,) = cache_home.glob("words*.idx")
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a whole, valid file whose header names another key
        header = bytearray(data)
        header[8:40] = b"f" * 32
        path.write_bytes(bytes(header))
    value = cache.cached("words", [source], build)
    assert build.calls == 2
    assert value["build"] == 2
    assert cache.cached("words", [source], build)["build"] == 2  # the rebuilt index was stored again


def test_cache_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "words.txt"
    source.write_text("talks", encoding="utf-8")
    build = _Counter(source)
    cache.cached("words", [source], build)
    cache.cached("words", [source], build)
    assert build.calls == 2
    assert not (tmp_path / "cache").exists()


def test_cache_build_errors_propagate(cache_home, tmp_path):
    from accord.errors import DataError

    def broken():
        raise DataError("places.yaml: region #3: unknown country 'XXX'")

    with pytest.raises(DataError):
        cache.cached("broken", [tmp_path / "missing.yaml"], broken)
    assert not list(cache_home.glob("broken*.idx")) if cache_home.exists() else True


def _clear_loaders():
    from accord.actors import kb
    from accord.events import lexicon
    from accord.geo import gazetteer

    gazetteer.load_gazetteer.cache_clear()
    kb._cached.cache_clear()
    lexicon._load.cache_clear()


@pytest.fixture()
def fresh_loaders():
    """The process-wide loaders forgotten before and after, so each test reads its own cache directory."""
    _clear_loaders()
    yield
    _clear_loaders()


def test_cache_indexes_equal_the_built_ones(cache_home, fresh_loaders):
    from accord.actors.kb import build_kb, load_kb
    from accord.events.lexicon import _build, load_lexicon
    from accord.geo.gazetteer import build_gazetteer, load_gazetteer

    load_gazetteer(), load_kb(), load_lexicon()  # cold: built and stored
    assert {p.name.split(".")[0].split("-")[0] for p in cache_home.glob("*.idx")} == {"actor", "lexicon"}
    assert [p.name.split(".")[0] for p in cache_home.glob("*.db")] == ["gazetteer"]
    _clear_loaders()
    gaz, kb, lex = load_gazetteer(), load_kb(), load_lexicon()  # warm: read back
    built = build_gazetteer()
    assert gaz.as_dicts() == built.as_dicts() and gaz.state_codes == built.state_codes
    assert gaz.lookup("Springfield, Illinois") == built.lookup("Springfield, Illinois")
    assert kb == build_kb()
    fresh = _build((), True)
    assert lex.triggers == fresh.triggers
    assert lex._index == fresh._index and lex._fallback == fresh._fallback


def test_cache_identical_coding_with_and_without_the_cache(cache_home, fresh_loaders, monkeypatch):
    from accord.pipeline import code_text

    def coded():
        _clear_loaders()
        doc = code_text(TEXT, date="2023-03-14")
        return [e.to_dict() for e in doc.events], [q.to_dict() for q in doc.quotes], [a.to_dict() for a in doc.actors]

    cold = coded()
    warm = coded()
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    uncached = coded()
    assert cold == warm == uncached
    events = cold[0]
    assert events, "the text codes events"
    assert any(e["event_loc"] and e["event_loc"]["name"] == "Ankara" for e in events)


def test_cache_kb_with_user_files_is_keyed_by_them(cache_home, fresh_loaders, tmp_path):
    from accord.actors.kb import _cached

    user = tmp_path / "extra.yaml"
    user.write_text("nonactors:\n  - Harbour Commission\n", encoding="utf-8")
    kb = _cached((user,))
    assert "Harbour Commission" in kb.nonactor_phrases
    user.write_text("nonactors:\n  - Tidewater Board\n", encoding="utf-8")
    _cached.cache_clear()
    kb = _cached((user,))
    assert "Tidewater Board" in kb.nonactor_phrases and "Harbour Commission" not in kb.nonactor_phrases


def test_variants_unused_for_a_month_are_removed_when_an_index_is_written(cache_home, tmp_path):
    """Another checkout's copy of an index is kept while it is used and removed once it has gone unused."""
    import os
    import time

    source = tmp_path / "words.txt"
    source.write_text("talks summit", encoding="utf-8")
    cache_home.mkdir(parents=True)
    old = cache_home / "words.0badc0de-0123456789abcdef0123456789abcdef.idx"
    recent = cache_home / "words.feedf00d-0123456789abcdef0123456789abcdef.idx"
    unrelated = cache_home / "lexicon.0badc0de-0123456789abcdef0123456789abcdef.idx"
    for path in (old, recent, unrelated):
        path.write_bytes(b"x")
    month_ago = time.time() - (cache.STALE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    os.utime(unrelated, (month_ago, month_ago))
    cache.cached("words", [source], _Counter(source))
    assert not old.exists(), "a variant unused for a month is removed"
    assert recent.exists(), "a variant in use elsewhere is kept"
    assert unrelated.exists(), "other indexes are not touched"
    assert len(list(cache_home.glob("words*.idx"))) == 2
