"""The `accord` command: a thin shell over the library. Each command lives in its own module."""

from __future__ import annotations

import typer

from accord import __version__
from accord.cli.safe import SafeTyper

app = SafeTyper(
    name="accord",
    help="Political event data from news: PLOVER 2.0 and CAMEO events with actors, dates, places and evidence.",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an unexpected failure (also ACCORD_DEBUG=1)."),
) -> None:
    """Accord turns news into political event data."""


def _register() -> None:
    """Each command module defines ``register(app)``."""
    from accord.cli import actors, code, demo, eval, explain, export, query

    for module in (code, actors, query, export, explain, eval, demo):
        module.register(app)
    from accord.cli import serve; serve.register(app)  # noqa: E702


_register()
