"""The edge where errors meet people: every failure of a command is one coded line on stderr.

Usage mistakes exit with 2, failures with 1; a traceback is shown only with ``--debug`` or
``ACCORD_DEBUG=1`` (for bug reports).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Sequence

import typer

from typer import Abort

try:  # Typer 0.2x carries its own copy of Click
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover - older Typer on the system Click
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from accord.errors import AccordError, Code, MESSAGES


_DEBUG = {"on": False}  # set by run() for the commands it runs


def debugging(argv: Sequence[str] = ()) -> bool:
    """Whether tracebacks should be shown: ``--debug`` on the command line, ACCORD_DEBUG=1, or inside run(debug)."""
    return _DEBUG["on"] or "--debug" in argv or os.environ.get("ACCORD_DEBUG", "") not in ("", "0")


def _say(line: str) -> None:
    try:
        sys.stderr.write(line.rstrip("\n").replace("\n", " ") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def run(app: typer.Typer, argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``) and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = debugging(argv)
    if "--debug" in argv:  # accepted anywhere on the line; the app declares it before the command
        argv = ["--debug"] + [a for a in argv if a != "--debug"]
    command = typer.main.get_command(app)
    _DEBUG["on"] = debug
    try:
        rv = command.main(args=argv, prog_name="accord", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except NoArgsIsHelpError as exc:  # `accord query`: the help is the answer
        typer.echo(exc.format_message())
        return 0
    except UsageError as exc:
        if debug:
            raise
        hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        _say(f"accord: [{Code.USAGE.value}] {exc.format_message()}{hint}")
        return 2
    except (Abort, KeyboardInterrupt):
        _say("accord: interrupted")
        return 130
    except AccordError as exc:
        if debug:
            raise
        _say(f"accord: {exc}")
        return 2 if exc.code in (Code.USAGE, Code.QUERY_INVALID, Code.SETTINGS_INVALID) else 1
    except ClickException as exc:
        if debug:
            raise
        _say(f"accord: [{Code.USAGE.value}] {exc.format_message()}")
        return exc.exit_code
    except BrokenPipeError:  # `accord ... | head`: the reader left; nothing to report
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 1
    except MemoryError:
        if debug:
            raise
        _say(f"accord: [{Code.UNEXPECTED.value}] out of memory; code fewer or shorter documents at a time")
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if debug:
            raise
        if _is_duckdb_io_error(exc):  # the file went bad under a query (truncated, corrupt, unreadable)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            _say(f"accord: [{Code.STORE_OPEN_FAILED.value}] The database file could not be read; it may be truncated "
                 f"or corrupt ({first})")
            return 1
        _say(f"accord: [{Code.UNEXPECTED.value}] {MESSAGES[Code.UNEXPECTED]} ({type(exc).__name__}: {exc})")
        return 1
    finally:
        _DEBUG["on"] = False


def _is_duckdb_io_error(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB's IOException, without importing DuckDB (a third of a second) into commands
    that never open a store: if DuckDB is not loaded, nothing can have raised its exceptions."""
    duckdb = sys.modules.get("duckdb")
    io_error = getattr(duckdb, "IOException", None) if duckdb is not None else None
    return io_error is not None and isinstance(exc, io_error)


class SafeTyper(typer.Typer):
    """A Typer app whose console entry point never shows a traceback (see :func:`run`)."""

    def __call__(self, *args, **kwargs):  # the `accord` console script calls app()
        if args or kwargs:  # programmatic use with click arguments: behave like Typer
            return super().__call__(*args, **kwargs)
        code = run(self)
        # The process ends here. Python's shutdown collects garbage over every object still alive (spaCy's
        # model, the indexes, the lexicons: ~0.4 s of CPU, a fifth of a one-sentence `accord code`); frozen,
        # they are left to the operating system. Modules are still cleared and objects freed by reference
        # count as before; only cycles are not searched for (commands close their stores themselves).
        gc.freeze()
        sys.exit(code)
