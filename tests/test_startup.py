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
